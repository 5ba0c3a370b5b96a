"""What the internal-audit and management-review reports both say of an audit: its dates, and how far its
corrective actions had come by a given day (a document dated that day cannot know more)."""

from __future__ import annotations

from ..render.formatting import cn_date

__all__ = ["done_by", "audit_dates", "action_counts"]


def done_by(day, by):
    """``day`` if it is not later than ``by``, else None."""
    return day if day is not None and day <= by else None


def audit_dates(audit) -> str:
    """2026年8月17日至2026年8月19日, or the one day."""
    if audit.start == audit.end:
        return cn_date(audit.start)
    return f"{cn_date(audit.start)}至{cn_date(audit.end)}"


def action_counts(audit, by) -> tuple[int, int]:
    """How many of the audit's corrective actions were completed, and verified, by ``by``."""
    return (sum(1 for a in audit.actions if done_by(a.closed, by)),
            sum(1 for a in audit.actions if done_by(a.verified, by)))
