"""Write a fill-in workbook: every table of a company folder on a sheet of its own, as the reader takes it back.

Each table sheet has a notes row (row 1: required or not, format, where a value comes from), the header
(row 2: the labels :mod:`dossier.load.tables` maps back to the fields) and the rows from row 3. Dates are
date cells, times date-time cells, text columns (ids, phone numbers) text cells so leading zeros stay.
Closed values get a drop-down list: a schema's ``allowed`` values, 是/否, a vocabulary (a warning only
where the company may extend it), the ids another sheet defines (its id column), and the ids defined in
the YAML files or the standard (departments, attachments, indicators: listed on the hidden sheet 可选值).
A sheet "填写说明" explains every column and which YAML field names each sheet. A value the template
marks as an example (``# 〔待填〕`` on its YAML line) is written with the mark in its cell, which the reader
takes off and warns about. The same tables give the same bytes: fixed document properties and zip times.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..load.placeholders import mark_cell, placeholder_in
from ..load.sources import Source, Sources, matches
from ..load.tables import header_key, split_list
from ..render.archives import stable_zip
from ..problems import dotted
from ..standard.vocabularies import Vocabulary
from ..validation.ids import IdSet
from ..validation.validator import parse_boolean, parse_date, parse_datetime
from .sheets import Column, SheetSpec, sheet_specs

__all__ = ["WORKBOOK_NAME", "NOTES_SHEET", "LISTS_SHEET", "SheetRef", "write_workbook"]

#: the workbook ``dossier init --xlsx`` writes into a company folder
WORKBOOK_NAME = "数据表.xlsx"
NOTES_SHEET = "填写说明"
LISTS_SHEET = "可选值"
NOTES_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3
#: rows below the data that keep the formats and drop-down lists, for the company to fill
SPARE_ROWS = 500
_INT = re.compile(r"-?(0|[1-9]\d{0,14})")
_FORMATS = {"date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm"}
_TEXT = "@"
_HEAD_FILL, _NOTE_FILL = "DDEBF7", "F2F2F2"
_NOTE_SIZE = 9 / 11             # the notes' font size, to the default font's that column widths count in
#: the time of every zip member, and the workbook's created/modified without an application date
_FIXED = datetime(1980, 1, 1)


@dataclass(frozen=True)
class SheetRef:
    """A table put on a sheet: the data file and field that name it (``personnel``, ``staff``)."""

    file: str
    path: tuple
    sheet: str


def write_workbook(sources: Sources, out: Path, ids: dict[str, IdSet],
                   vocabularies: dict[str, Vocabulary]) -> list[SheetRef]:
    """Write the tables of ``sources`` (as loaded: text) into the workbook ``out``; returns the tables
    the data holds (the ones its YAML may then name as ``file.xlsx#sheet``). ``ids`` and
    ``vocabularies`` give the drop-down lists of the values defined outside the workbook.

    Raises DataError for data a cell cannot hold as the reader takes it back (a list item containing a
    separator, a value where a table expects none)."""
    import openpyxl

    specs = sheet_specs()
    ids = _relative(ids, sources.shown_root)
    workbook = openpyxl.Workbook()
    notes = workbook.active
    notes.title = NOTES_SHEET
    lists = _Lists(workbook.create_sheet(LISTS_SHEET))
    defining = {spec.defines: spec for spec in specs if spec.defines and spec.parent is None}
    refs: list[SheetRef] = []
    explained: list[tuple[SheetSpec, list[tuple[Column | str, str]]]] = []
    for spec in specs:
        rows, present = _rows(sources, spec)
        if present and spec.parent is None:
            refs.append(SheetRef(spec.file, spec.path, spec.title))
        rest = _rest_keys(sources, spec, rows)
        sheet = workbook.create_sheet(spec.title)
        marked = _Marks(sources.files.get(spec.file))
        explained.append((spec, _write_sheet(sheet, spec, rows, rest, defining, lists, ids, vocabularies, marked)))
    workbook.move_sheet(LISTS_SHEET, offset=len(workbook.sheetnames))
    lists.sheet.sheet_state = "hidden"
    _write_notes(notes, out.name, explained, refs)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(_stable_bytes(workbook, _when(sources)))
    return refs


def _relative(ids: dict[str, IdSet], shown_root: str) -> dict[str, IdSet]:
    """Where ids are defined, named from the company folder (``organisation.yaml``), wherever it is."""
    prefix = shown_root.rstrip("/") + "/"
    return {kind: IdSet(found.ids, found.where.removeprefix(prefix)) for kind, found in ids.items()}


def _when(sources: Sources) -> datetime:
    """The workbook's created/modified time: the application date at 9:00, as the documents have it."""
    company = sources.files.get("company")
    application = company.data.get("application") if company is not None else None
    try:
        return datetime.combine(parse_date(str(application.get("date"))), time(9, 0))
    except (AttributeError, TypeError, ValueError):
        return _FIXED


def _stable_bytes(workbook, when: datetime) -> bytes:
    """The workbook as openpyxl writes it, with ``when`` as its created and modified time (openpyxl's save
    puts the current time there) and every zip member at a fixed time, in openpyxl's order."""
    from openpyxl.writer.excel import ExcelWriter

    workbook.properties.created = workbook.properties.modified = when
    written = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(written, "w", zipfile.ZIP_DEFLATED)).save()
    return stable_zip(written.getvalue())


# -- rows ----------------------------------------------------------------------------------------

def _rows(sources: Sources, spec: SheetSpec) -> tuple[list[tuple[Any, dict, str, tuple]], bool]:
    """(parent id, row, where, its path in the file) for each row of the table, and whether the data
    names the table at all."""
    source = sources.files.get(spec.file)
    if source is None:
        return [], False
    top = spec.parent or spec
    found = [(path, parent[key]) for path, parent, key in matches(source.data, top.path)]
    rows = []
    for path, items in found:
        for index, item in enumerate(items if isinstance(items, list) else ()):
            if not isinstance(item, dict):
                raise DataError(f"{source.file}: {dotted(path + (index,))} 不是一项记录，无法写入工作表“{top.title}”。")
            if spec.parent is None:
                rows.append((None, item, f"{source.file}: {dotted(path + (index,))}", path + (index,)))
                continue
            children = item
            for step in spec.path:
                children = children.get(step) if isinstance(children, dict) else None
            for j, child in enumerate(children if isinstance(children, list) else ()):
                where = f"{source.file}: {dotted(path + (index,) + spec.path + (j,))}"
                if not isinstance(child, dict):
                    raise DataError(f"{source.file}: {where} 不是一项记录，无法写入工作表“{spec.title}”。")
                rows.append((item.get(top.key), child, where, path + (index,) + spec.path + (j,)))
    return rows, bool(found)


def _rest_keys(sources: Sources, spec: SheetSpec, rows) -> list[str]:
    """The columns of ``meta.table_rest`` (an answer's score per survey item): the items the data defines,
    in order, then any other key the rows use."""
    if not spec.rest:
        return []
    keys: dict[str, None] = {}
    source = sources.files.get(spec.file)
    for _path, parent, key in matches(source.data if source else {}, ("items",)):
        for item in parent[key] if isinstance(parent[key], list) else ():
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                keys[item["id"]] = None
    used = {k for _owner, row, _where, _path in rows for k in (row.get(spec.rest) or {})}
    return [k for k in keys if k in used or not rows] + sorted(used - set(keys))


def _value(column: Column, value: Any, where: str) -> Any:
    """A value as loaded (text) as the cell the reader turns back into the same text, or an equal one."""
    if value is None:
        return None
    if column.listed:
        items = value if isinstance(value, list) else [value]
        if not all(isinstance(item, str) and item.strip() and "\n" not in item and item == item.strip()
                   for item in items):
            raise DataError(f"{where}：有一项为空、不是文字或含有换行，无法写入一格；请改写，或保留在 YAML 中。")
        joined = "、".join(items)
        return joined if split_list(joined) == items else "\n".join(items)    # one a line: commas kept
    if not isinstance(value, str):
        raise DataError(f"{where}：应为单个值，无法写入一格。")
    text, kind = value.strip(), column.kind
    try:
        if kind == "date":
            return parse_date(text)
        if kind == "datetime":
            return parse_datetime(text)
        if kind == "boolean":
            return "是" if parse_boolean(text) else "否"
    except ValueError:
        return value                    # as written: the validator says what is wrong with it
    if kind == "integer" and _INT.fullmatch(text):
        return int(text)
    if kind in ("number", "float") and (_INT.fullmatch(text) or _is_float(text)):
        return int(text) if _INT.fullmatch(text) else float(text)
    return value


class _Marks:
    """Which values of a file the template marks as examples: on a YAML line whose comment has the mark,
    or read from a cell that has it (a workbook exported again keeps its marks)."""

    def __init__(self, source: Source | None):
        self.source = source

    def __call__(self, path: tuple) -> bool:
        source = self.source
        if source is None:
            return False
        if path in source.marked_cells:
            return True
        location = source.locations.get(path)
        return location is not None and location.file == source.file and location.line in source.marked


def _marked(cell: Any, value: Any) -> Any:
    """An example value's cell: its text, then the mark; a value still holding a text placeholder is left
    as it is (the placeholder is warned about)."""
    items = value if isinstance(value, list) else [value]
    if value is None or any(not isinstance(item, str) or placeholder_in(item) for item in items):
        return cell
    return mark_cell("、".join(item.strip() for item in items))


def _is_float(text: str) -> bool:
    try:
        return repr(float(text)) == text
    except ValueError:
        return False


def _row_cells(spec: SheetSpec, owner, row: dict, rest: list[str], where: str, path: tuple,
               marked: _Marks) -> list:
    cells = []
    taken: set[str] = set()
    for column in spec.columns:
        if column.parent_key:
            cells.append(owner)
            continue
        value: Any = row
        for step in column.path:
            value = value.get(step) if isinstance(value, dict) else None
        taken.add(column.path[0])
        cell = _value(column, value, f"{where}.{dotted(column.path)}")
        if column.path != (spec.key,) and marked(path + column.path):      # an id is the company's own
            cell = _marked(cell, value)
        cells.append(cell)
    if spec.rest:
        scores = row.get(spec.rest) or {}
        taken.add(spec.rest)
        for key in rest:
            cell = _value(Column((key,), key, _rest_rules(spec)), scores.get(key), f"{where}.{spec.rest}.{key}")
            cells.append(_marked(cell, scores.get(key)) if marked(path + (spec.rest, key)) else cell)
    children = {path[0] for path in _child_paths(spec)}
    left = [key for key in row if key not in taken and key not in children]
    if left:
        raise DataError(f"{where}：字段 {'、'.join(map(str, left))} 不是工作表“{spec.title}”的列，无法写入；"
                        "请先按 dossier validate 的提示改正。")
    return cells


def _child_paths(spec: SheetSpec) -> list[tuple]:
    return [other.path for other in sheet_specs() if other.parent is spec]


def _rest_rules(spec: SheetSpec) -> dict:
    return ((spec.item.get(spec.rest) or {}).get("valuesrules")) or {}


# -- one sheet -----------------------------------------------------------------------------------

class _Lists:
    """The hidden sheet of drop-down values that no other sheet holds: one column per list."""

    def __init__(self, sheet):
        self.sheet = sheet
        self.ranges: dict[tuple, str] = {}

    def range_of(self, title: str, values: tuple[str, ...]) -> str:
        from openpyxl.utils import get_column_letter, quote_sheetname

        key = (title, values)
        if key not in self.ranges:
            column = len(self.ranges) + 1
            self.sheet.cell(row=1, column=column, value=title)
            for row, value in enumerate(values, start=2):
                self.sheet.cell(row=row, column=column, value=value).number_format = _TEXT
            letter = get_column_letter(column)
            self.ranges[key] = f"{quote_sheetname(self.sheet.title)}!${letter}$2:${letter}${len(values) + 1}"
        return self.ranges[key]


def _write_sheet(sheet, spec: SheetSpec, rows, rest: list[str], defining: dict, lists: _Lists,
                 ids: dict[str, IdSet], vocabularies: dict[str, Vocabulary],
                 marked: _Marks) -> list[tuple[Column | str, str]]:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    columns = list(spec.columns) + [Column((key,), key, _rest_rules(spec), rest=True) for key in rest]
    last = FIRST_ROW + len(rows) + SPARE_ROWS - 1
    described = []
    written = [_row_cells(spec, owner, row, rest, where, path, marked) for owner, row, where, path in rows]
    lines = 3
    for number, column in enumerate(columns, start=1):
        letter = get_column_letter(number)
        choice = _choice(spec, column, defining, lists, ids, vocabularies)
        note = _note(column, choice, ids)
        if header_key(note) in {header_key(c.header) for c in columns}:    # never a second header row
            note += "。"
        described.append((column, note))
        head = sheet.cell(row=HEADER_ROW, column=number, value=column.header)
        head.font, head.fill = Font(bold=True), PatternFill("solid", fgColor=_HEAD_FILL)
        cell = sheet.cell(row=NOTES_ROW, column=number, value=note)
        cell.font = Font(size=round(11 * _NOTE_SIZE), color="595959")
        cell.fill = PatternFill("solid", fgColor=_NOTE_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        form = _FORMATS.get(column.kind) or (_TEXT if column.kind in ("string", None) or column.listed else None)
        dimension = sheet.column_dimensions[letter]
        dimension.width = _width(column.header, note, [cells[number - 1] for cells in written])
        lines = max(lines, -(-int(_shown_width(note) * _NOTE_SIZE) // int(dimension.width - 1)))
        if form:
            dimension.number_format = form
            for row in range(FIRST_ROW, last + 1):
                sheet.cell(row=row, column=number).number_format = form
        validation = _validation(column, choice, f"{letter}{FIRST_ROW}:{letter}{last}")
        if validation is not None:
            sheet.add_data_validation(validation)
    for offset, cells in enumerate(written):
        for number, value in enumerate(cells, start=1):
            cell = sheet.cell(row=FIRST_ROW + offset, column=number, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"            # text, never a formula
    sheet.row_dimensions[NOTES_ROW].height = 12 * min(lines, 8) + 4        # every note whole, at 9 pt
    sheet.freeze_panes = sheet.cell(row=FIRST_ROW, column=2 if spec.key or spec.parent else 1)
    _print_across(sheet)
    return described


def _shown_width(text: str) -> int:
    """How many columns of a spreadsheet's width a text takes: two for a Chinese character."""
    return sum(2 if ord(char) >= 0x2E80 else 1 for char in str(text))


def _width(header: str, note: str, values: list) -> float:
    """A column's width: its header and its longest value on one line, its note in at most four lines."""
    texts = [_shown_width(header) * 1.2, _shown_width(note) * _NOTE_SIZE / 4] + \
        [_shown_width(v) for v in values if isinstance(v, str)]
    return max(10, min(40, max(texts) + 2))


def _print_across(sheet) -> None:
    """Printed (or saved as PDF), a sheet is landscape with all its columns on the width of one page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.print_title_rows = f"{NOTES_ROW}:{HEADER_ROW}"


@dataclass(frozen=True)
class _Choice:
    """The values a column may take: a range of cells, what they are, and whether others are refused."""

    source: str
    what: str
    strict: bool


def _choice(spec: SheetSpec, column: Column, defining: dict, lists: _Lists, ids: dict[str, IdSet],
            vocabularies: dict[str, Vocabulary]) -> _Choice | None:
    from openpyxl.utils import get_column_letter, quote_sheetname

    rules = column.values
    kind = spec.parent.defines if column.parent_key else rules.get("ref")
    if column.listed:
        return None                       # several values in a cell: no list can check them
    target = defining.get(kind)
    if target is not None and target.key:
        number = next(i for i, c in enumerate(target.columns, start=1) if c.path == (target.key,))
        letter = get_column_letter(number)
        return _Choice(f"{quote_sheetname(target.title)}!${letter}${FIRST_ROW}:${letter}${FIRST_ROW + 4999}",
                       f"“{target.title}”表中的{target.key_label}", True)
    if kind and kind in ids:
        values = tuple(sorted(ids[kind].ids, key=_natural))
        if values:
            return _Choice(lists.range_of(column.label, values), f"{ids[kind].describe()}中的编号", False)
        return None
    if rules.get("allowed"):
        values = tuple(map(str, rules["allowed"]))
        return _Choice(lists.range_of(column.label, values), "、".join(values), True)
    if rules.get("vocabulary") in vocabularies:
        vocabulary = vocabularies[rules["vocabulary"]]
        return _Choice(lists.range_of(vocabulary.label, vocabulary.values), "、".join(vocabulary.values),
                       not vocabulary.open)
    if rules.get("type") == "boolean":
        return _Choice('"是,否"', "是、否", True)
    return None


def _natural(text: str):
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def _validation(column: Column, choice: _Choice | None, cells: str):
    from openpyxl.worksheet.datavalidation import DataValidation

    rules = column.values
    if choice is not None:
        validation = DataValidation(type="list", formula1=choice.source, allow_blank=True)
        validation.error = f"{column.header}应为{choice.what}" + ("。" if choice.strict else "；确需其他值时可以保留。")
    elif rules.get("type") in ("integer", "number", "float") and ("min" in rules or "max" in rules):
        low, high = rules.get("min"), rules.get("max")
        kind = "whole" if rules.get("type") == "integer" else "decimal"
        if low is not None and high is not None:
            validation = DataValidation(type=kind, operator="between", formula1=str(low), formula2=str(high))
        elif low is not None:
            validation = DataValidation(type=kind, operator="greaterThanOrEqual", formula1=str(low))
        else:
            validation = DataValidation(type=kind, operator="lessThanOrEqual", formula1=str(high))
        validation.allow_blank = True
        validation.error = f"{column.header}应为{_range_text(rules)}。"
    else:
        return None
    validation.errorTitle = column.header
    validation.errorStyle = "stop" if choice is None or choice.strict else "warning"
    validation.showErrorMessage = True
    validation.add(cells)
    return validation


# -- what each column means ----------------------------------------------------------------------

_KINDS = {"date": "日期，如 2026-03-15", "datetime": "日期时间，如 2026-03-15 09:30", "boolean": "是/否",
          "integer": "整数", "number": "数字", "float": "数字"}


def _range_text(rules: dict) -> str:
    kind = _KINDS.get(rules.get("type"), "数字")
    low, high = rules.get("min"), rules.get("max")
    if low is not None and high is not None:
        return f"{kind}（{low}～{high}）"
    if low is not None:
        return f"{kind}（不小于 {low}）"
    if high is not None:
        return f"{kind}（不大于 {high}）"
    return kind


def _note(column: Column, choice: _Choice | None, ids: dict[str, IdSet]) -> str:
    """Row 1 of a column: required or not, the format, where its values come from."""
    rules, meta = column.values, column.rules.get("meta") or {}
    if column.parent_key:
        need = "必填"
    elif column.rest:
        need = "选填（本调查用到的项目必填）"
    elif column.rules.get("required") and "default" not in column.rules:
        need = f"填写{column.within}时必填" if column.within else "必填"
    else:
        need = "选填"
    parts = [need]
    if column.rest:
        parts.append(f"“{column.header}”的{(rules.get('meta') or {}).get('label', '')}，{_range_text(rules)}")
    elif rules.get("type") in _KINDS:
        parts.append(_range_text(rules) if "min" in rules or "max" in rules else _KINDS[rules["type"]])
    elif (column.values.get("meta") or meta).get("format"):
        parts.append(meta.get("format") or column.values["meta"]["format"])
    if column.listed:
        parts.append("多项用顿号（、）分开")
    if choice is not None:
        parts.append(f"从下拉列表中选择：{choice.what}" if choice.strict else f"可从下拉列表中选择（{choice.what}）")
    elif column.values.get("ref") in ids:
        parts.append(f"{ids[column.values['ref']].describe()}中的编号")
    if "default" in column.rules and column.rules["default"] not in ([], {}, None):
        parts.append(f"不填为“{_shown_default(column.rules['default'])}”")
    if meta.get("hint"):
        parts.append(meta["hint"])
    return "；".join(p for p in parts if p)


def _shown_default(value) -> str:
    if value is True:
        return "是"
    if value is False:
        return "否"
    return str(value)


def _write_notes(sheet, workbook: str, explained, refs: list[SheetRef]) -> None:
    from openpyxl.styles import Alignment, Font

    linked = {(ref.file, ref.path): ref.sheet for ref in refs}
    lines = [
        ["本工作簿每个工作表是一张表：第 1 行为填写说明，第 2 行为列名（请勿修改），从第 3 行起每行一项。"],
        ["带下拉列表的列从列表中选择；日期写作 2026-03-15，时间写作 2026-03-15 09:30；编号、电话按文本保存（保留开头的 0）。"],
        ["下级表（如资格证书）的第一列写所属上级的编号。填好后运行 dossier validate 检查，错误指明工作表、行和单元格。"],
        [],
        ["工作表", "数据文件中的字段", "列名", "说明"],
    ]
    for spec, columns in explained:
        if spec.parent is None:
            named = f"{spec.file}.yaml：{'.'.join(spec.path)}: {workbook}#{spec.title}"
            if (spec.file, spec.path) not in linked:
                named += "（尚未使用：需要时在该文件中这样写）"
        else:
            named = f"随“{spec.parent.title}”读取（第一列为{spec.parent.key_label}）"
        for index, (column, note) in enumerate(columns):
            lines.append([spec.title if index == 0 else "", named if index == 0 else "", column.header, note])
    for row in lines:
        sheet.append(row)
    for cell in sheet[5]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCD", (18, 44, 22, 70)):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=6):
        for cell in row:            # a long field name or note wraps in its column, never over the next
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    _print_across(sheet)
    sheet.print_title_rows = "5:5"
