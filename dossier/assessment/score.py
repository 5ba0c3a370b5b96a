"""The self-assessed score (自评/预评) and star level, driven by the standard file.

Per second-level indicator: its points, minus deductions for
  * rules of the standard that failed (each rule names the indicator or item whose points it costs),
  * samples checked by proportion (the nonconforming share of the indicator's points),
  * the applicant's own declared deductions (self_assessment.yaml);
or excluded (删减) with its reason. An indicator without operating evidence in the pack (:mod:`.operating`)
is a hypothesis (假设（待证实）): what it would score is its 待证实分值, not earned until the evidence is
added. Then, as clause 6 is quoted:
  total = earned ÷ applicable × 100 − special deductions + special bonus (at most one),
capped, mapped onto the standard's levels (inclusive minimums). The special deductions are those the rules
raise, the audit's open findings marked so, the applicant's own, and the screening's hits it confirmed
(:mod:`.screening`; an unanswered hit is 待确认 and not counted). A bonus counts only with its evidence
(attachments of the pack, or a benchmark and its source).
This is the applicant's self-assessment (预评), not the certification body's score.

Values are exact (see :mod:`.points`) and rounded as GB/T 8170 rounds, to the standard's ``decimals``, at
one place each: an indicator's score is rounded from its exact value, and every figure above it is made
of the rounded figures below, as a scoring sheet is added up: earned is the sum of the indicators'
rounded scores, the base is ``earned ÷ applicable × 100`` rounded once, and the total is that base less
the special deductions' points plus the bonus's, capped. So each printed total is the sum of its printed
parts, and the level is decided on the total as printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Mapping, Sequence

from ..model import Dossier
from ..problems import Problem
from ..standard import Indicator, Level
from .bonus import BonusClaim, bonus_claim
from .operating import OperatingEvidence, operating_evidence
from .points import as_decimal, exact, round_points
from .samples import Sample, take_sample
from .screening import Screening, screen

__all__ = ["Deduction", "IndicatorScore", "Special", "BonusClaim", "Score", "compute_score", "PENDING"]

#: the source of the "deduction" that holds back the points of an indicator without operating evidence
PENDING = "pending"


@dataclass(frozen=True)
class Deduction:
    indicator: str
    points: Fraction      # exact (a sample's share of the points need not be a terminating decimal)
    reason: str
    source: str           # rule / sample / declared / pending (待证实: not lost, not yet proven)


@dataclass(frozen=True)
class IndicatorScore:
    indicator: Indicator
    applicable: bool
    exclusion_reason: str
    deductions: tuple[Deduction, ...]
    evidence: tuple            # the EvidenceRef values of builders/evidence.py
    samples: tuple[Sample, ...]
    places: int                # the decimals the standard rounds scores to
    operating: OperatingEvidence | None = None

    @property
    def points(self) -> Decimal:
        return as_decimal(self.indicator.points)

    @property
    def lost(self) -> tuple[Deduction, ...]:
        """The deductions proper (not the points held back for want of operating evidence)."""
        return tuple(d for d in self.deductions if d.source != PENDING)

    @property
    def deducted(self) -> Fraction:
        """The points lost, exact: the sum of the deductions proper, at most the indicator's points."""
        return min(exact(self.points), sum((d.points for d in self.lost), Fraction(0))) \
            if self.applicable else Fraction(0)

    @property
    def pending(self) -> Fraction:
        """The points held back as 待证实 (what operating evidence would add), exact."""
        return sum((d.points for d in self.deductions if d.source == PENDING), Fraction(0)) \
            if self.applicable else Fraction(0)

    @property
    def pending_reason(self) -> str:
        """Why its points are held back and what evidence would prove it ("" when none are)."""
        return next((d.reason for d in self.deductions if d.source == PENDING), "")

    @property
    def hypothetical(self) -> bool:
        """Scored as 假设（待证实）: applicable, without operating evidence."""
        return self.applicable and self.operating is not None and not self.operating.held

    @property
    def awarded(self) -> Decimal:
        """The indicator's score as it counts and is printed: its exact points less the deductions and the
        points still to be proven, rounded (GB/T 8170) to the standard's decimals; 0 when excluded."""
        return round_points(exact(self.points) - self.deducted - self.pending if self.applicable else 0,
                            self.places)

    @property
    def pending_shown(self) -> Decimal:
        """The 待证实分值 as printed."""
        return round_points(self.pending, self.places)


@dataclass(frozen=True)
class Special:
    reason: str
    source: str           # rule / finding / declared
    indicator: str | None = None


@dataclass(frozen=True)
class Score:
    indicators: tuple[IndicatorScore, ...]
    applicable_points: Decimal
    earned: Decimal                      # the sum of the indicators' (rounded) scores
    base: Decimal                        # earned ÷ applicable × 100, rounded
    special_deductions: tuple[Special, ...]
    special_bonus: tuple[Special, ...]   # at most the standard's maximum
    total: Decimal                       # base − special deductions + special bonus, capped
    level: Level | None
    gated: bool                          # too many special deductions for any level
    target: Level | None
    next_level: Level | None
    blockers: tuple[Deduction, ...]      # the deductions that, removed, would reach the next level
    fail_name: str
    places: int                          # the decimals scores are rounded to and printed with
    screening: Screening = Screening(())
    bonus_claim: BonusClaim | None = None

    @property
    def pending_points(self) -> Decimal:
        """The 待证实分值 of all indicators, as printed: the sum of each indicator's printed figure."""
        return sum((s.pending_shown for s in self.indicators), Decimal(0))

    @property
    def hypothetical(self) -> tuple[IndicatorScore, ...]:
        return tuple(s for s in self.indicators if s.hypothetical)

    @property
    def deduction_places(self) -> int:
        """The decimals a deduction is printed with: one more than a score, to show what was rounded."""
        return self.places + 1

    @property
    def gap(self) -> Decimal | None:
        """The points the total lacks to reach the next level, or None at the highest level."""
        return as_decimal(self.next_level.min) - self.total if self.next_level else None

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
            deductions.append(Deduction(indicator.id, exact(points), problem.message, "rule"))
    return deductions, specials


def _pending(indicator: Indicator, operating: OperatingEvidence, deductions: list[Deduction]) -> Deduction:
    """What an indicator without operating evidence holds back: the points its deductions leave."""
    left = max(Fraction(0), exact(indicator.points) - sum((d.points for d in deductions), Fraction(0)))
    needed = "、".join(operating.needed) or "该指标的运行记录"
    return Deduction(indicator.id, left, f"假设（待证实）：统计期内没有该指标的运行证据，需补充{needed}", PENDING)


def _indicator_scores(dossier: Dossier, rule_deductions: list[Deduction], evidence: Mapping[str, tuple]
                      ) -> tuple[IndicatorScore, ...]:
    places = dossier.standard.scoring.decimals
    exclusions = dossier.exclusions
    declared = {j.indicator: j for j in dossier.self_assessment.judgements if j.status == "扣分"}
    operating = operating_evidence(dossier, evidence)
    scores = []
    for indicator in dossier.standard.indicators:
        if indicator.id in exclusions:
            scores.append(IndicatorScore(indicator, False, exclusions[indicator.id], (), evidence[indicator.id], (),
                                         places))
            continue
        deductions = [d for d in rule_deductions if d.indicator == indicator.id]
        samples = tuple(take_sample(kind, dossier) for kind in indicator.samples)
        for sample in samples:
            if sample.nonconforming:
                share = exact(indicator.points) * sample.share / len(samples)
                deductions.append(Deduction(
                    indicator.id, share,
                    f"{sample.label}：{len(sample.nonconforming)}/{sample.total} 不符合（{sample.nonconforming[0]}"
                    + ("等" if len(sample.nonconforming) > 1 else "") + "）", "sample"))
        if indicator.id in declared:
            judgement = declared[indicator.id]
            deductions.append(Deduction(indicator.id, exact(judgement.deduction), judgement.reason, "declared"))
        if not operating[indicator.id].held:
            deductions.append(_pending(indicator, operating[indicator.id], deductions))
        scores.append(IndicatorScore(indicator, True, "", tuple(deductions), evidence[indicator.id], samples,
                                     places, operating[indicator.id]))
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
    specials += [Special(x.reason if not x.complaint else f"投诉 {x.complaint}：{x.reason}", "declared",
                         x.indicator) for x in dossier.self_assessment.special_deductions]
    screening = screen(dossier)
    specials += [Special(f"{hit.summary}：{hit.answer.reason}", "screening")
                 for hit in screening.confirmed if not hit.answer.declared]
    claim = bonus_claim(dossier)
    bonus = ([Special(claim.reason, "declared")] if claim and claim.counted else [])[:scoring.special_bonus_max]

    places = scoring.decimals
    indicators = _indicator_scores(dossier, rule_deductions, evidence)
    applicable = sum((s.points for s in indicators if s.applicable), Decimal(0))
    earned = sum((s.awarded for s in indicators), Decimal(0))
    base = round_points(100 * exact(earned) / exact(applicable) if applicable else 0, places)
    raw = (base - len(specials) * as_decimal(scoring.special_deduction_points)
           + len(bonus) * as_decimal(scoring.special_bonus_points))
    total = round_points(min(as_decimal(scoring.cap), max(Decimal(0), raw)), places)
    gate = scoring.max_special_deductions_for_level
    gated = gate is not None and len(specials) > gate
    # the printed total against the minimums as written: both as the floats nearest their decimals (a
    # Decimal compares exactly with a float: Decimal("89.9") is below the float 89.9000000000000057)
    shown = float(total)
    level = None if gated else std.level_for(shown)
    target = std.level_named(dossier.company.application.target_level)
    higher = [lv for lv in std.levels if lv.min > shown]
    next_level = min(higher, key=lambda lv: lv.min) if higher else None
    return Score(indicators, applicable, earned, base, tuple(specials), tuple(bonus), total, level, gated,
                 target, next_level, _blockers(indicators, applicable, total, next_level), std.fail_name,
                 places, screening, claim)


def _blockers(indicators, applicable: Decimal, total: Decimal, next_level: Level | None
              ) -> tuple[Deduction, ...]:
    """The largest deductions, in order, whose recovery lifts the total to the next level."""
    if next_level is None or not applicable:
        return ()
    needed = exact(as_decimal(next_level.min) - total)
    ranked = sorted((d for s in indicators if s.applicable for d in s.deductions), key=lambda d: -d.points)
    chosen, gained = [], Fraction(0)
    for deduction in ranked:
        chosen.append(deduction)
        gained += 100 * deduction.points / exact(applicable)
        if gained >= needed:
            return tuple(chosen)
    return tuple(chosen)
