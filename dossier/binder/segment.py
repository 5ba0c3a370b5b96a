"""A segment: one piece of the binder (the front matter, a document, an attachment, the outline) as PDF
objects numbered on their own, ready to be numbered anew and copied into any binder.

Each object is its dictionary (or value) with references left as markers (:mod:`.objects`) and, for a
stream, its data as it will be written. An object that does not depend on where its piece lands (a font,
an image, a resource dictionary) carries a digest of its content and of everything it refers to: objects
of different segments with the same digest are one object of the binder, so an image or a colour space
that several documents embed is written once. Pages, and whatever refers to a page, stay their segment's own.

A segment is stored as bytes (``encode``): a header, the objects, and a checksum over both, so that a
damaged copy in the build cache is recognised and never used.
"""

from __future__ import annotations

import hashlib
import json
import struct
from dataclasses import dataclass, field

from .objects import MARKER

__all__ = ["Segment", "shared_digests"]

_MAGIC = b"dossier-segment 1\n"
_SIZE = struct.Struct(">Q")


@dataclass
class Segment:
    objects: list[tuple[bytes, bytes | None]]          # object n is objects[n - 1]: (dictionary or value, stream)
    pages: list[int] = field(default_factory=list)     # the local numbers of its pages, in order
    meta: dict = field(default_factory=dict)           # what the binder needs to know of it (JSON values)
    shared: list[str | None] | None = None             # per object: its digest, None if it is this segment's own

    def __post_init__(self):
        if self.shared is None:
            self.shared = shared_digests(self.objects, self.pages)

    def encode(self) -> bytes:
        sizes = [[len(t), -1 if s is None else len(s)] for t, s in self.objects]
        header = json.dumps({"pages": self.pages, "meta": self.meta, "shared": self.shared, "sizes": sizes},
                            ensure_ascii=True, separators=(",", ":"), sort_keys=True).encode("ascii")
        body = b"".join(t + (s or b"") for t, s in self.objects)
        data = b"".join([_MAGIC, _SIZE.pack(len(header)), header, body])
        return data + hashlib.sha256(data).digest()

    @classmethod
    def decode(cls, data: bytes) -> "Segment | None":
        """The segment stored in ``data``; None when it is not one, or not whole."""
        if len(data) < len(_MAGIC) + _SIZE.size + 32 or not data.startswith(_MAGIC):
            return None
        view = memoryview(data)
        if hashlib.sha256(view[:-32]).digest() != data[-32:]:
            return None
        try:
            start = len(_MAGIC) + _SIZE.size
            (length,) = _SIZE.unpack_from(data, len(_MAGIC))
            header = json.loads(bytes(view[start:start + length]))
            offset, objects = start + length, []
            for size, stream in header["sizes"]:
                template = bytes(view[offset:offset + size])
                offset += size
                data_ = None
                if stream >= 0:
                    data_ = bytes(view[offset:offset + stream])
                    offset += stream
                objects.append((template, data_))
            if offset != len(data) - 32:
                return None
            return cls(objects, header["pages"], header["meta"], header["shared"])
        except (ValueError, KeyError, TypeError):
            return None


def shared_digests(objects: list[tuple[bytes, bytes | None]], pages: list[int]) -> list[str | None]:
    """The digest of each object (None: not to be shared): of its bytes, with each reference to an object
    of the segment replaced by that object's digest. Pages, objects with a marker that depends on where
    the segment lands (``@…``), objects on a cycle of references and any object referring to one of
    those are not shared."""
    count = len(objects)
    references: list[list[int]] = []
    placed: list[bool] = []
    for template, _ in objects:
        names = MARKER.findall(template)
        references.append([int(n) for n in names if n.isdigit()])
        placed.append(any(n.startswith(b"@") for n in names))
    digests: list[str | None] = [None] * (count + 1)
    state = [0] * (count + 1)                  # 0 not seen, 1 on the path being followed, 2 done
    cyclic = [False] * (count + 1)
    for page in pages:
        state[page] = 2
    for start in range(1, count + 1):
        if state[start]:
            continue
        state[start] = 1
        path = [(start, iter(references[start - 1]))]
        while path:
            node, children = path[-1]
            child = next(children, None)
            if child is None:
                path.pop()
                state[node] = 2
                digests[node] = _digest(objects[node - 1], references[node - 1], digests) \
                    if not (placed[node - 1] or cyclic[node]) else None
            elif state[child] == 0:
                state[child] = 1
                path.append((child, iter(references[child - 1])))
            elif state[child] == 1:            # a cycle: every object on it stays its segment's own
                for member, _ in reversed(path):
                    cyclic[member] = True
                    if member == child:
                        break
    return digests[1:]


def _digest(obj: tuple[bytes, bytes | None], references: list[int], digests: list[str | None]) -> str | None:
    if any(digests[r] is None for r in references):
        return None
    template, stream = obj
    body = MARKER.sub(lambda m: b"\x01" + (digests[int(m.group(1))].encode("ascii") if m.group(1).isdigit()
                                          else m.group(1)) + b"\x02", template)
    hasher = hashlib.sha256(b"stream\n" if stream is not None else b"value\n")
    hasher.update(body)
    if stream is not None:
        hasher.update(b"\nstream\n")
        hasher.update(stream)
    return hasher.hexdigest()[:32]
