"""Moderator uploads into the corpus: file-name sanitising, checks and an atomic write."""

from __future__ import annotations

import logging
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from index.errors import QuotebotError

log = logging.getLogger(__name__)

ALLOWED_EXTENSIONS = frozenset({"txt", "md", "html", "htm", "pdf", "csv", "jsonl"})
MAX_NAME_CHARS = 120
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", "conin$", "conout$"}
    | {f"com{i}" for i in range(10)}
    | {f"lpt{i}" for i in range(10)}
)
_UNSAFE = re.compile(r'[<>:"|?*\\/]')


class UploadRefused(QuotebotError):
    """The upload was refused; the message says why. Nothing was written."""


def sanitise_name(raw: str) -> str:
    """A safe basename for `raw`, or raise UploadRefused.

    Strips directories (either separator), control characters (NUL included), characters Windows
    forbids, leading dots and spaces; refuses Windows device names (CON, NUL, COM1 …) whatever the
    extension, and caps the length while keeping the extension.
    """
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = _UNSAFE.sub("_", name).strip().lstrip(". ").rstrip(". ")
    if not name:
        raise UploadRefused("That file name is empty once unsafe characters are removed.")
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    if stem.split(".")[0].strip().lower() in _WINDOWS_RESERVED or not stem.strip():
        raise UploadRefused(f"“{name[:60]}” is not a usable file name; rename the file and try again.")
    ext = ext.lower()
    if ext not in ALLOWED_EXTENSIONS:
        allowed = ", ".join(sorted(ALLOWED_EXTENSIONS))
        raise UploadRefused(f"Only these file types can be added: {allowed}.")
    stem = stem[: MAX_NAME_CHARS - len(ext) - 1].rstrip(". ")
    return f"{stem}.{ext}"


def check_size(size: int, limit: int) -> None:
    if size > limit:
        raise UploadRefused(
            f"That file is {size / 1_048_576:.1f} MB; the limit is {limit / 1_048_576:.1f} MB."
        )
    if size <= 0:
        raise UploadRefused("That file is empty.")


def target_path(corpus_dir: Path, name: str, overwrite: bool) -> Path:
    """Where `name` goes, proven to be directly inside `corpus_dir`."""
    root = corpus_dir.resolve()
    target = (root / name).resolve()
    if not target.is_relative_to(root) or target.parent != root:
        raise UploadRefused("That file name points outside the corpus.")
    if target.exists() and not overwrite:
        raise UploadRefused(
            f"`{name}` is already in the corpus. Upload again with overwrite:True to replace it."
        )
    return target


def write_atomic(target: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename over the target."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".upload-", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    log.info("wrote %s (%d bytes)", target, len(data))
