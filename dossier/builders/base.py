"""Builder superclass: a document of the dossier, composed once as content and written as PDF and DOCX.

A concrete builder declares what it is (``id``, ``title``, the data files it ``reads``) and fills one hook,
``content()``: what the document says, composed from the data. Everything else (tracking what the
document read, laying the content out in both formats, metadata, byte-stable output) happens here, once.
Which indicators a document evidences and which binder section it belongs to are data of the standard.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import TYPE_CHECKING, ClassVar, final

from .. import __version__
from ..model.tracking import Reads, tracked
from ..model import Dossier
from ..render.content import Document
from ..render.content_digest import content_digest
from ..render.places import numbered
from ..standard import DocumentSpec, Indicator, indicator_anchor
from .issue import Issue
from .signing import approval_table

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Callable

    from ..render.pdf import RenderedPdf

    #: how HTML is laid out into a PDF (its fetched files from the company folder given)
    Layout = Callable[[str, Path], RenderedPdf]

__all__ = ["Builder", "DocInfo", "Prepared", "Rendered"]


@dataclass(frozen=True)
class DocInfo:
    """What a builder knows of the document it composes besides the data: its number, code, title, and the
    edition this build issues (``version``, automatic ``revisions`` rows, and ``issue`` for the editions of
    the controlled documents it cites)."""

    id: str
    number: int
    title: str
    code: str
    section: str
    indicators: tuple[Indicator, ...]
    keywords: str
    version: str = "A/0"
    revisions: tuple = ()
    issue: Issue = field(default_factory=Issue, compare=False, repr=False)
    issued: date | None = None          # the date this edition is issued: its submission's

    @property
    def stem(self) -> str:
        return f"{self.number:02d}-{self.id}"


def issued_on(dossier: Dossier) -> date:
    """The date the documents of the dossier's pack are issued: its submission's."""
    return dossier.submission.date if dossier.submission else dossier.company.application.date


@dataclass(frozen=True)
class Rendered:
    info: DocInfo
    docx: bytes
    pdf: "RenderedPdf | None"        # None only while a long document's passes are laid out (Prepared)
    reads: Reads | None = None       # what the rendering read (dossier.model.tracking); as the build keeps
                                     # it (build.cache.KeptReads) once the build's scheduler has it
    cited: dict | None = None        # the editions of the units it cited (Issue.token of each)
    content: str | None = None       # the digest of what it says (render.content_digest)
    passes: dict[str, bytes] = field(default_factory=dict, compare=False, repr=False)
                                     # the layouts of a long document's passes as the build's cache keeps
                                     # them (file name → bytes), for the next build to reuse


@dataclass(frozen=True)
class Prepared:
    """A document composed and written as DOCX, its PDF laid out (``rendered.pdf``) where it is one pass; where
    it is long, ``rendered.pdf`` is None and ``passes`` holds the HTML of its passes, to lay out each on its
    own (in any order, in any process: a pass's layout does not depend on the others') and join."""

    rendered: Rendered
    passes: tuple[str, ...] = ()

    def joined(self, pdf: RenderedPdf, kept: dict[str, bytes] | None = None) -> Rendered:
        """The document with its passes joined into ``pdf``, and their layouts as the build's cache keeps them."""
        return replace(self.rendered, pdf=pdf, passes=dict(kept or {}))


class Builder:
    """One document family of the dossier."""

    #: the document id; also the name of its templates and its entry in the standard's documents
    id: ClassVar[str]
    #: the title printed on the document and in the binder
    title: ClassVar[str]
    #: the data files whose content the document shows. Rebuilds are decided by what a rendering actually
    #: read (dossier.tracking); a test checks those reads stay within this declaration. Every document also
    #: reads its submission (the issue date and reporting window: company.yaml's application and, for the
    #: rectification, rectification.yaml), which is not declared document by document.
    reads: ClassVar[tuple[str, ...]]
    #: rough rendering cost, so the slowest documents start first
    weight: ClassVar[int] = 1
    #: whether the document draws charts (matplotlib): the processes rendering several such documents are
    #: forked with it loaded, instead of each loading it again
    draws_charts: ClassVar[bool] = False
    #: the data files every document's sign-off reads (who signs, by role; the images; the submission's date)
    SIGN_OFF_READS: ClassVar[tuple[str, ...]] = ("company", "organisation", "personnel", "rectification")

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "reads" in vars(cls):
            cls.reads = cls.reads + tuple(f for f in Builder.SIGN_OFF_READS if f not in cls.reads)

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

    def content(self, dossier: Dossier, doc: DocInfo) -> Document:
        """What the document says, composed from the data (``dossier``, a tracked view) once: the blocks
        both writers lay out. ``doc`` is the document's own number, version and revisions."""
        raise NotImplementedError

    @final
    def composed(self, dossier: Dossier, doc: DocInfo) -> Document:
        """The document's whole content: what ``content`` says, then (unless the document has a control of its
        own in the data) who prepared, reviewed and approved it and when; each place to seal or sign
        numbered (see :mod:`dossier.render.places`)."""
        document = self.content(dossier, doc)
        approval = None if dossier.standard.document(self.id).controlled else dossier.approval(self.id)
        if approval is not None:
            last = document.sections[-1]
            document = Document(document.sections[:-1]
                                + (replace(last, blocks=last.blocks + (approval_table(dossier, approval),)),))
        return numbered(document)

    # -- the algorithm ---------------------------------------------------------------------
    @final
    def info(self, dossier: Dossier, issue: Issue | None = None) -> DocInfo:
        """The document's number, code and title, and the edition ``issue`` gives it (the data's, by default)."""
        issue = issue or Issue()
        std = dossier.standard
        spec: DocumentSpec = std.document(self.id)
        number = [d.id for d in std.documents].index(self.id) + 1
        indicators = tuple(std.indicator(i) for i in self.evidences(dossier))
        keywords = "，".join([std.code, "售后服务认证", self.title] + [i.name for i in indicators])
        edition = issue.document(self.id)
        return DocInfo(self.id, number, self.title, self.code(dossier), std.section(spec.section).name,
                       indicators, keywords, edition.version, tuple(edition.rows), issue, issued_on(dossier))

    def evidences(self, dossier: Dossier) -> tuple[str, ...]:
        """The ids of the indicators this document is evidence for (data of the standard)."""
        return dossier.standard.document(self.id).evidences

    def evidence_anchor(self, dossier: Dossier, indicator: str) -> str:
        """The anchor where this document's evidence for ``indicator`` starts (its chapter, by default)."""
        return indicator_anchor(indicator)

    @final
    def prepare(self, dossier: Dossier, issue: Issue | None = None) -> Prepared:
        """The document composed from a tracked view of the dossier that notes every value read (the edition
        comes from ``issue``, so the document's own version never counts as read) and written as DOCX; its PDF
        laid out where it is one pass, the HTML of its passes where it is long (see Prepared)."""
        reads = Reads()
        citing = (issue or Issue()).citing()
        info = self.info(dossier, citing)
        view = tracked(dossier, reads)
        document = self.composed(view, info)
        company, code = view.company.name, self.code(view)
        pdf, passes = self._pdf(document, info, dossier, company, code)
        return Prepared(Rendered(info, self._docx(document, info, dossier, company, code), pdf, reads,
                                 dict(citing.cited), content_digest(document)), passes)

    @final
    def render(self, dossier: Dossier, issue: Issue | None = None, lay_out_pass: Layout | None = None) -> Rendered:
        """Both formats of the document (see prepare), its passes laid out one after another with
        ``lay_out_pass`` (the build's cache of passes, so that a pass whose HTML is unchanged is not laid out
        again; weasyprint by default) and joined."""
        from ..render.pdf import html_to_pdf, join_pdfs

        prepared = self.prepare(dossier, issue)
        if not prepared.passes:
            return prepared.rendered
        lay_out = lay_out_pass or html_to_pdf
        return prepared.joined(join_pdfs([lay_out(html, dossier.root) for html in prepared.passes]))

    @final
    def docx(self, dossier: Dossier, issue: Issue | None = None) -> bytes:
        """The document's DOCX alone, nothing laid out for the PDF (both say the same, see the writers): for
        what reads the words only."""
        info = self.info(dossier, issue)
        return self._docx(self.composed(dossier, info), info, dossier, dossier.company.name, self.code(dossier))

    def content_digest(self, dossier: Dossier, issue: Issue) -> str:
        """The digest of what the document would say in the edition ``issue`` gives (nothing laid out)."""
        return content_digest(self.composed(dossier, self.info(dossier, issue)))

    @staticmethod
    def _docx(document: Document, info: DocInfo, dossier: Dossier, company: str, code: str) -> bytes:
        from ..render.docx_writer import document_docx   # the writers' libraries are heavy: loaded to render

        return document_docx(document, company=company, code=code, title=info.title,
                             subject=f"{dossier.standard.full_title} 认证申请材料", keywords=info.keywords,
                             when=datetime.combine(issued_on(dossier), time(9, 0)))

    @staticmethod
    def _pdf(document: Document, info: DocInfo, dossier: Dossier, company: str,
             code: str) -> tuple[RenderedPdf | None, tuple[str, ...]]:
        """The PDF of the document's content under the running header ``company`` and ``code``; or, where it is
        long, None and the HTML of the bounded passes it is laid out in. A document of one pass is laid out
        here, never through a cache: its PDF is the output's own file, which a build reuses whole while
        nothing the document read changes."""
        from ..render.html_writer import Meta, document_html, passes
        from ..render.pdf import html_to_pdf

        standard = dossier.standard
        meta = Meta(info.title, company, code, f"{standard.full_title} 认证申请材料：{info.title}", info.keywords,
                    f"dossier {__version__}")
        laid_out = passes(document)
        if len(laid_out) == 1:
            return html_to_pdf(document_html(document, meta), dossier.root), ()
        return None, tuple(document_html(part, meta, one_pass=True) for part in laid_out)
