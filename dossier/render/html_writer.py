"""Lay a document's content out as HTML for weasyprint: every value escaped, one shared stylesheet.

The writer knows no document: it turns the blocks of :mod:`dossier.render.content` into elements whose
classes the stylesheet (``templates/html/style.css``) styles. A long document is laid out in several
passes of bounded size (``passes``) whose page numbers continue, so that memory stays bounded whatever
the length of its registers and logs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from html import escape

from .content import (Box, Cell, Column, Contents, Document, Figure, Halves, Heading, Items, PageBreak, Paragraph,
                      Picture, Row, Section, SignField, Signatures, Span, Table, Text, plain_text)
from .typesetting import TableLayout, em_width, is_short, never_wraps, pieces, table_layout, text_width
from .page_numbers import ROOM

__all__ = ["Meta", "document_html", "passes", "PASS_ROWS"]

#: table rows laid out per pass of a long document
PASS_ROWS = 400
#: a document is laid out in passes only above this many table rows (below it one pass is cheap enough)
SPLIT_ABOVE = 2 * PASS_ROWS
_ALIGN = {"center": "c", "right": "num", "left": ""}


@dataclass(frozen=True)
class Meta:
    """What the HTML head and the running header say of the document."""

    title: str
    company: str
    code: str
    description: str
    keywords: str
    generator: str


def _e(value: str) -> str:
    return escape(value, quote=True)


#: the width of a frame's text: the frame's padding and rules taken from the width it stands in (mm)
_BOX_INSET = 11.2
#: the type size of running text (pt), as the stylesheet's
_TEXT_PT = 10.5
#: the share of a line's room a text may take by the estimate (typesetting.em_width) and be sure to fit in it
_SURE_FIT = 0.9
#: the share of the width each of two halves side by side takes
_HALF = 0.485


def _text(value: Text, room_em: float | None = None, tokens: bool = True) -> str:
    """A text's HTML: each token that must not break (a version, an identifier, a number with its unit, a
    URL's segment…) in a span that does not wrap, unless it is wider than ``room_em``, the line it is set
    in (then it breaks rather than run over the next cell); no such span where the text never wraps
    (``tokens`` false: a cell set on one line), nor where each of its lines fits ``room_em`` with room to spare
    (it breaks nowhere then, and plain text lays out faster than text in spans)."""
    if tokens and room_em is not None and all(em_width(line) <= room_em * _SURE_FIT
                                              for line in plain_text(value).split("\n")):
        tokens = False
    out = []
    for part in value:
        if isinstance(part, Span):
            inner = _words(part.text, room_em, tokens)
            if part.mark:
                inner = f'<span class="{part.mark}">{inner}</span>'
            if part.link:
                inner = f'<a href="{_e(part.link)}">{inner}</a>'
            out.append(f"<b>{inner}</b>" if part.bold else inner)
        else:
            out.append(_words(part, room_em, tokens))
    return "".join(out)


def _words(value: str, room_em: float | None, tokens: bool = True) -> str:
    if not tokens:
        return _e(value).replace("\n", "<br>")
    out = []
    for piece, kind in pieces(value):
        html = _e(piece).replace("\n", "<br>")
        out.append(f'<span class="nb">{html}</span>' if kind and (room_em is None or em_width(piece) <= room_em)
                   else html)
    return "".join(out)


def _id(anchor: str | None) -> str:
    return f' id="{_e(anchor)}"' if anchor else ""


def _classes(*names: str) -> str:
    names = [n for n in names if n]
    return f' class="{" ".join(names)}"' if names else ""


def _heading(block: Heading) -> str:
    tag = f"h{min(max(block.level, 1), 4)}"
    cls = _classes("newpage" if block.new_page else "", "" if block.outline else "no-outline")
    return f"<{tag}{_id(block.anchor)}{cls}>{_text((block.text,))}</{tag}>"


def _cell(cell: Cell, column: Column | None, rule: bool, layout: TableLayout, index: int) -> str:
    align = cell.align or (column.align if column else "left")
    whole = layout.holds(index)
    nowrap = cell.span == 1 and ((never_wraps(column) and whole) or (index < len(layout.short) and layout.short[index]
                                                                    and is_short(cell)))
    cls = _classes(_ALIGN[align], "nowrap" if nowrap else "" if whole else "wrap", cell.mark or "",
                   "rule" if rule else "")
    span = f' colspan="{cell.span}"' if cell.span > 1 else ""
    tag = "th" if cell.label else "td"
    room = sum(layout.room_em[index:index + cell.span]) if index < len(layout.room_em) else None
    picture = f"{_picture(cell.picture)}<br>" if cell.picture else ""
    return f"<{tag}{cls}{span}>{picture}{_text(cell.text, room, tokens=not nowrap)}</{tag}>"


def _row(row: Row, columns: tuple[Column, ...], rules: tuple[int, ...], layout: TableLayout) -> str:
    cells, index = [], 0
    for cell in row.cells:
        cells.append(_cell(cell, columns[index] if index < len(columns) else None, index in rules, layout, index))
        index += cell.span
    return f"<tr{_classes('' if row.kind == 'body' else row.kind)}>{''.join(cells)}</tr>"


def _table(block: Table, width_mm: float) -> str:
    cls = _classes("fixed", "compact" if block.size < 9 else "", "dense" if block.dense else "",
                   "keep" if block.keep else "", "" if block.header else "kv")
    layout = table_layout(block, width_mm)
    cols = "".join(f'<col style="width:{width:.2f}%">' for width in layout.widths)
    head = ""
    if block.header:
        heads = []
        for index, c in enumerate(block.columns):
            header = Cell((c.header,))
            nowrap = layout.short[index] and is_short(header)
            heads.append(f"<th{_classes('rule' if index in block.rules else '', 'nowrap' if nowrap else '')}>"
                         f"{_text(header.text, layout.room_em[index], tokens=not nowrap)}</th>")
        head = f"<thead><tr>{''.join(heads)}</tr></thead>"
    rows = [_row(r, block.columns, block.rules, layout) for r in block.rows]
    if not rows and block.empty is not None:
        rows = [f'<tr><td colspan="{len(block.columns)}" class="c muted">{_e(block.empty)}</td></tr>']
    caption = f'<p class="note">{_e(block.caption)}</p>' if block.caption else ""
    return (f'<table{cls} style="font-size:{block.size:g}pt"><colgroup>{cols}</colgroup>{head}'
            f"<tbody>{''.join(rows)}</tbody></table>{caption}")


def _figure(block: Figure) -> str:
    chart = block.chart
    return (f'<figure><img src="{chart.data_uri}" style="width: {chart.width_mm}mm" alt="{_e(block.caption)}">'
            f"<figcaption>{_e(block.caption)}</figcaption></figure>")


def _picture(picture: Picture) -> str:
    kind = "seal" if picture.seal else "signature"
    return (f'<img class="{kind}" src="{picture.data_uri}" alt="" '
            f'style="width: {picture.width_mm:.2f}mm; height: {picture.height_mm:.2f}mm">')


def _sign_field(field: SignField) -> str:
    """A signature field: its label, its value, and the image that fills a place to seal or sign, or the
    room left for the pen."""
    filled = _picture(field.picture) if field.picture else '<span class="blank"></span>' if field.pending else ""
    return (f"<td{_id(field.anchor)}{_classes('place' if field.needs else '')}>"
            f"{_text((field.label, '：', field.value))}{filled}</td>")


def _block(block, width_mm: float) -> str:
    """The HTML of a block set ``width_mm`` wide."""
    if isinstance(block, Heading):
        return _heading(block)
    room = width_mm / (_TEXT_PT * 25.4 / 72)
    if isinstance(block, Paragraph):
        return f"<p{_id(block.anchor)}{_classes(block.style)}>{_text(block.text, room)}</p>"
    if isinstance(block, Items):
        tag = "ol" if block.ordered else "ul"
        return f"<{tag}>{''.join(f'<li>{_text(item, room)}</li>' for item in block.items)}</{tag}>"
    if isinstance(block, Table):
        return _table(block, width_mm)
    if isinstance(block, Figure):
        return _figure(block)
    if isinstance(block, Signatures):
        return f'<table class="sign"><tr>{"".join(_sign_field(f) for f in block.fields)}</tr></table>'
    if isinstance(block, Contents):
        items = "".join(f'<li class="l{e.level}"><a href="#{_e(e.anchor)}">{_e(e.text)}</a></li>'
                        for e in block.entries)
        return f'<nav class="toc"><ul>{items}</ul></nav>'
    if isinstance(block, Box):
        inner = "".join(_block(b, width_mm - _BOX_INSET) for b in block.blocks)
        return f'<div class="box {block.style}">{inner}</div>'
    if isinstance(block, Halves):
        half = width_mm * _HALF
        return f'<div class="half">{_block(block.left, half)}</div><div class="half">{_block(block.right, half)}</div>'
    if isinstance(block, PageBreak):
        return '<div class="page-break"></div>'
    raise TypeError(f"not a content block: {type(block).__name__}")


def _section(section: Section) -> str:
    code = f'<div class="doccode" data-code="{_e(section.code)}"></div>' if section.code else ""
    body = "".join(_block(b, text_width(section.page)) for b in section.blocks)
    return f'<section{_id(section.anchor)} class="page-{section.page}">{code}{body}</section>'


def document_html(document: Document, meta: Meta, one_pass: bool = False) -> str:
    """The HTML of ``document``, or of one pass of it (``one_pass``: the header leaves room for the page
    numbers that joining the passes stamps, see render.page_numbers)."""
    running = document.sections[0].code or meta.code     # a pass may start inside a section with its own code
    continued = ""
    if one_pass:
        continued = ('<style>/* one pass of a document laid out in parts: its page numbers are stamped when the '
                     f'passes are joined */ @page {{ @top-right {{ content: string(doccode) "{ROOM}"; }} }}</style>')
    return ('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{_e(meta.title)}</title>\n"
            f'<meta name="author" content="{_e(meta.company)}">\n'
            f'<meta name="description" content="{_e(meta.description)}">\n'
            f'<meta name="keywords" content="{_e(meta.keywords)}">\n'
            f'<meta name="generator" content="{_e(meta.generator)}">\n'
            f'<link rel="stylesheet" href="style.css">\n{continued}</head>\n<body>\n'
            f'<div class="running" data-company="{_e(meta.company)}" data-code="{_e(running)}"></div>\n'
            + "\n".join(_section(s) for s in document.sections) + "\n</body>\n</html>\n")


# -- long documents in passes ---------------------------------------------------------------------------

def _weight(block) -> int:
    """What a block costs to lay out, in table rows (the rest of a document costs little)."""
    if isinstance(block, Table):
        return len(block.rows)
    if isinstance(block, Box):
        return sum(_weight(b) for b in block.blocks)
    if isinstance(block, Halves):
        return _weight(block.left) + _weight(block.right)
    return 0


def _pieces(block, limit: int) -> list:
    """A block no heavier than ``limit``, or a long table cut into tables of ``limit`` rows."""
    if not isinstance(block, Table) or len(block.rows) <= limit:
        return [block]
    return [replace(block, rows=block.rows[i:i + limit], caption=block.caption if i + limit >= len(block.rows)
                    else None) for i in range(0, len(block.rows), limit)]


def passes(document: Document, limit: int = PASS_ROWS, above: int = SPLIT_ABOVE) -> list[Document]:
    """The passes ``document`` is laid out in: itself, or, when it holds more than ``above`` table rows,
    consecutive runs of its blocks of about ``limit`` rows each (a long table cut between rows, its header
    repeated). Each pass after the first starts a new page; a section cut in two keeps its page style and
    running code in both parts, its anchor in the first. A document with a table of contents is laid out
    in one pass: its page references must see every page."""
    blocks = [b for s in document.sections for b in s.blocks]
    if sum(_weight(b) for b in blocks) <= above or any(isinstance(b, Contents) for b in blocks):
        return [document]
    out: list[list[Section]] = [[]]
    load = 0
    for section in document.sections:
        current: list = []
        first = True
        for block in section.blocks:
            for piece in _pieces(block, limit):
                weight = _weight(piece)
                if weight and load + weight > limit and load > 0:
                    lead = _leading(current)            # a heading or paragraph stays with what it introduces
                    kept = current[:len(current) - len(lead)]
                    if kept:
                        out[-1].append(replace(section, blocks=tuple(kept), anchor=section.anchor if first else None))
                        first = False
                    out.append([])
                    current, load = lead, 0
                current.append(piece)
                load += weight
        if current:
            out[-1].append(replace(section, blocks=tuple(current), anchor=section.anchor if first else None))
    return [Document(tuple(p)) for p in out if p]


def _leading(blocks: list) -> list:
    """The blocks at the end of ``blocks`` that introduce the next one (those that weigh nothing)."""
    count = 0
    while count < len(blocks) and _weight(blocks[-1 - count]) == 0:
        count += 1
    return blocks[len(blocks) - count:]
