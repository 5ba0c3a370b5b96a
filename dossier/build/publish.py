"""Publish a build: write everything into a temporary sibling, then swap it in at once.

A failed or killed build leaves the previous output untouched: the new tree only replaces the old
one when it is complete, with one atomic exchange (renameat2 RENAME_EXCHANGE on Linux; two renames
elsewhere, recovered on the next run). Leftovers of killed builds are removed before each build.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from pathlib import Path

__all__ = ["Staging", "clean_leftovers"]

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths; False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2   # the C library already loaded; no lookup
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def clean_leftovers(out: Path) -> None:
    """Remove temporary trees of earlier killed builds; restore an output left mid-swap."""
    parent = out.parent
    if not parent.is_dir():
        return
    for path in parent.glob(f".{out.name}.old-*"):
        if not out.exists():
            os.rename(path, out)
        else:
            shutil.rmtree(path, ignore_errors=True)
    for path in parent.glob(f".{out.name}.tmp-*"):
        shutil.rmtree(path, ignore_errors=True)


class Staging:
    """A temporary sibling of ``out`` to write a build into; ``commit()`` swaps it in."""

    def __init__(self, out: Path):
        self.out = Path(out)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(self.out)
        self.root = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.tmp-", dir=self.out.parent))

    def write(self, relative: str, data: bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def commit(self) -> None:
        os.chmod(self.root, 0o755)
        if not self.out.exists():
            os.rename(self.root, self.out)
            return
        if _exchange(self.root, self.out):
            shutil.rmtree(self.root)  # now holds the previous output
            return
        old = self.out.parent / f".{self.out.name}.old-{os.getpid()}"
        os.rename(self.out, old)
        os.rename(self.root, self.out)
        shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> "Staging":
        return self

    def __exit__(self, kind, value, tb) -> None:
        if kind is not None:
            self.abort()
