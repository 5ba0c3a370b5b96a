"""Tables the YAML names (CSV files, workbook sheets): header to fields, cells to text, rows located.

One path for both formats: a format yields its rows as cells (:class:`Cell`, text from a CSV, typed
values from a workbook), and :func:`read_rows` finds the header, maps each column to a field of the
table's schema (by field name or Chinese label, in any order), turns every cell into the text a CSV
would hold (so the validator's coercion decides types, exactly as for YAML), and keeps the line (and
cell) of every value. A workbook's nested lists (a staff member's qualifications) come from a sheet of
their own whose rows carry the parent's id: :func:`attach_children`.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..errors import LoadError
from .placeholders import unmark_cell
from .yaml import LIMITS, Limits, Loaded, read_text

__all__ = ["Cell", "Place", "Table", "Shape", "header_key", "read_rows", "attach_children", "cell_text", "split_list", "read_csv",
           "csv_table", "load_csv"]

#: rows above the header that may hold a title (a merged 标题 row); the header is searched no further
HEADER_SEARCH = 10
#: a list of plain values in one cell (a training session's scans, an outlet's services), on one line
_LIST_SEPARATORS = re.compile(r"[、,，;；]+")
_PARENT = "\0parent"
_IGNORED = object()             # a column whose header names no field (warned about once, at the header)


@dataclass(frozen=True)
class Cell:
    """One cell: its value (text from a CSV; typed from a workbook), its reference, what is wrong with it."""

    value: Any
    ref: str = ""           # "B5" in a workbook
    error: str = ""         # a formula without a saved result, an Excel error value


@dataclass(frozen=True)
class Place:
    """Where a value of a table is: the sheet ("" for a CSV or a one-sheet workbook), the line, the cell."""

    sheet: str
    line: int
    cell: str = ""


@dataclass
class Table:
    """A table's rows, where each value is (path within the table → place), and its problems."""

    rows: list[dict]
    places: dict[tuple, Place] = field(default_factory=dict)
    #: (place, path within the table, code, severity, message): ignored columns, unreadable cells
    notes: list[tuple[Place, tuple, str, str, str]] = field(default_factory=list)
    #: the values whose cell still carries the template's example mark (``2026-03-15 〔待填〕``), by path
    marked: set[tuple] = field(default_factory=set)


@dataclass(frozen=True)
class _Field:
    path: tuple                 # within a row: ("received",), ("partner", "name"), ("scores", "Q1")
    kind: str | None            # the schema type of the value, which decides how a typed cell is written
    listed: bool = False        # a list of plain values, written in one cell


class Shape:
    """What the rows of a table hold, read from the schema of its list field: the columns it accepts
    (every field reachable without crossing a list, by name, dotted path or label), the column for the
    rest (``meta.table_rest``), and the nested lists of records (which a workbook gives a sheet each)."""

    def __init__(self, rules: dict | None, *, parent_key: tuple[str, ...] = ()):
        self.label = ((rules or {}).get("meta") or {}).get("label", "")
        self.key = (rules or {}).get("unique")
        item = (rules or {}).get("schema") or {}
        mapping = item.get("schema") if item.get("type") == "dict" else None
        self.known = mapping is not None
        self.rest = ((rules or {}).get("meta") or {}).get("table_rest")
        self.rest_kind = None
        self.fields: dict[str, _Field] = {}
        self.children: list[tuple[tuple, str, dict]] = []      # (path in a row, field name, rules)
        self.key_label = ""
        if mapping is None:
            return
        if self.rest:
            self.rest_kind = ((mapping[self.rest].get("valuesrules") or {}).get("type"))
        bare: dict[str, list[_Field]] = {}
        self._walk(mapping, (), (), bare)
        for label, found in bare.items():                       # a label alone names a column when unique
            if len(found) == 1:
                self.fields.setdefault(header_key(label), found[0])
        if self.key:
            self.key_label = ((mapping.get(self.key) or {}).get("meta") or {}).get("label", self.key)
        for alias in parent_key:
            self.fields[header_key(alias)] = _Field((_PARENT,), "string")

    def _walk(self, mapping: dict, path: tuple, labels: tuple, bare: dict) -> None:
        for name, rules in mapping.items():
            if not path and name == self.rest:
                continue
            here = path + (name,)
            label = (rules.get("meta") or {}).get("label")
            kind, inner = rules.get("type"), rules.get("schema")
            if kind == "dict" and isinstance(inner, dict):
                self._walk(inner, here, labels + (label or name,), bare)
                continue
            if kind == "list" and isinstance(inner, dict) and inner.get("type") == "dict":
                self.children.append((here, name, rules))
                if not (rules.get("meta") or {}).get("table"):
                    continue
                found = _Field(here, "string")         # a nested table may be named by a cell, as in YAML
            elif kind == "list":
                found = _Field(here, (inner or {}).get("type"), listed=True)
            else:
                found = _Field(here, kind)
            self.fields[header_key(".".join(here))] = found
            if label:
                if labels:
                    self.fields.setdefault(header_key(".".join(labels + (label,))), found)
                bare.setdefault(label, []).append(found)

    def column(self, name: str) -> _Field | None:
        """The field a column header names; with a rest, an unknown column is one of its entries."""
        found = self.fields.get(header_key(name))
        if found is None and self.rest:
            return _Field((self.rest, name.strip()), self.rest_kind)
        if found is None and not self.known:
            return _Field((name.strip(),), None)
        return found

    def names(self) -> str:
        """The accepted headers, for a message: ``受理时间（received）``."""
        shown: dict[tuple, list[str]] = {}
        for alias, found in self.fields.items():
            if found.path[0] != _PARENT:
                shown.setdefault(found.path, []).append(alias)
        return "、".join(f"{aliases[-1]}（{aliases[0]}）" if len(aliases) > 1 else aliases[0]
                        for aliases in shown.values())


def header_key(header: str) -> str:
    """A header as compared: no spaces or required-marks (``*姓名``), full-width brackets as ASCII, any case."""
    text = re.sub(r"\s+", "", str(header)).strip("*＊")
    return text.replace("（", "(").replace("）", ")").casefold()


def cell_text(value: Any, kind: str | None, epoch: datetime | None = None) -> str | None:
    """A cell's value as the text a CSV (or YAML) would hold for a field of type ``kind``; None for empty.

    A number is written with its integer digits when it has no fraction (a phone number typed into Excel
    is 13893730373, never 1.3893730373E10); in a date field it is an Excel serial date (``epoch`` is the
    workbook's); a date cell is written as a date, with its time where the field or the cell has one.
    """
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)) and kind in ("date", "datetime") and epoch is not None:
        value = _from_serial(value, epoch)
    if isinstance(value, datetime):
        if kind == "date" or (kind != "datetime" and value.time() == time(0)):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat() + (" 00:00" if kind == "datetime" else "")
    if isinstance(value, time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        text = repr(value)
        return format(value, "f").rstrip("0") if "e" in text else text
    return str(value).strip() or None


def _from_serial(serial: float, epoch: datetime) -> datetime | float:
    """An Excel serial date (days since the workbook's epoch; 1900 counts a 29 February that never was)."""
    if not 0 < serial < 2958466:          # 9999-12-31
        return serial
    if epoch.year == 1899 and serial < 60:
        serial += 1
    moment = epoch + timedelta(days=serial)
    return moment.replace(microsecond=0) + timedelta(seconds=round(moment.microsecond / 1e6))


def read_rows(grid: Iterable[tuple[int, list[Cell]]], shape: Shape, *, sheet: str = "",
              strict_width: bool = False, epoch: datetime | None = None, code: str = "table") -> Table:
    """The rows of a grid of cells (line, cells), as dicts of text keyed by field; empty cells left out.

    The header is the first row that names a field (a title row above it is skipped); a row right under
    it that holds only field names completes it (a header with merged cells over two rows). Columns that
    name no field are ignored with a warning, or an error for a CSV row longer than its header
    (``strict_width``: a comma that should have been quoted).
    """
    rows = iter(grid)
    header, line = _find_header(rows, shape, code)
    table = Table([])
    columns = _columns(header, line, shape, sheet, table, code)
    pending: tuple[int, list[Cell]] | None = None
    second = next(rows, None)
    if second is not None and _is_header(second[1], shape, columns):
        table = Table([])
        columns = _columns(_merge(header, second[1]), second[0], shape, sheet, table, code)
    elif second is not None:
        pending = second
    ignored: set[int] = set()
    for number, cells in itertools.chain([pending] if pending else [], rows):
        if all(_blank(cell) for cell in cells):
            continue
        if strict_width and len(cells) > len(columns):
            raise LoadError(number, f"本行有 {len(cells)} 列，比列名多（列名共 {len(columns)} 列）；"
                                    "含逗号的内容请加英文双引号。", f"{code}.columns")
        _read_row(number, cells, columns, shape, sheet, epoch, table, ignored)
    return table


def split_list(text: str) -> list[str]:
    """The values of a cell holding a list: one per line when the cell has line breaks (so a value may
    hold a comma), else separated by 顿号, commas or semicolons."""
    parts = text.splitlines() if "\n" in text else _LIST_SEPARATORS.split(text)
    return [part.strip() for part in parts if part.strip()]


def _blank(cell: Cell) -> bool:
    return not cell.error and (cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()))


def _header_text(cell: Cell) -> str:
    return cell_text(cell.value, "string") or ""


def _find_header(rows: Iterator, shape: Shape, code: str) -> tuple[list[Cell], int]:
    seen = 0
    for number, cells in rows:
        if all(_blank(cell) for cell in cells):
            continue
        if not shape.known or any(shape.fields.get(header_key(_header_text(c))) for c in cells):
            return cells, number
        seen += 1
        if seen >= HEADER_SEARCH:
            break
    if seen == 0:
        raise LoadError(1, "表格为空，第一行应为列名。", f"{code}.empty")
    raise LoadError(1, f"前 {HEADER_SEARCH} 行中找不到列名行：列名应为{shape.label or '表格'}的字段名或中文名称，"
                       f"如 {shape.names()[:120]}。", f"{code}.header")


def _is_header(cells: list[Cell], shape: Shape, columns: list) -> bool:
    named = [c for c in cells if not _blank(c)]
    return bool(shape.known and named and all(shape.fields.get(header_key(_header_text(c))) for c in named)
                and any(i >= len(columns) or columns[i] is None or columns[i] is _IGNORED
                        for i, c in enumerate(cells) if not _blank(c)))


def _merge(first: list[Cell], second: list[Cell]) -> list[Cell]:
    width = max(len(first), len(second))
    first, second = first + [Cell(None)] * (width - len(first)), second + [Cell(None)] * (width - len(second))
    return [b if not _blank(b) else a for a, b in zip(first, second)]


def _columns(header: list[Cell], line: int, shape: Shape, sheet: str, table: Table, code: str) -> list:
    columns: list[_Field | None] = []
    taken: dict[tuple, str] = {}
    for position, cell in enumerate(header, start=1):
        name = _header_text(cell)
        where = cell.ref or f"第 {position} 列"
        if not name:
            if not shape.known:
                raise LoadError(line, f"第 {position} 列没有列名。", f"{code}.header")
            columns.append(None)
            continue
        found = shape.column(name)
        if found is None:
            table.notes.append((Place(sheet, line, cell.ref), (), f"{code}.column", "warning",
                                f"列“{name}”（{where}）不是{shape.label or '本表'}的字段，已忽略；可用的列名有：{shape.names()}。"))
            columns.append(_IGNORED)
            continue
        if found.path in taken:
            same = "重复" if taken[found.path] == name else f"与列“{taken[found.path]}”是同一字段"
            raise LoadError(line, f"列名“{name}”{same}。", f"{code}.header")
        taken[found.path] = name
        columns.append(found)
    return columns


def _read_row(number: int, cells: list[Cell], columns: list, shape: Shape, sheet: str,
              epoch: datetime | None, table: Table, ignored: set[int]) -> None:
    index = len(table.rows)
    row: dict = {}
    table.places[(index,)] = Place(sheet, number)
    for position, cell in enumerate(cells):
        found = columns[position] if position < len(columns) else None
        if found is _IGNORED:
            continue
        if found is None:
            if not _blank(cell) and position not in ignored:
                ignored.add(position)
                table.notes.append((Place(sheet, number, cell.ref), (), "table.column", "warning",
                                    f"单元格 {cell.ref or f'第 {position + 1} 列'} 所在的列没有列名，这一列的内容已忽略。"))
            continue
        place = Place(sheet, number, cell.ref)
        path = (index,) + found.path
        if cell.error:
            table.notes.append((place, path, "table.cell", "error", cell.error))
            table.places[path] = place
            continue
        text = cell_text(cell.value, found.kind, epoch)
        if text is None:
            continue
        text, marked = unmark_cell(text)
        if marked:                                  # a template's example value: read, and warned about
            table.marked.add(path)
        target = row
        for depth, step in enumerate(found.path[:-1]):
            target = target.setdefault(step, {})
            table.places.setdefault((index,) + found.path[:depth + 1], place)
        target[found.path[-1]] = split_list(text) if found.listed else text
        table.places[path] = place
        if found.listed:
            for item in range(len(target[found.path[-1]])):
                table.places[path + (item,)] = place
    if shape.rest and shape.known:
        row.setdefault(shape.rest, {})
    table.rows.append(row)


def attach_children(parents: Table, path: tuple, children: Table, key: tuple[str, str], sheet_label: str) -> None:
    """Put each row of ``children`` (which carries its parent's ``key`` in the parent column) into the
    list at ``path`` of that parent; a row whose parent is missing or unknown is an error at its line.
    ``key`` is the parents' id field and its label."""
    key, key_label = key
    index_of = {str(row[key]): i for i, row in enumerate(parents.rows) if row.get(key) is not None}
    slots: dict[int, tuple] = {}            # a child row → its path among the parents' rows
    for j, row in enumerate(children.rows):
        owner = row.pop(_PARENT, None)
        if owner is None or str(owner) not in index_of:
            what = "没有填写" if owner is None else f"“{owner}”不在“{sheet_label}”中"
            parents.notes.append((children.places[(j,)], (), "table.parent", "error",
                                  f"本行所属的{key_label}{what}；每行须写明它属于哪一项。"))
            continue
        i = index_of[str(owner)]
        target = parents.rows[i]
        for step in path[:-1]:
            target = target.setdefault(step, {})
        items = target.setdefault(path[-1], [])
        if not isinstance(items, list):
            parents.notes.append((children.places[(j,)], (i,) + path, "table.parent", "error",
                                  f"{key_label}“{owner}”的这一项已在“{sheet_label}”的单元格中写明文件，不能再在此工作表中列出。"))
            continue
        slots[j] = (i,) + path + (len(items),)
        items.append(row)
        parents.places.setdefault((i,) + path, children.places[(j,)])
    for sub, place in children.places.items():
        if sub[0] in slots and _PARENT not in sub:
            parents.places[slots[sub[0]] + sub[1:]] = place
    parents.marked.update(slots[sub[0]] + sub[1:] for sub in children.marked if sub[0] in slots and _PARENT not in sub)
    for place, sub, code, severity, message in children.notes:
        moved = slots[sub[0]] + sub[1:] if sub and sub[0] in slots and _PARENT not in sub else ()
        parents.notes.append((place, moved, code, severity, message))


def read_csv(path: Path, limits: Limits = LIMITS) -> Iterator[tuple[int, list[Cell]]]:
    """The lines of a CSV file as cells of text; a record spanning several lines is located at its first.

    UTF-8 (with or without BOM, as Excel writes it) is expected; GB18030, what Excel and WPS write on a
    Chinese Windows, is accepted too.
    """
    text = read_text(path, limits.csv_bytes, allow_gb18030=True)
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    try:
        for cells in reader:
            yield start, [Cell(cell) for cell in cells]
            start = reader.line_num + 1
    except csv.Error as exc:
        raise LoadError(reader.line_num or 1, f"CSV 格式错误：{exc}。", "csv.syntax") from exc


def csv_table(path: Path, rules: dict | None, limits: Limits = LIMITS) -> Table:
    """The rows of a CSV file as dicts of text, keyed by the fields of ``rules`` (the rules of the table's
    list field in its schema); without rules, by the header as written."""
    return read_rows(read_csv(path, limits), Shape(rules), strict_width=True, code="csv")


def load_csv(path: Path, limits: Limits = LIMITS) -> Loaded:
    """A CSV file keyed by its header as written, with the line of every row and value."""
    table = csv_table(path, None, limits)
    return Loaded(table.rows, {sub: place.line for sub, place in table.places.items()})
