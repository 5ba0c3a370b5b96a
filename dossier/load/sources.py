"""Read a company folder: every data file, and the CSV tables they name, with locations."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import LoadError, PathRefused
from ..problems import Location, Problem, dotted
from ..schemas import data_files, load_schema, walk_rules
from .paths import resolve_inside
from .tables import load_csv
from .yaml import LIMITS, Limits, load_yaml

__all__ = ["Source", "Sources", "load_sources", "display_root", "matches"]


@dataclass(frozen=True)
class Source:
    """One data file as loaded: plain data and the location of every node."""

    name: str
    file: str
    data: Any
    locations: dict[tuple, Location] = field(default_factory=dict)
    bare_keys: dict[tuple, tuple[str, str]] = field(default_factory=dict)   # see load.yaml.Loaded
    marked: frozenset[int] = frozenset()    # lines marked as a template's example value (load.placeholders)

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


def _table_fields(name: str) -> list[tuple[tuple, dict]]:
    return [(path, rules) for path, rules in walk_rules(load_schema(name))
            if (rules.get("meta") or {}).get("table")]


def _csv_options(rules: dict) -> dict:
    """How a table's CSV maps onto its rows: which columns are fields, where the rest go."""
    rest = rules["meta"].get("table_rest")
    if rest is None:
        return {}
    return {"known": frozenset(rules["schema"]["schema"]) - {rest}, "rest": rest}


def _expand_tables(source: Source, root: Path, shown_root: str, limits: Limits) -> list[Problem]:
    """Replace each table field given as a CSV file name by the rows of that file."""
    problems = []
    for pattern, rules in _table_fields(source.name):
        for path, parent, key in matches(source.data, pattern):
            reference = parent[key]
            if not isinstance(reference, str):
                continue
            where = source.locate(path)
            field_path = dotted(path)
            try:
                csv_path = resolve_inside(root, reference)
                if csv_path.suffix.lower() != ".csv":
                    raise PathRefused(f"“{reference}”应为 .csv 文件（或直接在此列出各行）。")
                table = load_csv(csv_path, limits, **_csv_options(rules))
            except PathRefused as exc:
                problems.append(Problem.at(where, field_path, "table.path", str(exc)))
                parent[key] = []
                continue
            except LoadError as exc:
                shown = posixpath.join(shown_root, reference.replace("\\", "/"))
                problems.append(Problem(shown, exc.line, field_path, exc.code, "error", exc.message))
                parent[key] = []
                continue
            shown = posixpath.join(shown_root, csv_path.relative_to(root.resolve()).as_posix())
            parent[key] = table.data
            for sub, line in table.lines.items():
                source.locations[path + sub] = Location(shown, line)
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

