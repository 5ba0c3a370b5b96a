"""HTML to PDF with weasyprint: safe fetching, fixed identifiers, page anchors kept for the binder."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from weasyprint import HTML

from .fetcher import SafeFetcher
from .html import HTML_TEMPLATES

__all__ = ["RenderedPdf", "html_to_pdf"]


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
