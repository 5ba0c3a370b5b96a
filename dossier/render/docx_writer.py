"""Lay a document's content out as DOCX: the styled base template, the content composed into it.

``templates/docx/base.docx`` holds the page set-up, the running header (company and document number), the
page-number footer and every style the content uses: Word's own Heading 1–4, Title, Caption, List Bullet,
List Number and Table Grid, and the dossier's paragraph styles named after the content's (Body, Note,
Label…), each with its east-Asian font. A consultant may restyle it in Word; this writer names styles,
never fonts or sizes of text (a table's type size and a mark's colour aside, which are the content's).

The body is written as WordprocessingML directly (fast for registers of thousands of rows) into a docxtpl
subdocument, which docxtpl renders into the base with the header's values; the same content gives the
same bytes.
"""

from __future__ import annotations

import copy
import io
import re
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Iterator
from xml.sax.saxutils import escape

from docx.shared import Mm
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined
from lxml import etree
from markupsafe import Markup

from .archives import stable_zip
from .content import (Box, Cell, Column, Contents, Document, Figure, Halves, Heading, Items, PageBreak, Paragraph,
                      Picture, Row, Signatures, Span, Table, Text)
from .typesetting import (NO_BREAK_HYPHEN, PAGES, TOKEN, TableLayout, bound, em_width, never_wraps, pieces,
                          table_layout)

__all__ = ["BASE", "document_docx", "STYLE_IDS"]

BASE = Path(__file__).resolve().parent.parent / "templates" / "docx" / "base.docx"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TWIPS_PER_MM = 1440 / 25.4

#: the content's paragraph styles → the base template's style ids
STYLE_IDS = {"body": "Body", "plain": "Plain", "note": "Note", "lead": "Lead", "label": "Label", "small": "Small",
             "meta": "Meta", "center": "Center", "signature": "Signature", "excluded": "Excluded",
             "cover-company": "CoverCompany", "cover-title": "CoverTitle", "cover-subtitle": "CoverSubtitle",
             "cover-count": "CoverCount", "cover-stamp": "CoverStamp", "cover-issuer": "CoverIssuer"}
_MARK_COLOURS = {"bad": "A61B1B", "ok": "1A6E2E", "muted": "555555"}
_JC = {"left": "left", "center": "center", "right": "right"}
#: the text of a frame is narrower than the page's by its cell's margins and rules (mm)
_BOX_INSET_MM = 4.0
#: the type size of running text (pt), as the base template's Body style
_TEXT_PT = 10.5
_SHADES = {"label": "F1F3F7", "head": "E8ECF2", "total": "F6F6F6", "group": "F1F3F7", "zero": "FBEAEA"}


def _t(value: str) -> str:
    return escape(_ILLEGAL_XML.sub("", value))


def _text_element(value: str) -> str:
    """A ``w:t`` of ``value``, empty as an XML serialiser writes it."""
    text = _t(value)
    return f'<w:t xml:space="preserve">{text}</w:t>' if text else '<w:t xml:space="preserve"/>'


def _joined(value: str, whole: Text, room_em: float | None) -> str:
    """``value`` (a part of the text ``whole``) with its tokens joined where a line could break inside them."""
    found = pieces(value)
    if len(found) == 1 and len(whole) == 1 and found[0][1] is not None:
        return value                               # a token alone: its column is as wide as it needs
    return "".join(bound(piece) if kind == TOKEN and (room_em is None or em_width(piece) <= room_em) else piece
                   for piece, kind in found)


def _bookmark(anchor: str) -> str:
    name = re.sub(r"[^A-Za-z0-9_]", "_", anchor)
    return name if name[:1].isalpha() else f"a_{name}"


class _Writer:
    """Turns blocks into WordprocessingML; collects the pictures and bookmarks it needs."""

    def __init__(self, part, section_properties):
        self.part = part
        self.section_properties = section_properties
        self.bookmarks = 0
        self.pictures = 0
        self.width_mm = 0.0

    def new_numbering(self) -> int:
        """A numbering of its own for an ordered list (so each list counts from 1): a new instance of the
        List Number style's list definition, starting again at 1."""
        numbering = self.part.numbering_part.element
        style = self.part.styles.element.find(f"{{{_W}}}style[@{{{_W}}}styleId='ListNumber']")
        used = style.find(f"{{{_W}}}pPr/{{{_W}}}numPr/{{{_W}}}numId").get(f"{{{_W}}}val")
        instances = numbering.findall(f"{{{_W}}}num")
        definition = next(n for n in instances if n.get(f"{{{_W}}}numId") == used).find(f"{{{_W}}}abstractNumId")
        ident = max(int(n.get(f"{{{_W}}}numId")) for n in instances) + 1
        numbering.append(etree.fromstring(
            f'<w:num xmlns:w="{_W}" w:numId="{ident}"><w:abstractNumId w:val="{definition.get(f"{{{_W}}}val")}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
        return ident

    # -- runs and paragraphs -----------------------------------------------------------------------
    def runs(self, value: Text, *, size: float | None = None, bold: bool = False, mark: str | None = None,
             room_em: float | None = None) -> str:
        """The runs of a text; each token that must not break inside joined (:func:`bound`), unless it is
        the whole text (its column is as wide as it needs) or wider than ``room_em``, its line."""
        out = []
        for part in value:
            if isinstance(part, Span):
                out.append(self.run(_joined(part.text, value, room_em), size=size,
                                    bold=bold or part.bold or part.mark == "bad",
                                    colour=_MARK_COLOURS.get(part.mark or mark or "")))
            else:
                out.append(self.run(_joined(part, value, room_em), size=size, bold=bold or mark == "bad",
                                    colour=_MARK_COLOURS.get(mark or "")))
        return "".join(out)

    @staticmethod
    def run(value: str, *, size: float | None = None, bold: bool = False, colour: str | None = None) -> str:
        props = ("<w:b/>" if bold else "") + (f'<w:color w:val="{colour}"/>' if colour else "") + \
                (f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>' if size else "")
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        body = '<w:br/>'.join('<w:noBreakHyphen/>'.join(_text_element(p) for p in line.split(NO_BREAK_HYPHEN))
                               for line in value.split("\n"))
        return f"<w:r>{rpr}{body}</w:r>"

    def paragraph(self, inner: str, style: str | None, *, jc: str | None = None, page_break: bool = False,
                  keep_next: bool = False, anchor: str | None = None, extra_ppr: str = "",
                  outline: int | None = None) -> str:
        """A paragraph; ``extra_ppr`` holds properties that come before the alignment (numbering, indents);
        ``outline`` 9 keeps a heading out of the navigation pane and the contents field."""
        ppr = (f'<w:pStyle w:val="{style}"/>' if style else "") + ("<w:keepNext/>" if keep_next else "") + \
              ("<w:pageBreakBefore/>" if page_break else "") + extra_ppr + (f'<w:jc w:val="{jc}"/>' if jc else "") + \
              (f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else "")
        mark = ""
        if anchor:
            self.bookmarks += 1
            ident = self.bookmarks
            mark = f'<w:bookmarkStart w:id="{ident}" w:name="{_bookmark(anchor)}"/>'
            inner = mark + inner + f'<w:bookmarkEnd w:id="{ident}"/>'
        return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{inner}</w:p>"

    # -- blocks ------------------------------------------------------------------------------------
    def blocks(self, blocks) -> str:
        """A run of blocks; the one before a line of signatures is kept on its page, so that the signatures
        never stand alone on a page."""
        return "".join(self.block_pieces(blocks))

    def block_pieces(self, blocks) -> Iterator[str]:
        """:meth:`blocks` piece by piece: a table row by row, so that a long register is never one string."""
        blocks = list(blocks)
        for block, after in zip(blocks, blocks[1:] + [None]):
            keep_next = isinstance(after, Signatures)
            if isinstance(block, Table):
                yield from self.table_pieces(block, keep_next)
            else:
                yield self.block(block, keep_next)

    def block(self, block, keep_next: bool = False) -> str:
        """A block; ``keep_next``: its end kept on the page of what follows."""
        room = self.width_mm / (_TEXT_PT * 25.4 / 72)
        if isinstance(block, Heading):
            return self.paragraph(self.runs((block.text,)), f"Heading{min(max(block.level, 1), 4)}",
                                  page_break=block.new_page, anchor=block.anchor,
                                  outline=None if block.outline else 9)
        if isinstance(block, Paragraph):
            return self.paragraph(self.runs(block.text, room_em=room), STYLE_IDS[block.style], anchor=block.anchor,
                                  keep_next=keep_next)
        if isinstance(block, Items):
            last = len(block.items) - 1
            if not block.ordered:
                return "".join(self.paragraph(self.runs(item, room_em=room), "ListBullet",
                                              keep_next=keep_next and i == last) for i, item in enumerate(block.items))
            numbering = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{self.new_numbering()}"/></w:numPr>'
            return "".join(self.paragraph(self.runs(item, room_em=room), "ListNumber", extra_ppr=numbering,
                                          keep_next=keep_next and i == last) for i, item in enumerate(block.items))
        if isinstance(block, Table):
            return self.table(block, keep_next)
        if isinstance(block, Figure):
            return self.figure(block, keep_next)
        if isinstance(block, Signatures):
            return self.signatures(block)
        if isinstance(block, Contents):
            return self.contents(block)
        if isinstance(block, Box):
            return self.boxed(block, keep_next)
        if isinstance(block, Halves):
            return self.block(block.left) + self.block(block.right, keep_next)
        if isinstance(block, PageBreak):
            return self.paragraph('<w:r><w:br w:type="page"/></w:r>', None)
        raise TypeError(f"not a content block: {type(block).__name__}")

    def _widths(self, layout: TableLayout) -> list[int]:
        return [round(self.width_mm * width / 100 * _TWIPS_PER_MM) for width in layout.widths]

    def cell(self, cell: Cell, width: int, column: Column | None, size: float, *, shade: str | None = None,
             bold: bool = False, rule: bool = False, top: bool = False, keep: bool = False,
             room_em: float | None = None, whole: bool = True) -> str:
        """A table cell; ``keep``: kept on the page of the next row (a table that stays on one page);
        ``whole``: whether its column has room for values that never wrap (see ``TableLayout.whole``)."""
        props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
        if cell.span > 1:
            props += f'<w:gridSpan w:val="{cell.span}"/>'
        borders = ('<w:left w:val="single" w:sz="12" w:space="0" w:color="555555"/>' if rule else "") + \
                  ('<w:top w:val="single" w:sz="12" w:space="0" w:color="555555"/>' if top else "")
        if borders:
            props += f"<w:tcBorders>{borders}</w:tcBorders>"
        fill = _SHADES["label"] if cell.label else _SHADES["zero"] if cell.mark == "zero" else shade
        if fill:
            props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
        align = cell.align or (column.align if column else "left")
        if cell.span == 1 and never_wraps(column) and whole:
            props += "<w:noWrap/>"
        inner = self.runs(cell.text, size=size, bold=bold or cell.label or cell.mark == "zero",
                          mark=cell.mark if cell.mark in _MARK_COLOURS else None, room_em=room_em)
        if cell.picture:
            inner = self.picture(cell.picture) + "<w:r><w:br/></w:r>" + inner
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{self.paragraph(inner, 'TableText', jc=_JC[align], keep_next=keep)}</w:tc>"

    def table(self, block: Table, keep_next: bool = False) -> str:
        """A table; ``keep_next``: its last row kept on the page of what follows."""
        return "".join(self.table_pieces(block, keep_next))

    def table_pieces(self, block: Table, keep_next: bool = False) -> Iterator[str]:
        """:meth:`table` row by row."""
        layout = table_layout(block, self.width_mm)
        widths = self._widths(layout)
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        margin = round((0.8 if block.dense else 1.2) * _TWIPS_PER_MM)
        props = ('<w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/>'
                 '<w:tblLayout w:type="fixed"/>'
                 f'<w:tblCellMar><w:left w:w="{margin}" w:type="dxa"/><w:right w:w="{margin}" w:type="dxa"/>'
                 "</w:tblCellMar>")
        yield f"<w:tbl><w:tblPr>{props}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
        if block.header:
            cells = "".join(self.cell(Cell((c.header,), align="center"), w, c, block.size, shade=_SHADES["head"],
                                      bold=True, rule=i in block.rules, keep=True, room_em=layout.room_em[i],
                                      whole=layout.holds(i))
                            for i, (c, w) in enumerate(zip(block.columns, widths)))
            yield f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{cells}</w:tr>"
        last = len(block.rows) - 1
        for index, r in enumerate(block.rows):
            yield self.row(r, block, widths, layout, keep=(block.keep and index < last) or (keep_next and index == last))
        if not block.rows and block.empty is not None:
            yield self.row(Row((Cell((block.empty,), span=len(block.columns), align="center", mark="muted"),)),
                           block, widths, layout, keep=keep_next)
        caption = self.paragraph(self.runs((block.caption,)), "Note", keep_next=keep_next) if block.caption else ""
        yield "</w:tbl>" + (caption or self.paragraph("", "Plain", keep_next=keep_next))

    def row(self, r: Row, block: Table, widths: list[int], layout: TableLayout, keep: bool = False) -> str:
        cells, index = [], 0
        shade = _SHADES.get(r.kind) if r.kind in ("total", "group", "zero") else None
        for c in r.cells:
            width = sum(widths[index:index + c.span])
            column = block.columns[index] if index < len(block.columns) else None
            cells.append(self.cell(c, width, column, block.size, shade=shade, bold=r.kind in ("total", "group", "zero"),
                                   rule=index in block.rules, top=r.kind == "first", keep=keep or r.kind == "group",
                                   room_em=sum(layout.room_em[index:index + c.span]),
                                   whole=layout.holds(index)))
            index += c.span
        return f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>"

    def boxed(self, block: Box, keep_next: bool = False) -> str:
        """Blocks in a one-cell table; ``keep_next``: kept on the page of what follows."""
        width = round(self.width_mm * _TWIPS_PER_MM)
        outer, self.width_mm = self.width_mm, self.width_mm - _BOX_INSET_MM
        try:
            blocks = list(block.blocks)
            inner = "".join(self.block(b, keep_next=(keep_next and after is None) or isinstance(after, Signatures))
                            for b, after in zip(blocks, blocks[1:] + [None])) or self.paragraph("", None)
        finally:
            self.width_mm = outer
        return ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
                '<w:tblLayout w:type="fixed"/></w:tblPr>'
                f'<w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="{width}" '
                f'w:type="dxa"/></w:tcPr>{inner}</w:tc></w:tr></w:tbl>' + self.paragraph("", "Plain", keep_next=keep_next))

    def signatures(self, block: Signatures) -> str:
        """A borderless table of one row, a field to a cell; the image that fills a place to seal or sign
        inline after its label."""
        width = round(self.width_mm * _TWIPS_PER_MM / max(len(block.fields), 1))
        cells = []
        for f in block.fields:
            inner = self.runs((f"{f.label}：{f.value}",)) + (self.picture(f.picture) if f.picture else "")
            cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                         f'{self.paragraph(inner, "Plain")}</w:tc>')
        cells = "".join(cells)
        none = "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in block.fields)
        return (self.paragraph("", "Plain", keep_next=True) +
                f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>{none}</w:tblBorders>'
                f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
                f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr></w:tbl>" + self.paragraph("", "Plain"))

    def contents(self, block: Contents) -> str:
        """A TOC field whose shown result is the entries, each a link to its heading; Word fills in the page
        numbers when the field is updated (F9)."""
        out = []
        last = len(block.entries) - 1
        for index, entry in enumerate(block.entries):
            begin = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC '
                     '\\o "1-4" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                     if index == 0 else "")
            end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if index == last else ""
            link = f'<w:hyperlink w:anchor="{_bookmark(entry.anchor)}">{self.runs((entry.text,))}</w:hyperlink>'
            indent = f'<w:ind w:left="{round((entry.level - 1) * 7 * _TWIPS_PER_MM)}"/>' if entry.level > 1 else ""
            out.append(self.paragraph(begin + link + end, "Plain", extra_ppr=indent))
        return "".join(out)

    def inline(self, data: bytes, width_mm: float, height_mm: float | None) -> str:
        """A run holding an image inline (a chart, a seal, a signature), ``width_mm`` wide."""
        inline = self.part.new_pic_inline(io.BytesIO(data), Mm(width_mm), Mm(height_mm) if height_mm else None)
        self.pictures += 1
        inline.docPr.set("id", str(1000 + self.pictures))
        return f"<w:r><w:drawing>{etree.tostring(inline, encoding='unicode')}</w:drawing></w:r>"

    def picture(self, picture: Picture) -> str:
        return self.inline(picture.data, picture.width_mm, picture.height_mm)

    def figure(self, block: Figure, keep_next: bool = False) -> str:
        chart = block.chart
        return self.paragraph(self.inline(chart.png, chart.width_mm, None), "Center", keep_next=True) + \
            self.paragraph(self.runs((block.caption,)), "Caption", keep_next=keep_next)

    # -- sections ----------------------------------------------------------------------------------
    def section_break(self, page: str) -> str:
        """The paragraph that closes a section laid out on ``page``."""
        return f"<w:p><w:pPr>{etree.tostring(self.page_properties(page), encoding='unicode')}</w:pPr></w:p>"

    def page_properties(self, page: str):
        props = copy.deepcopy(self.section_properties)
        set_page(props, page)
        return props

    def body(self, document: Document) -> Iterator[str]:
        """The document's body, piece by piece (see :meth:`block_pieces`)."""
        for index, section in enumerate(document.sections):
            width, _h, _t, _b, left, right = PAGES[section.page]
            self.width_mm = width - left - right
            if section.anchor:
                yield self.paragraph("", "Plain", anchor=section.anchor)
            yield from self.block_pieces(section.blocks)
            if index < len(document.sections) - 1:
                yield self.section_break(section.page)


def set_page(props, page: str) -> None:
    """Set a section's page size, orientation and margins to those of the page style ``page``."""
    width, height, top, bottom, left, right = PAGES[page]
    size = props.find(f"{{{_W}}}pgSz")
    size.set(f"{{{_W}}}w", str(round(width * _TWIPS_PER_MM)))
    size.set(f"{{{_W}}}h", str(round(height * _TWIPS_PER_MM)))
    if width > height:
        size.set(f"{{{_W}}}orient", "landscape")
    else:
        size.attrib.pop(f"{{{_W}}}orient", None)
    margins = props.find(f"{{{_W}}}pgMar")
    for name, value in (("top", top), ("bottom", bottom), ("left", left), ("right", right)):
        margins.set(f"{{{_W}}}{name}", str(round(value * _TWIPS_PER_MM)))


@lru_cache(maxsize=None)
def _environment() -> Environment:
    return Environment(autoescape=True, undefined=StrictUndefined, finalize=_clean)


def _clean(value):
    """A template value without the characters XML has no place for; the writer's own markup as it is."""
    return _ILLEGAL_XML.sub("", value) if isinstance(value, str) and not isinstance(value, Markup) else value


def document_docx(document: Document, *, company: str, code: str, title: str, subject: str, keywords: str,
                  when: datetime) -> bytes:
    """The DOCX of ``document`` on the base template; same content, same bytes."""
    template = DocxTemplate(BASE)
    template.init_docx()
    base = template.get_docx()
    writer = _Writer(base.part, base.element.body.sectPr)
    body = io.BytesIO()         # written before the package is saved: the body adds its numbering and pictures to it
    for piece in writer.body(document):
        body.write(piece.encode("utf-8"))
    # the template is rendered around a placeholder, and the writer's WordprocessingML put in its place in the
    # saved document: docxtpl would parse the whole document into one tree (half a gigabyte for a long register)
    template.render({"body": Markup(_BODY), "company": company, "code": code}, jinja_env=_environment(),
                    autoescape=True)
    set_page(template.docx.element.body.sectPr, document.sections[-1].page)
    props = template.docx.core_properties
    props.title, props.author, props.subject, props.keywords = title, company, subject, keywords
    props.last_modified_by, props.comments, props.revision = company, "", 1
    props.created = props.modified = when
    buffer = io.BytesIO()
    template.save(buffer)
    return stable_zip(buffer.getvalue(), {"word/document.xml": lambda xml: _with_body(xml, body.getbuffer())})


#: what the body is rendered as, to be replaced by the writer's (as lxml writes it out)
_BODY = "<w:p><w:r><w:t>dossier:body</w:t></w:r></w:p>"


def _with_body(xml: bytes, body: memoryview) -> tuple[bytes, memoryview, bytes]:
    """The saved document with the writer's body in the placeholder's place, in pieces (the body's bytes are
    never copied into one with the rest)."""
    placeholder = _BODY.encode("ascii")
    if xml.count(placeholder) != 1:
        raise RuntimeError("the DOCX template's body placeholder is not in its document once")
    head, tail = xml.split(placeholder)
    return (head, body, tail)
