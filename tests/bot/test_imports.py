"""The import graph of `bot/`: one way (nothing imports bot.app back), no cycles, and every
module importable on its own."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BOT = REPO / "bot"


def _module(path: Path) -> str:
    rel = path.relative_to(REPO).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


MODULES = sorted(_module(p) for p in BOT.rglob("*.py") if p.name != "__main__.py")


def _source(module: str) -> str:
    """A module's code: its file, or its package's __init__.py (a cog may be a package)."""
    path = REPO / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = REPO / module.replace(".", "/") / "__init__.py"
    return path.read_text(encoding="utf-8")


def _imports(module: str) -> set[str]:
    """Every bot module `module` imports, anywhere in the file (function bodies and
    TYPE_CHECKING blocks included: a cycle hidden there is still a cycle)."""
    found = set()
    for node in ast.walk(ast.parse(_source(module))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
            [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
        found |= {n for n in names if n == "bot" or n.startswith("bot.")}
    return {n for n in found if n in MODULES} - {module}


GRAPH = {m: _imports(m) for m in MODULES}


def test_only_the_process_wiring_imports_the_bot_class():
    assert {m for m, deps in GRAPH.items() if "bot.app" in deps} == {"bot.runner"}


def test_the_bot_package_has_no_import_cycle():
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join((*path, module))
        if module in done:
            return
        for dep in GRAPH[module]:
            visit(dep, (*path, module))
        done.add(module)

    for module in MODULES:
        visit(module, ())


def test_the_cogs_are_loaded_by_name_and_each_has_setup():
    from bot.app import COGS

    assert set(COGS) == {m for m in MODULES if m.startswith("bot.cogs.") and "async def setup(" in _source(m)}


@pytest.mark.parametrize("module", MODULES)
def test_module_imports_on_its_own(module):
    proc = subprocess.run([sys.executable, "-c", f"import {module}"], cwd=REPO, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
