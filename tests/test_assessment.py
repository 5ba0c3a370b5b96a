"""The completeness check and the self-assessed score, recomputed by hand where it matters."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from fractions import Fraction

import pytest
import yaml

from conftest import EXAMPLE
from dossier.build.report import score_of
from dossier.assessment.completeness import as_of_date
from dossier.assessment.points import round_points
from dossier.build.report import completeness_of
from dossier.cli import main
from dossier.standard import load_standard
from dossier.validation import load_dossier


def _dossier(company):
    validation = load_dossier(company.root, "application")
    assert validation.dossier is not None, validation.errors
    return validation.dossier


def _example_complaints():
    with (EXAMPLE / "complaints" / "complaints.csv").open(encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def _hours(start: str, end: str) -> float:
    fmt = "%Y-%m-%d %H:%M"
    return (datetime.strptime(end, fmt) - datetime.strptime(start, fmt)).total_seconds() / 3600


def test_complaint_indicator_by_hand():
    """投诉处理: points − points × mean(share responded late, share resolved late)."""
    window = load_dossier(EXAMPLE, "application").dossier.submission.window    # the application's complaints
    rows = [r for r in _example_complaints() if datetime.strptime(r["received"], "%Y-%m-%d %H:%M").date() in window]
    targets = yaml.safe_load((EXAMPLE / "complaints.yaml").read_text(encoding="utf-8"))["targets"]
    late_response = sum(1 for r in rows if not r["responded"] or _hours(r["received"], r["responded"]) > targets["response_hours"])
    late_resolution = sum(1 for r in rows if not r["resolved"] or _hours(r["received"], r["resolved"]) > targets["resolution_hours"])
    indicator = next(i for i in load_standard().indicators if "complaints_resolved_in_time" in i.samples)
    deducted = indicator.points * (Fraction(late_response, len(rows)) + Fraction(late_resolution, len(rows))) / 2
    score = score_of(load_dossier(EXAMPLE, "application").dossier)
    row = score.for_indicator(indicator.id)
    assert row.deducted == deducted
    assert row.awarded == round_points(indicator.points - deducted, score.places)
    assert late_response + late_resolution > 0      # the sample exercises the proportional rule


def test_improvement_indicator_by_hand():
    """改进: findings closed on time and survey actions done on time, each half of the points."""
    d = load_dossier(EXAMPLE, "application").dossier
    rect = yaml.safe_load((EXAMPLE / "rectification.yaml").read_text(encoding="utf-8"))
    sat = yaml.safe_load((EXAMPLE / "satisfaction.yaml").read_text(encoding="utf-8"))
    day = as_of_date(d)
    findings = rect["findings"]
    late = sum(1 for f in findings if (f.get("closed") is None and f["due"] < day)
               or (f.get("closed") is not None and f["closed"] > f["due"]))
    actions = [a for s in sat["surveys"] for a in s.get("actions", [])]
    overdue = sum(1 for a in actions if not a.get("done") and a.get("due") and a["due"] < d.company.application.date)
    indicator = next(i for i in d.standard.indicators if "findings_closed" in i.samples)
    deducted = indicator.points * (Fraction(late, len(findings)) + Fraction(overdue, len(actions))) / 2
    score = score_of(d)
    assert score.for_indicator(indicator.id).deducted == deducted
    assert score.for_indicator(indicator.id).awarded == round_points(indicator.points - deducted, score.places)


def test_total_follows_the_formula():
    """On the figures as printed: the indicators' rounded scores add up to the earned points, the base is
    rounded once, the special points are added to it."""
    d = load_dossier(EXAMPLE, "application").dossier
    score = score_of(d)
    earned = sum(s.awarded for s in score.indicators)
    applicable = sum(s.points for s in score.indicators if s.applicable)
    # 5.1: 40 less 1.3 (5.1.7: 2 of 6 objectives missed in some period); 5.2: 35 (each with operating
    # evidence); 5.3: 13 + 10.8 (5.3.2: complaints answered or resolved late)
    assert score.earned == earned and str(earned) == "97.5"
    assert [str(s.awarded) for s in score.indicators if s.awarded != s.points] == ["2.7", "10.8"]
    base = round_points(100 * Fraction(earned) / Fraction(applicable), 1)
    assert score.base == base
    assert score.total == min(100, base - len(score.special_deductions) + len(score.special_bonus))
    assert score.level == d.standard.level_for(float(score.total)) or score.gated


def test_removing_an_attachment_flips_its_material_and_evidence(example):
    before = _dossier(example)
    licence = next(a for a in before.attachments if a.kind == "营业执照")
    counts_before = completeness_of(before).evidence_counts
    material = next(m for m in completeness_of(before).materials if m.id == "business_licence")
    assert material.present
    text = example.path("evidence.yaml").read_text(encoding="utf-8")
    start = text.index(f"  - id: {licence.id}")
    end = text.index("  - id:", start + 5)
    example.path("evidence.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    example.edit("company.yaml", f"attachment: {licence.id}", "")
    after = completeness_of(_dossier(example))
    assert not next(m for m in after.materials if m.id == "business_licence").present
    assert any(f.category == "material" and "营业执照" in f.message for f in after.blocking)
    for ident in licence.indicators:
        indicator = before.standard.indicator_of(ident)
        assert after.evidence_counts[indicator.id] == counts_before[indicator.id] - 1


def test_expired_licence_is_reported(example):
    example.edit("company.yaml", "valid_until: 长期", "valid_until: 2026-10-01")
    d = _dossier(example)
    findings = completeness_of(d).findings
    assert any(f.category == "expiry" and f.severity == "error" and "营业执照" in f.subject for f in findings)
    assert any(p.code == "rule.licence_valid" for p in d.problems)
    assert any("营业执照" in s.reason for s in score_of(d).special_deductions)   # not meeting the law


def test_excluded_indicator_leaves_the_denominator(example):
    full = score_of(_dossier(example))
    excluded = next(i for i in load_standard().indicators if not i.samples and i.points == 6)
    example.edit("company.yaml", "  exclusions: []",
                 f'  exclusions:\n    - {{indicator: "{excluded.id}", reason: 本公司不提供配送服务}}\n  #')
    score = score_of(_dossier(example))
    assert score.applicable_points == full.applicable_points - excluded.points
    row = score.for_indicator(excluded.id)
    assert not row.applicable and row.awarded == 0 and row.exclusion_reason == "本公司不提供配送服务"
    assert score.base == round_points(100 * Fraction(score.earned) / Fraction(score.applicable_points), score.places)


def test_too_many_special_deductions_withhold_the_level(example):
    std = load_standard()
    gate = std.scoring.max_special_deductions_for_level
    items = "".join(f"  - {{reason: 特别扣分{i}}}\n" for i in range(gate + 1))
    example.path("self_assessment.yaml").write_text(f"special_deductions:\n{items}", encoding="utf-8")
    score = score_of(_dossier(example))
    assert len(score.special_deductions) >= gate + 1 and score.gated and score.level is None
    assert score.level_name == std.fail_name


@pytest.mark.parametrize("minimum", [70, 80, 90, 95])
def test_levels_are_reached_at_exactly_their_minimum(minimum):
    std = load_standard()
    assert std.level_for(minimum).min == minimum
    below = std.level_for(minimum - 0.1)
    assert below is None or below.min < minimum


def test_check_cli_exit_codes_and_json(runner, example):
    complete = runner.invoke(main, ["check", str(example.root), "--json", "--as-of", "2026-11-20"])
    data = json.loads(complete.output)
    assert set(data) >= {"company", "uscc", "standard", "as_of", "complete", "materials", "evidence_counts",
                         "findings"}
    assert complete.exit_code == (0 if data["complete"] else 1)
    example.edit("rectification.yaml", "    due: 2026-12-31\n    closed: 2026-11-27", "    due: 2026-12-31\n    closed: null")
    late = runner.invoke(main, ["check", str(example.root), "--json", "--as-of", "2027-06-01"])
    assert late.exit_code == 1
    assert any(f["category"] == "rectification" and f["severity"] == "error" for f in json.loads(late.output)["findings"])


def test_score_cli(runner):
    result = runner.invoke(main, ["score", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("自评得分（预评，非认证机构评价结论；正式评分由认证机构按其评分表进行）")
    assert "暂定分值  预评得分  待证实" in result.output
    data = json.loads(runner.invoke(main, ["score", str(EXAMPLE), "--json"]).output)
    assert set(data) >= {"total", "level_name", "target_level", "reaches_target", "indicators", "blockers",
                         "special_deductions", "next_level", "label", "points_label", "pending_points",
                         "screening", "bonus_claim"}
    assert (data["points_label"], data["score_label"]) == ("暂定分值", "预评得分")
    assert len(data["indicators"]) == 15
    assert data["total"] == float(score_of(load_dossier(EXAMPLE, "application").dossier).total)


def test_check_on_invalid_data_exits_1(runner, small_company):
    small_company.edit("company.yaml", "uscc: 91350100M000100Y43", "uscc: 91350100M000100Y42")
    result = runner.invoke(main, ["check", str(small_company.root)])
    assert result.exit_code == 1 and "无法评估" in result.output
