"""The benchmarks stand on their own: nothing under bench/ imports the test suite."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted((REPO / "bench").rglob("*.py")), ids=lambda p: str(p.relative_to(REPO)))
def test_benchmark_imports_nothing_from_tests(path):
    assert not {m for m in imported_modules(path) if m == "tests" or m.startswith("tests.")}


@pytest.mark.parametrize("package", ["bot", "index"])
def test_product_code_never_imports_the_doubles(package):
    for path in (REPO / package).rglob("*.py"):
        assert not {m for m in imported_modules(path) if m.split(".")[0] == "doubles"}, path
