"""Small helpers shared by the figure modules."""

from __future__ import annotations

from math import fsum

__all__ = ["percent", "mean"]


def percent(part: float, whole: float) -> float | None:
    """part ÷ whole as a percentage; None when there is no whole."""
    return None if not whole else 100.0 * part / whole


def mean(values) -> float | None:
    """The arithmetic mean of the values given (None left out), as statistics.fmean takes it (without
    loading the statistics module and its dependencies at start-up)."""
    values = [v for v in values if v is not None]
    return fsum(values) / len(values) if values else None
