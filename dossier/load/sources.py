"""Read a company folder: every data file, and the tables they name (CSV files, workbook sheets), with locations."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import LoadError, PathRefused
from ..problems import Location, Problem, dotted
from ..schemas import data_files, fields_where
from .paths import resolve_inside
from .tables import Place, Table, csv_table
from .workbook import sniff, workbook_table
from .yaml import LIMITS, Limits, load_yaml

__all__ = ["Source", "Sources", "load_sources", "load_table", "display_root", "matches"]

#: ``file.xlsx#工作表``: a sheet of a workbook
_SHEET = re.compile(r"^(.*?\.xls[xmb]?)#(.*)$", re.IGNORECASE)
_REFUSED_SUFFIXES = {
    ".xls": "是旧版 Excel 格式（.xls），无法读取；请在 Excel 或 WPS 中打开后另存为 .xlsx。",
    ".xlsm": "是含有宏的工作簿（.xlsm），不予读取；请在 Excel 或 WPS 中另存为不含宏的 .xlsx。",
    ".xlsb": "是 Excel 二进制工作簿（.xlsb），无法读取；请另存为 .xlsx。",
    ".et": "是 WPS 表格格式（.et），无法读取；请在 WPS 中另存为 .xlsx。",
}


@dataclass(frozen=True)
class Source:
    """One data file as loaded: plain data and the location of every node."""

    name: str
    file: str
    data: Any
    locations: dict[tuple, Location] = field(default_factory=dict)
    bare_keys: dict[tuple, tuple[str, str]] = field(default_factory=dict)   # see load.yaml.Loaded
    marked: frozenset[int] = frozenset()    # lines marked as a template's example value (load.placeholders)
    #: the values read from a table whose cell carries the example mark (a workbook's ``2026-03-15 〔待填〕``)
    marked_cells: set[tuple] = field(default_factory=set)
    #: the table fields whose file was refused, left as empty lists (the refusal is their only problem)
    emptied: set[tuple] = field(default_factory=set)

    def locate(self, path: tuple) -> Location:
        """Where the node at ``path`` is, or its nearest located ancestor; the file's line 1 at worst."""
        path = tuple(path)
        while path:
            found = self.locations.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return self.locations.get((), Location(self.file, 1))


@dataclass(frozen=True)
class Sources:
    """The readable files of a company folder and the problems met while reading."""

    root: Path
    shown_root: str
    files: dict[str, Source]
    problems: tuple[Problem, ...]

    def shown(self, relative: str) -> str:
        return posixpath.join(self.shown_root, relative)


def display_root(root: Path) -> str:
    """How a company folder is named in messages: as given, relative to the working directory."""
    try:
        shown = root.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        shown = root.as_posix()
    return shown.rstrip("/") or "."


def load_sources(root: Path, limits: Limits = LIMITS) -> Sources:
    root = Path(root)
    shown_root = display_root(root)
    files: dict[str, Source] = {}
    problems: list[Problem] = []
    for spec in data_files():
        shown = posixpath.join(shown_root, spec.filename)
        path = root / spec.filename
        if not path.exists():
            if spec.required:
                problems.append(Problem(shown, 1, "", "file.missing", "error",
                                        f"缺少数据文件 {spec.filename}（{spec.label}）；"
                                        "可运行 dossier init 生成带注释的模板。"))
            continue
        try:
            loaded = load_yaml(path, limits)
        except LoadError as exc:
            problems.append(Problem(shown, exc.line, "", exc.code, "error", exc.message))
            continue
        if loaded.data is None and not spec.required:
            continue        # an optional file that holds only comments (its init template) is not given
        if not isinstance(loaded.data, dict):
            what = "是空的" if loaded.data is None else "是一个列表或单个值"
            problems.append(Problem(shown, 1, "", "file.shape", "error",
                                    f"{spec.filename} 的内容{what}；顶层应为若干“字段: 值”。"))
            continue
        locations = {path_: Location(shown, line) for path_, line in loaded.lines.items()}
        locations[()] = Location(shown, 1)
        source = Source(spec.name, shown, loaded.data, locations, loaded.bare_keys, loaded.marked)
        problems.extend(_expand_tables(source, root, shown_root, limits))
        files[spec.name] = source
    return Sources(root, shown_root, files, tuple(problems))


def load_table(root: Path, reference: str, rules: dict, name: str, limits: Limits = LIMITS) -> tuple[Table, Path]:
    """The rows of the table a YAML field names: a CSV file, or a sheet of a workbook (``file.xlsx#工作表``).

    What the file is, is decided by its content as well as its name: an old ``.xls`` (or a workbook with a
    password), a workbook with macros, a CSV file named ``.xlsx`` or a workbook named ``.csv`` are refused.
    Raises PathRefused (the reference itself is wrong) or LoadError (the file is)."""
    found = _SHEET.match(reference.strip())
    file, sheet = (found.group(1), found.group(2).strip()) if found else (reference, "")
    path = resolve_inside(root, file)
    suffix = path.suffix.lower()
    if suffix in _REFUSED_SUFFIXES:
        raise LoadError(1, f"“{path.name}”{_REFUSED_SUFFIXES[suffix]}", "table.format")
    if suffix not in (".csv", ".xlsx"):
        raise PathRefused(f"“{reference}”应为 .csv 或 .xlsx 文件（或直接在此列出各行）。")
    kind = sniff(path)
    if kind == "ole":
        raise LoadError(1, "文件是旧版 Excel 格式（.xls）或设有打开密码，无法读取；请另存为 .xlsx（不设密码）。",
                        "table.format")
    if suffix == ".xlsx":
        if kind != "zip":
            raise LoadError(1, "文件名为 .xlsx，内容却不是 Excel 工作簿（像是 CSV 或文本）；请在 Excel 或 WPS 中另存为"
                               " .xlsx，或把文件名改为 .csv。", "table.format")
        return workbook_table(path, sheet, rules, name, limits), path
    if kind == "zip":
        raise LoadError(1, "文件名为 .csv，内容却是 Excel 工作簿；请把文件名改为 .xlsx。", "table.format")
    return csv_table(path, rules, limits), path


def _location(shown: str, place: Place) -> Location:
    file = f"{shown}#{place.sheet}" if place.sheet else shown
    return Location(file, place.line, place.cell)


def _expand_tables(source: Source, root: Path, shown_root: str, limits: Limits) -> list[Problem]:
    """Replace each table field given as a file name (CSV, or a workbook's sheet) by the rows it holds."""
    problems = []
    for pattern, rules in fields_where(source.name, "table"):
        for path, parent, key in matches(source.data, pattern):
            reference = parent[key]
            if not isinstance(reference, str):
                continue
            where = source.locate(path)
            field_path = dotted(path)
            try:
                table, table_path = load_table(root, reference, rules, key, limits)
            except PathRefused as exc:
                problems.append(Problem.at(where, field_path, "table.path", str(exc)))
                parent[key] = []
                source.emptied.add(path)
                continue
            except LoadError as exc:
                file = (_SHEET.match(reference.strip()) or [reference, reference])[1]
                shown = posixpath.join(shown_root, file.strip().replace("\\", "/"))
                problems.append(Problem(shown, exc.line, field_path, exc.code, "error", exc.message))
                parent[key] = []
                source.emptied.add(path)
                continue
            shown = posixpath.join(shown_root, table_path.relative_to(root.resolve()).as_posix())
            parent[key] = table.rows
            for sub, place in table.places.items():
                source.locations[path + sub] = _location(shown, place)
            source.marked_cells.update(path + sub for sub in table.marked)
            for place, sub, code, severity, message in table.notes:
                # a note on a value shows its cell; one on the table (a column ignored) names the cell itself
                at = _location(shown, place if sub else Place(place.sheet, place.line))
                problems.append(Problem.at(at, dotted(path + sub), code, message, severity))
    return problems


def matches(data: Any, pattern: tuple, prefix: tuple = ()):
    """(path, container, key) for every node matching a schema path (``[]`` = each list item)."""
    head, rest = pattern[0], pattern[1:]
    if head == "[]":
        if isinstance(data, list):
            for index, item in enumerate(data):
                if rest:
                    yield from matches(item, rest, prefix + (index,))
        return
    if not isinstance(data, dict) or head not in data:
        return
    if not rest:
        yield prefix + (head,), data, head
    else:
        yield from matches(data[head], rest, prefix + (head,))

