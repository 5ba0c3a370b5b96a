"""HTML to PDF with weasyprint: safe fetching, fixed identifiers, page anchors kept for the binder."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from .html import HTML_TEMPLATES
from .links import ATTACHMENT

__all__ = ["AnchorPage", "starts_page", "anchor_pages", "stored_links", "RenderedPdf", "OtherPageCount", "html_to_pdf",
           "join_pdfs", "finish_joined"]

#: how far (CSS px) an anchor's top may lie below the page's first line and still start the page: only the
#: rounding of positions weasyprint adds up, never a line's height
_SAME_TOP = 0.01
#: PDF points per CSS px (72 per inch against 96), as weasyprint writes its pages
_POINTS_PER_PX = 72 / 96


class AnchorPage(int):
    """An anchor's 0-based page (an int like any other) that knows whether the anchor starts its page:
    nothing of the document's flow (no line, no image) begins above it there, as when its heading was
    pushed whole to the top of a new page. A plain int, or a flag not known, means it shares its page."""

    starts_page: bool

    def __new__(cls, page: int, starts_page: bool = False):
        self = super().__new__(cls, page)
        self.starts_page = bool(starts_page)
        return self

    def __getnewargs__(self):           # rendered documents come back from worker processes pickled
        return int(self), self.starts_page


def starts_page(page: int) -> bool:
    """Whether an anchor at ``page`` (an AnchorPage, or a plain int: not known) starts that page."""
    return getattr(page, "starts_page", False)


def anchor_pages(pages: Mapping[str, int], starting: Iterable[str] = ()) -> dict[str, AnchorPage]:
    """Anchors with their pages, flagged as starting them when named in ``starting`` (as stored)."""
    starting = set(starting)
    return {name: AnchorPage(page, name in starting) for name, page in pages.items()}


def stored_links(stored: Iterable) -> tuple:
    """Links into the binder as a RenderedPdf holds them, from their stored form (JSON lists)."""
    return tuple((page, tuple(rect), target) for page, rect, target in stored)


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int
    anchors: dict[str, int] = field(default_factory=dict)    # anchor id → 0-based page (AnchorPage)
    warnings: tuple[str, ...] = ()
    links: tuple = ()       # links into the binder taken out of the PDF: (0-based page, (x0, y0, x1, y1), target)
    number_places: tuple = ()   # where each page's number goes, for a pass laid out without them (page_numbers)

    @property
    def page_starts(self) -> list[str]:
        """The anchors that start their page, in document order (what a manifest or cache stores)."""
        return [name for name, page in self.anchors.items() if starts_page(page)]


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


class OtherPageCount(Exception):
    """HTML laid out to another number of pages than asked for (nothing was written)."""

    def __init__(self, pages: int):
        super().__init__(pages)
        self.pages = pages


def html_to_pdf(html: str, company_root: Path, pages: int | None = None) -> RenderedPdf:
    """Render HTML (with its <title> and <meta> metadata) to PDF bytes; same HTML, same bytes. With ``pages``,
    only if it lays out to that many pages: OtherPageCount otherwise, before anything is written (what says
    where it is in a binder may need those numbers changed first)."""
    from .engine import lay_out, pdf_bytes   # weasyprint, loaded where used: a build that renders nothing never loads it
    from .fetcher import SafeFetcher
    from .page_numbers import ROOM, number_places

    fetcher = SafeFetcher([HTML_TEMPLATES, company_root])
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        document = lay_out(html, fetcher)
        if pages is not None and len(document.pages) != pages:
            raise OtherPageCount(len(document.pages))
        links = _binder_links_out(document)
        identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
        data = pdf_bytes(document, identifier)
    finally:
        logger.removeHandler(collect)
    anchors: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        top = None
        for name, position in page.anchors.items():
            if name not in anchors:
                top = _flow_top(page) if top is None else top
                anchors[name] = AnchorPage(index, position[1] <= top + _SAME_TOP)
    return RenderedPdf(data, len(document.pages), anchors, tuple(collect.messages + fetcher.refused), links,
                       number_places(document) if ROOM in html else ())


def _flow_top(page) -> float:
    """The top (CSS px from the page's top edge) of the first line or image of the document's flow on a
    weasyprint page; the page's margin boxes (running headers), footnotes and boxes positioned out of the
    flow don't count. Infinite on a page without any."""
    from weasyprint.formatting_structure import boxes

    top = float("inf")
    pending = [b for b in page._page_box.children if not isinstance(b, (boxes.MarginBox, boxes.FootnoteAreaBox))]
    while pending:
        box = pending.pop()
        if box.is_absolutely_positioned() or box.is_running():
            continue
        if isinstance(box, (boxes.LineBox, boxes.ReplacedBox)):
            top = min(top, box.position_y)
        else:
            pending.extend(box.all_children())
    return top


def _binder_links_out(document) -> tuple:
    """The links to the binder's attachments taken off the pages of a document weasyprint laid out, so that its
    PDF is written without them: (0-based page, (x0, y0, x1, y1) in PDF points as the PDF would hold them,
    target). (The front matter's links to pages of the binder stay: the binder resolves them in place.)"""
    links = []
    for index, page in enumerate(document.pages):
        kept = []
        for link in page.links:
            kind, target, (x0, y0, x1, y1), _box = link
            if kind == "external" and target.startswith(ATTACHMENT):
                corners = (x0, page.height - y0, x1, page.height - y1)   # PDF space: up from the bottom edge
                links.append((index, tuple(round(v * _POINTS_PER_PX, 2) for v in corners), target))
            else:
                kept.append(link)
        page.links = kept
    return tuple(links)


def join_pdfs(parts: list[RenderedPdf]) -> RenderedPdf:
    """One PDF from the passes of a long document (laid out without page numbers): pages, bookmarks and
    metadata kept, anchors shifted, the page numbers stamped, one font subset per face, a content-derived
    identifier."""
    import io

    from pypdf import PdfReader, PdfWriter

    from .page_numbers import stamp_numbers

    writer = PdfWriter()
    anchors: dict[str, int] = {}
    links: list = []
    places: list = []
    offset = 0
    for index, part in enumerate(parts):
        reader = PdfReader(io.BytesIO(part.data))
        if index == 0 and reader.metadata:
            writer.add_metadata({k: v for k, v in reader.metadata.items() if k not in ("/CreationDate", "/ModDate")})
        writer.append(reader)
        for name, page in part.anchors.items():
            anchors.setdefault(name, AnchorPage(offset + page, starts_page(page)))   # each pass on pages of its own
        links += [(offset + page, rect, target) for page, rect, target in part.links]
        places += part.number_places or [None] * part.pages
        offset += part.pages
    stamp_numbers(writer, places)
    data = finish_joined(writer, b"".join(p.data for p in parts))
    return RenderedPdf(data, offset, anchors, tuple(w for p in parts for w in p.warnings), tuple(links))


def finish_joined(writer, digest_of: bytes) -> bytes:
    """The bytes of a PDF joined from rendered ones: each CJK face's copies merged into one subset,
    orphaned objects pruned, and a file identifier derived from ``digest_of`` (pypdf only makes random
    ones), so the same parts always give the same bytes."""
    import io

    from pypdf.generic import ArrayObject, ByteStringObject

    from .fontshare import share_fonts

    share_fonts(writer)
    for _ in range(4):   # each pass prunes one level of an orphaned chain (font → descriptor → program)
        writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    token = ByteStringObject(hashlib.sha256(digest_of).digest()[:16])
    writer._ID = ArrayObject([token, token])   # the writer keeps its identifier there
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
