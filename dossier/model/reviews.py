"""The internal audits, management reviews and outlet inspections of a pack, and what each review reviewed.

A pack holds the audits, reviews and inspections dated inside its reporting window or after it up to the
day the pack is issued (model.reporting). A management review's inputs are never typed in: they are the figures of the
records from the start of its period up to its period's end (by default the reporting window of the
application, cut at the review's date: a review held on 25 September cannot report the survey that ended on the 30th), and the
internal audits reported in that period (or those the data names).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import records as R
from .figures import Figures, compute_figures
from .reporting import within_window
from .submission import APPLICATION, Submission, Window, submission_of

__all__ = ["ReviewInputs", "review_period", "reviewed_audits", "review_inputs"]


@dataclass(frozen=True)
class ReviewInputs:
    """What one management review reviewed: its period, the figures of that period, the audits."""

    review: str                  # the review's id
    period: Window
    figures: Figures
    audits: tuple[str, ...]      # ids of the internal audits it reviewed


def review_period(review: R.ManagementReview, window: Window) -> Window:
    """The period a review's inputs cover: as the data states it, or the window up to the review's date."""
    return Window(review.period_start or window.start, review.period_end or min(window.end, review.date))


def reviewed_audits(review: R.ManagementReview, audits: tuple[R.InternalAudit, ...], period: Window) -> tuple[str, ...]:
    """The audits a review reviewed: those the data names, or those reported in its period (by its date)."""
    if review.audits:
        return review.audits
    return tuple(a.id for a in audits if period.start <= a.reported <= min(period.end, review.date))


def review_inputs(parts: dict, reviews: tuple[R.ManagementReview, ...]) -> tuple[ReviewInputs, ...]:
    """The inputs of each of ``reviews``, from every record ``parts`` hold (not only the pack's). A review's
    default period is cut from the application's reporting window, whichever submission the pack is (the
    rectification's window reaches further, but the review saw what it saw)."""
    window = submission_of(parts["company"], None, APPLICATION).window
    found = []
    for review in reviews:
        period = review_period(review, window)
        submission = Submission(APPLICATION, review.date, period)
        records = within_window(parts, submission)
        figures = compute_figures(**records, window=period, day=review.date, submission=submission)
        found.append(ReviewInputs(review.id, period, figures,
                                  reviewed_audits(review, parts["reviews"].internal_audits, period)))
    return tuple(found)
