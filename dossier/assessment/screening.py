"""Special-deduction screening (特别扣分筛查): the complaints that may show a special deduction, for the
applicant to confirm or explain.

Clause 6 (as quoted) raises a special deduction for not meeting laws and regulations, the company's own
service rules, an industry's professional requirements, or for what affects the running of the service
system. The data cannot judge that, but it can find the records worth a look. Each rule of the standard's
``screening:`` reads fields, never wording: a complaint's category, severity, dates and visit result, the
warranty terms of service_system.yaml, the company's own visit limit (complaints.yaml ``targets``), the
categories the trade profile marks. Every hit is listed; the applicant answers it in self_assessment.yaml
``screened`` (a special deduction or not, with the reason), or by a special deduction of its own that names
the complaint. Only a confirmed hit is deducted; an unanswered one is 待确认.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Callable

from ..model import Dossier
from ..model import records as R
from ..model.dates import months_before
from ..render.formatting import num
from ..standard import ScreeningRule
from ..standard.trades import trade_profile

__all__ = ["Answer", "Hit", "RuleReport", "Screening", "screen"]

#: how many months a warranty length counts, by its unit (a length in days counts in days)
_MONTHS = {"年": 12, "月": 1}


@dataclass(frozen=True)
class Answer:
    special_deduction: bool
    reason: str
    declared: bool = False       # a special deduction of the applicant's own naming the complaint


@dataclass(frozen=True)
class Hit:
    rule: ScreeningRule
    basis: str                   # the ground of clause 6 it may fall under, as documents name it
    complaint: R.Complaint
    finding: str                 # what the records show
    answer: Answer | None = None

    @property
    def status(self) -> str:
        if self.answer is None:
            return "待确认"
        return "计为特别扣分" if self.answer.special_deduction else "不计为特别扣分"

    @property
    def confirmed(self) -> bool:
        return self.answer is not None and self.answer.special_deduction

    @property
    def summary(self) -> str:
        """投诉 TS2026-021（回访超过时限：2026-07-29 处理完毕，2026-08-03 回访，相隔 5 日，时限 3 日）"""
        return f"投诉 {self.complaint.id}（{self.rule.name}：{self.finding}）"


@dataclass(frozen=True)
class RuleReport:
    rule: ScreeningRule
    looks_for: str               # what the rule looks for, with the company's own parameters
    hits: tuple[Hit, ...]
    unscreened: str = ""         # records the rule could not read, and why ("" when none)


@dataclass(frozen=True)
class Screening:
    rules: tuple[RuleReport, ...]
    #: answers that match no hit (a complaint the rule does not find, or not in the reporting window)
    stray: tuple[R.ScreenedAnswer, ...] = ()

    @property
    def hits(self) -> tuple[Hit, ...]:
        return tuple(h for r in self.rules for h in r.hits)

    @property
    def confirmed(self) -> tuple[Hit, ...]:
        return tuple(h for h in self.hits if h.confirmed)

    @property
    def open(self) -> tuple[Hit, ...]:
        return tuple(h for h in self.hits if h.answer is None)


def _day(value: date | datetime) -> str:
    """The day of a date or a time: 2026-07-29."""
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def _names(values) -> str:
    return "、".join(f"“{v}”" for v in values)


# -- the rules: each gives the hits (complaint, finding), what it looks for, and what it could not read -------

def _term(warranty: R.Warranty | None, product: str) -> tuple[str, Callable[[date], date]] | None:
    """The warranty term that covers ``product`` (a term by product naming it, or a named term whose cover
    mentions it): its description and the day it ends, from the purchase date."""
    if warranty is None or not product:
        return None
    for t in warranty.terms:
        if product in re.split(r"[、，,/；;]\s*", t.product):
            months = round(t.whole_years * 12)
            return f"整机保修期 {num(t.whole_years, 1).removesuffix('.0')} 年", lambda d, m=months: months_before(d, -m)
    for c in warranty.clauses:
        if product in c.covers:
            length = num(c.length, 1).removesuffix(".0")
            if c.unit in _MONTHS:
                months = round(c.length * _MONTHS[c.unit])
                return f"{c.kind} {length} {c.unit}", lambda d, m=months: months_before(d, -m)
            return f"{c.kind} {length} {c.unit}", lambda d, n=round(c.length): d + timedelta(days=n)
    return None


def _warranty_fee(rule: ScreeningRule, d: Dossier):
    hits, unread = [], []
    for c in d.complaints.complaints:
        if c.category not in rule.categories:
            continue
        term = _term(d.system.warranty, c.product)
        if c.purchased is None or term is None:
            unread.append(c.id)
            continue
        described, ends = term
        if c.received.date() < ends(c.purchased):
            hits.append((c, f"{c.product}购于 {c.purchased.isoformat()}，{_day(c.received)}受理时在{described}内"))
    looks_for = (f"类别为{_names(rule.categories)}的投诉中，受理时商品仍在保修期内的（按投诉记录的购买日期和"
                 "售后服务体系中的保修期限计算）")
    unscreened = (f"{len(unread)} 起{_names(rule.categories)}类投诉未登记购买日期或其商品没有对应的保修期限，"
                  f"未能筛查（{'、'.join(unread)}）：可在投诉记录中填写购买日期 purchased") if unread else ""
    return hits, looks_for, unscreened


def _unsatisfied_closed(rule: ScreeningRule, d: Dossier):
    hits = [(c, f"{_day(c.resolved)} 处理完毕，{c.visit_date.isoformat()} 回访结果为“{c.visit_result}”")
            for c in d.complaints.complaints
            if c.resolved is not None and c.visit_date is not None and c.visit_result in rule.results
            and not (c.reprocessed is not None and c.revisit_result not in (None, *rule.results))]
    return hits, f"已处理完毕、回访结果为{_names(rule.results)}且未重新处理至顾客满意的投诉", ""


def _late_visit(rule: ScreeningRule, d: Dossier):
    limit = d.complaints.targets.visit_days
    shown = num(limit, 1).removesuffix(".0")
    day = d.submission.date if d.submission else d.company.application.date
    hits = []
    for c in d.complaints.complaints:
        if c.resolved is None:
            continue
        if c.visit_date is not None:
            gap = (c.visit_date - c.resolved.date()).days
            if gap > limit:
                hits.append((c, f"{_day(c.resolved)} 处理完毕，{c.visit_date.isoformat()} 回访，相隔 {gap} 日，"
                                f"时限 {shown} 日"))
        elif (day - c.resolved.date()).days > limit:
            hits.append((c, f"{_day(c.resolved)} 处理完毕，至 {day.isoformat()} 未回访，时限 {shown} 日"))
    return hits, f"处理完毕后超过本公司规定的回访时限（{shown} 日）才回访，或超过时限仍未回访的投诉", ""


def _major_complaint(rule: ScreeningRule, d: Dossier):
    hits = [(c, f"类别“{c.category}”，{c.issue}") for c in d.complaints.complaints
            if c.severity in rule.severities]
    return hits, f"严重程度为{_names(rule.severities)}的投诉", ""


def _trade_category(rule: ScreeningRule, d: Dossier):
    profile = trade_profile(d.company.trade.profile if d.company.trade else None)
    marked = profile.screening_categories
    if not marked:
        return [], f"本公司行业模板（{profile.name}）所列类别的投诉；该模板未列出需筛查的投诉类别，本项不适用", ""
    hits = [(c, f"类别“{c.category}”，{c.issue}") for c in d.complaints.complaints if c.category in marked]
    listed = "；".join(f"“{category}”（{d.standard.special_bases[basis]}）" for category, basis in marked.items())
    return hits, f"本公司行业模板（{profile.name}）所列类别的投诉：{listed}", ""


_RULES = {"warranty_fee": _warranty_fee, "unsatisfied_closed": _unsatisfied_closed, "late_visit": _late_visit,
          "major_complaint": _major_complaint, "trade_category": _trade_category}


def _basis(rule: ScreeningRule, complaint: R.Complaint, d: Dossier) -> str:
    key = rule.basis
    if key is None:
        profile = trade_profile(d.company.trade.profile if d.company.trade else None)
        key = profile.screening_categories.get(complaint.category)
    return d.standard.special_bases.get(key, "") if key else ""


def screen(d: Dossier) -> Screening:
    """The screening of ``d``'s complaints (those of its reporting window) by every rule of its standard,
    each hit with the applicant's answer, if any."""
    answers = {(a.complaint, a.rule): a for a in reversed(d.self_assessment.screened)}   # the first one counts
    declared = {x.complaint: x for x in d.self_assessment.special_deductions if x.complaint}
    used: set[tuple[str, str]] = set()
    reports = []
    for rule in d.standard.screening:
        found, looks_for, unscreened = _RULES[rule.id](rule, d)
        hits = []
        for complaint, finding in found:
            key = (complaint.id, rule.name)
            answer = None
            if complaint.id in declared:
                answer = Answer(True, declared[complaint.id].reason, declared=True)
            elif key in answers:
                used.add(key)
                answer = Answer(answers[key].special_deduction, answers[key].reason)
            hits.append(Hit(rule, _basis(rule, complaint, d), complaint, finding, answer))
        reports.append(RuleReport(rule, looks_for, tuple(hits), unscreened))
    reported = {c.id for c in d.complaints.complaints}     # an answer on a complaint of another window waits
    stray = tuple(a for a in d.self_assessment.screened if a.complaint in reported
                  and ((a.complaint, a.rule) not in used or answers[(a.complaint, a.rule)] is not a))
    return Screening(tuple(reports), stray)
