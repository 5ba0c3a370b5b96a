"""pypdf objects written out as PDF bytes with their references left open, so that a piece of the binder
serialised once can be numbered anew wherever it lands.

A reference is written as a marker, ``\\x01name\\x02``, instead of ``12 0 R``: ``name`` is a number for an
object of the same piece, or a word for an object only the whole binder has (its page tree, a shared font,
another part's page). pypdf writes every string escaped (literal strings octal-escape anything but letters,
digits and spaces; names escape control characters as ``#xx``), so neither byte occurs in a dictionary
otherwise; stream data is kept apart and never searched.
"""

from __future__ import annotations

import io
import re
import zlib
from typing import Callable

from pypdf.generic import (ArrayObject, BooleanObject, ContentStream, DictionaryObject, FloatObject,
                           IndirectObject, NameObject, NullObject, NumberObject, StreamObject)

__all__ = ["MARKER", "marker", "Templater", "fill"]

MARKER = re.compile(rb"\x01([^\x02]*)\x02")
#: streams shorter than this are written as they are, compressed or not
_WORTH_COMPRESSING = 64


def marker(name: str | int) -> bytes:
    """The marker of a reference to ``name`` (a piece's own object number, or a binder-wide name)."""
    return b"\x01" + str(name).encode("ascii") + b"\x02"


def fill(template: bytes, resolve: Callable[[bytes], int]) -> bytes:
    """``template`` with each marker replaced by ``N 0 R``, N = ``resolve(name)``."""
    return MARKER.sub(lambda m: b"%d 0 R" % resolve(m.group(1)), template)


class Templater:
    """Writes objects reachable from some roots, numbering the objects of one pypdf document in the order
    they are met. ``classify(obj)`` may name a referenced object as something the binder supplies (a
    marker name), so that it is not written here; None: the object is written as one of the piece's own."""

    def __init__(self, classify: Callable[[object], str | None], compress: bool = False):
        self._classify = classify
        self._compress = compress
        self._numbers: dict[int, int] = {}        # id() of the resolved object → local number
        self._pending: list[object] = []
        self.objects: list[tuple[bytes, bytes | None]] = []    # (dictionary or value, stream data)

    def number(self, obj) -> int:
        """The local number of ``obj`` (a resolved indirect object), written in due course."""
        key = id(obj)
        number = self._numbers.get(key)
        if number is None:
            number = self._numbers[key] = len(self._numbers) + 1
            self._pending.append(obj)
        return number

    def flush(self) -> None:
        """Write every object numbered so far, and those they reach."""
        while len(self.objects) < len(self._numbers):
            obj = self._pending[len(self.objects)]
            self.objects.append(self.dump(obj, top=True))

    def reference(self, ref: IndirectObject) -> bytes:
        obj = ref.get_object()
        named = self._classify(obj)
        return marker(named if named is not None else self.number(obj))

    def value(self, obj) -> bytes:
        """A direct value as bytes (references as markers)."""
        out = bytearray()
        self._write(obj, out)
        return bytes(out)

    def dump(self, obj, top: bool = False) -> tuple[bytes, bytes | None]:
        if isinstance(obj, StreamObject):
            if isinstance(obj, ContentStream) and not obj._data and obj._operations:
                obj.get_data()          # pypdf rebuilds the bytes of a content stream it parsed
            data = obj._data
            if self._compress and "/Filter" not in obj and len(data) > _WORTH_COMPRESSING:
                data = zlib.compress(data)
                obj = DictionaryObject(obj)
                obj[NameObject("/Filter")] = NameObject("/FlateDecode")
            out = bytearray()
            self._dictionary(obj, out, length=len(data))
            return bytes(out), data
        return self.value(obj), None

    def _dictionary(self, obj, out: bytearray, length: int | None = None) -> None:
        out += b"<<"
        for key, value in obj.items():
            if len(key) > 2 and key[1] == "%" and key[-1] == "%":     # pypdf's own bookkeeping
                continue
            if length is not None and key == "/Length":
                continue
            out += b"\n"
            out += NameObject(key).renumber() if not isinstance(key, NameObject) else key.renumber()
            out += b" "
            self._write(value, out)
        if length is not None:
            out += b"\n/Length %d" % length
        out += b"\n>>"

    def _write(self, obj, out: bytearray) -> None:
        if isinstance(obj, IndirectObject):
            out += self.reference(obj)
        elif isinstance(obj, NameObject):
            out += obj.renumber()
        elif isinstance(obj, BooleanObject):
            out += b"true" if obj.value else b"false"
        elif isinstance(obj, NumberObject):
            out += b"%d" % obj
        elif isinstance(obj, FloatObject):
            out += obj.myrepr().encode("ascii")
        elif isinstance(obj, DictionaryObject):
            if isinstance(obj, StreamObject):
                raise ValueError("a stream must be an indirect object")
            self._dictionary(obj, out)
        elif isinstance(obj, ArrayObject):
            out += b"["
            for item in obj:
                out += b" "
                self._write(item, out)
            out += b" ]"
        elif isinstance(obj, NullObject) or obj is None:
            out += b"null"
        else:                   # strings, and anything else pypdf knows how to write
            buffer = io.BytesIO()
            obj.write_to_stream(buffer)
            out += buffer.getvalue()
