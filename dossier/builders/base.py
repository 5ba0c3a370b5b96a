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
        """The document's own values for its templates (documents not yet composed as content)."""
        raise NotImplementedError

    def content(self, dossier: Dossier, doc: DocInfo) -> "Document":  # noqa: F821 - render.content.Document
        """What the document says, composed from the data (``dossier``, a tracked view) once: the blocks
        both writers lay out. ``doc`` is the document's own number, version and revisions."""
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
        if type(self).content is not Builder.content:
            return Rendered(info, *self._write(view, info, dossier), reads)
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

    def _write(self, view, info: DocInfo, dossier: Dossier):
        """Both formats of the document's content: (DOCX bytes, RenderedPdf)."""
        from .. import __version__ as version
        from ..render.docx_writer import document_docx
        from ..render.html_writer import Meta, document_html, passes
        from ..render.pdf import html_to_pdf, join_pdfs

        document = self.content(view, info)
        company, standard = view.company.name, dossier.standard
        code = self.code(view)
        meta = Meta(info.title, company, code, f"{standard.full_title} 认证申请材料：{info.title}", info.keywords,
                    f"dossier {version}")
        laid_out = passes(document)
        if len(laid_out) == 1:
            pdf = html_to_pdf(document_html(document, meta), dossier.root)
        else:
            parts, start = [], 1
            for part in laid_out:
                parts.append(html_to_pdf(document_html(part, meta, page_start=start), dossier.root))
                start += parts[-1].pages
            pdf = join_pdfs(parts)
        docx = document_docx(document, company=company, code=code, title=info.title,
                             subject=f"{standard.full_title} 认证申请材料", keywords=info.keywords,
                             when=datetime.combine(dossier.company.application.date, time(9, 0)))
        return docx, pdf
