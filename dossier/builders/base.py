"""Builder superclass: a document of the dossier, rendered as DOCX and PDF from one context.

A concrete builder declares what it is (``id``, ``title``, the data files it ``reads``) and fills one
hook, ``context()``, with the values its two templates need: ``templates/html/<id>.html`` and
``templates/docx/<id>.docx``. Everything else — the shared context, rendering, metadata, byte-stable
output — happens here, once. Which indicators a document evidences and which binder section it
belongs to are data of the standard, not of the builder.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import ClassVar, final

from .. import __version__
from ..model import Dossier
from ..standard import DocumentSpec, Indicator

__all__ = ["Builder", "DocInfo", "Rendered", "chunked", "CHUNK"]

#: rows of a long appendix laid out per pass (bounded memory, see Builder.parts)
CHUNK = 400


def chunked(part: str, rows, size: int = CHUNK) -> list[dict]:
    """The passes laying out ``rows`` of the appendix ``part``: ``rows``, ``first``, ``start`` for each."""
    return [{"part": part, "rows": rows[i:i + size], "first": i == 0, "start": i} for i in range(0, len(rows), size)]


@dataclass(frozen=True)
class DocInfo:
    """What templates know about the document they render."""

    id: str
    number: int
    title: str
    code: str
    section: str
    indicators: tuple[Indicator, ...]
    keywords: str
    version: str = "A/0"
    revisions: tuple = ()          # automatic 修订记录 rows of this document (Revision records)

    @property
    def stem(self) -> str:
        return f"{self.number:02d}-{self.id}"


@dataclass(frozen=True)
class Rendered:
    info: DocInfo
    docx: bytes
    pdf: "RenderedPdf"  # noqa: F821 - dossier.render.pdf.RenderedPdf
    reads: "Reads | None" = None  # noqa: F821 - dossier.tracking.Reads: what the rendering read


class Builder:
    """One document family of the dossier."""

    #: the document id; also the name of its templates and its entry in the standard's documents
    id: ClassVar[str]
    #: the title printed on the document and in the binder
    title: ClassVar[str]
    #: the data files whose content the document shows. Rebuilds are decided by what a rendering actually
    #: read (dossier.tracking); a test checks those reads stay within this declaration.
    reads: ClassVar[tuple[str, ...]]
    #: rough rendering cost, so the slowest documents start first
    weight: ClassVar[int] = 1

    def cost(self, dossier: Dossier) -> float:
        """The rendering cost of this document for this company, to start the slowest first: its ``weight``,
        plus, for a document with a long register or log, the number of its rows (about 100 rows weigh as
        much as a short document)."""
        return self.weight + self.rows(dossier) / 100

    def rows(self, dossier: Dossier) -> int:
        """How many rows the document's long register or log has (0 when it has none)."""
        return 0

    def applies(self, dossier: Dossier) -> bool:
        """Whether the dossier has this document at all (an 整改报告 only when there are findings)."""
        return True

    def code(self, dossier: Dossier) -> str:
        """The document number printed in the running header."""
        return self.title

    def context(self, dossier: Dossier) -> dict:
        """The document's own values for its templates."""
        raise NotImplementedError

    def parts(self, context: dict) -> list[dict]:
        """How the PDF is laid out: in one pass (the default), or, for a long document, in several passes
        that each add or override values of the context (the summary, then a long appendix in chunks), so
        that memory stays bounded. The DOCX is always one pass."""
        return [{}]

    # -- the algorithm ---------------------------------------------------------------------
    @final
    def info(self, dossier: Dossier) -> DocInfo:
        std = dossier.standard
        spec: DocumentSpec = std.document(self.id)
        number = [d.id for d in std.documents].index(self.id) + 1
        indicators = tuple(std.indicator(i) for i in self.evidences(dossier))
        keywords = "，".join([std.code, "售后服务认证", self.title] + [i.name for i in indicators])
        version, revisions = dossier.document_revisions.get(self.id, ("A/0", ()))
        return DocInfo(self.id, number, self.title, self.code(dossier), std.section(spec.section).name,
                       indicators, keywords, version, tuple(revisions))

    def evidences(self, dossier: Dossier) -> tuple[str, ...]:
        """The ids of the indicators this document is evidence for (data of the standard)."""
        return dossier.standard.document(self.id).evidences

    def evidence_anchor(self, dossier: Dossier, indicator: str) -> str:
        """The anchor where this document's evidence for ``indicator`` starts (its chapter, by default)."""
        from ..evidence import indicator_anchor

        return indicator_anchor(indicator)

    @final
    def shared_context(self, dossier: Dossier) -> dict:
        """What every template gets besides ``doc`` (which the render takes from the real dossier, so the
        document's own version never counts as something it read)."""
        return {"company": dossier.company, "standard": dossier.standard, "d": dossier, "f": dossier.figures,
                "version": __version__}

    @final
    def render(self, dossier: Dossier) -> Rendered:
        """Render both formats from a tracked view of the dossier, noting every value read."""
        from ..render.docx import render_docx   # the renderers are heavy imports: load them only to render
        from ..render.html import render_html
        from ..render.pdf import html_to_pdf, join_pdfs
        from ..tracking import Reads, tracked

        reads = Reads()
        view = tracked(dossier, reads)
        info = self.info(dossier)
        context = {**self.shared_context(view), **self.context(view), "doc": info}
        company = dossier.company
        passes = self.parts(context)
        if len(passes) == 1:
            pdf = html_to_pdf(render_html(f"{self.id}.html", {**context, **passes[0]}), dossier.root)
        else:
            laid_out, start = [], 1
            for extra in passes:
                part = html_to_pdf(render_html(f"{self.id}.html", {**context, **extra, "page_start": start}),
                                   dossier.root)
                laid_out.append(part)
                start += part.pages
            pdf = join_pdfs(laid_out)
        docx = render_docx(f"{self.id}.docx", context, title=info.title, author=company.name,
                           subject=f"{dossier.standard.full_title} 认证申请材料", keywords=info.keywords,
                           when=datetime.combine(company.application.date, time(9, 0)))
        return Rendered(info, docx, pdf, reads)

