"""What reading an attachment gives: what to bind, the warnings to show, or why it is refused."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Blob", "Prepared"]


@dataclass(frozen=True)
class Blob:
    mime: str           # application/pdf, image/jpeg or image/png
    data: bytes


@dataclass(frozen=True)
class Prepared:
    """``kind``: ``pdf`` or ``image``, None when refused. ``blobs``: what to bind in place of the file (a
    repaired or decrypted PDF; one image per page of a scan, turned upright and scaled to the binder's
    page); empty when the file is bound as it is. ``notes``: warnings naming the file."""

    kind: str | None
    blobs: tuple[Blob, ...] = ()
    notes: tuple[str, ...] = ()
    refusal: str | None = None
    size: tuple[int, int] | None = None     # of an image: the pixels (width, height) of its first page as bound

    @classmethod
    def refused(cls, message: str) -> Prepared:
        return cls(None, refusal=message)

    @property
    def as_is(self) -> bool:
        return self.kind is not None and not self.blobs
