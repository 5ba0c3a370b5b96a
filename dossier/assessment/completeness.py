"""Completeness for reviewers: materials present or missing, evidence per indicator, what is stale.

Every finding carries a severity and one sentence saying what to do. Driven by the standard file:
its materials, its indicators, its rule parameters (recency months, expiry warning days).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Mapping

from ..model import Dossier
from ..model.dates import months_before
from ..model.reporting import bound_attachments
from ..model.requirements import breaches, dated_certificates, required_permits
from ..validation.placeholders import PLACEHOLDER
from .consistency import check_consistency
from .findings import ERROR, INFO, WARNING, Finding, Locator
from .review import assessment_findings
from .signing import Place as SigningPlace, signing_findings

__all__ = ["Finding", "MaterialStatus", "Completeness", "check_completeness", "as_of_date"]



@dataclass(frozen=True)
class MaterialStatus:
    id: str
    name: str
    required: bool
    present: bool
    satisfied_by: tuple[str, ...]       # titles of the documents/attachments that satisfy it
    fix: str = ""                       # what to do when it is missing (the standard's, if it says)


@dataclass(frozen=True)
class Completeness:
    as_of: date
    materials: tuple[MaterialStatus, ...]
    evidence_counts: dict
    findings: tuple[Finding, ...]

    @property
    def missing_required(self) -> tuple[MaterialStatus, ...]:
        return tuple(m for m in self.materials if m.required and not m.present)

    @property
    def blocking(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == ERROR)

    @property
    def complete(self) -> bool:
        return not self.blocking


def as_of_date(dossier: Dossier) -> date:
    """The date the pack speaks for: its submission's (the application's, or the rectification's)."""
    if dossier.submission is not None:
        return dossier.submission.date
    days = [dossier.company.application.date]
    if dossier.rectification:
        days.append(dossier.rectification.audit.date)
        days += [f.closed for f in dossier.rectification.findings if f.closed]
    return max(days)


def _materials(dossier: Dossier, documents: dict[str, str]) -> list[MaterialStatus]:
    out = []
    for material in dossier.standard.materials_of(dossier.submission.stage if dossier.submission else "application"):
        found = []
        if material.document and material.document in documents:
            found.append(documents[material.document])
        found += [a.title for a in bound_attachments(dossier) if a.kind in material.attachment_kinds]
        required = material.required or (material.required_by_trade and bool(required_permits(dossier)))
        out.append(MaterialStatus(material.id, material.name, required, bool(found), tuple(found), material.fix))
    return out


def _material_findings(materials: list[MaterialStatus]) -> list[Finding]:
    findings = []
    for m in materials:
        if m.required and not m.present:
            findings.append(Finding("material", ERROR, m.name, f"缺少必备申请材料“{m.name}”。",
                                    m.fix or "在 evidence.yaml 中登记该材料的扫描件，或补全生成该文件所需的数据。"))
    return findings


def _evidence_findings(dossier: Dossier, evidence: Mapping[str, tuple]) -> tuple[dict, list[Finding]]:
    """Each indicator's evidence in the pack: of every indicator in the application; in the rectification
    submission, of the indicators its findings answer (the rest was in the application)."""
    counts, findings = {}, []
    answered = ({f.indicator for f in dossier.rectification.findings}
                if dossier.submission is not None and dossier.submission.is_rectification else None)
    for ident, refs in evidence.items():
        indicator = dossier.standard.indicator(ident)
        counts[ident] = len(refs)
        if ident in dossier.excluded or (answered is not None and ident not in answered):
            continue
        if not refs:
            findings.append(Finding("evidence", ERROR, indicator.label, f"指标“{indicator.label}”没有任何证明材料。",
                                    "补充证明该指标的文件或附件（在 evidence.yaml 的 indicators 中注明指标编号）。"))
    return counts, findings


def _staleness(dossier: Dossier) -> list[Finding]:
    rules = dossier.standard.rules
    app = dossier.company.application.date
    findings = []
    checks = [("survey_max_age_months", dossier.figures.satisfaction.latest_date, "顾客满意度调查",
               "开展一次新的满意度调查并录入答卷。"),
              ("training_max_age_months", dossier.figures.training.latest, "培训", "补充近期的培训记录。")]
    for rule, latest, what, fix in checks:
        if rule not in rules:
            continue
        cutoff = months_before(app, rules[rule]["months"])
        if latest is None or latest < cutoff:
            shown = "没有记录" if latest is None else f"最近一次为 {latest.isoformat()}"
            findings.append(Finding("staleness", ERROR, what,
                                    f"{what}{shown}，早于申请日期前 {rules[rule]['months']} 个月（{cutoff.isoformat()}）。", fix))
    return findings


def _expiry(dossier: Dossier) -> list[Finding]:
    """Every certificate lapsed (a must-fix where it must be valid) or lapsing within the warning window."""
    app = dossier.company.application.date
    days = dossier.standard.rules.get("expiry_warning_days", {}).get("days", 90)
    horizon = app + timedelta(days=days)
    findings = []
    for c in dated_certificates(dossier):
        until = c.valid_until
        if until is None:
            continue
        if until < app:
            findings.append(Finding("expiry", ERROR if c.required or c.standard else WARNING, c.subject,
                                    f"{c.subject}已于 {until.isoformat()} 过期。", c.fix))
        elif until <= horizon:
            findings.append(Finding("expiry", WARNING, c.subject,
                                    f"{c.subject}将于 {until.isoformat()} 到期（申请日期后 {(until - app).days} 天）。",
                                    c.fix))
    return findings


def _placeholders(dossier: Dossier) -> list[Finding]:
    """What the init templates left unfilled: the pack is not ready while any remains."""
    left = [p for p in dossier.problems if p.code == PLACEHOLDER]
    if not left:
        return []
    first = left[0]
    return [Finding("placeholder", ERROR, "模板占位内容",
                    f"数据中仍有 {len(left)} 处模板的占位内容或示例值（首处：{first.file}:{first.line}）。",
                    "逐项改为本公司的实际内容；dossier validate 列出每一处。")]


def _requirements(dossier: Dossier) -> list[Finding]:
    """Each licence or qualification the law requires that is missing (a lapsed one is an expiry finding)."""
    return [Finding("requirement", ERROR, b.subject, f"{b.what}。", f"{b.fix}。")
            for b in breaches(dossier) if not b.lapsed]


def _responsibilities(dossier: Dossier) -> list[Finding]:
    named = {r.indicator for r in dossier.responsibilities}
    return [Finding("responsibility", ERROR, ind.label, f"职能分配表中指标“{ind.label}”没有主责部门。",
                    "在 organisation.yaml 的 responsibilities 中为该指标指定主责部门。")
            for ind in dossier.standard.indicators if ind.id not in named and ind.id not in dossier.excluded]


def _rectification(dossier: Dossier, as_of: date) -> list[Finding]:
    if dossier.rectification is None:
        return []
    findings = []
    sending = dossier.submission is not None and dossier.submission.is_rectification
    for f in dossier.rectification.findings:
        if sending and f.closed is not None and not f.evidence and not f.documents:
            findings.append(Finding("rectification", ERROR, f.id,
                                    f"整改项 {f.id}（{f.indicator}）已关闭，但整改材料中没有它的整改证据。",
                                    "在 evidence 中登记证明整改完成的记录或照片，或在 documents 中列出因整改重新发布的文件。"))
        if f.closed is None and f.due < as_of:
            findings.append(Finding("rectification", ERROR, f.id,
                                    f"整改项 {f.id}（{f.indicator}）已过完成期限 {f.due.isoformat()}，仍未关闭。",
                                    f"督促责任人{f.owner_name}完成整改，填写关闭日期 closed 和整改证据。"))
        elif f.closed is None:
            findings.append(Finding("rectification", WARNING if sending else INFO, f.id,
                                    f"整改项 {f.id}（{f.indicator}）尚未关闭，完成期限 {f.due.isoformat()}。",
                                    "完成后填写关闭日期 closed 并登记整改证据。"))
    return findings


def _consistency(dossier: Dossier, locate: Locator | None) -> list[Finding]:
    """The contradictions within the pack, each place located by ``locate`` (on binder pages, in the data)."""
    found = check_consistency(dossier)
    if locate is None:
        return found
    return [replace(f, places=tuple(locate(p) for p in f.places)) for f in found]


def _self_assessed(dossier: Dossier, evidence: Mapping[str, tuple]) -> list[Finding]:
    """What the self-assessment leaves to prove or to confirm: the application's (the rectification
    submission answers the audit's findings, not the self-assessment)."""
    if dossier.submission is not None and dossier.submission.is_rectification:
        return []
    return assessment_findings(dossier, evidence)


def check_completeness(dossier: Dossier, documents: Mapping[str, str], evidence: Mapping[str, tuple],
                       as_of: date | None = None, locate: Locator | None = None,
                       places: tuple[SigningPlace, ...] = ()) -> Completeness:
    """``documents``: id → title of the documents present; ``evidence``: each indicator's evidence
    (``builders.evidence.evidence_map``); ``locate``: where the places of consistency findings are
    (``consistency.places.locator``); ``places``: the places to seal or sign (see :mod:`.signing`)."""
    as_of = as_of or as_of_date(dossier)
    materials = _materials(dossier, documents)
    counts, missing = _evidence_findings(dossier, evidence)
    findings = (_placeholders(dossier) + _material_findings(materials) + missing + _staleness(dossier) + _requirements(dossier)
                + _expiry(dossier) + _responsibilities(dossier) + _rectification(dossier, as_of)
                + _consistency(dossier, locate) + _self_assessed(dossier, evidence)
                + signing_findings(places, Finding))
    order = {ERROR: 0, WARNING: 1, INFO: 2}
    findings.sort(key=lambda f: order[f.severity])
    return Completeness(as_of, tuple(materials), counts, tuple(findings))
