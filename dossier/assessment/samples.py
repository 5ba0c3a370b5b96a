"""Record populations the score checks by proportion: how many were checked, which did not conform.

Clause 6 (as quoted) deducts an indicator's points in proportion to the nonconforming share when it is
verified on several samples of the same kind. Which samples an indicator uses is data of the standard
(``samples:``); what each sample kind checks is defined here.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Callable

from ..model import Dossier

__all__ = ["Sample", "SAMPLES", "take_sample"]


@dataclass(frozen=True)
class Sample:
    kind: str
    label: str
    total: int
    nonconforming: tuple[str, ...]      # one short description per nonconforming record

    @property
    def share(self) -> Fraction:
        """The nonconforming share, 0–1, exact (0 when nothing was there to check)."""
        return Fraction(len(self.nonconforming), self.total) if self.total else Fraction(0)


def _outlets_staffed(d: Dossier) -> Sample:
    bad = tuple(f"{o.name}无服务人员" for o in d.outlets if o.staff_count == 0)
    return Sample("outlets_staffed", "服务网点配备服务人员", len(d.outlets), bad)


def _staff_certificates_valid(d: Dossier) -> Sample:
    day = d.company.application.date
    holders = [s for s in d.staff if s.qualifications]
    bad = tuple(f"{s.name}的{q.certificate}已过期" for s in holders for q in s.qualifications
                if q.expired_on(day))
    return Sample("staff_certificates_valid", "人员资格证书在有效期内", len(holders), bad)


def _findings_closed(d: Dossier) -> Sample:
    from .completeness import as_of_date

    day = as_of_date(d)
    findings = d.rectification.findings if d.rectification else ()
    bad = tuple(f"整改项 {f.id} 未按期关闭" for f in findings
                if (f.closed is None and f.due < day) or (f.closed is not None and f.closed > f.due))
    return Sample("findings_closed", "整改项按期关闭", len(findings), bad)


def _survey_actions_done(d: Dossier) -> Sample:
    day = d.company.application.date
    actions = [(s, a) for s in d.satisfaction.surveys for a in s.actions]
    bad = tuple(f"{s.period}：{a.action}（逾期未完成）" for s, a in actions
                if not a.done and a.due is not None and a.due < day)
    return Sample("survey_actions_done", "满意度调查改进措施按期完成", len(actions), bad)


def _objectives_met(d: Dossier) -> Sample:
    measured = [r for r in d.figures.objectives if r.met is not None]
    bad = tuple(f"服务目标“{r.objective.text}”未达成" for r in measured if not r.met)
    return Sample("objectives_met", "可统计的服务目标达成", len(measured), bad)


def _surveys_on_target(d: Dossier) -> Sample:
    surveys = [s for s in d.figures.satisfaction.surveys if s.rate is not None]
    bad = tuple(f"{s.survey.period}满意率 {s.rate:.1f}% 低于目标" for s in surveys if not s.meets_target)
    return Sample("surveys_on_target", "满意度调查达到目标", len(surveys), bad)


def _complaints_visited(d: Dossier) -> Sample:
    resolved = [c for c in d.complaints.complaints if c.resolved is not None]
    bad = tuple(f"投诉 {c.id} 结案后未回访" for c in resolved if c.visit_date is None)
    return Sample("complaints_visited", "投诉结案后回访", len(resolved), bad)


def _complaints_responded_in_time(d: Dossier) -> Sample:
    limit = d.complaints.targets.response_hours
    items = d.complaints.complaints
    bad = tuple(f"投诉 {c.id} 未在 {limit:g} 小时内响应" for c in items
                if c.response_hours is None or c.response_hours > limit)
    return Sample("complaints_responded_in_time", "投诉按时响应", len(items), bad)


def _complaints_resolved_in_time(d: Dossier) -> Sample:
    limit = d.complaints.targets.resolution_hours
    items = d.complaints.complaints
    bad = tuple(f"投诉 {c.id} 未在 {limit:g} 小时内处理完毕" for c in items
                if c.resolution_hours is None or c.resolution_hours > limit)
    return Sample("complaints_resolved_in_time", "投诉按时处理完毕", len(items), bad)


SAMPLES: dict[str, Callable[[Dossier], Sample]] = {
    "outlets_staffed": _outlets_staffed,
    "staff_certificates_valid": _staff_certificates_valid,
    "findings_closed": _findings_closed,
    "survey_actions_done": _survey_actions_done,
    "objectives_met": _objectives_met,
    "surveys_on_target": _surveys_on_target,
    "complaints_visited": _complaints_visited,
    "complaints_responded_in_time": _complaints_responded_in_time,
    "complaints_resolved_in_time": _complaints_resolved_in_time,
}


def take_sample(kind: str, dossier: Dossier) -> Sample:
    return SAMPLES[kind](dossier)
