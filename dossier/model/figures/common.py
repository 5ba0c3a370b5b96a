"""Small helpers shared by the figure modules."""

from __future__ import annotations

from statistics import fmean

__all__ = ["percent", "mean"]


def percent(part: float, whole: float) -> float | None:
    """part ÷ whole as a percentage; None when there is no whole."""
    return None if not whole else 100.0 * part / whole


def mean(values) -> float | None:
    values = [v for v in values if v is not None]
    return fmean(values) if values else None
