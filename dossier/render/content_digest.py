"""What a document says, as one digest: two contents have the same digest exactly when they would be laid
out the same (a revision is due when a document's digest changes, not when some value it read did).

The digest is taken over a canonical form of the content tree, the same in every process: dataclasses by
their compared fields, sets in a sorted order (a set's own order changes with the process's hash seed), a
chart by what it draws (never by drawing it).
"""

from __future__ import annotations

import hashlib
from dataclasses import fields, is_dataclass
from typing import Any, Iterator

from .charts import Chart

__all__ = ["content_digest"]


def _canonical(value: Any) -> Iterator[str]:
    if isinstance(value, Chart):
        yield f"Chart:{value.draw.__module__}.{value.draw.__qualname__}("
        yield from _canonical(value.args)
        yield ")"
    elif is_dataclass(value) and not isinstance(value, type):
        yield f"{type(value).__name__}("
        for f in fields(value):
            if f.compare:
                yield f"{f.name}="
                yield from _canonical(getattr(value, f.name))
                yield ","
        yield ")"
    elif isinstance(value, (tuple, list)):
        yield "["
        for item in value:
            yield from _canonical(item)
            yield ","
        yield "]"
    elif isinstance(value, dict):
        yield "{"
        for key, item in value.items():
            yield from _canonical(key)
            yield ":"
            yield from _canonical(item)
            yield ","
        yield "}"
    elif isinstance(value, (set, frozenset)):
        yield "{" + ",".join(sorted("".join(_canonical(item)) for item in value)) + "}"
    else:
        yield f"{type(value).__name__}:{value!r}"


def content_digest(value: Any) -> str:
    """The digest of a content tree (a Document, or any part of one)."""
    digest = hashlib.sha256()
    for piece in _canonical(value):
        digest.update(piece.encode("utf-8"))
    return digest.hexdigest()
