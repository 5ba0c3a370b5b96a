"""Scores round as GB/T 8170 rounds (half to even, on the decimal value), and totals add up as printed."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from assessment_helpers import prove_all
from dossier.assessment.export import score_data
from dossier.assessment.points import PointsFormat, as_decimal, format_points, round_points
from dossier.build.report import score_of
from dossier.standard import load_standard
from dossier.terminal import score_lines
from dossier.validation import load_dossier


@pytest.mark.parametrize("value, places, shown", [
    (10.95, 1, "11.0"),         # the float 10.95 is 10.9499999…: Python's round() and "%.1f" give 10.9
    (10.85, 1, "10.8"),         # a tie goes to the even digit
    (10.851, 1, "10.9"),        # above the tie: up
    (10.849, 1, "10.8"),
    (2.25, 1, "2.2"),
    (2.35, 1, "2.4"),
    (0.1625, 2, "0.16"),
    (0.165, 2, "0.16"),
    (0.175, 2, "0.18"),
    (99.95, 1, "100.0"),
    (6, 1, "6.0"),
    (0, 1, "0.0"),
    (100, 1, "100.0"),
    (Decimal("10.95"), 1, "11.0"),
    (Fraction(219, 20), 1, "11.0"),     # 10.95, exact
    (Fraction(1, 3), 2, "0.33"),
    (Fraction(2, 3), 1, "0.7"),
])
def test_rounds_half_to_even_on_the_decimal_value(value, places, shown):
    assert format_points(value, places) == shown
    assert round_points(value, places) == Decimal(shown)


def test_a_tie_reached_through_shares_is_exact():
    """13 − 13 × (1/30 + 2/30) ÷ 2 = 12.35 exactly (→ 12.4); in floats, or in 28-digit decimals summed
    after dividing, the shares need not add up to the tie exactly."""
    deduction = 13 * Fraction(1, 30) / 2 + 13 * Fraction(2, 30) / 2
    assert format_points(13 - deduction, 1) == "12.4"
    assert format_points(Fraction(1235, 100), 1) == "12.4" and format_points(Fraction(1225, 100), 1) == "12.2"


def test_floats_of_the_data_are_read_as_written():
    assert as_decimal(0.15) == Decimal("0.15") and as_decimal(12) == Decimal(12)
    assert PointsFormat(1).format(10.95) == "11.0"


#: declared deductions that land on ties and near them; the other indicators keep their full points
#: (60 in all). Exact: 6 − 1.9 + 7.85 + 2.25 + 10.85 + 10.95 + 60 = 90.0; as printed: 4.1 + 7.8 + 2.2 +
#: 10.8 + 11.0 + 60 = 89.9
DEDUCTIONS = {"5.1.1": "1.9", "5.1.2": "0.15", "5.1.3": "4.75", "5.3.1": "2.15", "5.3.2": "1.05"}
AWARDED = {"5.1.1": "4.1", "5.1.2": "7.8", "5.1.3": "2.2", "5.3.1": "10.8", "5.3.2": "11.0"}


def write_deductions(company, deductions=DEDUCTIONS) -> None:
    """The deductions declared, on a company with operating evidence for every indicator (so no points are
    held back as 待证实: the rounding is the case here)."""
    rows = "".join(f'  - {{indicator: "{ident}", status: 扣分, deduction: {points}, reason: 自评扣分{ident}}}\n'
                   for ident, points in deductions.items())
    company.path("self_assessment.yaml").write_text(f"judgements:\n{rows}", encoding="utf-8")
    prove_all(company, load_standard())


@pytest.fixture
def deducted(small_company):
    write_deductions(small_company)
    validation = load_dossier(small_company.root)
    assert validation.dossier is not None, validation.errors
    return validation.dossier


def test_indicator_scores_round_half_to_even(deducted):
    score = score_of(deducted)
    assert {s.indicator.id: str(s.awarded) for s in score.indicators if s.indicator.id in DEDUCTIONS} == AWARDED
    assert score.for_indicator("5.3.2").deducted == Fraction("1.05")     # the deduction itself stays exact


def test_totals_are_the_sums_of_the_printed_parts_and_decide_the_level(deducted):
    """The exact scores add up to 90.0 (四星级); the printed ones to 89.9, and the total, the level and
    the gap follow the printed figures."""
    score = score_of(deducted)
    places = score.places
    assert score.earned == sum(Decimal(format_points(s.awarded, places)) for s in score.indicators)
    assert (str(score.earned), str(score.base), str(score.total)) == ("89.9", "89.9", "89.9")
    assert sum(Fraction(s.indicator.points) - s.deducted for s in score.indicators) == 90    # not the total
    assert score.level.name == "三星级" and score.next_level.name == "四星级" and str(score.gap) == "0.1"
    data = score_data(score)
    assert (data["earned"], data["total"], data["next_level"]["gap"]) == (89.9, 89.9, 0.1)
    assert [i["awarded"] for i in data["indicators"] if i["id"] in DEDUCTIONS] == [4.1, 7.8, 2.2, 10.8, 11.0]
    assert [i["deducted"] for i in data["indicators"] if i["id"] in DEDUCTIONS] == [1.9, 0.15, 4.75, 2.15, 1.05]
    lines = score_lines(deducted.company.name, score)
    assert "涉及项分值 100.0，实得 89.9，折算 89.9；特别扣分 0 项，特别加分 0 项" in lines
    assert any(line.startswith("自评（预评）得分 89.9 分：三星级") for line in lines)
    assert any(line.startswith("5.3.2 投诉处理") and "12.0" in line and " 11.0 " in line and "−1.05" in line
               for line in lines)


def test_bonus_and_special_deductions_add_to_the_printed_base(small_company):
    write_deductions(small_company, {"5.3.2": "1.05"})
    small_company.append("self_assessment.yaml", "special_deductions:\n  - {reason: 特别扣分一}\n"
                                                 "special_bonus: {reason: 特别加分, benchmark: 行业统计}\n")
    score = score_of(load_dossier(small_company.root).dossier)
    assert (str(score.base), str(score.total)) == ("99.0", "99.0")         # 98.95 → 99.0, − 1 + 1
