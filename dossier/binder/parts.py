"""The parts of a binder, in order, and where each lands once assembled."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Part", "place", "document_title", "attachment_title"]


def document_title(info) -> str:
    """How the binder names a document (a builders.DocInfo): 01　认证申请书."""
    return f"{info.number:02d}　{info.title}"


def attachment_title(attachment) -> str:
    """How the binder names an attachment: 附件 E01　营业执照（副本）."""
    return f"附件 {attachment.id}　{attachment.title}"


@dataclass(frozen=True)
class Part:
    """A run of pages in the binder: front matter, a document or an attachment."""

    kind: str                  # front / document / attachment
    id: str
    title: str
    section: str               # the binder section (from the standard) it is filed under
    pages: int
    start: int = 0             # 1-based first page in the binder, once placed
    anchors: dict = field(default_factory=dict, compare=False)   # anchor → 0-based page within the part

    @property
    def end(self) -> int:
        return self.start + self.pages - 1

    def page_of(self, anchor: str | None) -> int:
        """The binder page of an anchor inside this part (its first page when unknown)."""
        return self.start + self.anchors.get(anchor, 0) if anchor else self.start


def place(parts: list[Part], first: int = 1) -> list[Part]:
    """The parts with their start pages, laid end to end from page ``first``."""
    placed, page = [], first
    for part in parts:
        placed.append(Part(part.kind, part.id, part.title, part.section, part.pages, page, part.anchors))
        page += part.pages
    return placed
