"""Local ONNX exports of the embedding model, made once into the data directory and checked on
every load.

Each variant (fp32, int8) is a complete sentence-transformers folder with one ONNX file and an
`export.json` beside it: the source model's identity, the package versions that made it and a
sha256 of every file. A folder whose files fail their digests, or that was made from another
model or by other package versions, is deleted and exported again. Nothing is fetched: the source
is the local model folder (the bundled package by default), loaded with HF_HUB_OFFLINE=1.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from index.store import file_sha256

log = logging.getLogger(__name__)

MANIFEST = "export.json"
EXPORT_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Variant:
    name: str  # folder name and manifest tag
    pattern: str  # glob of the ONNX file inside the folder (the quantizer names its weight type)


FP32 = Variant("fp32", "onnx/model.onnx")
# This CPU (AMD EPYC, Zen 3) has AVX2 but no AVX-512: the avx2 config is the one that runs its
# int8 kernels; avx512/avx512_vnni quantizations would run, slower, through fallbacks.
INT8_CONFIG = "avx2"
INT8 = Variant(f"int8-{INT8_CONFIG}", f"onnx/model_*int8_{INT8_CONFIG}.onnx")



def source_identity(location: str) -> dict:
    """What the export was made from: names and sizes of the source folder's files (a model
    folder is replaced, never edited in place; hashing 90 MB of weights on every load is not
    worth it), or the hub id as given."""
    src = Path(location)
    if not src.is_dir():
        return {"id": location}
    files = {p.relative_to(src).as_posix(): p.stat().st_size for p in sorted(src.rglob("*"))
             if p.is_file() and "__pycache__" not in p.parts and "onnx" not in p.parts}
    return {"path": str(src.resolve()), "files": files}


def _versions() -> dict[str, str]:
    out = {}
    for name in ("sentence-transformers", "optimum-onnx", "optimum", "onnxruntime", "onnx"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return out


def _file_digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): file_sha256(p) for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != MANIFEST}


def check_export(folder: Path, variant: Variant, source: dict) -> str | None:
    """Why the export in `folder` cannot be used, or None when it can."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return "no export yet"
    except (OSError, ValueError) as e:
        return f"its manifest is unreadable ({e})"
    if manifest.get("format") != EXPORT_FORMAT or manifest.get("variant") != variant.name:
        return "it was made by another version of this exporter"
    if manifest.get("source") != source:
        return "it was exported from another model"
    if manifest.get("versions") != _versions():
        return "it was exported by other package versions"
    if manifest.get("sha256") != _file_digests(folder):
        return "its files fail their checksums (damaged or edited)"
    if not (folder / str(manifest.get("file_name"))).is_file():
        return "its ONNX file is missing"
    return None


def ensure_export(location: str, cache_dir: Path, variant: Variant,
                  make: Callable[[str, Path], None]) -> tuple[Path, str]:
    """(folder, ONNX file in it) of a verified export of `location` as `variant`, made with
    `make(location, folder)` when missing or unusable. Safe across processes (a file lock)."""
    source = source_identity(location)
    slug = hashlib.sha256(json.dumps(source, sort_keys=True).encode()).hexdigest()[:12]
    parent = cache_dir / "onnx" / f"{Path(location).name}-{slug}"
    folder = parent / variant.name
    parent.mkdir(parents=True, exist_ok=True)
    with open(parent / f".{variant.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a second process waits for the first one's export
        why = check_export(folder, variant, source)
        if why is None:
            return folder, _recorded_file(folder)
        if why != "no export yet":
            log.warning("the ONNX export in %s is not usable (%s): exporting it again", folder, why)
        shutil.rmtree(folder, ignore_errors=True)
        tmp = parent / f".{variant.name}.tmp-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        t0 = time.perf_counter()
        log.warning("exporting the embedding model to ONNX (%s) into %s — once, about a minute",
                    variant.name, folder)
        try:
            make(location, tmp)
            made = sorted(p.relative_to(tmp).as_posix() for p in tmp.glob(variant.pattern))
            if len(made) != 1:
                raise RuntimeError(f"the ONNX export made {made or 'no file'} for {variant.pattern}")
            manifest = {"format": EXPORT_FORMAT, "variant": variant.name, "file_name": made[0],
                        "source": source, "versions": _versions(), "sha256": _file_digests(tmp)}
            (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
            os.replace(tmp, folder)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        log.warning("ONNX export (%s) done in %.0f s", variant.name, time.perf_counter() - t0)
        return folder, made[0]


def _recorded_file(folder: Path) -> str:
    return str(json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["file_name"])
