"""What a rule is given: the dossier, the sources (to locate a value), the rule's parameters and severity."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from ...load.sources import Sources
from ...model import Dossier
from ...problems import Location, Problem, dotted

__all__ = ["RuleContext"]


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
