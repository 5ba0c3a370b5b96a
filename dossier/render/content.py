"""What a document says, as a tree of plain values: composed once by its builder, laid out by two writers.

A builder composes every sentence of its document from the data once, into these blocks; the HTML writer
(PDF through weasyprint and the shared stylesheet) and the DOCX writer (the styled base template) only lay
them out, so the two formats cannot say different things. A layout touch particular to a document (a
landscape page, a table's column widths and type size, a chart) is a property of the blocks, not a second
copy of the words.

    Document(sections)        Section(blocks, page)         one page style each; each starts a new page
    Heading  Paragraph  Items  Table(columns, rows)  Figure  Signatures  Contents  Box  Halves  PageBreak
    Text = a tuple of str and Span (bold, or marked "bad", "ok", "muted"); "\\n" breaks a line
    Picture = an image set inline (a seal, a signature) in a table cell or a signature field
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any, Iterable, Union

__all__ = ["Span", "Text", "text", "Heading", "Paragraph", "Items", "Column", "Picture", "Cell", "Row", "Table",
           "Figure", "SignField", "Signatures", "SEAL", "SIGNATURE", "Entry", "Contents", "Box", "Halves", "PageBreak", "Section", "Document", "Block",
           "cell", "row", "table", "kv_table", "plain_text", "paragraphs", "MARKS", "PAGES"]

#: the marks a span or a cell may carry (both writers know them)
MARKS = ("bad", "ok", "muted", "zero")
#: the page styles a section may use
PAGES = ("portrait", "landscape", "cover")


@dataclass(frozen=True)
class Span:
    """A run of text set apart: bold, or marked (``bad`` red and bold, ``ok`` green, ``muted`` grey), or a
    link into the binder (``link``, see :mod:`dossier.render.links`)."""

    text: str
    bold: bool = False
    mark: str | None = None
    link: str | None = None


Text = tuple[Union[str, Span], ...]


def text(*parts: Any) -> Text:
    """Text from strings, spans and nested texts; ``None`` and empty strings are left out."""
    out: list = []
    for part in parts:
        if part is None or part == "":
            continue
        if isinstance(part, (str, Span)):
            out.append(part)
        elif isinstance(part, tuple):
            out.extend(text(*part))
        else:
            out.append(str(part))
    return tuple(out)


def plain_text(value: Text) -> str:
    """The characters of a text, without its marks."""
    return "".join(p if isinstance(p, str) else p.text for p in value)


@dataclass(frozen=True)
class Heading:
    """A heading; ``anchor`` is where links and the binder's evidence index point; ``outline``: whether it
    appears in the PDF bookmarks and the Word contents."""

    text: str
    level: int = 2
    anchor: str | None = None
    new_page: bool = False
    outline: bool = True


@dataclass(frozen=True)
class Paragraph:
    """A paragraph in one of the paragraph styles both writers know:

    ``body`` (first line indented), ``plain``, ``note`` (small), ``lead`` (kept with what follows),
    ``label`` (a bold run-in title kept with what follows), ``small`` (small, kept with what follows),
    ``meta`` (the centred line under a title), ``center``, ``signature`` (right-aligned, set apart),
    ``excluded`` (a framed red notice), and the cover's ``cover-company``, ``cover-title``,
    ``cover-subtitle``, ``cover-count``, ``cover-stamp``, ``cover-issuer``.
    """

    text: Text
    style: str = "body"
    anchor: str | None = None


STYLES = ("body", "plain", "note", "lead", "label", "small", "meta", "center", "signature", "excluded",
          "cover-company", "cover-title", "cover-subtitle", "cover-count", "cover-stamp", "cover-issuer")


def paragraphs(value: str | None, style: str = "body") -> tuple[Paragraph, ...]:
    """One paragraph per non-empty line of a text the company wrote."""
    return tuple(Paragraph(text(line.strip()), style) for line in (value or "").split("\n") if line.strip())


@dataclass(frozen=True)
class Items:
    """A bulleted (or numbered) list."""

    items: tuple[Text, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Column:
    """A table column: its header, its width in percent of the text width (``None``: an equal share of
    what the others leave), and how its cells align (``left``, ``center``, ``right``; ``right`` columns
    never wrap, nor do ``nowrap`` ones)."""

    header: str
    width: float | None = None
    align: str = "left"
    nowrap: bool = False


@dataclass(frozen=True)
class Picture:
    """An image set inline, ``width_mm`` × ``height_mm``: PNG or JPEG ``data`` (compared by its ``digest``),
    a seal (``seal``: drawn over the words beside it, as a seal is stamped) or a signature."""

    mime: str
    digest: str
    width_mm: float
    height_mm: float
    seal: bool = False
    data: bytes = field(default=b"", repr=False, compare=False)

    @property
    def data_uri(self) -> str:
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode('ascii')}"


@dataclass(frozen=True)
class Cell:
    """A table cell: its text (``"\\n"`` breaks a line), how many columns it spans, its own alignment,
    a mark (``bad``, ``ok``, ``muted``, ``zero``), ``label`` for the shaded label cell of a label/value
    table, and a ``picture`` set above its text (a signature)."""

    text: Text
    span: int = 1
    align: str | None = None
    mark: str | None = None
    label: bool = False
    picture: Picture | None = None


@dataclass(frozen=True)
class Row:
    """A table row: ``body``, ``total`` (bold, shaded), ``group`` (a heading row across the table),
    ``zero`` (a row marked for attention) or ``first`` (opens a group: a heavier rule above)."""

    cells: tuple[Cell, ...]
    kind: str = "body"


@dataclass(frozen=True)
class Table:
    """A table. ``size`` is the type size in points; ``dense`` narrows the padding; ``fixed`` keeps the
    given widths as they are (no column widened for the short values it would keep on one line: for
    registers whose columns the builder sized; both writers lay every table out by the widths
    ``typesetting.table_layout`` gives, never by measuring its cells); ``keep`` keeps it
    on one page; ``header``: whether the columns' headers print (a label/value table has none);
    ``empty``: what the table says when it has no rows; ``rules``: the columns before which a heavier
    vertical rule stands (where a sign-in sheet repeats its columns); ``caption`` follows the table."""

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    size: float = 9.0
    dense: bool = False
    fixed: bool = False
    keep: bool = False
    header: bool = True
    empty: str | None = None
    rules: tuple[int, ...] = ()
    caption: str | None = None


@dataclass(frozen=True)
class Figure:
    """A chart (``svg`` for the PDF, ``png`` for the DOCX, ``width_mm``) and its caption."""

    chart: Any
    caption: str


#: what a place to sign asks for: the company's seal, or a person's signature
SEAL, SIGNATURE = "seal", "signature"


@dataclass(frozen=True)
class SignField:
    """A signature field: its label and value (“日期：2026年3月5日”); a place to seal or sign (``needs``:
    ``seal`` or ``signature``) holds the image that fills it (``picture``) or is left for the pen; ``anchor``
    (given by the builder base) is where the binder finds its page."""

    label: str
    value: str = ""
    needs: str | None = None
    picture: Picture | None = None
    anchor: str | None = None

    @property
    def pending(self) -> bool:
        """Whether it is left to seal or sign by hand."""
        return self.needs is not None and self.picture is None


@dataclass(frozen=True)
class Signatures:
    """A line of signature fields, each a :class:`SignField` or a (label, value) pair such as ("日期",
    "2026年3月5日")."""

    fields: tuple

    def __post_init__(self):
        object.__setattr__(self, "fields", tuple(f if isinstance(f, SignField) else SignField(*f) for f in self.fields))


@dataclass(frozen=True)
class Entry:
    text: str
    anchor: str
    level: int = 1


@dataclass(frozen=True)
class Contents:
    """A table of contents: each entry links to its anchor; the PDF prints the page numbers, Word fills
    them in when the field is updated."""

    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Box:
    """Blocks in a frame: ``declaration`` or ``verdict``."""

    blocks: tuple
    style: str = "declaration"


@dataclass(frozen=True)
class Halves:
    """Two blocks side by side on the page (one after the other in Word)."""

    left: Any
    right: Any


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Union[Heading, Paragraph, Items, Table, Figure, Signatures, Contents, Box, Halves, PageBreak]


@dataclass(frozen=True)
class Section:
    """Blocks on one page style (``portrait``, ``landscape``, ``cover``); every section but the first
    starts a new page. ``code`` replaces the document number in the running header from here on (each
    procedure of a collection); ``anchor`` marks the section's first page."""

    blocks: tuple
    page: str = "portrait"
    code: str | None = None
    anchor: str | None = None


@dataclass(frozen=True)
class Document:
    sections: tuple[Section, ...]

    @classmethod
    def of(cls, *blocks) -> "Document":
        """A document of one portrait section."""
        return cls((Section(tuple(blocks)),))


# -- shorthands for builders -------------------------------------------------------------------------

def cell(value: Any, **options) -> Cell:
    """A cell from a string, a text, a span or a cell."""
    if isinstance(value, Cell):
        return value
    return Cell(text(value) if not isinstance(value, tuple) else text(*value), **options)


def row(*values: Any, kind: str = "body") -> Row:
    return Row(tuple(cell(v) for v in values), kind)


def table(columns: Iterable[Column], rows: Iterable[Row | Iterable[Any]], **options) -> Table:
    """A table whose rows may be given as rows or as sequences of cell values."""
    return Table(tuple(columns), tuple(r if isinstance(r, Row) else row(*r) for r in rows), **options)


def kv_table(pairs: Iterable[tuple[str, Any]], *, columns: int = 2, widths: tuple[float, ...] | None = None,
             **options) -> Table:
    """Label/value pairs, ``columns`` pairs to a row, labels shaded; a pair whose value is to span the rest
    of its row is given as (label, value, "wide")."""
    span = columns * 2
    widths = widths or ((18.0, 32.0, 18.0, 32.0) if columns == 2 else (22.0, 78.0))
    rows, current = [], []
    for pair in pairs:
        label, value, *wide = pair
        if wide and current:
            rows.append(_kv_row(current, span))
            current = []
        current.append((label, value, bool(wide)))
        if wide or len(current) == columns:
            rows.append(_kv_row(current, span))
            current = []
    if current:
        rows.append(_kv_row(current, span))
    return Table(tuple(Column("", w) for w in widths), tuple(rows), header=False, **options)


def _kv_row(pairs: list, span: int) -> Row:
    cells = []
    for index, (label, value, wide) in enumerate(pairs):
        last = index == len(pairs) - 1
        cells.append(Cell(text(label), label=True))
        used = 2 * index + 1
        cells.append(cell(value, span=(span - used) if (wide or last) else 1))
    return Row(tuple(cells))

