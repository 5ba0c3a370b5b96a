"""The sheets of a fill-in workbook, read from the schemas: one per table, its columns, what each accepts.

Every list marked ``meta: {table: true}`` is a sheet named by its Chinese label; the lists of records
inside its rows (a staff member's qualifications, a survey's answers) are sheets of their own whose first
column holds the parent's id, as :mod:`dossier.load.workbook` reads them. A column's header is the one
the reader maps back to the field (its label, or labels joined by dots where the label alone is
ambiguous), found by asking the reader's own :class:`~dossier.load.tables.Shape`, so the two cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..load.tables import Shape, header_key
from ..schemas import data_files, load_schema, walk_rules

__all__ = ["Column", "SheetSpec", "sheet_specs", "sheet_title"]

_BAD_TITLE = set('[]:*?/\\')


@dataclass(frozen=True)
class Column:
    """One column: the field's path within a row, the header written, and the field's rules."""

    path: tuple
    header: str
    rules: dict
    listed: bool = False            # a list of plain values, written in one cell
    #: the label of an optional group the field belongs to (委托合作方): required only when it is filled
    within: str = ""
    parent_key: bool = False        # a child sheet's column naming the parent row's id
    rest: bool = False              # one of the columns of ``meta.table_rest`` (an answer's score per item)

    @property
    def values(self) -> dict:
        """The rules of each value: the field's own, or those of a list's items."""
        return (self.rules.get("schema") or {}) if self.listed else self.rules

    @property
    def kind(self) -> str | None:
        return self.values.get("type")

    @property
    def label(self) -> str:
        return (self.rules.get("meta") or {}).get("label", self.header)


@dataclass(frozen=True)
class SheetSpec:
    """A sheet: its title, the data file and field it holds (``path`` in the file for a table; within the
    parent's rows for a child), the list's rules, and its columns without the ``rest`` ones."""

    title: str
    file: str
    path: tuple
    rules: dict
    columns: tuple[Column, ...]
    parent: "SheetSpec | None" = None

    @property
    def label(self) -> str:
        return (self.rules.get("meta") or {}).get("label", self.path[-1])

    @property
    def key(self) -> str | None:
        """The field that identifies a row (``id``), when rows are identified."""
        return self.rules.get("unique")

    @property
    def key_label(self) -> str:
        """The label of the identifying field: a child sheet's parent column is headed by it (人员编号)."""
        return ((self.item.get(self.key) or {}).get("meta") or {}).get("label", self.key)

    @property
    def defines(self) -> str | None:
        """The kind of id the rows define (``staff``), which references elsewhere name."""
        return (self.rules.get("meta") or {}).get("defines")

    @property
    def rest(self) -> str | None:
        return (self.rules.get("meta") or {}).get("table_rest")

    @property
    def item(self) -> dict:
        return (self.rules.get("schema") or {}).get("schema") or {}


def sheet_title(label: str, name: str) -> str:
    """A sheet's title: the list's label, or its field name where the label cannot name a sheet."""
    if label and len(label) <= 31 and not _BAD_TITLE & set(label):
        return label
    return name


@lru_cache(maxsize=None)
def sheet_specs() -> tuple[SheetSpec, ...]:
    """Every sheet, in the order of the data files, a table's child sheets right after it."""
    specs: list[SheetSpec] = []
    for spec in data_files():
        schema = load_schema(spec.name)
        for path, rules in walk_rules(schema):
            if "[]" in path or not (rules.get("meta") or {}).get("table"):
                continue        # a table inside another table's rows is a child sheet of that table
            parent = _spec(spec.name, path, rules, None)
            specs.append(parent)
            shape = Shape(rules)
            for child_path, child_name, child_rules in shape.children if shape.key else ():
                specs.append(_spec(spec.name, child_path, child_rules, parent))
    titles = [s.title for s in specs]
    duplicated = {t for t in titles if titles.count(t) > 1}
    if duplicated:          # the reader finds a child sheet by its title: two lists may not share a label
        raise ValueError(f"tables share a sheet title: {sorted(duplicated)}")
    return tuple(specs)


def _spec(file: str, path: tuple, rules: dict, parent: SheetSpec | None) -> SheetSpec:
    name = path[-1]
    label = (rules.get("meta") or {}).get("label", name)
    keys = (parent.key_label, f"{parent.path[-1]}.{parent.key}") if parent else ()
    shape = Shape(rules, parent_key=keys)
    columns: list[Column] = []
    if parent is not None:
        key_rules = parent.item[parent.key]
        columns.append(Column((), parent.key_label, key_rules, parent_key=True))
    item = (rules.get("schema") or {}).get("schema") or {}
    rest = (rules.get("meta") or {}).get("table_rest")
    _walk(item, (), (), "", shape, rest, columns)
    return SheetSpec(sheet_title(label, name), file, path, rules, tuple(columns), parent)


def _walk(mapping: dict, path: tuple, labels: tuple, within: str, shape: Shape, rest: str | None,
          columns: list[Column]) -> None:
    """The columns of a row, in schema order, as :class:`Shape` accepts them (child lists left out)."""
    for name, rules in mapping.items():
        if not path and name == rest:
            continue
        here = path + (name,)
        label = (rules.get("meta") or {}).get("label")
        kind, inner = rules.get("type"), rules.get("schema")
        if kind == "dict" and isinstance(inner, dict):
            optional = within or ("" if rules.get("required") else (label or name))
            _walk(inner, here, labels + (label or name,), optional, shape, rest, columns)
            continue
        if kind == "list" and isinstance(inner, dict) and inner.get("type") == "dict":
            continue            # a child sheet
        listed = kind == "list"
        candidates = ([label] if label else []) + ([".".join(labels + (label,))] if label and labels else [])
        candidates.append(".".join(here))
        header = next(c for c in candidates if _maps_to(shape, c, here))
        columns.append(Column(here, header, rules, listed, within))


def _maps_to(shape: Shape, header: str, path: tuple) -> bool:
    found = shape.fields.get(header_key(header))
    return found is not None and found.path == path
