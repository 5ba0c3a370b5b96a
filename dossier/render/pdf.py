"""HTML to PDF with weasyprint: safe fetching, fixed identifiers, page anchors kept for the binder."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from weasyprint import HTML

from .fetcher import SafeFetcher
from .html import HTML_TEMPLATES

__all__ = ["RenderedPdf", "html_to_pdf", "join_pdfs", "finish_joined"]


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int
    anchors: dict[str, int] = field(default_factory=dict)    # anchor id → 0-based page
    warnings: tuple[str, ...] = ()


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def html_to_pdf(html: str, company_root: Path) -> RenderedPdf:
    """Render HTML (with its <title> and <meta> metadata) to PDF bytes; same HTML, same bytes."""
    fetcher = SafeFetcher([HTML_TEMPLATES, company_root])
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        document = HTML(string=html, base_url=HTML_TEMPLATES.as_uri() + "/", url_fetcher=fetcher).render()
        identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
        data = document.write_pdf(pdf_identifier=identifier)
    finally:
        logger.removeHandler(collect)
    anchors: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, index)
    return RenderedPdf(data, len(document.pages), anchors, tuple(collect.messages + fetcher.refused))


def join_pdfs(parts: list[RenderedPdf]) -> RenderedPdf:
    """One PDF from parts rendered one after another (a long document laid out in passes): pages,
    bookmarks and metadata kept, anchors shifted, one font subset per face, a content-derived identifier."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    anchors: dict[str, int] = {}
    offset = 0
    for index, part in enumerate(parts):
        reader = PdfReader(io.BytesIO(part.data))
        if index == 0 and reader.metadata:
            writer.add_metadata({k: v for k, v in reader.metadata.items() if k not in ("/CreationDate", "/ModDate")})
        writer.append(reader)
        for name, page in part.anchors.items():
            anchors.setdefault(name, offset + page)
        offset += part.pages
    data = finish_joined(writer, b"".join(p.data for p in parts))
    return RenderedPdf(data, offset, anchors, tuple(w for p in parts for w in p.warnings))


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
