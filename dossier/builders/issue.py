"""The edition of every document a build issues: its version and the 修订记录 rows the revision trail adds.

The data gives each controlled document (the manual, each procedure) its own version and revision record;
the build's revision trail (``build/revisions.py``) advances a unit whose content changed since the
previous build (A/0 → A/1) and adds a row saying why. That is state of the build, not of the company's
data, so it is not in the Dossier: the build hands builders an ``Issue``, and a builder prints a
controlled document's version through ``issue.control(control)``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Mapping

__all__ = ["FIRST_VERSION", "Edition", "Issue", "CitingIssue", "RevisedControl"]

FIRST_VERSION = "A/0"


@dataclass(frozen=True)
class Edition:
    """A unit's edition in this build: its version, and the revision rows the trail added."""

    version: str = FIRST_VERSION
    rows: tuple = ()


class RevisedControl:
    """A document control as this build issues it: the data's control with the edition's version and its
    revision record followed by the trail's rows; every other field is the data's own."""

    __slots__ = ("_control", "_edition")

    def __init__(self, control: Any, edition: Edition | None):
        self._control = control
        self._edition = edition

    @property
    def version(self) -> str:
        return self._edition.version if self._edition else self._control.version

    @property
    def revisions(self) -> tuple:
        rows = tuple(self._control.revisions)
        return rows + self._edition.rows if self._edition else rows

    def __getattr__(self, name: str) -> Any:
        return getattr(self._control, name)


@dataclass(frozen=True)
class Issue:
    """Each document's edition (by document id) and each controlled unit's (by its 文件编号)."""

    documents: Mapping[str, Edition] = field(default_factory=dict)
    controls: Mapping[str, Edition] = field(default_factory=dict)

    def document(self, ident: str) -> Edition:
        return self.documents.get(ident, Edition())

    def control(self, control: Any) -> RevisedControl:
        return RevisedControl(control, self.controls.get(str(control.code)))

    def token(self, key: str) -> str:
        """What this build issues of a unit a document cites (``document:<id>`` or ``control:<文件编号>``):
        its version and revision rows, as a short digest ("" for a control the build issues no edition of)."""
        kind, _, name = key.partition(":")
        edition = self.documents.get(name, Edition()) if kind == "document" else self.controls.get(name)
        if edition is None:
            return ""
        text = repr((edition.version, tuple(repr(row) for row in edition.rows)))
        return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()

    def citing(self) -> "CitingIssue":
        """This issue, noting every unit a document's content asks for (see :attr:`CitingIssue.cited`)."""
        return CitingIssue(self.documents, self.controls)


@dataclass(frozen=True)
class CitingIssue(Issue):
    """An issue that notes the units a rendering cited: a document whose cited editions change (the manual
    it names goes to A/1) is rendered again, whatever data it read."""

    cited: dict = field(default_factory=dict, compare=False)

    def document(self, ident: str) -> Edition:
        self.cited[f"document:{ident}"] = self.token(f"document:{ident}")
        return super().document(ident)

    def control(self, control: Any) -> RevisedControl:
        key = f"control:{control.code}"
        self.cited[key] = self.token(key)
        return super().control(control)
