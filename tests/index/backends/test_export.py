"""Local ONNX exports: made once, reused while intact, redone when damaged or from another model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.backends.export import FP32, INT8, ensure_export


class Maker:
    """Writes a small stand-in export (the real one is covered by tests/quality)."""

    def __init__(self, file_name: str = "onnx/model.onnx") -> None:
        self.calls = 0
        self.file_name = file_name

    def __call__(self, location: str, folder: Path) -> None:
        self.calls += 1
        (folder / "onnx").mkdir(parents=True)
        (folder / self.file_name).write_bytes(b"graph" * 100)
        (folder / "tokenizer.json").write_text("{}")


@pytest.fixture
def source(tmp_path: Path) -> Path:
    src = tmp_path / "model"
    src.mkdir()
    (src / "model.safetensors").write_bytes(b"weights")
    (src / "config.json").write_text("{}")
    return src


def test_an_export_is_made_once_and_reused(source, tmp_path):
    make = Maker()
    first = ensure_export(str(source), tmp_path / "cache", FP32, make)
    second = ensure_export(str(source), tmp_path / "cache", FP32, make)
    assert first == second and make.calls == 1 and (first[0] / first[1]).is_file()


@pytest.mark.parametrize("damage", ["flip a byte", "delete the graph", "garble the manifest"])
def test_a_damaged_export_is_detected_and_redone(source, tmp_path, damage):
    make = Maker()
    folder, name = ensure_export(str(source), tmp_path / "cache", FP32, make)
    if damage == "flip a byte":
        data = bytearray((folder / name).read_bytes())
        data[3] ^= 0xFF
        (folder / name).write_bytes(bytes(data))
    elif damage == "delete the graph":
        (folder / name).unlink()
    else:
        (folder / "export.json").write_text("{not json")
    again, _ = ensure_export(str(source), tmp_path / "cache", FP32, make)
    assert make.calls == 2 and (again / name).read_bytes() == b"graph" * 100


def test_a_changed_source_model_gets_its_own_export(source, tmp_path):
    make = Maker()
    before, _ = ensure_export(str(source), tmp_path / "cache", FP32, make)
    (source / "model.safetensors").write_bytes(b"other weights")
    after, _ = ensure_export(str(source), tmp_path / "cache", FP32, make)
    assert make.calls == 2 and after != before


def test_an_export_made_for_another_source_is_redone(source, tmp_path):
    make = Maker()
    folder, _ = ensure_export(str(source), tmp_path / "cache", FP32, make)
    manifest = json.loads((folder / "export.json").read_text())
    manifest["source"] = {"id": "someone/else"}
    (folder / "export.json").write_text(json.dumps(manifest))
    ensure_export(str(source), tmp_path / "cache", FP32, make)
    assert make.calls == 2


def test_the_int8_file_is_found_whatever_weight_type_the_quantizer_names(source, tmp_path):
    make = Maker("onnx/model_quint8_avx2.onnx")
    folder, name = ensure_export(str(source), tmp_path / "cache", INT8, make)
    assert name == "onnx/model_quint8_avx2.onnx" and folder.name == INT8.name


def test_an_export_that_made_no_graph_fails_and_leaves_nothing(source, tmp_path):
    def empty(location, folder):
        folder.mkdir(parents=True)

    with pytest.raises(RuntimeError):
        ensure_export(str(source), tmp_path / "cache", FP32, empty)
    assert not list((tmp_path / "cache").rglob("export.json"))
