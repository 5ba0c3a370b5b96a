"""Navigation of the binder: links to pages, the outline, page labels and document metadata."""

from __future__ import annotations

from pypdf import PdfReader, PdfWriter
from pypdf.constants import PageLabelStyle
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NullObject

from ..render.links import attachment_of

__all__ = ["LINK_SCHEME", "resolve_page_links", "add_binder_links", "copy_outline", "set_labels", "set_metadata"]

LINK_SCHEME = "binder:page/"


def _goto(writer: PdfWriter, page_number: int) -> DictionaryObject:
    target = writer.pages[page_number - 1].indirect_reference
    return DictionaryObject({
        NameObject("/S"): NameObject("/GoTo"),
        NameObject("/D"): ArrayObject([target, NameObject("/XYZ"), NullObject(), NullObject(), NullObject()]),
    })


def resolve_page_links(writer: PdfWriter, pages: range) -> int:
    """Turn ``binder:page/N`` URI links on ``pages`` (0-based) into internal links to page N."""
    count = 0
    for index in pages:
        for annotation in writer.pages[index].get("/Annots", ArrayObject()):
            annotation = annotation.get_object()
            action = annotation.get("/A")
            uri = action.get_object().get("/URI") if action is not None else None
            if uri is not None and str(uri).startswith(LINK_SCHEME):
                annotation[NameObject("/A")] = _goto(writer, int(str(uri)[len(LINK_SCHEME):]))
                count += 1
    return count


def add_binder_links(writer: PdfWriter, start: int, links, pages_of: dict[str, int]) -> int:
    """Put a document's links into the binder back (see :mod:`dossier.render.links`), its pages starting at
    ``start`` (0-based); ``pages_of``: attachment id → its first page (0-based). A link to an attachment the
    binder does not hold is left out."""
    from pypdf.annotations import Link

    count = 0
    for page, rect, target in links:
        ident = attachment_of(target)
        if ident in pages_of:
            writer.add_annotation(start + page, Link(rect=rect, target_page_index=pages_of[ident]))
            count += 1
    return count


def copy_outline(writer: PdfWriter, reader: PdfReader, outline, parent, offset: int) -> None:
    """Re-create a source document's outline under ``parent``, its pages shifted by ``offset``."""
    last = None
    for item in outline:
        if isinstance(item, list):
            if last is not None:
                copy_outline(writer, reader, item, last, offset)
            continue
        page = reader.get_destination_page_number(item)
        if page is None or page < 0:
            continue
        last = writer.add_outline_item(title=str(item.title), page_number=offset + page, parent=parent,
                                       is_open=False)


def set_labels(writer: PdfWriter) -> None:
    """Page labels equal to the stamped page numbers, so viewers' “go to page” agree with the TOC."""
    writer.set_page_label(0, len(writer.pages) - 1, style=PageLabelStyle.DECIMAL, start=1)


def set_metadata(writer: PdfWriter, *, title: str, author: str, subject: str, keywords: str, creator: str,
                 date: str) -> None:
    writer.add_metadata({
        "/Title": title, "/Author": author, "/Subject": subject, "/Keywords": keywords,
        "/Creator": creator, "/Producer": creator, "/CreationDate": date, "/ModDate": date,
    })
    writer.page_mode = "/UseOutlines"
