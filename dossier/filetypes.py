"""What a file is, by its content rather than its name."""

from __future__ import annotations

from pathlib import Path

__all__ = ["sniff", "KINDS", "check_kind"]

KINDS = {"pdf": "PDF", "jpeg": "JPEG 图片", "png": "PNG 图片"}
_EXTENSIONS = {".pdf": "pdf", ".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png"}


def sniff(head: bytes) -> str | None:
    """``pdf``, ``jpeg`` or ``png`` from a file's first bytes; None for anything else."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    return None


def check_kind(path: Path, shown: str) -> tuple[str | None, str | None]:
    """(kind, None) for a usable attachment, or (None, Chinese message) saying why not."""
    with path.open("rb") as fh:
        head = fh.read(1024)
    if not head:
        return None, f"“{shown}”是空文件（0 字节）。"
    kind = sniff(head)
    if kind is None:
        return None, f"“{shown}”的内容不是 PDF、JPEG 或 PNG；请提供扫描件的 PDF 或图片。"
    named = _EXTENSIONS.get(path.suffix.lower())
    if named is None:
        return None, f"“{shown}”的扩展名应为 .pdf、.jpg 或 .png（内容为 {KINDS[kind]}）。"
    if named != kind:
        return None, f"“{shown}”的扩展名是 {path.suffix}，但内容是 {KINDS[kind]}；请改正扩展名或换成正确的文件。"
    return kind, None
