"""The organisation against itself: who leads an indicator against who is in the after-sales system, the key
roles and the reporting lines the texts state against what the organisation chart draws."""

from __future__ import annotations

import re

from ...builders.blocks import joined
from ...builders.org_chart import charted_staff
from ...model import Dossier
from ...model import records as R
from ...standard.trades import trade_profile
from ..findings import ERROR, WARNING, Finding
from . import statements as S

__all__ = ["outside_leads", "key_roles_charted", "reporting_lines"]

CATEGORY = "consistency"
#: a sentence's clause saying that its subject reports to a role: 直接向管理者代表报告, 对总经理负责
_REPORTS = "(?:直接)?向({roles})(?:直接)?(?:报告|汇报)|(?:直接)?对({roles})负责"


def outside_leads(d: Dossier) -> list[Finding]:
    """A department outside the after-sales system leading an indicator: the matrix and the chart disagree
    about who runs the system."""
    led: dict[str, list[str]] = {}
    for r in d.responsibilities:
        if r.indicator not in d.excluded and not d.department(r.lead).after_sales:
            led.setdefault(r.lead, []).append(r.indicator)
    findings = []
    for ident, indicators in led.items():
        dept = d.department(ident)
        labels = joined(d.standard.indicator(i).label for i in indicators)
        findings.append(Finding(
            CATEGORY, ERROR, dept.name,
            f"{S.title('responsibility_matrix')}中{dept.name}是指标 {labels} 的主责部门，"
            f"{S.title('org_chart')}却标明{dept.name}不属于售后服务体系。",
            f"在 organisation.yaml 中为{dept.name}写 after_sales: true（属于售后服务体系），"
            "或把这些指标的主责部门（responsibilities 的 lead）改为售后服务体系内的部门。",
            (*(S.responsibility(i, "lead") for i in indicators), S.department(dept, "after_sales"))))
    return findings


def key_roles(d: Dossier) -> tuple[str, ...]:
    """The roles the standard and the company's trade profile call key."""
    profile = trade_profile(d.company.trade.profile if d.company.trade else None)
    return tuple(dict.fromkeys(d.standard.consistency.key_roles + profile.key_roles))


def key_roles_charted(d: Dossier) -> list[Finding]:
    """A key role whose holder neither chart names."""
    charted, wanted = charted_staff(d), key_roles(d)
    findings = []
    for role in d.roles:
        if role.role not in wanted or role.staff in charted:
            continue
        findings.append(Finding(
            CATEGORY, WARNING, role.role,
            f"关键岗位{role.role}（{role.staff_name}）不在{S.title('org_chart')}中：两张图只画出各部门及其负责人和网点负责人，"
            f"{role.staff_name}不是其中任何一位。",
            f"在 organisation.yaml 的 roles 中为{role.role}写明分管部门（departments），图中即在这些部门之上画出该岗位；"
            "或由其担任所分管部门的负责人（departments 的 head）。",
            (*S.charts(), S.roles(role))))
    return findings


def _ancestors(d: Dossier, ident: str) -> list[R.Department]:
    out, seen = [], {ident}
    parent = d.department(ident).parent
    while parent is not None and parent not in seen:
        seen.add(parent)
        out.append(d.department(parent))
        parent = out[-1].parent
    return out


def _drawn_above(d: Dossier, dept: R.Department, role: str) -> bool:
    """Whether the chart draws ``dept`` under someone holding ``role``: the role directs it or a department
    above it, or a holder heads a department above it."""
    holders = d.holders_of(role)
    line = [dept, *_ancestors(d, dept.id)]
    directed = {ident for r in holders for ident in r.departments}
    return (any(x.id in directed for x in line)
            or any(x.head == r.staff for x in line[1:] for r in holders))


def _subject(d: Dossier, sentence: str, end: int) -> R.Department | None:
    """The department a sentence is about: the first one it names before ``end``."""
    named = [(sentence.find(x.name), x) for x in d.departments if 0 <= sentence.find(x.name) < end]
    return min(named, key=lambda pair: pair[0])[1] if named else None


def reporting_lines(d: Dossier) -> list[Finding]:
    """A department the texts say reports to a role, drawn under nobody holding it."""
    names = sorted({r.role for r in d.roles}, key=len, reverse=True)
    if not names:
        return []
    pattern = re.compile(_REPORTS.format(roles="|".join(map(re.escape, names))))
    found: dict[tuple[str, str], list] = {}
    for statement in S.free_texts(d):
        if statement.place.data[:2] == ("organisation", "roles"):
            continue            # a role's own duties: its subject is the role
        for sentence in re.split(r"[。；;！？!?\n]", statement.text or ""):
            for match in pattern.finditer(sentence):
                role = match.group(1) or match.group(2)
                dept = _subject(d, sentence, match.start())
                if dept is not None and not _drawn_above(d, dept, role):
                    found.setdefault((dept.id, role), []).append(statement.place)
    findings = []
    for (ident, role), places in found.items():
        dept = d.department(ident)
        holders = joined(r.staff_name for r in d.holders_of(role))
        drawn = f"画在{d.department(dept.parent).name}之下" if dept.parent else "画在图的最上层"
        findings.append(Finding(
            CATEGORY, ERROR, dept.name,
            f"文件写明{dept.name}向{role}（{holders}）报告，{S.title('org_chart')}却把{dept.name}{drawn}，"
            f"图中{dept.name}之上没有{role}。",
            f"在 organisation.yaml 的 roles 中为{role}写明分管部门 departments: [{ident}]，图中即把{dept.name}画在{role}之下；"
            "或改正文件中的报告关系。",
            (*places, *S.charts())))
    return findings
