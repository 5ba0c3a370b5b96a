"""Tables from Excel/WPS workbooks (.xlsx): checked as untrusted archives, then read with openpyxl.

A workbook is opened only after its zip directory has been checked (size of every member once
decompressed, compression ratio, number of members, no macros); openpyxl then reads it in read-only
mode, values as last saved (``data_only``: a formula gives its cached result; one without a result is
an error at its cell), XML through defusedxml (entity declarations refused). Row and column counts are
bounded as the rows are read, not as the file declares them. A sheet becomes a grid of typed cells that
:func:`dossier.load.tables.read_rows` turns into rows, as it does a CSV file's.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from datetime import datetime
from itertools import zip_longest
from pathlib import Path
from typing import Iterator

from ..errors import LoadError
from .tables import Cell, Place, Shape, Table, header_key, attach_children, read_rows
from .yaml import LIMITS, Limits

__all__ = ["WorkbookLimits", "WORKBOOK_LIMITS", "sniff", "workbook_table"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"     # .xls, and password-protected .xlsx
ZIP_MAGIC = b"PK\x03\x04"
MB = 1024 * 1024


@dataclass(frozen=True)
class WorkbookLimits:
    """Bounds on what a workbook may cost to read (its file size is bounded like a CSV file's)."""

    rows: int = 100_000
    columns: int = 200
    members: int = 5_000
    uncompressed: int = 256 * MB        # all members together, once decompressed
    ratio: int = 200                    # decompressed / compressed, for a member over ``ratio_from``
    ratio_from: int = 1 * MB


WORKBOOK_LIMITS = WorkbookLimits()


def sniff(path: Path) -> str:
    """What a table file really is, by its first bytes: ``"zip"``, ``"ole"`` or ``"text"``."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise LoadError(1, f"无法读取文件：{exc.strerror or exc}。", "file.unreadable") from exc
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head == OLE_MAGIC:
        return "ole"
    return "text"


def workbook_table(path: Path, sheet: str, rules: dict, name: str, limits: Limits = LIMITS,
                   bounds: WorkbookLimits | None = None) -> Table:
    """The rows of one sheet of a workbook (``sheet``, or the one named like the field ``name`` or its
    label, or the only visible one), with the nested lists of each row from their own sheets.

    Every value is placed at its sheet (when the workbook has several), row and cell."""
    bounds = bounds or WORKBOOK_LIMITS
    notes = _check_archive(path, limits, bounds)
    try:
        return _read(path, sheet, rules, name, bounds, notes)
    except LoadError:
        raise
    except Exception as exc:  # noqa: BLE001 - untrusted input: whatever openpyxl or zipfile raise is a refusal
        raise LoadError(1, _refusal(exc), "xlsx.unreadable") from exc


def _refusal(exc: Exception) -> str:
    try:
        from defusedxml import DefusedXmlException
    except ImportError:          # pragma: no cover - a dependency
        DefusedXmlException = ()  # noqa: N806
    cause: BaseException | None = exc
    for _ in range(10):                 # openpyxl wraps what its XML parser raised in a ValueError
        if cause is None:
            break
        if isinstance(cause, DefusedXmlException):
            return _ENTITIES
        cause = cause.__cause__ or cause.__context__
    if isinstance(exc, MemoryError):
        return "工作簿内容过多，无法读取；请拆分文件。"
    return "不是完整可读的 Excel 工作簿（文件可能已损坏或只是改了扩展名）；请在 Excel 或 WPS 中打开后另存为 .xlsx。"


def _check_archive(path: Path, limits: Limits, bounds: WorkbookLimits) -> list[tuple[Place, tuple, str, str, str]]:
    """Refuse what openpyxl must not open; the notes say what will be ignored (external links)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError(1, f"无法读取文件：{exc.strerror or exc}。", "file.unreadable") from exc
    if size > limits.csv_bytes:
        raise LoadError(1, f"文件过大（{size / MB:.1f} MB），上限为 {limits.csv_bytes / MB:.0f} MB；请拆分工作簿。",
                        "file.too_large")
    import zipfile          # with its compressors: loaded only when there is a workbook to read

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise LoadError(1, _refusal(exc), "xlsx.unreadable") from exc
    if len(members) > bounds.members:
        raise LoadError(1, f"工作簿含有 {len(members)} 个部件，超过上限 {bounds.members}，疑似恶意构造的文件。", "xlsx.bomb")
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if total > bounds.uncompressed or (member.file_size > bounds.ratio_from and ratio > bounds.ratio):
            raise LoadError(1, f"工作簿解压后过大（部件“{member.filename}”{member.file_size / MB:.0f} MB，压缩比 {ratio:.0f}:1），"
                               "疑似压缩炸弹，不予读取；请拆分工作簿或删去多余的内容。", "xlsx.bomb")
    _check_prologs(path, members)
    names = {member.filename.lower() for member in members}
    if any(n.endswith("vbaproject.bin") for n in names):
        raise LoadError(1, "工作簿含有宏（VBA），不予读取；请在 Excel 或 WPS 中另存为不含宏的“Excel 工作簿（.xlsx）”。",
                        "xlsx.macros")
    notes = []
    if any(n.startswith("xl/externallinks/") for n in names):
        notes.append((Place("", 1), (), "xlsx.external_links", "warning",
                      "工作簿含有指向其他文件的外部链接，已忽略：只读取单元格中保存的值；请确认这些值是最新的。"))
    return notes


def _check_prologs(path: Path, members) -> None:
    """No XML part may declare a DTD or entities (what "billion laughs" and external-entity files need); the
    parts are read again by openpyxl through defusedxml, this says so before, in one message."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            for member in members:
                if member.filename.lower().endswith((".xml", ".rels", ".vml")):
                    with archive.open(member) as part:
                        head = part.read(_PROLOG)
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head or b"<\0!\0" in head:
                        raise LoadError(1, _ENTITIES, "xlsx.entities")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise LoadError(1, _refusal(exc), "xlsx.unreadable") from exc


_PROLOG = 64 * 1024
_ENTITIES = "工作簿的 XML 含有实体声明（DTD/ENTITY），疑似恶意构造的文件，不予读取；请在 Excel 或 WPS 中另存为新的 .xlsx。"


def _open(path: Path, data_only: bool):
    import openpyxl
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:           # pragma: no cover - defusedxml is a dependency
        raise LoadError(1, "读取工作簿需要 defusedxml（请重新安装 dossier）。", "xlsx.unsafe")
    return openpyxl.load_workbook(path, read_only=True, data_only=data_only, keep_links=False, keep_vba=False,
                                  rich_text=False)


def _read(path: Path, sheet: str, rules: dict, name: str, bounds: WorkbookLimits, notes: list) -> Table:
    with warnings.catch_warnings():         # openpyxl warns (to the terminal) about what it does not support
        warnings.simplefilter("ignore")
        values, formulas = _open(path, True), _open(path, False)
        try:
            return _read_sheets(values, formulas, sheet, rules, name, bounds, notes)
        finally:
            values.close()
            formulas.close()


def _read_sheets(values, formulas, sheet: str, rules: dict, name: str, bounds: WorkbookLimits, notes: list) -> Table:
    shape = Shape(rules)
    title = _pick_sheet(values, sheet, (shape.label, name))
    shown = (lambda t: t) if len(values.sheetnames) > 1 else (lambda t: "")
    table = _sheet_table(values, formulas, title, shape, shown(title), bounds)
    table.notes[:0] = notes
    for path, child_name, child_rules in shape.children if shape.key else ():
        child_label = (child_rules.get("meta") or {}).get("label", child_name)
        found = _find_sheet(values, (child_label, child_name))
        if found is None or found == title:
            continue
        keys = (shape.key_label, f"{name}.{shape.key}")
        child = _sheet_table(values, formulas, found, Shape(child_rules, parent_key=keys), shown(found), bounds)
        attach_children(table, path, child, (shape.key, shape.key_label), title)
    return table


def _find_sheet(workbook, wanted) -> str | None:
    by_name = {header_key(title): title for title in workbook.sheetnames}
    for name in wanted:
        if name and header_key(name) in by_name:
            return by_name[header_key(name)]
    return None


def _pick_sheet(workbook, sheet: str, wanted) -> str:
    listed = "、".join(f"“{t}”" for t in workbook.sheetnames)
    if sheet:
        found = sheet if sheet in workbook.sheetnames else _find_sheet(workbook, (sheet,))
        if found is None:
            raise LoadError(1, f"工作簿中没有名为“{sheet}”的工作表；现有工作表：{listed}。", "xlsx.sheet")
        return found
    found = _find_sheet(workbook, wanted)
    if found is not None:
        return found
    visible = [ws.title for ws in workbook.worksheets if ws.sheet_state == "visible"]
    if len(visible) == 1:
        return visible[0]
    if not visible:
        raise LoadError(1, "工作簿中没有可见的工作表。", "xlsx.sheet")
    raise LoadError(1, f"工作簿有多个工作表（{listed}），请在文件名后用 # 写明读取哪一个，如 "
                       f"{wanted[-1]}: 文件名.xlsx#{visible[0]}。", "xlsx.sheet")


def _sheet_table(values, formulas, title: str, shape: Shape, shown: str, bounds: WorkbookLimits) -> Table:
    sheet = values[title]
    if not hasattr(sheet, "iter_rows"):
        raise LoadError(1, f"“{title}”是图表，不是工作表。", "xlsx.sheet")
    epoch = values.epoch if isinstance(values.epoch, datetime) else datetime(1899, 12, 30)
    grid = _grid(sheet, formulas[title], title, bounds)
    return read_rows(grid, shape, sheet=shown, epoch=epoch, code="xlsx")


def _grid(sheet, formula_sheet, title: str, bounds: WorkbookLimits) -> Iterator[tuple[int, list[Cell]]]:
    from openpyxl.utils import get_column_letter

    declared_rows, declared_columns = sheet.max_row or 0, sheet.max_column or 0
    if declared_rows > bounds.rows or declared_columns > bounds.columns:
        _too_large(title, declared_rows, declared_columns, bounds)
    for ws in (sheet, formula_sheet):
        ws.reset_dimensions()             # the declared size may be wrong: read what is there
    for number, (row, formula_row) in enumerate(zip_longest(sheet.iter_rows(), formula_sheet.iter_rows(),
                                                            fillvalue=()), start=1):
        cells = []
        for column, cell in enumerate(row, start=1):
            value = cell.value
            formula = formula_row[column - 1] if column <= len(formula_row) else None
            error = ""
            ref = f"{get_column_letter(column)}{number}" if column <= 16384 else f"第 {column} 列"
            if cell.data_type == "e":
                error = f"是 Excel 错误值 {value}；请改正公式或直接填写内容。"
                value = None
            elif value is None and formula is not None and formula.data_type == "f":
                shown = str(formula.value)
                shown = shown if len(shown) <= 30 else shown[:29] + "…"
                error = (f"公式（{shown}）在文件中没有保存计算结果；请在 Excel 或 WPS 中打开并保存后再试，"
                         "或直接填写数值。")
            if column > bounds.columns and (value is not None or error):
                _too_large(title, number, column, bounds)
            cells.append(Cell(value, ref, error))
        if number > bounds.rows and any(c.value is not None or c.error for c in cells):
            _too_large(title, number, len(cells), bounds)
        yield number, cells


def _too_large(title: str, rows: int, columns: int, bounds: WorkbookLimits):
    raise LoadError(1, f"工作表“{title}”过大（{rows} 行、{columns} 列），上限为 {bounds.rows} 行、{bounds.columns} 列；"
                       "请拆分表格或删去多余的内容。", "xlsx.too_large")
