"""Points of the score: exact values, and the one rounding (GB/T 8170) that every printed score goes through.

GB/T 8170 rounds the decimal value half to even: to one decimal, 10.95 → 11.0, 10.85 → 10.8, 10.851 → 10.9.
Binary floats cannot do that (the float 10.95 is 10.9499999…, so Python prints 10.9), so the score is
computed exactly: every input is a decimal written in the data (points, declared deductions, the
standard's parameters), read as the decimal it was written as, and the only other operation is dividing by
counts (a sample's nonconforming share, the applicable points), which :class:`~fractions.Fraction` keeps
exact. A value is rounded once, here, where it is printed or where it counts (an indicator's score).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction

__all__ = ["as_decimal", "exact", "round_points", "format_points", "PointsFormat"]

#: significant digits of the division that turns an exact fraction into a decimal: every score that is a
#: terminating decimal (a tie can only be one) is then exact, and a non-terminating one, which is never a
#: tie, is decided by digits far below any rounding place
_DIGITS = 60


def as_decimal(value: int | float | Decimal) -> Decimal:
    """The decimal a number of the data was written as: a float by its shortest repr (YAML's 0.15 is
    Decimal('0.15'), not the binary 0.1499999999999999944…)."""
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def exact(value: int | float | Decimal | Fraction) -> Fraction:
    """The exact value of a number, for arithmetic that divides (floats read as by :func:`as_decimal`)."""
    return value if isinstance(value, Fraction) else Fraction(as_decimal(value))


def round_points(value: int | float | Decimal | Fraction, places: int) -> Decimal:
    """``value`` rounded to ``places`` decimals as GB/T 8170 rounds: half to even, on its exact decimal
    value. ``round_points(10.95, 1) == Decimal('11.0')``."""
    fraction = exact(value)
    with localcontext() as context:
        context.prec = _DIGITS
        decimal = Decimal(fraction.numerator) / Decimal(fraction.denominator)
        return decimal.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def format_points(value: int | float | Decimal | Fraction, places: int) -> str:
    """Points as printed: rounded by :func:`round_points`, with exactly ``places`` decimals (6 → "6.0")."""
    return f"{round_points(value, places):f}"


@dataclass(frozen=True)
class PointsFormat:
    """:func:`format_points` for an API that takes a format string and calls its ``format(value)``
    (the charts' ``value_format``)."""

    places: int

    def format(self, value) -> str:
        return format_points(value, self.places)
