"""The cerberus schemas of the data files, stored as YAML beside this module.

Schemas are package data, trusted, and read with libyaml (:mod:`dossier.packaged`), once per process. On
load, shared definitions (``_common.yaml``) are inlined where a schema names them, and every typed field
gets the coercer of its type: data files hold text (see :mod:`dossier.loading`), the schema decides what
it means.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from ..packaged import read_yaml
from .versions import VERSION_KEY, current_version

__all__ = ["DataFile", "data_files", "load_schema", "shared_schema", "rules_at", "field_label", "walk_rules",
           "fields_where"]

_HERE = Path(__file__).parent
_COERCED_TYPES = {"integer", "number", "float", "boolean", "date", "datetime"}


@dataclass(frozen=True)
class DataFile:
    """One data file of a company folder."""

    name: str
    label: str
    required: bool

    @property
    def filename(self) -> str:
        return f"{self.name}.yaml"


@lru_cache(maxsize=None)
def data_files() -> tuple[DataFile, ...]:
    return tuple(DataFile(**entry) for entry in read_yaml(_HERE / "files.yaml"))


@lru_cache(maxsize=None)
def _common() -> dict:
    return read_yaml(_HERE / "_common.yaml")


@lru_cache(maxsize=None)
def _load(name: str) -> dict:
    schema = read_yaml(_HERE / f"{name}.yaml")
    schema[VERSION_KEY] = {"type": "integer", "min": 1, "max": current_version(), "meta": {"label": "数据格式版本"}}
    return _prepare_mapping(schema)


def load_schema(name: str, excluded: frozenset[str] = frozenset()) -> dict:
    """The schema of data file ``name`` (a fresh copy, the caller's to change). A top-level field that
    serves an indicator (``meta.indicator``) the company excludes is not required."""
    return copy.deepcopy(shared_schema(name, excluded))


@lru_cache(maxsize=None)
def shared_schema(name: str, excluded: frozenset[str] = frozenset()) -> dict:
    """The schema :func:`load_schema` gives, one object per process for the readers that never change it
    (validation reads each schema several times a build)."""
    schema = copy.deepcopy(_load(name))
    for rules in schema.values():
        if (rules.get("meta") or {}).get("indicator") in excluded:
            rules["required"] = False
    return schema


@lru_cache(maxsize=None)
def fields_where(name: str, meta_key: str) -> tuple[tuple[tuple, dict], ...]:
    """The (path, rules) of the fields of data file ``name`` whose ``meta`` has ``meta_key`` set (the
    tables, ``table``; the lists defining ids, ``defines``), in the schema's order; rules are shared, read only."""
    return tuple((path, rules) for path, rules in walk_rules(shared_schema(name))
                 if (rules.get("meta") or {}).get(meta_key))


def _prepare_mapping(mapping: dict) -> dict:
    for field in mapping:
        if not isinstance(field, str):  # YAML 1.1 reads an unquoted no/yes/on key as a boolean
            raise TypeError(f"schema field {field!r} is not a string: quote it")
    return {field: _prepare_rules(rules) for field, rules in mapping.items()}


def _prepare_rules(rules: dict) -> dict:
    rules = dict(rules)
    kind = rules.get("type")
    if kind in _COERCED_TYPES and "coerce" not in rules:
        rules["coerce"] = kind
    inner = rules.get("schema")
    if isinstance(inner, str):
        inner = copy.deepcopy(_common()[inner])
    if isinstance(inner, dict):
        rules["schema"] = _prepare_rules(inner) if kind == "list" else _prepare_mapping(inner)
    for key in ("allow_unknown", "valuesrules"):
        if isinstance(rules.get(key), dict):
            rules[key] = _prepare_rules(rules[key])
    return rules


def rules_at(schema: dict, path: tuple) -> dict | None:
    """The rules that apply at a document path, or None where the schema says nothing."""
    mapping: dict | None = schema
    rules: dict | None = None
    for step in path:
        if isinstance(step, int):
            if rules is None or rules.get("type") != "list":
                return None
            rules = rules.get("schema")
            mapping = rules.get("schema") if rules and rules.get("type") == "dict" else None
        else:
            if mapping is None or step not in mapping:
                unknown = rules.get("allow_unknown") if rules else None
                return unknown if isinstance(unknown, dict) else None
            rules = mapping[step]
            mapping = rules.get("schema") if rules.get("type") == "dict" else None
    return rules


def field_label(schema: dict, path: tuple) -> str:
    """The Chinese label of the field at ``path``: ``培训记录 第 3 项``, ``联系人手机``."""
    trailing = []
    while path and isinstance(path[-1], int):
        trailing.insert(0, path[-1])
        path = path[:-1]
    if not path:
        label = "文件"
    else:
        rules = rules_at(schema, path)
        label = ((rules or {}).get("meta") or {}).get("label") or str(path[-1])
    return label + "".join(f" 第 {i + 1} 项" for i in trailing)


def walk_rules(schema: dict, path: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    """Every (path, rules) of a schema; list items appear with the path element ``[]``."""
    for field, rules in schema.items():
        here = path + (field,)
        yield here, rules
        yield from _walk_inner(rules, here)


def _walk_inner(rules: dict, path: tuple) -> Iterator[tuple[tuple, dict]]:
    inner = rules.get("schema")
    if rules.get("type") == "list" and isinstance(inner, dict):
        yield path + ("[]",), inner
        yield from _walk_inner(inner, path + ("[]",))
    elif rules.get("type") == "dict" and isinstance(inner, dict):
        yield from walk_rules(inner, path)
