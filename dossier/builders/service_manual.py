"""售后服务手册: the controlled manual — front matter 0.1–0.7, scope, references, terms, the system, one
chapter per second-level indicator (requirement, arrangement, departments, procedures, records and the data
blocks its ``topics`` name), and the annexes.

Headings are made once here (``Entry``) and printed by both templates and by the table of contents, so the
two formats and the contents list cannot disagree. Indicator chapters carry the anchors ``ind-5-1-2`` the
binder points reviewers at; annexes carry ``annex-…`` anchors, which close the last chapter's page range.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..evidence import indicator_anchor
from ..model import Dossier
from ..model import records as R
from ..standard import Group, Indicator
from ._objectives import amount, target_text
from .base import Builder

#: how an objective's comparison prints
#: documents of the dossier the manual refers to, with the title used when no builder makes them
DOCUMENTS = {"org_chart": "组织机构图", "responsibility_matrix": "职能分配表", "personnel": "人员及售后服务管理师名册",
             "outlets": "售后服务网点清单", "training": "培训计划与记录", "satisfaction": "顾客满意度调查报告",
             "complaints": "顾客投诉及回访汇总", "rectification": "整改报告", "procedures": "程序文件汇编"}

#: 3 术语和定义: the company's own explanations (not the standard's wording); {formula} is the survey's formula
TERMS = (
    ("售后服务", "商品售出后，本公司为顾客提供的配送、安装调试、维修保养、技术指导、三包及退换货、废旧商品回收以及咨询、回访和投诉受理等服务。"),
    ("服务网点", "为顾客提供售后服务的固定场所，包括本公司自建的网点和经评审后委托合作方运营的网点。"),
    ("服务管理人员", "在公司各部门和服务网点从事售后服务管理工作的人员。"),
    ("售后服务管理师", "经培训考核取得售后服务管理师证书、负责售后服务管理和指导工作的人员。"),
    ("顾客投诉", "顾客对商品或服务不满意，通过各种渠道向公司提出并要求处理的意见。"),
    ("回访", "服务完成或投诉办结后，公司主动联系顾客了解服务结果和满意程度的活动。"),
    ("顾客满意率", "按本公司顾客满意度调查程序计算的满意顾客所占比例：{formula}。"),
)

#: 0.3 手册管理: the rules for this manual, in general terms
CONTROL_RULES = (
    "本手册是公司售后服务工作的纲领性文件，所有涉及售后服务的部门、服务网点和人员均应遵照执行；程序文件、管理制度和作业指导书应与本手册保持一致。",
    "本手册发放前应加盖“受控”标识并编制分发号，发放和回收应登记；非受控本仅供对外交流使用，不予跟踪更新。",
    "手册持有人应妥善保管手册，不得私自复制、外借或涂改；持有人离职或调岗时应交回手册。",
    "需要更改手册时，由提出部门填写文件更改申请，经原审核、批准人审批后实施；一般修改修订号加1，较大修改换版，更改内容记入修订记录，并及时替换已发放的受控本。",
    "公司每年结合管理评审对本手册的适宜性进行评审，组织机构、服务范围、法律法规或标准发生变化时应及时修订。",
    "作废的手册应及时收回并销毁；需留存的作废版本应加盖“作废”标识，与现行版本分开保存。",
)

#: 0.2: the appointee's duties when the roles list gives none
REPRESENTATIVE_DUTIES = "负责建立、实施和保持公司的售后服务管理体系，组织体系文件的编制和评审，向公司最高管理者报告体系运行情况和改进需求，在公司内提高满足顾客要求的意识，并就体系有关事宜与外部联络。"


@dataclass(frozen=True)
class Entry:
    """A heading of the manual and its line in the table of contents."""

    number: str
    title: str
    anchor: str
    level: int

    @property
    def text(self) -> str:
        return f"{self.number}　{self.title}" if self.number else self.title


@dataclass(frozen=True)
class Block:
    """A data block of an indicator chapter: ``topic`` names its template, ``see`` the chapter showing it in full."""

    topic: str
    title: str
    data: Any = None
    see: str | None = None


@dataclass(frozen=True)
class Chapter:
    entry: Entry
    indicator: Indicator
    exclusion: str | None
    practice: R.Practice | None
    lead: R.Department | None
    support: tuple[R.Department, ...]
    procedures: tuple[R.Procedure, ...]
    records: tuple[str, ...]
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Part:
    """A first-level indicator and its chapters."""

    entry: Entry
    group: Group
    chapters: tuple[Chapter, ...]


@dataclass(frozen=True)
class Signatory:
    name: str
    title: str


@dataclass(frozen=True)
class RecordRow:
    name: str
    procedures: tuple[str, ...] = field(default=())    # codes
    indicators: tuple[str, ...] = field(default=())


def document_title(ident: str) -> str:
    from . import BUILDERS

    builder = BUILDERS.get(ident)
    return builder.title if builder else DOCUMENTS[ident]


# -- the data blocks named by an indicator's topics ------------------------------------------------------------

def _departments(d: Dossier) -> dict:
    return {"after_sales": [x for x in d.departments if x.after_sales], "all": d.departments,
            "chart": document_title("org_chart")}


def _outlets(d: Dossier) -> dict:
    return {"outlets": d.outlets, "list": document_title("outlets")}


def _staff(d: Dossier) -> dict:
    rule, staff = d.standard.rule("manager_ratio"), d.figures.staff
    return {"ratio": amount(100 * rule["ratio"], "%"), "min_count": rule.get("min_count", 1),
            "enough": len(staff.certified_managers) >= staff.managers_required, "register": document_title("personnel")}


def _funds(d: Dossier) -> dict:
    return {"funds": d.system.funds}


def _resources(d: Dossier) -> dict:
    return {"resources": d.system.resources}


def _training(d: Dossier) -> dict:
    kinds = list(dict.fromkeys(item.kind for item in d.training.plan.items))
    return {"plan": d.training.plan, "kinds": kinds, "records": document_title("training")}


def _laws(d: Dossier) -> dict:
    return {"laws": d.system.laws}


def _procedures(d: Dossier) -> dict:
    return {"procedures": d.system.procedures, "collection": document_title("procedures")}


def _supervision(d: Dossier) -> dict:
    s = d.system.supervision
    return {"supervision": s, "head": d.department(s.department).head_name,
            "members": [p for p in d.staff if p.department == s.department]}


def _improvement(d: Dossier) -> dict:
    return {"survey_report": document_title("satisfaction"), "report": document_title("rectification"),
            "complaints": document_title("complaints")}


def _culture(d: Dossier) -> dict:
    return {"culture": d.system.culture}


def _products(d: Dossier) -> dict:
    return {"products": d.company.products}


def _warranty(d: Dossier) -> dict:
    w = d.system.warranty
    return {"warranty": w, "terms": [{"product": t.product, "whole": amount(t.whole_years, "年"),
                                      "parts": amount(t.parts_years, "年"), "note": t.note} for t in w.terms]}


def _recycling(d: Dossier) -> dict:
    return {"recycling": d.system.recycling}


def _satisfaction(d: Dossier) -> dict:
    return {"target": amount(d.satisfaction.target, "%"), "formula": d.satisfaction.formula,
            "report": document_title("satisfaction")}


def _visits(d: Dossier) -> dict:
    return {"days": d.complaints.targets.visit_days, "records": document_title("complaints")}


def _complaints(d: Dossier) -> dict:
    return {"targets": d.complaints.targets, "records": document_title("complaints")}


#: topic name (the standard file's ``topics``) → (block title, the values its template needs)
TOPIC_BLOCKS: dict[str, tuple[str, Callable[[Dossier], dict]]] = {
    "departments": ("售后服务部门", _departments),
    "outlets": ("服务网点", _outlets),
    "staff": ("人员及资质情况", _staff),
    "funds": ("售后服务经费", _funds),
    "resources": ("设施与资源", _resources),
    "training": ("培训实施情况", _training),
    "laws": ("适用的法律法规和标准", _laws),
    "procedures": ("体系文件", _procedures),
    "supervision": ("服务监督", _supervision),
    "improvement": ("改进实施情况", _improvement),
    "culture": ("服务理念", _culture),
    "products": ("服务的商品", _products),
    "warranty": ("三包与保修期限", _warranty),
    "recycling": ("回收与处理", _recycling),
    "satisfaction": ("顾客满意度调查", _satisfaction),
    "visits": ("服务回访", _visits),
    "complaints": ("投诉受理与处理情况", _complaints),
}


class ServiceManualBuilder(Builder):
    id = "service_manual"
    title = "售后服务手册"
    reads = ("company", "organisation", "personnel", "outlets", "service_system", "training", "satisfaction",
             "complaints", "rectification", "self_assessment")
    weight = 8

    def code(self, dossier: Dossier) -> str:
        return dossier.system.manual.control.code

    def context(self, dossier: Dossier) -> dict:
        d = dossier
        role = d.standard.rule("management_representative")["role"]
        sec = _front_entries(d, role)
        parts = _parts(d)
        annexes = {key: Entry(f"附录{letter}", title, f"annex-{letter.lower()}", 1)
                   for key, letter, title in (("procedures", "A", "程序文件清单"), ("records", "B", "记录表格清单"),
                                              ("managers", "C", f"{d.figures.staff.qualification}名单"))}
        indicators = Entry(parts[0].entry.number.split(".")[0], "评价指标的实施", "sec-indicators", 1) if parts else None
        toc = [e for key, e in sec.items() if key != "toc"]
        if indicators:
            toc.append(indicators)
        for part in parts:
            toc.append(part.entry)
            toc.extend(ch.entry for ch in part.chapters)
        toc.extend(annexes.values())
        return {
            "manual": d.system.manual, "control": d.system.manual.control, "sec": sec, "toc": toc,
            "parts": parts, "indicators_entry": indicators, "annexes": annexes,
            "signatory": _signatory(d), "role": role, "representatives": d.holders_of(role),
            "representative_duties": REPRESENTATIVE_DUTIES, "control_rules": CONTROL_RULES,
            "departments": [(x, d.department(x.parent).name if x.parent else "—") for x in d.departments],
            "duties": _duty_rows(d), "objectives": _objective_targets(d),
            "exclusions": [(d.standard.indicator(i).label, reason) for i, reason in d.exclusions.items()],
            "references": _references(d), "terms": [(t, text.format(formula=d.satisfaction.formula)) for t, text in TERMS],
            "after_sales": [x.name for x in d.departments if x.after_sales],
            "procedure_rows": d.system.procedures, "record_rows": _record_rows(d),
            "managers": [(s, s.qualification(d.figures.staff.qualification)) for s in d.figures.staff.certified_managers],
            "chart_title": document_title("org_chart"), "matrix_title": document_title("responsibility_matrix"),
            "collection_title": document_title("procedures"),
        }


def _front_entries(d: Dossier, role: str) -> dict[str, Entry]:
    rows = (("revisions", "", "修订记录", 1), ("toc", "", "目录", 1),
            ("promulgation", "0.1", "手册颁布令", 1), ("appointment", "0.2", f"{role}任命书", 1),
            ("control", "0.3", "手册管理", 1), ("profile", "0.4", "企业概况", 1), ("organisation", "0.5", "组织机构", 1),
            ("duties", "0.6", "职能分配", 1), ("culture", "0.7", "服务理念、服务承诺、服务策略和服务目标", 1),
            ("scope", "1", "范围", 1), ("references", "2", "规范性引用文件", 1), ("terms", "3", "术语和定义", 1),
            ("system", "4", "总体要求", 1), ("establishment", "4.1", "体系的建立和运行", 2),
            ("documents", "4.2", "体系文件", 2))
    return {key: Entry(number, title, f"sec-{key}", level) for key, number, title, level in rows}


def _parts(d: Dossier) -> list[Part]:
    """One part per first-level indicator, one chapter per second-level one, numbered by the standard's ids."""
    practices = {p.indicator: p for p in d.system.practices}
    responsibilities = {r.indicator: r for r in d.responsibilities}
    procedures = {p.id: p for p in d.system.procedures}
    shown: dict[str, str] = {}
    parts = []
    for group in d.standard.groups:
        chapters = []
        for ind in group.children:
            entry = Entry(ind.id, ind.name, indicator_anchor(ind.id), 3)
            practice = practices.get(ind.id)
            named = set(practice.procedures if practice else ()) | {p.id for p in d.system.procedures
                                                                     if ind.id in p.indicators}
            resp = responsibilities.get(ind.id)
            chapters.append(Chapter(
                entry=entry, indicator=ind, exclusion=d.exclusions.get(ind.id), practice=practice,
                lead=d.department(resp.lead) if resp else None,
                support=tuple(d.department(x) for x in resp.support) if resp else (),
                procedures=tuple(p for ident, p in procedures.items() if ident in named),
                records=practice.records if practice else (), blocks=_blocks(d, ind, shown)))
        parts.append(Part(Entry(group.id, group.name, f"grp-{group.id.replace('.', '-')}", 2), group, tuple(chapters)))
    return parts


def _blocks(d: Dossier, ind: Indicator, shown: dict[str, str]) -> tuple[Block, ...]:
    blocks = []
    for topic in ind.topics:
        if topic not in TOPIC_BLOCKS:
            raise KeyError(f"{d.standard.path.name}: 指标 {ind.id} 的 topics 含有未知的数据块 {topic}")
        title, make = TOPIC_BLOCKS[topic]
        if topic in shown:
            blocks.append(Block(topic, title, see=shown[topic]))
        else:
            shown[topic] = ind.id
            blocks.append(Block(topic, title, make(d)))
    return tuple(blocks)


def _signatory(d: Dossier) -> Signatory:
    """Who signs the promulgation and the appointment: the manual's approver, titled by the role they hold
    in the roles list (else their position in the staff register)."""
    name = d.system.manual.control.approved_by
    roles = [r.role for r in d.roles if r.staff_name == name]
    if roles:
        return Signatory(name, roles[0])
    person = next((s for s in d.staff if s.name == name), None)
    return Signatory(name, person.position if person else "批准人")


def _duty_rows(d: Dossier) -> list[dict]:
    responsibilities = {r.indicator: r for r in d.responsibilities}
    rows = []
    for ind in d.standard.indicators:
        r = responsibilities.get(ind.id)
        rows.append({"indicator": ind, "excluded": ind.id in d.excluded,
                     "lead": d.department(r.lead).name if r else "—",
                     "support": "、".join(d.department(x).name for x in r.support) if r and r.support else "—"})
    return rows


def _references(d: Dossier) -> list[tuple[str, str]]:
    """The standard first, then the laws and standards the company identified (without repeating the standard)."""
    refs = [(d.standard.code, d.standard.title)]
    refs += [(law.number, law.name) for law in d.system.laws if law.number != d.standard.code]
    return refs


def _record_rows(d: Dossier) -> list[RecordRow]:
    """Every record named by a procedure or a practice, once, with the procedures and indicators naming it."""
    codes: dict[str, list[str]] = {}
    indicators: dict[str, list[str]] = {}
    for p in d.system.procedures:
        for name in p.records:
            codes.setdefault(name, []).append(p.control.code)
    for practice in d.system.practices:
        for name in practice.records:
            codes.setdefault(name, [])
            indicators.setdefault(name, []).append(practice.indicator)
    return [RecordRow(name, tuple(dict.fromkeys(c)), tuple(dict.fromkeys(indicators.get(name, ())))) for name, c in codes.items()]


def _objective_targets(d: Dossier) -> list[dict]:
    """The objectives as the manual states them: targets only; how far they are met is a record's business."""
    return [{"text": o.text, "period": o.period or "—", "target": target_text(o)} for o in d.system.culture.objectives]
