"""The records of one submission: what happened in its reporting window (a survey or a period's statistics
belong to the window they end in), and the evidence it may hold.

The data keeps every record the company has; a pack reports those of its window (统计期), so every record
document, figure and objective of a pack speaks of the same 12 months (or the window the data states).
The application pack holds no rectification (the audit comes after it) and none of the evidence that
answers the audit's findings; the rectification submission binds that evidence only (see the binder), the
rest stays known to it (a licence its documents cite). Controlled documents are in the edition in force on
the pack's date (model.editions). Audits, reviews and inspections are those dated in the window or after it
up to the pack's date.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from . import records as R
from .editions import control_on, procedure_on, revised_after
from .submission import Submission

__all__ = ["period_bounds", "within_window", "rectification_evidence", "bound_attachments", "reissued_documents",
           "reissued_procedures"]

_YEAR = r"(\d{4})\s*年"


def period_bounds(period: str) -> tuple[date, date] | None:
    """The first and last day a period name such as 2026年第一季度, 2026年3月, 2026年上半年 or 2026年 covers
    (None for a name it cannot read)."""
    text = period.strip()
    quarter = re.fullmatch(_YEAR + r"第\s*([一二三四1-4])\s*季度", text)
    if quarter:
        q = "一二三四".find(quarter.group(2)) + 1 or int(quarter.group(2))
        return _months(int(quarter.group(1)), 3 * q - 2, 3 * q)
    month = re.fullmatch(_YEAR + r"(\d{1,2})\s*月(?:份)?", text)
    if month and 1 <= int(month.group(2)) <= 12:
        return _months(int(month.group(1)), int(month.group(2)), int(month.group(2)))
    half = re.fullmatch(_YEAR + r"([上下])半年", text)
    if half:
        return _months(int(half.group(1)), 1, 6) if half.group(2) == "上" else _months(int(half.group(1)), 7, 12)
    year = re.fullmatch(_YEAR + r"(?:度|全年)?", text)
    return _months(int(year.group(1)), 1, 12) if year else None


def _months(year: int, first: int, last: int) -> tuple[date, date]:
    end = date(year + 1, 1, 1) if last == 12 else date(year, last + 1, 1)
    return date(year, first, 1), date.fromordinal(end.toordinal() - 1)


def rectification_evidence(rectification: R.Rectification | None) -> frozenset[str]:
    """The ids of the attachments the audit's findings cite as their evidence."""
    if rectification is None:
        return frozenset()
    return frozenset(e for f in rectification.findings for e in f.evidence)


def bound_attachments(dossier) -> tuple[R.Attachment, ...]:
    """The attachments the pack binds: the application's all but the evidence answering the audit's
    findings; the rectification submission's that evidence only."""
    answering = rectification_evidence(dossier.rectification)
    rectifying = dossier.submission is not None and dossier.submission.is_rectification
    return tuple(a for a in dossier.attachments if (a.id in answering) == rectifying)


def reissued_documents(rectification: R.Rectification | None) -> frozenset[str]:
    """The ids of the documents the audit's findings name: re-issued in the rectification submission."""
    if rectification is None:
        return frozenset()
    return frozenset(d for f in rectification.findings for d in f.documents)


def _system_on(system: R.ServiceSystem, submission: Submission) -> R.ServiceSystem:
    """The controlled documents in their editions in force on the pack's date."""
    manual = replace(system.manual, control=control_on(system.manual.control, submission.date) or system.manual.control)
    procedures = tuple(p for p in (procedure_on(p, submission.date) for p in system.procedures) if p is not None)
    return replace(system, manual=manual, procedures=procedures)


def reissued_procedures(dossier) -> tuple[R.Procedure, ...]:
    """The procedures a rectification submission re-issues: those revised after the application."""
    applied = dossier.company.application.date
    return tuple(p for p in dossier.system.procedures if revised_after(p.control, applied))


def _held(day: date, submission: Submission) -> bool:
    """Whether an audit, a review or an inspection of that day is in the pack: inside its window, or after
    it up to the day the pack is issued (a review held after the window's end reviews that window)."""
    window = submission.window
    return window.start <= day <= max(window.end, submission.date)


def within_window(parts: dict, submission: Submission) -> dict:
    """The dossier's parts as ``submission`` reports them (see the module's docstring)."""
    window = submission.window
    reviews: R.Reviews = parts["reviews"]
    training: R.Training = parts["training"]
    satisfaction: R.Satisfaction = parts["satisfaction"]
    complaints: R.Complaints = parts["complaints"]
    visits = tuple(v for v in complaints.visits
                   if (bounds := period_bounds(v.period)) is None or bounds[1] in window)
    answering = rectification_evidence(parts["rectification"])
    if submission.is_rectification:
        attachments, rectification = parts["attachments"], parts["rectification"]
    else:
        attachments = tuple(a for a in parts["attachments"] if a.id not in answering)
        rectification = None
    return {
        **parts,
        "training": replace(training, sessions=tuple(s for s in training.sessions if s.date in window)),
        "satisfaction": replace(satisfaction, surveys=tuple(s for s in satisfaction.surveys if s.end in window)),
        "complaints": replace(complaints, visits=visits,
                              complaints=tuple(c for c in complaints.complaints if c.received.date() in window)),
        "attachments": attachments,
        "rectification": rectification,
        "system": _system_on(parts["system"], submission),
        "reviews": replace(reviews,
                           internal_audits=tuple(a for a in reviews.internal_audits if _held(a.start, submission)),
                           management_reviews=tuple(r for r in reviews.management_reviews
                                                    if _held(r.date, submission))),
        "inspections": tuple(i for i in parts["inspections"] if _held(i.date, submission)),
    }
