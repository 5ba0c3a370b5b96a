"""Where a line may not break, for both writers: the tokens of a text that stay whole, and the table cells
whose short values stay on one line.

A text keeps whole what a reader reads as one thing: a version (``A/0``), a number with its unit
(``6.0 m/s``, ``30天``, ``120.5 万元``), an identifier or certificate number (``MA/SC-01``,
``SM2026-000001``), a standard's designation (``GB/T 27922-2011``), a URL or an e-mail address (a URL may
still break after a ``/`` of its path). The HTML writer sets each such token in a span that does not wrap;
the DOCX writer joins its characters (:func:`bound`). A table keeps a short value of a cell (a few
characters, ``SHORT_EM``) on one line where the table has room for all of them, and both writers widen a
column that is narrower than what it keeps whole, taking the width from columns that have some to spare
(:func:`table_layout`); a column too narrow even so is its builder's to widen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .content import Cell, Table, plain_text

__all__ = ["PAGES", "text_width", "pieces", "bound", "em_width", "is_short", "never_wraps", "TableLayout",
           "table_layout", "SHORT_EM", "NO_BREAK_HYPHEN", "NO_BREAK_SPACE", "TOKEN", "ADDRESS"]

#: page styles: (width, height, top, bottom, left, right) in millimetres, as the stylesheet's @page rules
PAGES = {"portrait": (210, 297, 24, 22, 20, 18), "cover": (210, 297, 24, 22, 20, 18),
         "landscape": (297, 210, 20, 18, 16, 16)}
#: a cell value at most this wide (in em of the table's type) is short: it stays on one line
SHORT_EM = 6.0
#: the narrowest a column that wraps its values is left (in em) when the short values of the others stay whole
_WRAPPING_EM = 4.0
#: a code of letters and figures this long could be broken in a narrow column
_LONG_CODE = 5
#: the kinds of piece that stay whole: a token, and an address (a URL's segment, an e-mail address) that a
#: reader copies, so the DOCX leaves its characters as they are
TOKEN, ADDRESS = "token", "address"
NO_BREAK_HYPHEN = "\u2011"
NO_BREAK_SPACE = "\u00a0"
_MM_PER_PT = 25.4 / 72

_UNIT_LATIN = r"(?:%|‰|℃|°C|°|㎡|㎥|[A-Za-zµμΩ]{1,3}(?:/[A-Za-z]{1,3})?[²³]?)(?![A-Za-z0-9])"
_UNIT_CJK = (r"(?:[万亿千百]?(?:个工作日|工作日|个月|个|平方米|立方米|千米|公里|米|公斤|千克|克|吨|毫升|升|人次|人|名|位|户次|户|"
             r"家|台|套|件|项|条|处|次|单|页|份|张|本|天|日|小时|分钟|秒|周|月|年|岁|分|倍|度|课时|学时|星|级|辆|批|期|元)|[万亿])")
_TOKEN = re.compile(
    r"(?P<url>(?:https?://|www\.)[A-Za-z0-9\-._~:/?#@!$&*+=%]*[A-Za-z0-9\-_~/#=%])"
    r"|(?P<email>[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)"
    r"|(?P<standard>(?<![A-Za-z0-9])[A-Z]{1,6}(?:/[A-Z]{1,3})? \d+(?:[.\-]\d+)*(?![A-Za-z0-9]))"
    r"|(?<![A-Za-z0-9.\-/])(?P<code>[A-Za-z0-9]+(?:[-/.:_][A-Za-z0-9]+|,\d{3}(?!\d))*)"
    rf"(?![A-Za-z0-9])(?P<unit>(?<=\d) ?(?:{_UNIT_LATIN}|{_UNIT_CJK}))?")
#: a number that a unit may follow (an identifier such as 5.1.2 is not one: "5.1.2 人员配置")
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
#: where a URL may break: after a "/" of its path
_URL_BREAK = re.compile(r"(?<=[^/]/)(?=[^/])")


@lru_cache(maxsize=4096)
def pieces(value: str) -> tuple[tuple[str, str | None], ...]:
    """``value`` cut into (text, kind) pieces: ``kind`` is ``TOKEN`` or ``ADDRESS`` (a URL's segment, an
    e-mail address) for a piece that must not break inside, ``None`` for the text between them."""
    out: list[tuple[str, str | None]] = []
    position = 0
    for match in _TOKEN.finditer(value):
        if not _breakable(match):
            continue
        if match.start() > position:
            out.append((value[position:match.start()], None))
        end = match.end() if _NUMBER.fullmatch(match.group("code") or "0") else match.end("code")
        if match.group("url"):
            out.extend((part, ADDRESS) for part in _URL_BREAK.split(match.group()))
        else:
            out.append((value[match.start():end], ADDRESS if match.group("email") else TOKEN))
        position = end
    if position < len(value):
        out.append((value[position:], None))
    return tuple(out)


def _breakable(match: re.Match) -> bool:
    """Whether a line could break inside the token: at a hyphen, slash or space, before its unit, or, in a
    narrow column, anywhere in a long code (a short word or number stays whole in any column)."""
    if match.group("code") is None:
        return True
    code = match.group("code")
    return bool(match.group("unit")) or any(c in code for c in "-/") or len(code) >= _LONG_CODE


def bound(token: str) -> str:
    """A token as the DOCX writes it so that no line breaks inside: a no-break space for its spaces and a
    no-break hyphen (``NO_BREAK_HYPHEN``, which the DOCX writer writes as Word's own ``w:noBreakHyphen``)
    for its hyphens. Word does not break at a slash or between letters and figures; no invisible character
    is added that would hinder a search in Word."""
    return token.replace(" ", NO_BREAK_SPACE).replace("-", NO_BREAK_HYPHEN)


def em_width(value: str) -> float:
    """The width of a line of ``value`` in em, as the documents' fonts set it (a little over: a CJK
    character is one em, a Latin figure or letter about 0.57 to 0.72, the widest ones one)."""
    return sum(_char_em(char) for char in value) * 1.03


def _char_em(char: str) -> float:
    if char in _NARROW:
        return _NARROW[char]
    if char in "@%mwMW&" or ord(char) >= 0x2E80 or "\uff00" <= char <= "\uffef":
        return 1.0
    if char.isupper():
        return 0.72
    if char.islower():
        return 0.56
    return 0.6


#: the Latin characters narrower than a figure (em)
_NARROW = {" ": 0.26, "-": 0.37, "/": 0.39, ".": 0.33, ",": 0.33, ":": 0.33, ";": 0.33, "i": 0.3, "l": 0.3,
           "j": 0.3, "f": 0.35, "t": 0.37, "r": 0.42, "I": 0.4, "(": 0.4, ")": 0.4, "\u00a0": 0.26}


def _lines(cell: Cell) -> list[str]:
    return [line.strip() for line in plain_text(cell.text).split("\n")]


def _padding_mm(table: Table) -> float:
    """A cell's horizontal padding and rules, both sides (the larger of the two formats')."""
    return 2 * (0.8 if table.dense else 1.2 if table.size < 9 else 1.6) + 0.5


def _mm(table: Table, em: float) -> float:
    return em * table.size * _MM_PER_PT


def is_short(cell: Cell) -> bool:
    """Whether a cell's value is short enough to stay on one line (each of its lines)."""
    return cell.span == 1 and all(em_width(line) <= SHORT_EM for line in _lines(cell))


def never_wraps(column) -> bool:
    """Whether a column's values are set on one line each, as figures and ``nowrap`` columns are (where
    the table has room for them: see ``TableLayout.whole``)."""
    return column is not None and (column.nowrap or column.align == "right")


def _grid(table: Table, header: bool = True):
    """(column index, cell) for every single-column cell of the table, its header included."""
    if header and table.header:
        for index, column in enumerate(table.columns):
            yield index, Cell((column.header,))
    for row in table.rows:
        index = 0
        for cell in row.cells:
            if cell.span == 1 and index < len(table.columns):
                yield index, cell
            index += cell.span


def _column_needs(table: Table, short: bool, one_line: list[float]) -> list[float]:
    """What each column needs (in mm) to set what it keeps whole on one line: its tokens, when ``short``
    its short values, and the values of a column that never wraps (``one_line``, :func:`_one_line_needs`)."""
    needs = [0.0] * len(table.columns)
    for index, cell in _grid(table):
        if short and is_short(cell):
            kept = [em_width(line) for line in _lines(cell)]
        else:
            kept = [em_width(piece) for line in _lines(cell) for piece, kind in pieces(line) if kind]
        if kept:
            needs[index] = max(needs[index], _mm(table, max(kept)) + _padding_mm(table))
    return [max(need, whole) for need, whole in zip(needs, one_line)]


def _one_line_needs(table: Table) -> list[float]:
    """What each column that never wraps needs (mm) to set each of its values on one line (0 for the others)."""
    needs = [0.0] * len(table.columns)
    for index, cell in _grid(table, header=False):
        if never_wraps(table.columns[index]):
            lines = [_mm(table, em_width(line)) + _padding_mm(table) for line in _lines(cell)]
            needs[index] = max([needs[index]] + lines)
    return needs


def _widest(table: Table) -> list[float]:
    """Each column's widest line (mm), its header's included."""
    widest = [0.0] * len(table.columns)
    for index, cell in _grid(table):
        widest[index] = max([widest[index]] + [_mm(table, em_width(line)) for line in _lines(cell)])
    return widest


def _given(table: Table, widest: list[float]) -> list[float]:
    """The columns' widths in percent of the table: the given ones; the rest share what those leave in
    proportion to their ``widest`` lines (:func:`_widest`), as a browser shares it among columns of no given
    width."""
    given = sum(c.width for c in table.columns if c.width is not None)
    free = [i for i, c in enumerate(table.columns) if c.width is None]
    left = max(100.0 - given, 0.0)
    weights = {i: max(widest[i], _mm(table, 1.0)) for i in free}
    return [c.width if c.width is not None else left * weights[i] / sum(weights.values())
            for i, c in enumerate(table.columns)]


@dataclass(frozen=True)
class TableLayout:
    """How a table is laid out: its columns' widths in percent, whether each column keeps its short values
    on one line, how wide (in em) a token may be in each column and still be kept whole, and whether each
    column that never wraps has room for its values on one line (where it has not, they wrap)."""

    widths: tuple[float, ...]
    short: tuple[bool, ...]
    room_em: tuple[float, ...]
    whole: tuple[bool, ...]

    def holds(self, index: int) -> bool:
        """Whether column ``index`` sets its values that never wrap on one line (a cell past the columns: yes)."""
        return index >= len(self.whole) or self.whole[index]


def table_layout(table: Table, width_mm: float) -> TableLayout:
    """The layout of ``table`` set ``width_mm`` wide, which both writers follow (neither measures cells).
    Each column is widened to what it keeps whole (its tokens, the values of a column that never wraps and,
    unless the table is ``fixed``, its short values), the width taken from the columns with some to spare,
    in proportion to it, a column that wraps its values keeping a few em. Where the columns cannot all have what they need, the one that needs most gives up its short
    values, then its tokens, until the others fit. A ``fixed`` table keeps its given widths. A token wider
    than its column breaks there rather than run over the next."""
    widest, one_line = _widest(table), _one_line_needs(table)
    given = _given(table, widest)
    count = len(table.columns)
    if table.fixed or width_mm <= 0:
        return _laid(table, tuple(given), (False,) * count, width_mm, one_line)
    tokens = _column_needs(table, False, one_line)
    shorts = _column_needs(table, True, one_line)
    needs, short = list(shorts), [need > 0 for need in shorts]
    wrapping = [min(_mm(table, _WRAPPING_EM), line) + _padding_mm(table) for line in widest]
    while sum(max(need, least) for need, least in zip(needs, wrapping)) > width_mm and any(needs):
        neediest = max(range(count), key=lambda i: needs[i])
        if short[neediest]:
            short[neediest], needs[neediest] = False, tokens[neediest]
        else:
            needs[neediest] = 0.0
    return _laid(table, _fitted(given, needs, wrapping, width_mm), tuple(short), width_mm, one_line)


def _laid(table: Table, widths: tuple[float, ...], short: tuple[bool, ...], width_mm: float,
          one_line: list[float]) -> TableLayout:
    whole = tuple(need <= width_mm * width / 100 + 1e-6 for need, width in zip(one_line, widths))
    return TableLayout(widths, short, _room(table, widths, width_mm), whole)


def _room(table: Table, widths, width_mm: float) -> tuple[float, ...]:
    return tuple((width_mm * w / 100 - _padding_mm(table)) / (table.size * _MM_PER_PT) for w in widths)


def _fitted(given: list[float], needs_mm: list[float], wrapping_mm: list[float], width_mm: float) -> tuple[float, ...]:
    """The given widths (percent), each widened to its need, the width taken from the others' spare."""
    needs = [100 * need / width_mm for need in needs_mm]
    floors = [100 * max(need, least) / width_mm for need, least in zip(needs_mm, wrapping_mm)]
    wanting = sum(max(need - width, 0.0) for need, width in zip(needs, given))
    spare = [max(width - floor, 0.0) for floor, width in zip(floors, given)]
    if wanting == 0 or sum(spare) < wanting:
        return tuple(given)
    ratio = wanting / sum(spare)
    return tuple(max(width, need) - s * ratio for width, need, s in zip(given, needs, spare))


def text_width(page: str) -> float:
    """The width of the text on a page of style ``page``, in millimetres."""
    width, _height, _top, _bottom, left, right = PAGES[page]
    return width - left - right
