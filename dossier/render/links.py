"""Links from a document to a part of the binder (an attachment's first page).

A document's content names the target (``attachment_link("E07")``); the HTML writer makes it a link the
PDF keeps as a ``binder:attachment/ID`` URI; on rendering, such links are taken out of the document's
own PDF (nothing there could follow them) and kept beside it (``RenderedPdf.links``: page, rectangle,
target), and the binder puts them back as internal links once it knows the pages of its parts. The DOCX,
which holds no attachment, prints the words without a link.
"""

from __future__ import annotations

__all__ = ["ATTACHMENT", "attachment_link", "attachment_of"]

#: how a link to an attachment is written (the front matter's links to pages are ``binder:page/N``)
ATTACHMENT = "binder:attachment/"


def attachment_link(ident: str) -> str:
    return ATTACHMENT + ident


def attachment_of(target: str) -> str | None:
    """The attachment id a link points at, if it points at one."""
    return target[len(ATTACHMENT):] if target.startswith(ATTACHMENT) else None
