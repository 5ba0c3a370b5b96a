"""The self-assessed score (自评/预评) and star level, driven by the standard file.

Per second-level indicator: its points, minus deductions for
  * rules of the standard that failed (each rule names the indicator or item whose points it costs),
  * missing evidence (no document or attachment proves the indicator: it loses all its points),
  * samples checked by proportion (the nonconforming share of the indicator's points),
  * the applicant's own declared deductions (self_assessment.yaml);
or excluded (删减) with its reason. Then, as clause 6 is quoted:
  total = earned ÷ applicable × 100 − special deductions + special bonus (at most one),
capped and rounded as the standard file says, mapped onto its levels (inclusive minimums).
This is the applicant's self-assessment, not the certification body's score.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from ..model import Dossier
from ..problems import Problem
from ..standard import Indicator, Level
from .samples import Sample, take_sample

__all__ = ["Deduction", "IndicatorScore", "Special", "Score", "compute_score"]


@dataclass(frozen=True)
class Deduction:
    indicator: str
    points: float
    reason: str
    source: str           # rule / evidence / sample / declared


@dataclass(frozen=True)
class IndicatorScore:
    indicator: Indicator
    applicable: bool
    exclusion_reason: str
    deductions: tuple[Deduction, ...]
    evidence: tuple            # the EvidenceRef values of builders/evidence.py
    samples: tuple[Sample, ...]

    @property
    def points(self) -> float:
        return self.indicator.points

    @property
    def deducted(self) -> float:
        return min(self.points, sum(d.points for d in self.deductions)) if self.applicable else 0.0

    @property
    def awarded(self) -> float:
        return self.points - self.deducted if self.applicable else 0.0


@dataclass(frozen=True)
class Special:
    reason: str
    source: str           # rule / finding / declared
    indicator: str | None = None


@dataclass(frozen=True)
class Score:
    indicators: tuple[IndicatorScore, ...]
    applicable_points: float
    earned: float
    base: float                          # earned ÷ applicable × 100
    special_deductions: tuple[Special, ...]
    special_bonus: tuple[Special, ...]   # at most the standard's maximum
    total: float
    level: Level | None
    gated: bool                          # too many special deductions for any level
    target: Level | None
    next_level: Level | None
    blockers: tuple[Deduction, ...]      # the deductions that, removed, would reach the next level
    fail_name: str

    @property
    def level_name(self) -> str:
        return self.level.name if self.level else self.fail_name

    @property
    def reaches_target(self) -> bool:
        return self.target is not None and self.level is not None and self.level.min >= self.target.min

    def for_indicator(self, ident: str) -> IndicatorScore:
        return next(s for s in self.indicators if s.indicator.id == ident)


def _rule_deductions(dossier: Dossier, problems: Sequence[Problem]):
    """Deductions and special deductions from failed rules of the standard (once per rule)."""
    std = dossier.standard
    deductions: list[Deduction] = []
    specials: list[Special] = []
    seen: set[str] = set()
    for problem in problems:
        name = problem.code.removeprefix("rule.")
        if not problem.code.startswith("rule.") or name in seen or name not in std.rules:
            continue
        seen.add(name)
        params = std.rules[name]
        if params.get("special"):
            specials.append(Special(problem.message, "rule"))
        target = params.get("deducts")
        if target:
            indicator = std.indicator_of(target)
            item = std.item(target)
            points = item.points if item else indicator.points
            deductions.append(Deduction(indicator.id, points, problem.message, "rule"))
    return deductions, specials


def _indicator_scores(dossier: Dossier, rule_deductions: list[Deduction], evidence: Mapping[str, tuple]
                      ) -> tuple[IndicatorScore, ...]:
    exclusions = dossier.exclusions
    declared = {j.indicator: j for j in dossier.self_assessment.judgements if j.status == "扣分"}
    scores = []
    for indicator in dossier.standard.indicators:
        if indicator.id in exclusions:
            scores.append(IndicatorScore(indicator, False, exclusions[indicator.id], (), evidence[indicator.id], ()))
            continue
        deductions = [d for d in rule_deductions if d.indicator == indicator.id]
        if not evidence[indicator.id]:
            deductions.append(Deduction(indicator.id, indicator.points, "没有任何文件或证明材料证明该指标", "evidence"))
        samples = tuple(take_sample(kind, dossier) for kind in indicator.samples)
        for sample in samples:
            if sample.nonconforming:
                share = indicator.points * sample.share / len(samples)
                deductions.append(Deduction(
                    indicator.id, share,
                    f"{sample.label}：{len(sample.nonconforming)}/{sample.total} 不符合（{sample.nonconforming[0]}"
                    + ("等" if len(sample.nonconforming) > 1 else "") + "）", "sample"))
        if indicator.id in declared:
            judgement = declared[indicator.id]
            deductions.append(Deduction(indicator.id, judgement.deduction, judgement.reason, "declared"))
        scores.append(IndicatorScore(indicator, True, "", tuple(deductions), evidence[indicator.id], samples))
    return tuple(scores)


def compute_score(dossier: Dossier, evidence: Mapping[str, tuple], problems: Sequence[Problem] | None = None
                  ) -> Score:
    """The self-assessed score of ``dossier``, given the evidence of each indicator (``evidence_map``) and
    the problems its rules found (by default those validation attached to it)."""
    std = dossier.standard
    scoring = std.scoring
    rule_deductions, specials = _rule_deductions(dossier, dossier.problems if problems is None else problems)
    if dossier.rectification:
        specials += [Special(f"整改项 {f.id}：{f.description}", "finding", f.indicator)
                     for f in dossier.rectification.findings if f.special_deduction and f.closed is None]
    specials += [Special(x.reason, "declared", x.indicator) for x in dossier.self_assessment.special_deductions]
    bonus = ([Special(dossier.self_assessment.special_bonus.reason, "declared")]
             if dossier.self_assessment.special_bonus else [])[:scoring.special_bonus_max]

    indicators = _indicator_scores(dossier, rule_deductions, evidence)
    applicable = sum(s.points for s in indicators if s.applicable)
    earned = sum(s.awarded for s in indicators)
    base = 100.0 * earned / applicable if applicable else 0.0
    raw = base - len(specials) * scoring.special_deduction_points + len(bonus) * scoring.special_bonus_points
    total = round(min(scoring.cap, max(0.0, raw)), scoring.decimals)
    gate = scoring.max_special_deductions_for_level
    gated = gate is not None and len(specials) > gate
    level = None if gated else std.level_for(total)
    target = std.level_named(dossier.company.application.target_level)
    higher = [lv for lv in std.levels if lv.min > total]
    next_level = min(higher, key=lambda lv: lv.min) if higher else None
    return Score(indicators, applicable, earned, base, tuple(specials), tuple(bonus), total, level, gated,
                 target, next_level, _blockers(indicators, applicable, total, next_level), std.fail_name)


def _blockers(indicators, applicable: float, total: float, next_level: Level | None) -> tuple[Deduction, ...]:
    """The largest deductions, in order, whose recovery lifts the total to the next level."""
    if next_level is None or not applicable:
        return ()
    needed = next_level.min - total
    ranked = sorted((d for s in indicators if s.applicable for d in s.deductions), key=lambda d: -d.points)
    chosen, gained = [], 0.0
    for deduction in ranked:
        chosen.append(deduction)
        gained += 100.0 * deduction.points / applicable
        if gained >= needed - 1e-9:
            return tuple(chosen)
    return tuple(chosen)
