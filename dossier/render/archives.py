"""Office files (DOCX, XLSX) are zip archives whose writers stamp every member with the current time;
rewritten with a fixed time, identical content gives identical bytes."""

from __future__ import annotations

import io
import zipfile
from typing import Callable, Iterable, Mapping, Union

__all__ = ["stable_zip"]

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


#: a member's new content: its bytes, or its bytes in pieces (written one after another, never joined)
Content = Union[bytes, Iterable[Union[bytes, memoryview]]]


def stable_zip(data: bytes, edits: Mapping[str, Callable[[bytes], Content]] | None = None) -> bytes:
    """The same archive with fixed timestamps and permissions, members in their order; ``edits``: the
    members (by name) to write changed, each by its function of the member's bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    edits = edits or {}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, _ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            member = source.read(info.filename)
            content = edits[info.filename](member) if info.filename in edits else member
            if isinstance(content, bytes):
                target.writestr(fixed, content)
                continue
            with target.open(fixed, "w") as stream:
                for piece in content:
                    stream.write(piece)
    return out.getvalue()
