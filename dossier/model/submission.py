"""Which submission a pack is, and the one reporting window its records come from.

A company submits twice: the application pack (申请书, materials, system documents and the records of the
reporting window, dated the application date), and after an audit the rectification submission (整改报告
with its evidence and the documents re-issued because of it, dated when it is sent). Both are built from
the same data; the stage decides which documents, which records and which dates a pack holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .dates import months_before

__all__ = ["APPLICATION", "RECTIFICATION", "STAGES", "STAGE_NAMES", "Window", "Submission", "default_window",
           "submission_of"]

APPLICATION, RECTIFICATION = "application", "rectification"
STAGES = (APPLICATION, RECTIFICATION)
STAGE_NAMES = {APPLICATION: "认证申请材料", RECTIFICATION: "认证整改材料"}


@dataclass(frozen=True)
class Window:
    """The reporting window (统计期), both ends included."""

    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@dataclass(frozen=True)
class Submission:
    stage: str
    date: date            # the date the pack is issued and sent
    window: Window        # the records it reports

    @property
    def name(self) -> str:
        return STAGE_NAMES[self.stage]

    @property
    def is_rectification(self) -> bool:
        return self.stage == RECTIFICATION


def default_window(application_date: date) -> Window:
    """The 12 whole calendar months before the month of the application."""
    first_of_month = application_date.replace(day=1)
    return Window(months_before(first_of_month, 12), first_of_month - timedelta(days=1))


def rectification_date(rectification) -> date:
    """When the rectification submission is sent: as stated, or the last of the audit and the closures."""
    if rectification.submitted:
        return rectification.submitted
    return max([rectification.audit.date] + [f.closed for f in rectification.findings if f.closed])


def submission_of(company, rectification, stage: str | None = None) -> Submission:
    """The submission ``stage`` names, or the one the data is in: the rectification once an audit's
    findings are recorded, the application before. A rectification stage without findings is a ValueError."""
    application = company.application
    window = application.reporting_period or default_window(application.date)
    stage = stage or (RECTIFICATION if rectification is not None else APPLICATION)
    if stage == APPLICATION:
        return Submission(APPLICATION, application.date, window)
    if stage != RECTIFICATION or rectification is None:
        raise ValueError(stage)
    day = rectification_date(rectification)
    return Submission(RECTIFICATION, day, Window(window.start, max(window.end, day)))
