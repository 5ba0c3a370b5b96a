"""What an attachment is, by its content rather than its name.

A file's first bytes say what it is; its extension must agree, so that a reviewer who opens the file from
the company folder gets what its name promises. Only the formats that scanners, phones and government
portals produce are taken: PDF, and the raster formats Pillow reads without running anything else
(never EPS, which Pillow hands to Ghostscript).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["KINDS", "sniff", "check_kind", "PILLOW_FORMATS"]

#: kind → how a message names it
KINDS = {"pdf": "PDF", "jpeg": "JPEG 图片", "png": "PNG 图片", "tiff": "TIFF 图片", "bmp": "BMP 图片",
         "gif": "GIF 图片", "webp": "WebP 图片", "avif": "AVIF 图片", "heic": "HEIC 图片", "jp2": "JPEG 2000 图片",
         "pnm": "PNM 图片"}
#: the names people give each kind (Windows saves web JPEGs as .jfif; Linux scanners write .pnm)
_EXTENSIONS = {".pdf": "pdf",
               ".jpg": "jpeg", ".jpeg": "jpeg", ".jpe": "jpeg", ".jfif": "jpeg", ".mpo": "jpeg",
               ".png": "png", ".tif": "tiff", ".tiff": "tiff", ".bmp": "bmp", ".gif": "gif", ".webp": "webp",
               ".avif": "avif", ".avifs": "avif", ".heic": "heic", ".heif": "heic",
               ".jp2": "jp2", ".j2k": "jp2", ".jpf": "jp2", ".pnm": "pnm", ".pbm": "pnm", ".pgm": "pnm", ".ppm": "pnm"}
#: extensions named in messages (the others are variants of these)
_LISTED = (".pdf", ".jpg", ".png", ".tif", ".bmp", ".gif", ".webp", ".avif", ".heic", ".jp2", ".pnm")
#: image kind → the Pillow formats that may open it (Image.open(..., formats=...))
PILLOW_FORMATS = {"jpeg": ("JPEG", "MPO"), "png": ("PNG",), "tiff": ("TIFF",), "bmp": ("BMP", "DIB"),
                  "gif": ("GIF",), "webp": ("WEBP",), "avif": ("AVIF",), "heic": ("HEIF",), "jp2": ("JPEG2000",),
                  "pnm": ("PPM",)}

_AVIF_BRANDS = {b"avif", b"avis"}
_HEIC_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}


def _iso_media(head: bytes) -> str | None:
    """``avif`` or ``heic`` from an ISO base media file's ftyp box (major and compatible brands)."""
    if head[4:8] != b"ftyp":
        return None
    size = int.from_bytes(head[:4], "big")
    brands = [head[8:12]] + [head[i:i + 4] for i in range(16, min(size, len(head)), 4)]
    if any(brand in _AVIF_BRANDS for brand in brands):
        return "avif"
    if any(brand in _HEIC_BRANDS for brand in brands):
        return "heic"
    return None


def sniff(head: bytes) -> str | None:
    """The kind of a file from its first bytes; None for anything not taken."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head.startswith(b"BM") and len(head) >= 26:
        return "bmp"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"\x00\x00\x00\x0cjP  \r\n\x87\n") or head.startswith(b"\xff\x4f\xff\x51"):
        return "jp2"
    if head[:1] == b"P" and head[1:2] in b"123456" and head[2:3] in b" \t\r\n#":
        return "pnm"
    media = _iso_media(head)
    if media:
        return media
    if b"%PDF-" in head[:1024]:
        return "pdf"
    return None


def check_kind(path: Path, shown: str) -> tuple[str | None, str | None]:
    """(kind, None) when the content is of a kind taken and matches the name, else (None, message)."""
    with path.open("rb") as fh:
        head = fh.read(1024)
    if not head:
        return None, f"“{shown}”是空文件（0 字节）。"
    kind = sniff(head)
    if kind is None:
        return None, f"“{shown}”的内容不是 PDF 或常见的图片格式（JPEG、PNG、TIFF 等）；请提供扫描件的 PDF 或图片。"
    named = _EXTENSIONS.get(path.suffix.lower())
    if named is None:
        return None, f"“{shown}”的扩展名应为 {'、'.join(_LISTED)} 之一（内容为 {KINDS[kind]}）。"
    if named != kind:
        return None, f"“{shown}”的扩展名是 {path.suffix}，但内容是 {KINDS[kind]}；请改正扩展名或换成正确的文件。"
    return kind, None
