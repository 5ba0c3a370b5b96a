"""A controlled document as it stood on a day: the edition in force then, and the content of that edition.

The data holds each controlled document (the manual, the procedures) in its latest edition with its
revision record. A pack dated earlier shows the edition in force on its date: the revisions made after it
are left out, and so are the steps a later version introduced (``since``) or the ones it replaced
(``until``). A procedure first issued after the date is not in that pack at all.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from . import records as R

__all__ = ["version_key", "control_on", "procedure_on", "revised_after"]


def version_key(version: str) -> tuple:
    """A version such as A/2 as something that sorts (B/0 after A/9)."""
    match = re.fullmatch(r"([A-Z])/(\d+)", version or "")
    return (match.group(1), int(match.group(2))) if match else (version or "", -1)


def control_on(control: R.DocControl, day: date) -> R.DocControl | None:
    """The document control of the edition in force on ``day`` (None: not issued yet). Its issue and
    effective dates are the data's for the latest edition; an earlier one's are its revision's date."""
    if control.issued <= day:
        return control
    earlier = tuple(r for r in control.revisions if r.date <= day)
    if not earlier:
        return None
    last = earlier[-1]
    return replace(control, version=last.version, issued=last.date, effective=last.date, revisions=earlier)


def _has(step: R.Step, version: str) -> bool:
    key = version_key(version)
    return ((step.since is None or version_key(step.since) <= key)
            and (step.until is None or key <= version_key(step.until)))


def procedure_on(procedure: R.Procedure, day: date) -> R.Procedure | None:
    """The procedure as in force on ``day``, with the steps of that edition (None: not issued yet)."""
    control = control_on(procedure.control, day)
    if control is None:
        return None
    steps = tuple(s for s in procedure.steps if _has(s, control.version))
    return replace(procedure, control=control, steps=steps)


def revised_after(control: R.DocControl, day: date) -> bool:
    """Whether the document has an edition issued after ``day`` (a re-issue for the rectification)."""
    return control.issued > day or any(r.date > day for r in control.revisions)
