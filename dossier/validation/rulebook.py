"""The registry of rules that run on the built Dossier, and what a rule is given."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Iterable, Mapping

from ..model import Dossier
from ..problems import ERROR, Location, Problem, dotted
from ..sources import Sources

__all__ = ["RuleContext", "rule", "run_rules", "months_before"]


@dataclass(frozen=True)
class RuleContext:
    dossier: Dossier
    sources: Sources
    params: Mapping
    severity: str
    code: str
    _item_indexes: dict = field(default_factory=dict, compare=False, repr=False)   # (file, key) → id → index

    def at(self, file: str, *path) -> Location:
        return self.sources.files[file].locate(tuple(path))

    def item_path(self, file: str, key: str, ident: str) -> tuple:
        """The path of the list item with ``id`` in the data file as written (the model sorts some lists)."""
        indexes = self._item_indexes.get((file, key))
        if indexes is None:          # built once per list, not searched once per item
            rows = self.sources.files[file].data.get(key) or []
            indexes = {row.get("id"): i for i, row in reversed(list(enumerate(rows))) if isinstance(row, dict)}
            self._item_indexes[(file, key)] = indexes
        index = indexes.get(ident)
        return (key, index) if index is not None else (key,)

    def problem(self, loc: Location, path: tuple | str, message: str, severity: str | None = None) -> Problem:
        shown = path if isinstance(path, str) else dotted(path)
        return Problem.at(loc, shown, self.code, message, severity or self.severity)


_RULES: list[tuple[str, bool, Callable[[RuleContext], Iterable[Problem]]]] = []


def rule(name: str, *, of_standard: bool = True):
    """Register a rule. A rule of the standard takes its severity and parameters from the standard
    file's ``rules`` (and is skipped when the standard has no such entry); any other rule is a
    consistency check of the data and always an error."""
    def register(func):
        _RULES.append((name, of_standard, func))
        return func
    return register


def run_rules(dossier: Dossier, sources: Sources) -> list[Problem]:
    from . import consistency, standard_rules  # noqa: F401  (registers the rules)
    problems: list[Problem] = []
    for name, of_standard, func in _RULES:
        if of_standard:
            params = dossier.standard.rules.get(name)
            if params is None:
                continue
            ctx = RuleContext(dossier, sources, params, params["severity"], f"rule.{name}")
        else:
            ctx = RuleContext(dossier, sources, {}, ERROR, f"data.{name}")
        problems.extend(func(ctx))
    return problems


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (clamped to the month's end)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")
