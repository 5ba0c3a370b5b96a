"""``dossier init``: a new company folder, every file commented and valid as written."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .schemas import data_files

__all__ = ["write_scaffold"]

_TEMPLATES = Path(__file__).parent / "templates" / "scaffold"


def write_scaffold(directory: Path) -> list[Path]:
    """Write the scaffold into ``directory`` (absent or empty); all files appear at once or none."""
    directory = Path(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}-", dir=directory.parent))
    try:
        names = [spec.filename for spec in data_files() if (_TEMPLATES / spec.filename).exists()]
        for name in names:
            shutil.copyfile(_TEMPLATES / name, staging / name)
        (staging / "attachments").mkdir()
        if directory.exists():
            directory.rmdir()  # empty, checked by the caller
        os.replace(staging, directory)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [directory / name for name in names] + [directory / "attachments"]
