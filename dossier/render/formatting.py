"""How figures print in every document: dates, percentages, hours, money. Missing values print as —."""

from __future__ import annotations

from datetime import date, datetime

__all__ = ["FILTERS", "cn_date", "iso", "pct", "num", "hours", "money", "dash"]

DASH = "—"


def dash(value) -> str:
    return DASH if value is None or value == "" else str(value)


def cn_date(value) -> str:
    """2026年3月5日"""
    if value is None:
        return DASH
    if isinstance(value, datetime):
        return f"{value.year}年{value.month}月{value.day}日 {value:%H:%M}"
    return f"{value.year}年{value.month}月{value.day}日"


def iso(value) -> str:
    """2026-03-05 (and 2026-03-05 09:30 for a time)."""
    if value is None:
        return DASH
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def pct(value, digits: int = 1) -> str:
    """93.5% from 93.456 (values are already percentages)."""
    return DASH if value is None else f"{value:.{digits}f}%"


def num(value, digits: int = 0) -> str:
    """12,345 or 12,345.6"""
    if value is None:
        return DASH
    if digits == 0 and float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.{digits}f}"


def hours(value, digits: int = 1) -> str:
    return DASH if value is None else f"{value:.{digits}f} 小时"


def money(value) -> str:
    """Yuan, as Chinese documents write it: 30,000 元 or 120.5 万元."""
    if value is None:
        return DASH
    if value >= 10000:
        wan = value / 10000
        return f"{wan:,.{0 if wan.is_integer() else 2}f} 万元".replace(".00 ", " ")
    return f"{value:,.0f} 元"


def nonempty(values) -> list:
    return [v for v in values if v]


FILTERS = {"cn_date": cn_date, "iso": iso, "pct": pct, "num": num, "hours": hours, "money": money,
           "dash": dash, "nonempty": nonempty}
