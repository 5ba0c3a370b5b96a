"""Put markup into every free-text field of a company: HTML, CSS ``url()``, an entity and Jinja syntax.

A free-text field is a string the schema does not constrain (no reference, check, enumeration,
pattern or id), found by walking the schemas, in the YAML files and in the CSV tables they name (in lists and tables,
in the first items).
Each payload carries its field's number (``#17#``) so a test can find it in the output.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import yaml

from dossier.schemas import data_files, load_schema

# Words the standard's rules look for in otherwise free text (a role, a qualification): kept as they are.
_VOCABULARY = {"管理者代表", "售后服务管理师", "总经理"}
_FIRST_ITEMS = 3       # every field of a list or column of a table, in its first items: a long register need not
                       # grow tenfold to show that each field prints its text literally
_NULLS = ("", "~", "null", "Null", "NULL")
_CONSTRAINED = ("check_with", "ref", "allowed", "vocabulary", "regex", "coerce", "unique", "maxlength")


OUTSIDE = "file:///etc/hostname"      # a file outside the company folder that rendering must never open


def payload(number: int) -> str:
    return f'<img src="{OUTSIDE}"><b style="background:url({OUTSIDE})">{{{{6*7}}}}&amp;#{number}#'



def tail(number: int) -> str:
    """The part of a payload short enough to stay on one line of a table cell."""
    return f"{{{{6*7}}}}&amp;#{number}#"


def _free(rules: dict | None) -> bool:
    if not rules or rules.get("type") != "string" or any(key in rules for key in _CONSTRAINED):
        return False
    meta = rules.get("meta") or {}
    return not meta.get("defines") and not meta.get("refers")      # refers: a value naming something defined elsewhere


class Injector:
    def __init__(self, root: Path):
        self.root = root
        self.count = 0

    def _next(self, original: str) -> str:
        self.count += 1
        return payload(self.count) + original   # the original stays: rules on its content hold

    def _walk(self, value, schema: dict | None, rules: dict | None, inject: bool = True):
        if value in _NULLS:                 # the base loader keeps YAML's nulls as text
            return None
        if isinstance(value, dict) and schema is not None:
            for key, item in value.items():
                inner = schema.get(key) or {}
                value[key] = self._walk(item, inner.get("schema") if isinstance(inner.get("schema"), dict) else None,
                                        inner, inject)
            return value
        if isinstance(value, list) and rules and isinstance(rules.get("schema"), dict):
            item_rules = rules["schema"]
            inner = item_rules.get("schema") if item_rules.get("type") == "dict" else None
            return [self._walk(item, inner, item_rules, inject and n < _FIRST_ITEMS) for n, item in enumerate(value)]
        if isinstance(value, str) and rules and (rules.get("meta") or {}).get("table"):
            self._csv(self.root / value, rules["schema"]["schema"])
            return value
        if inject and isinstance(value, str) and _free(rules) and value not in _VOCABULARY:
            return self._next(value)
        return value

    def _csv(self, path: Path, row_schema: dict) -> None:
        text = path.read_text(encoding="utf-8")
        rows = list(csv.DictReader(io.StringIO(text)))
        fields = list(rows[0]) if rows else []
        for row in rows[:_FIRST_ITEMS]:
            for name in fields:
                if row[name] and _free(row_schema.get(name)):
                    row[name] = self._next(row[name])
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")

    def inject(self) -> int:
        for data_file in data_files():
            path = self.root / data_file.filename
            if not path.exists():
                continue
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)   # every scalar as text
            data = self._walk(data, load_schema(data_file.name), None)
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
        return self.count
