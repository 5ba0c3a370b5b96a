"""Places to seal or sign in a document, named by anchors so the binder finds their pages.

A builder's :class:`~dossier.render.content.SignField` that ``needs`` a seal or a signature is such a
place; the builder base numbers them (``numbered``), giving each an anchor that says what it needs and
whether an image fills it (``place-seal-open-1``, ``place-signature-done-2``). The PDF writer puts the
anchor on the field, so a rendered document's anchors (kept in the manifest) tell, page by page, what
is left to seal or sign by hand.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterator

from .content import Box, Document, Halves, SignField, Signatures

__all__ = ["place_anchor", "parse_place", "numbered", "places_in"]

_PREFIX = "place-"


def place_anchor(needs: str, filled: bool, number: int) -> str:
    return f"{_PREFIX}{needs}-{'done' if filled else 'open'}-{number}"


def parse_place(anchor: str) -> tuple[str, bool] | None:
    """(what the place needs, whether it is filled) of a place's anchor; None for any other anchor."""
    if not anchor.startswith(_PREFIX):
        return None
    parts = anchor[len(_PREFIX):].split("-")
    if len(parts) != 3 or parts[1] not in ("done", "open"):
        return None
    return parts[0], parts[1] == "done"


def _fields(block) -> Iterator[SignField]:
    if isinstance(block, Signatures):
        yield from (f for f in block.fields if f.needs)
    elif isinstance(block, Box):
        for inner in block.blocks:
            yield from _fields(inner)
    elif isinstance(block, Halves):
        yield from _fields(block.left)
        yield from _fields(block.right)


def places_in(document: Document) -> tuple[SignField, ...]:
    """The places to seal or sign of a document, in order."""
    return tuple(f for section in document.sections for block in section.blocks for f in _fields(block))


class _Counter:
    def __init__(self):
        self.count = 0

    def block(self, block):
        if isinstance(block, Signatures):
            return Signatures(tuple(self.field(f) for f in block.fields))
        if isinstance(block, Box):
            return replace(block, blocks=tuple(self.block(b) for b in block.blocks))
        if isinstance(block, Halves):
            return Halves(self.block(block.left), self.block(block.right))
        return block

    def field(self, field: SignField) -> SignField:
        if not field.needs:
            return field
        self.count += 1
        return replace(field, anchor=place_anchor(field.needs, field.picture is not None, self.count))


def numbered(document: Document) -> Document:
    """The document with each place to seal or sign given its anchor, numbered in order."""
    counter = _Counter()
    return Document(tuple(replace(s, blocks=tuple(counter.block(b) for b in s.blocks)) for s in document.sections))
