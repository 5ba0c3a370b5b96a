"""The periods an objective is judged in: the months, quarters, half-years or years of the reporting window.

A service objective states how often it is judged (考核周期: 每月, 每季度, 每半年, 每年). Months, quarters and
half-years are calendar periods (a survey of 2026年第一季度 ends in that quarter), cut to the window where the
window starts or ends inside one; a year is counted from the window's first day (a window of October to
September is one year, not the tails of two calendar years). An objective without a period is judged over
the whole window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..dates import months_before

__all__ = ["PERIOD_MONTHS", "PERIOD_NAMES", "Period", "periods_of", "window_label", "calendar_label"]

#: the period words an objective may state (the closed vocabulary ``objective_periods``), and the months
#: each period spans
PERIOD_MONTHS = {"每月": 1, "每季度": 3, "每半年": 6, "每年": 12, "月度": 1, "季度": 3, "半年度": 6, "年度": 12}

#: what one period of each length is called (各月 / 各季度 …)
PERIOD_NAMES = {1: "月", 3: "季度", 6: "半年", 12: "年"}

_QUARTERS = "一二三四"


@dataclass(frozen=True)
class Period:
    """One period an objective is judged in, both ends included."""

    label: str          # 2025年12月 / 2026年第一季度 / 2026年上半年 / 2025年10月～2026年9月
    start: date
    end: date
    complete: bool = True   # the whole period lies inside the window (False: cut by the window's start or end)

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date):
            return False
        day = day.date() if isinstance(day, datetime) else day
        return self.start <= day <= self.end

    def covers(self, start: date, end: date) -> bool:
        """Whether the span ``start``–``end`` (a statistic's own period) lies inside this period."""
        return self.start <= start and end <= self.end


def _add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after ``day``'s month (``day`` is a first of month)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _month_end(day: date) -> date:
    return _add_months(day.replace(day=1), 1) - timedelta(days=1)


def window_label(start: date, end: date) -> str:
    """How a span prints: 2026年, 2026年3月, 2025年10月～2026年9月 for whole months, and by its days
    otherwise (2026年10月1日～11月27日)."""
    if start.day != 1 or end != _month_end(end):
        last = f"{end.month}月{end.day}日" if end.year == start.year else f"{end.year}年{end.month}月{end.day}日"
        return f"{start.year}年{start.month}月{start.day}日～{last}"
    if (start.month, end.month) == (1, 12) and start.year == end.year:
        return f"{start.year}年"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.year}年{start.month}月"
    return f"{start.year}年{start.month}月～{end.year}年{end.month}月"


def calendar_label(first: date, months: int) -> str:
    """The name of the calendar period of ``months`` months starting on ``first``: 2026年1月, 2026年第一季度,
    2026年上半年, 2026年."""
    if months == 1:
        return f"{first.year}年{first.month}月"
    if months == 3:
        return f"{first.year}年第{_QUARTERS[(first.month - 1) // 3]}季度"
    if months == 6:
        return f"{first.year}年{'上' if first.month == 1 else '下'}半年"
    return f"{first.year}年"


def _cut(first: date, last: date) -> str:
    """What part of a calendar period the window holds: （10月15日～12月31日）."""
    return f"（{first.month}月{first.day}日～{last.month}月{last.day}日）"


def periods_of(word: str, start: date, end: date) -> tuple[Period, ...]:
    """The periods of kind ``word`` (a key of :data:`PERIOD_MONTHS`, or "" for the whole window) inside the
    window ``start``–``end``, in order."""
    months = PERIOD_MONTHS.get(word)
    if months is None:
        return (Period(window_label(start, end), start, end),)
    periods = []
    if months == 12:
        first = start
        while first <= end:
            following = months_before(first, -12)
            last = min(end, following - timedelta(days=1))
            periods.append(Period(window_label(first, last), first, last, last == following - timedelta(days=1)))
            first = last + timedelta(days=1)
        return tuple(periods)
    block = date(start.year, (start.month - 1) // months * months + 1, 1)
    while block <= end:
        following = _add_months(block, months)
        first, last = max(block, start), min(end, following - timedelta(days=1))
        whole = (first, last) == (block, following - timedelta(days=1))
        periods.append(Period(calendar_label(block, months) + ("" if whole else _cut(first, last)), first, last,
                              whole))
        block = following
    return tuple(periods)
