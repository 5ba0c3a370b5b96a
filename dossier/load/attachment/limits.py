"""What one attachment may cost: its size, its pages and pixels, and the time and memory to read it."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["AttachmentLimits", "ATTACHMENT_LIMITS"]


@dataclass(frozen=True)
class AttachmentLimits:
    bytes: int = 60 * 1024 * 1024
    pdf_pages: int = 500
    pixels: int = 60_000_000          # e.g. 9000 × 6600, a 600 dpi A3 scan
    frames: int = 100                 # pages of a multi-page TIFF
    seconds: float = 10.0             # to read and check one attachment; past it the file is refused
    memory: int = 1024 * 1024 * 1024  # address space a reading may add
    dpi: int = 300                    # scans larger than the binder's image frame at this resolution are scaled down


ATTACHMENT_LIMITS = AttachmentLimits()
