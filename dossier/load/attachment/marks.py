"""Images of the company's seal (公章) and of its people's signatures, read like any attachment.

They are untrusted files as scans are: each is read in the sandbox (:mod:`.sandbox`), under tighter limits
(a seal or a signature is a small picture), and only PNG (a seal's transparent background is kept) or JPEG
is taken, the two formats both the PDF and the DOCX show as they are.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import PathRefused
from ..paths import resolve_inside
from .kinds import KINDS, sniff
from .limits import AttachmentLimits
from .sandbox import prepare_attachment

__all__ = ["MARK_LIMITS", "MarkImage", "read_mark"]

#: what one seal or signature image may cost
MARK_LIMITS = AttachmentLimits(bytes=5 * 1024 * 1024, pixels=6_000_000, frames=1)
_TAKEN = {"png": "image/png", "jpeg": "image/jpeg"}


@dataclass(frozen=True)
class MarkImage:
    """A seal or signature as printed: its bytes (as written, or converted to 8-bit PNG or JPEG), their
    type, its pixels and the digest of the bytes."""

    mime: str
    width: int
    height: int
    digest: str
    data: bytes = field(repr=False, compare=False)


def read_mark(root: Path, reference: str) -> tuple[MarkImage | None, str | None]:
    """The image ``reference`` (relative to the company folder ``root``) names, or why it is refused: one
    sentence naming the file."""
    try:
        path = resolve_inside(root, reference)
    except PathRefused as exc:
        return None, str(exc)
    with path.open("rb") as fh:
        kind = sniff(fh.read(1024))
    if kind not in _TAKEN:
        found = f"内容为 {KINDS[kind]}" if kind else "内容不是图片"
        return None, (f"“{reference}”不是 PNG 或 JPEG 图片（{found}）；公章和签名图片只接受这两种格式，"
                      "公章宜为透明背景的 PNG。")
    prepared = prepare_attachment(path, reference, MARK_LIMITS)
    if prepared.refusal:
        return None, prepared.refusal
    if prepared.as_is:
        data, mime = path.read_bytes(), _TAKEN[kind]
    else:
        data, mime = prepared.blobs[0].data, prepared.blobs[0].mime
    width, height = prepared.size or (1, 1)
    return MarkImage(mime, width, height, hashlib.sha256(data).hexdigest(), data), None
