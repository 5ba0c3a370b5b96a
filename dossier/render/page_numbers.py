"""Page numbers of a document laid out in passes, stamped once every pass is laid out and the total is known.

A pass is laid out without its page numbers: its header leaves room for them after the document's code
(``ROOM``). So no pass waits for the page count of the passes before it (they can be laid out in any order,
at once), and a pass whose content is unchanged keeps its layout however long the others came out. Joining
the passes (render.pdf.join_pdfs) stamps 第 n 页 / 共 N 页 at the right end of each page's header, in the
header's own font, size and colour as the layout of that pass read them from the stylesheet.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PAGE_NUMBER", "ROOM", "NumberPlace", "page_number", "number_places", "stamp_numbers"]

#: how a page is numbered: in a document's header and at the foot of the binder's pages
PAGE_NUMBER = "第 {page} 页 / 共 {pages} 页"
#: what a pass's header prints after the document's code in place of its page number: the separator and the
#: room for the widest number a document can have (第 9999 页 / 共 9999 页 is narrower than eleven ideographic
#: spaces in the header's font; a test holds it so)
ROOM = "　" * 12
_PT_PER_PX = 0.75
#: what a page calls the font of its number (the binder's own stamps use another)
_FONT_NAME = "/FDossierPageNumber"


def page_number(page: int, pages: int) -> str:
    return PAGE_NUMBER.format(page=page, pages=pages)


@dataclass(frozen=True)
class NumberPlace:
    """Where a page's number goes: the right end of its header's text (0–1 across the page) and its baseline
    (points from the page's top), in the header's font family, size (points) and gray (0 black – 1 white)."""

    x: float
    y: float
    family: str
    size: float
    gray: float


def number_places(document) -> tuple[NumberPlace | None, ...]:
    """Each page's place for its number on a laid-out weasyprint ``document``: its @top-right header box's,
    or None where the page has none (a cover page has no header)."""
    from weasyprint.formatting_structure import boxes

    places: list[NumberPlace | None] = []
    for page in document.pages:
        header = next((b for b in page._page_box.children
                       if isinstance(b, boxes.MarginBox) and b.at_keyword == "@top-right"), None)
        text = _first_text(header) if header is not None else None
        if text is None:
            places.append(None)
            continue
        red, green, blue = text.style["color"].to("srgb").coordinates
        places.append(NumberPlace(round((header.content_box_x() + header.width) / page._page_box.margin_width(), 6),
                                  round((text.position_y + text.baseline) * _PT_PER_PX, 4),
                                  text.style["font_family"][0], round(text.style["font_size"] * _PT_PER_PX, 4),
                                  round((red + green + blue) / 3, 4)))
    return tuple(places)


def _first_text(box):
    from weasyprint.formatting_structure import boxes

    pending = [box]
    while pending:
        current = pending.pop(0)
        if isinstance(current, boxes.TextBox):
            return current
        pending[:0] = list(current.all_children()) if isinstance(current, boxes.ParentBox) else []
    return None


def stamp_numbers(writer, places: list[NumberPlace | None]) -> None:
    """Stamp 第 n 页 / 共 N 页 on the pages of ``writer`` (a whole document), each at its place."""
    from .stamp import Overlay, StampFont, stamp_page

    total = len(places)
    fonts: dict[str, StampFont] = {}
    for index, (page, place) in enumerate(zip(writer.pages, places)):
        if place is None:
            continue
        if place.family not in fonts:
            fonts[place.family] = StampFont([page_number(total, total)], family=place.family, name=_FONT_NAME)
        overlay = Overlay(page_number(index + 1, total), place.x, place.y, size=place.size, align="right",
                          gray=place.gray, from_top=True)
        stamp_page(writer, page, [overlay], fonts[place.family])
