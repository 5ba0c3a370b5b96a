"""What a reviewer is told: a finding, its severity, and the places of the pack it rests on.

A place names the statement of the pack a finding is about (a document, and where in it, and the data
that says it); a locator fills in where that is: the binder pages when the pack is built, the data file
and line when only the data is at hand. See :mod:`dossier.assessment.consistency.places`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

__all__ = ["ERROR", "WARNING", "INFO", "Key", "Place", "Finding", "Locator"]

ERROR, WARNING, INFO = "error", "warning", "info"


@dataclass(frozen=True)
class Key:
    """A step of a data path that picks a list's item by a field's value (``Key("id", "P03")``): the model
    may order a list differently from the file, so its index is looked up in the file as written."""

    field: str
    value: object


@dataclass(frozen=True)
class Place:
    """A statement of the pack: what states it (``label``), the document that prints it (a builder id) and
    the anchor there when it has one, and the data that says it, ``(data file, *path)``. ``pages`` (binder
    pages, inclusive) and ``file``/``line`` are filled in once it is located in a build or in the data."""

    label: str
    document: str | None = None
    anchor: str | None = None
    data: tuple = ()
    pages: tuple[int, int] | None = None
    file: str = ""
    line: int = 0


@dataclass(frozen=True)
class Finding:
    category: str       # placeholder / material / evidence / staleness / requirement / expiry / responsibility /
                        # rectification / consistency / screening / bonus / signing
    severity: str       # error (blocks submission) / warning / info
    subject: str
    message: str
    fix: str
    places: tuple[Place, ...] = ()      # the statements it rests on (consistency findings)


#: fills in where a place is (its pages, its data line); returns it unchanged when it cannot
Locator = Callable[[Place], Place]
