"""Fingerprints a build compares: the tool's own (code, templates, schemas, standards) and the company folder's."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

__all__ = ["tool_fingerprint", "sources_digest"]

_PACKAGE = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=None)
def tool_fingerprint() -> str:
    """A digest of everything in the package that shapes an output: code, templates, schemas, standards."""
    hasher = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            hasher.update(path.relative_to(_PACKAGE).as_posix().encode("utf-8") + b"\0")
            hasher.update(hashlib.sha256(path.read_bytes()).digest())
    return hasher.hexdigest()


def sources_digest(root: Path) -> str:
    """A digest of every file of the company folder (data, tables, attachments)."""
    hasher = hashlib.sha256()
    root = Path(root)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        hasher.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        hasher.update(hashlib.sha256(path.read_bytes()).digest())
    return hasher.hexdigest()
