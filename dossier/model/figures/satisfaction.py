"""Figures of the satisfaction surveys: per item, per survey, against the target."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .. import records as R
from .common import mean, percent


@dataclass(frozen=True)
class ItemFigures:
    item: R.SurveyItem
    answered: int
    mean: float | None
    rate: float | None               # % answering ≥ satisfied_min


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


@dataclass(frozen=True)
class SatisfactionFigures:
    surveys: tuple[SurveyFigures, ...]
    latest: SurveyFigures | None
    responses: int
    rate: float | None               # pooled over every survey
    latest_date: date | None


def _survey(survey: R.Survey, sat: R.Satisfaction) -> SurveyFigures:
    items = []
    for item in sat.items:
        scores = [r.score(item.id) for r in survey.responses if r.score(item.id) is not None]
        items.append(ItemFigures(item, len(scores), mean(scores),
                                 percent(sum(1 for v in scores if v >= sat.satisfied_min), len(scores))))
    means = [mean(v for _, v in r.scores) for r in survey.responses]
    means = [m for m in means if m is not None]
    satisfied = sum(1 for m in means if m >= sat.satisfied_min)
    rate = percent(satisfied, len(means))
    overall = mean(means)
    return SurveyFigures(
        survey=survey, valid=len(means), response_rate=percent(survey.returned, survey.issued), items=tuple(items),
        satisfied=satisfied, rate=rate, index=None if overall is None else 100.0 * overall / sat.scale,
        meets_target=None if rate is None else rate >= sat.target)


def satisfaction_figures(sat: R.Satisfaction) -> SatisfactionFigures:
    surveys = tuple(_survey(s, sat) for s in sat.surveys)
    valid = sum(s.valid for s in surveys)
    return SatisfactionFigures(
        surveys=surveys, latest=surveys[-1] if surveys else None, responses=valid,
        rate=percent(sum(s.satisfied for s in surveys), valid),
        latest_date=max((s.survey.end for s in surveys), default=None))
