"""The versions of the data format (``versions.yaml``): which a data file is written against, and what
each version changed. Every version so far only adds optional fields, so older files stay valid."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..packaged import read_yaml

__all__ = ["VERSION_KEY", "FormatVersion", "format_versions", "current_version"]

#: the top-level key of a data file that states its format version
VERSION_KEY = "schema_version"


@dataclass(frozen=True)
class FormatVersion:
    version: int
    changes: tuple[str, ...]


@lru_cache(maxsize=None)
def format_versions() -> tuple[FormatVersion, ...]:
    return tuple(FormatVersion(v["version"], tuple(v["changes"])) for v in read_yaml(Path(__file__).parent / "versions.yaml"))


def current_version() -> int:
    return format_versions()[-1].version
