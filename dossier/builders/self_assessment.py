"""自评报告: the applicant's self-assessed score by indicator, what blocks the next level, and its declarations."""

from __future__ import annotations

from dataclasses import dataclass

from ..assessment import Score, compute_score
from ..model import Dossier
from ..render.charts import bar_chart
from ._objectives import objective_rows
from .base import Builder


@dataclass(frozen=True)
class GroupTotal:
    id: str
    name: str
    points: float
    applicable: float
    earned: float


def group_totals(score: Score, dossier: Dossier) -> list[GroupTotal]:
    totals = []
    for group in dossier.standard.groups:
        rows = [s for s in score.indicators if s.indicator.group == group.id]
        totals.append(GroupTotal(group.id, group.name, group.points,
                                 sum(s.points for s in rows if s.applicable), sum(s.awarded for s in rows)))
    return totals


class SelfAssessmentBuilder(Builder):
    id = "self_assessment"
    title = "自评报告"
    reads = ("company", "organisation", "personnel", "outlets", "service_system", "training", "satisfaction",
             "complaints", "evidence", "rectification", "self_assessment")
    weight = 2

    def context(self, dossier: Dossier) -> dict:
        score = compute_score(dossier)
        applicable = [s for s in score.indicators if s.applicable]
        chart = bar_chart([s.indicator.label for s in applicable],
                          {"分值": [s.points for s in applicable], "自评得分": [s.awarded for s in applicable]},
                          value_format="{:.1f}", horizontal=True, width_mm=165, height_mm=8 + 7 * len(applicable))
        return {"score": score, "groups": group_totals(score, dossier), "chart": chart,
                "objectives": objective_rows(dossier),
                "declarations": dossier.self_assessment.declarations,
                "deducting": [s for s in score.indicators if s.deductions]}
