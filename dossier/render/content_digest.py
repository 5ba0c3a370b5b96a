"""What a document says, as one digest: two contents have the same digest exactly when they would be laid
out the same (a revision is due when a document's digest changes, not when some value it read did).

The digest is taken over a canonical form of the content tree, the same in every process: dataclasses by
their compared fields, sets in a sorted order (a set's own order changes with the process's hash seed), a
chart by what it draws (never by drawing it).
"""

from __future__ import annotations

import hashlib
from dataclasses import fields, is_dataclass
from typing import Any

from .charts import Chart

__all__ = ["content_digest"]


def _compared_fields(cls: type) -> tuple[str, ...]:
    names = _COMPARED.get(cls)
    if names is None:
        names = _COMPARED[cls] = tuple(f.name for f in fields(cls) if f.compare)
    return names


_COMPARED: dict[type, tuple[str, ...]] = {}
_PLAIN = frozenset({str, int, float, bool, type(None)})


def _canonical(value: Any, out: list[str]) -> None:
    """Append the canonical form of ``value`` to ``out``, piece by piece (one list for the whole tree: a
    generator per level would pass every piece up through every level above it)."""
    if type(value) in _PLAIN:                   # most of a tree: text and numbers
        out.append(f"{type(value).__name__}:{value!r}")
    elif isinstance(value, Chart):
        out.append(f"Chart:{value.draw.__module__}.{value.draw.__qualname__}(")
        _canonical(value.args, out)
        out.append(")")
    elif is_dataclass(value) and not isinstance(value, type):
        out.append(f"{type(value).__name__}(")
        for name in _compared_fields(type(value)):
            out.append(f"{name}=")
            _canonical(getattr(value, name), out)
            out.append(",")
        out.append(")")
    elif isinstance(value, (tuple, list)):
        out.append("[")
        for item in value:
            _canonical(item, out)
            out.append(",")
        out.append("]")
    elif isinstance(value, dict):
        out.append("{")
        for key, item in value.items():
            _canonical(key, out)
            out.append(":")
            _canonical(item, out)
            out.append(",")
        out.append("}")
    elif isinstance(value, (set, frozenset)):
        out.append("{" + ",".join(sorted(_text(item) for item in value)) + "}")
    else:
        out.append(f"{type(value).__name__}:{value!r}")


def _text(value: Any) -> str:
    pieces: list[str] = []
    _canonical(value, pieces)
    return "".join(pieces)


def content_digest(value: Any) -> str:
    """The digest of a content tree (a Document, or any part of one)."""
    return hashlib.sha256(_text(value).encode("utf-8")).hexdigest()
