"""Figures of the satisfaction surveys: per item, per survey, against the target."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .. import records as R
from .common import mean, percent

#: how many of a survey's lowest-scoring answers the report quotes
LOWEST_SHOWN = 5


@dataclass(frozen=True)
class ItemFigures:
    item: R.SurveyItem
    answered: int
    mean: float | None
    rate: float | None               # % answering ≥ satisfied_min


@dataclass(frozen=True)
class ScoredResponse:
    response: R.Response
    mean: float                      # the mean of its item scores
    satisfied: bool                  # mean ≥ satisfied_min


@dataclass(frozen=True)
class SurveyFigures:
    survey: R.Survey
    valid: int
    response_rate: float | None      # returned ÷ issued, %
    items: tuple[ItemFigures, ...]
    satisfied: int
    rate: float | None               # % of valid responses whose mean item score ≥ satisfied_min
    index: float | None              # mean score ÷ scale × 100
    meets_target: bool | None
    rate_change: float | None = None                     # rate − the previous survey's rate, percentage points
    lowest: tuple[ScoredResponse, ...] = ()              # the LOWEST_SHOWN lowest means, lowest first
    actions_done: int = 0

    @property
    def unsatisfied(self) -> int:
        return self.valid - self.satisfied

    @property
    def weakest(self) -> ItemFigures | None:
        """The item with the lowest satisfaction rate (first in item order on a tie)."""
        rated = [i for i in self.items if i.rate is not None]
        return min(rated, key=lambda i: i.rate) if rated else None


@dataclass(frozen=True)
class SatisfactionFigures:
    surveys: tuple[SurveyFigures, ...]
    latest: SurveyFigures | None
    responses: int
    rate: float | None               # pooled over every survey
    latest_date: date | None
    met: int = 0                     # surveys meeting the target
    issued: int = 0
    returned: int = 0
    satisfied: int = 0


def _scored(survey: R.Survey, sat: R.Satisfaction) -> list[ScoredResponse]:
    out = []
    for r in survey.responses:
        m = mean(v for _, v in r.scores)
        if m is not None:
            out.append(ScoredResponse(r, m, m >= sat.satisfied_min))
    return out


def _survey(survey: R.Survey, sat: R.Satisfaction, previous: float | None) -> SurveyFigures:
    items = []
    answers = [dict(r.scores) for r in survey.responses]         # each response's scores looked up once
    for item in sat.items:
        scores = [score for answer in answers if (score := answer.get(item.id)) is not None]
        items.append(ItemFigures(item, len(scores), mean(scores),
                                 percent(sum(1 for v in scores if v >= sat.satisfied_min), len(scores))))
    scored = _scored(survey, sat)
    satisfied = sum(1 for s in scored if s.satisfied)
    rate = percent(satisfied, len(scored))
    overall = mean(s.mean for s in scored)
    return SurveyFigures(
        survey=survey, valid=len(scored), response_rate=percent(survey.returned, survey.issued), items=tuple(items),
        satisfied=satisfied, rate=rate, index=None if overall is None else 100.0 * overall / sat.scale,
        meets_target=None if rate is None else rate >= sat.target,
        rate_change=None if rate is None or previous is None else rate - previous,
        lowest=tuple(sorted(scored, key=lambda s: (s.mean, s.response.no))[:LOWEST_SHOWN]),
        actions_done=sum(1 for a in survey.actions if a.done))


def satisfaction_figures(sat: R.Satisfaction) -> SatisfactionFigures:
    surveys, previous = [], None
    for s in sat.surveys:
        figures = _survey(s, sat, previous)
        surveys.append(figures)
        previous = figures.rate if figures.rate is not None else previous
    valid = sum(s.valid for s in surveys)
    satisfied = sum(s.satisfied for s in surveys)
    return SatisfactionFigures(
        surveys=tuple(surveys), latest=surveys[-1] if surveys else None, responses=valid,
        rate=percent(satisfied, valid),
        latest_date=max((s.survey.end for s in surveys), default=None),
        met=sum(1 for s in surveys if s.meets_target), issued=sum(s.issued for s in sat.surveys),
        returned=sum(s.returned for s in sat.surveys), satisfied=satisfied)
