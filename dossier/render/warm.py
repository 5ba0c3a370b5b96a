"""What a process's first document costs beyond its own work, paid once before the documents' processes
are forked, so that none of them pays it again.

Laying out the first document of a process costs a fifth of a second more than the next: cffi parses the C
declarations of the Pango and HarfBuzz calls weasyprint makes, weasyprint imports modules it loads only
when first used, Pango loads the CJK faces into the font configuration; writing the first DOCX loads its
template. A forked process inherits all of that from its parent. :func:`warm_up` takes both writers once
through a small document of the kinds of block the documents are made of (headings, paragraphs with bold
text, a ruled table with a header row, a signature row) on a page with the running header; nothing of it
is kept, and no document's bytes depend on it (the writers' output never depends on what the process made
before).
"""

from __future__ import annotations

import functools
from datetime import datetime

from .content import Column, Document, Heading, Paragraph, Signatures, SignField, Span, table, text

__all__ = ["warm_up"]

#: the running header's and the document's words: any CJK text in the documents' faces
_WORDS = "售后服务"


def _document() -> Document:
    return Document.of(
        Heading(_WORDS, level=1), Heading(_WORDS, level=2),
        Paragraph(text(_WORDS, Span(_WORDS, bold=True), "2026-01-01")),
        table([Column("序号", 20, "center"), Column(_WORDS)], [["1", _WORDS], ["2", Span(_WORDS, bold=True)]]),
        Signatures((SignField(_WORDS),)),
    )


@functools.cache
def warm_up() -> None:
    """Take the PDF and DOCX writers through a small document once in this process (about 0.3 s)."""
    from .docx_writer import document_docx
    from .html import HTML_TEMPLATES
    from .html_writer import Meta, document_html
    from .pdf import html_to_pdf

    document = _document()
    html_to_pdf(document_html(document, Meta(_WORDS, _WORDS, _WORDS, _WORDS, _WORDS, _WORDS)), HTML_TEMPLATES)
    document_docx(document, company=_WORDS, code=_WORDS, title=_WORDS, subject=_WORDS, keywords=_WORDS,
                  when=datetime(2026, 1, 1))
