"""售后服务手册: the controlled manual — front matter 0.1–0.7, scope, references, terms, the system, one
chapter per second-level indicator (requirement, arrangement, departments, procedures, records and the data
blocks its ``topics`` name), and the annexes.

Headings are made once here (``Entry``) and used both by the headings and by the table of contents, so the
contents list cannot disagree with the chapters. Indicator chapters carry the anchors ``ind-5-1-2`` the
binder points reviewers at; annexes carry ``annex-…`` anchors, which close the last chapter's page range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ..model import Dossier
from ..model import records as R
from ..render import content as C
from ..render.content import (Column, Contents, Document, Heading, Items, Paragraph, Section, cell, kv_table,
                              paragraphs, row, table, text)
from ..render.formatting import cn_date, dash, iso, money, num, pct
from ..standard import Indicator, indicator_anchor
from ._objectives import amount, measurement_sources, target_text
from ._warranty import warranty_blocks, warranty_title
from .base import Builder, DocInfo
from .blocks import control_cover, joined, revision_table, satisfaction_formula, sentence
from .signing import sign_off_pairs
from .issue import Issue, RevisedControl

#: 0.3 手册管理: the rules for this manual, in general terms; {scheme} is how its versions count
CONTROL_RULES = (
    "本手册是公司售后服务工作的纲领性文件，所有涉及售后服务的部门、服务网点和人员均应遵照执行；程序文件、管理制度和作业指导书应与本手册保持一致。",
    "本手册发放前应加盖“受控”标识并编制分发号，发放和回收应登记；非受控本仅供对外交流使用，不予跟踪更新。",
    "手册持有人应妥善保管手册，不得私自复制、外借或涂改；持有人离职或调岗时应交回手册。",
    "需要更改手册时，由提出部门填写文件更改申请，经原审核、批准人审批后实施；{scheme}更改内容记入修订记录，并及时替换已发放的受控本。",
    "公司每年结合管理评审对本手册的适宜性进行评审，组织机构、服务范围、法律法规或标准发生变化时应及时修订。",
    "作废的手册应及时收回并销毁；需留存的作废版本应加盖“作废”标识，与现行版本分开保存。",
)

#: 0.2: the appointee's duties when the roles list gives none
REPRESENTATIVE_DUTIES = "负责建立、实施和保持公司的售后服务管理体系，组织体系文件的编制和评审，向公司最高管理者报告体系运行情况和改进需求，在公司内提高满足顾客要求的意识，并就体系有关事宜与外部联络。"


@dataclass(frozen=True)
class Entry(C.Entry):
    """A heading of the manual and its line in the table of contents; ``number`` is what cross references
    cite (0.5, 2, 附录A)."""

    number: str = ""


def entry(number: str, title: str, anchor: str, level: int) -> Entry:
    return Entry(f"{number}　{title}" if number else title, anchor, level, number)


def heading(e: Entry, new_page: bool = False) -> Heading:
    """The heading of an entry: one level below its level in the contents (h2 for the chapters)."""
    return Heading(e.text, e.level + 1, e.anchor, new_page)


@dataclass(frozen=True)
class Chapter:
    """An indicator's chapter: its heading and what it says."""

    entry: Entry
    blocks: tuple


@dataclass(frozen=True)
class Part:
    """A first-level indicator and its chapters."""

    entry: Entry
    chapters: tuple[Chapter, ...]


@dataclass(frozen=True)
class Signatory:
    name: str
    title: str


@dataclass(frozen=True)
class RecordRow:
    name: str
    procedures: tuple[str, ...] = ()    # codes
    indicators: tuple[str, ...] = ()


@dataclass(frozen=True)
class Manual:
    """What the chapters cite of the rest of the manual: its numbered entries, records, role and signatory."""

    sec: dict[str, Entry]
    annexes: dict[str, Entry]
    records: tuple[RecordRow, ...]
    role: str
    signatory: Signatory
    issue: Issue                 # the editions this build issues (the manual's own, the procedures')
    control: RevisedControl      # the manual's document control, as this build issues it


def document_title(ident: str) -> str:
    from . import BUILDERS

    return BUILDERS[ident].title


def body(value: str) -> Paragraph:
    return Paragraph(text(value))


def label(value: str) -> Paragraph:
    return Paragraph(text(value), "label")


def signature(who: Signatory, when) -> Paragraph:
    """The signatory's title and name, and the date under them when there is one."""
    return Paragraph(text(f"{who.title}：{who.name}", f"\n{cn_date(when)}" if when else None), "signature")


# -- the data blocks named by an indicator's topics ------------------------------------------------------------

def products_table(products) -> C.Table:
    return table((Column("商品类别", 16), Column("品牌", 34), Column("说明")),
                 ((p.category, joined(p.brands), dash(p.description)) for p in products), size=8)


def _departments(d: Dossier, m: Manual) -> tuple:
    after_sales = [x for x in d.departments if x.after_sales]
    return (body(f"纳入售后服务体系的部门如下；全部 {len(d.departments)} 个部门的负责人和职责见 "
                 f"{m.sec['organisation'].number}，组织机构图见《{document_title('org_chart')}》。"),
            table((Column("序号", 8, "center"), Column("部门"), Column("负责人", 22, "center"),
                   Column("联系电话", 28, "center")),
                  ((i, x.name, dash(x.head_name), dash(x.phone)) for i, x in enumerate(after_sales, 1)), size=8))


def _outlets(d: Dossier, m: Manual) -> tuple:
    f = d.figures.outlets
    return (body(f"公司共设售后服务网点 {f.total} 个，其中自建网点 {f.own} 个、委托网点 {f.entrusted} 个，网点服务人员合计 "
                 f"{f.staff} 人，详见《{document_title('outlets')}》。"),
            table((Column("序号", 6, "center"), Column("网点名称", 24), Column("性质", 8, "center"),
                   Column("区域", 12, "center"), Column("负责人", 10, "center"), Column("人数", 7, "right"),
                   Column("服务范围")),
                  ((i, o.name, o.kind, o.region, dash(o.manager_name), o.staff_count, o.coverage)
                   for i, o in enumerate(d.outlets, 1)), size=8))


def _staff(d: Dossier, m: Manual) -> tuple:
    rule, staff = d.standard.rule("manager_ratio"), d.figures.staff
    certified = len(staff.certified_managers)
    enough = "现有人数满足要求" if certified >= staff.managers_required else "现有人数尚不满足要求"
    share = f"，占服务管理人员的 {pct(staff.manager_ratio)}" if staff.manager_ratio is not None else ""
    return (body(f"人员名册在册员工 {staff.total} 人，其中服务管理人员 {staff.service_management} 人；持有效"
                 f"{staff.qualification}证书的 {certified} 人{share}。按服务管理人员的 "
                 f"{amount(100 * rule['ratio'], '%')}、至少 {rule.get('min_count', 1)} 人计，应配备不少于 "
                 f"{staff.managers_required} 人，{enough}。{staff.qualification}名单见{m.annexes['managers'].number}，"
                 f"人员资质见《{document_title('personnel')}》。"),
            table((Column("人员类别"), Column("人数", 25, "right")), staff.by_category, size=8))


def _funds(d: Dossier, m: Manual) -> tuple:
    funds = d.system.funds
    blocks = [body(f"{funds.year} 年度售后服务经费预算 {money(funds.annual_budget)}，其中专项资金 "
                   f"{money(funds.special_fund)}。" + sentence(funds.description, end=""))]
    if funds.items:
        blocks.append(table((Column("序号", 6, "center"), Column("项目", 34), Column("金额", 15, "right"),
                             Column("用途")),
                            ((i, x.name, money(x.amount), dash(x.purpose)) for i, x in enumerate(funds.items, 1)),
                            size=8))
    return tuple(blocks)


def _resources(d: Dossier, m: Manual) -> tuple:
    return (table((Column("序号", 6, "center"), Column("名称", 27), Column("类别", 10, "center"),
                   Column("数量", 10, "center"), Column("地点", 20), Column("说明")),
                  ((i, r.name, r.kind, f"{r.quantity} {r.unit}".strip() if r.quantity is not None else dash(None),
                    dash(r.location), dash(r.note))
                   for i, r in enumerate(d.system.resources, 1)), size=8),)


def _training(d: Dossier, m: Manual) -> tuple:
    """The plan (how much of it was held is the records' business: a new record does not revise the manual)."""
    plan = d.training.plan
    kinds = "、".join(dict.fromkeys(item.kind for item in plan.items))
    return (body(f"公司每年编制培训计划，{plan.year} 年度计划共 {len(plan.items)} 项，包括{kinds}等类别，按计划组织实施；"
                 f"培训签到、考核和效果评价的记录见《{document_title('training')}》。"),)


def _laws(d: Dossier, m: Manual) -> tuple:
    return (body(f"公司识别的适用法律法规和标准共 {len(d.system.laws)} 项，清单见第 {m.sec['references'].number} 章。"),)


def _procedures(d: Dossier, m: Manual) -> tuple:
    return (body(f"公司售后服务体系文件包括本手册、程序文件和管理制度 {len(d.system.procedures)} 份以及记录表格 "
                 f"{len(m.records)} 种；体系文件的层次见 {m.sec['documents'].number}，程序文件清单见"
                 f"{m.annexes['procedures'].number}，记录表格清单见{m.annexes['records'].number}，程序文件全文见"
                 f"《{document_title('procedures')}》。"),)


def _supervision(d: Dossier, m: Manual) -> tuple:
    s = d.system.supervision
    members = [p for p in d.staff if p.department == s.department]
    named = f"：{'、'.join(f'{p.name}（{p.position}）' for p in members)}" if members else ""
    head = d.department(s.department).head_name
    frequency = sentence("监督频次：", s.frequency) if s.frequency else ""
    return (body(f"公司的服务监督机构为{s.department_name}{f'（负责人：{head}）' if head else ''}，在册人员 "
                 f"{len(members)} 人{named}。{frequency}监督方式如下："),
            Items(tuple(text(method) for method in s.methods)))


def _improvement(d: Dossier, m: Manual) -> tuple:
    """The inputs of improvement, and the records of the pack that show it (the 整改报告 only where there
    are findings)."""
    from . import BUILDERS

    shown = [ident for ident in ("satisfaction", "complaints", "rectification") if BUILDERS[ident]().applies(d)]
    titles = [f"《{document_title(ident)}》" for ident in shown]
    records = "".join(titles[:-1]) + ("和" if len(titles) > 1 else "") + titles[-1]
    return (body("改进的输入包括顾客满意度调查发现的问题、顾客投诉的分析、服务监督检查的结果和认证审核提出的整改项。责任部门针对问题"
                 f"分析原因、制定改进措施并明确完成期限，由服务监督机构跟踪验证；改进措施的实施情况见{records}。"),)


def _culture(d: Dossier, m: Manual) -> tuple:
    return (body(sentence("公司的服务理念为“", d.system.culture.philosophy, "”。服务承诺、服务策略和服务目标见 ",
                          m.sec['culture'].number)),)


def _products(d: Dossier, m: Manual) -> tuple:
    return (products_table(d.company.products),)


def _warranty_title(d: Dossier) -> str:
    return warranty_title(d.system.warranty)


def _warranty(d: Dossier, m: Manual) -> tuple:
    return warranty_blocks(d.system.warranty)


def _recycling(d: Dossier, m: Manual) -> tuple:
    r = d.system.recycling
    facts = [f"合作处理企业：{r.partner}" if r.partner else "", f"回收方式：{'、'.join(r.methods)}" if r.methods else ""]
    facts = [fact for fact in facts if fact]
    return (*paragraphs(r.policy), *([body(sentence("；".join(facts)))] if facts else []))


def _satisfaction(d: Dossier, m: Manual) -> tuple:
    return (body(f"公司定期开展顾客满意度调查，满意率目标不低于 {amount(d.satisfaction.target, '%')}。"
                 + sentence("满意率的计算方法：", satisfaction_formula(d.satisfaction))
                 + f"调查的实施、结果分析和改进措施见《{document_title('satisfaction')}》。"),)


def _visits(d: Dossier, m: Manual) -> tuple:
    """The visit after a complaint within its time limit; routine visits after a service only where the
    company keeps their statistics."""
    routine = "服务完工后亦对顾客进行回访，" if d.complaints.visits else ""
    return (body(f"投诉处理完毕后 {num(d.complaints.targets.visit_days)} 日内对顾客进行回访，{routine}了解服务质量和顾客意见，"
                 f"回访结果纳入服务质量考核；回访统计见《{document_title('complaints')}》。"),)


def complaint_channels(d: Dossier) -> list[str]:
    """The channels company.yaml gives for reaching the company: its hotline, telephone and website, each
    where it has one. (The channels the complaint records show are the complaint summary's business: a new
    complaint does not revise the controlled manual.)"""
    c = d.company
    channels = (("服务热线", c.hotline), ("电话", c.phone), ("网站", c.website))
    return [f"{name}（{value}）" for name, value in channels if value]


def _complaints(d: Dossier, m: Manual) -> tuple:
    t = d.complaints.targets
    channels = complaint_channels(d)
    received = f"顾客投诉通过{joined_and(channels)}受理，" if channels else "顾客投诉"
    return (body(f"{received}{num(t.response_hours)} 小时内响应，{num(t.resolution_hours)} 小时内处理完毕，重大投诉上报"
                 f"{m.role}；投诉的受理、处理和回访情况见《{document_title('complaints')}》。"),)


def joined_and(values: list[str]) -> str:
    """甲、乙和丙."""
    return "、".join(values[:-1]) + "和" + values[-1] if len(values) > 1 else "".join(values)


#: topic name (the standard file's ``topics``) → (block title, or the title as the data gives it, and the
#: blocks it shows)
TOPIC_BLOCKS: dict[str, tuple[str | Callable[[Dossier], str], Callable[[Dossier, Manual], tuple]]] = {
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
    "warranty": (_warranty_title, _warranty),
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

    def content(self, d: Dossier, doc: DocInfo) -> Document:
        manual = d.system.manual
        control = doc.issue.control(manual.control)
        revisions = revision_table(control, anchor="sec-revisions")
        role = d.standard.rule("management_representative")["role"]
        m = Manual(_front_entries(role, revisions[0].text), _annex_entries(d), _record_rows(d), role, _signatory(d),
                   doc.issue, control)
        parts = _parts(d, m)
        indicators = entry(parts[0].entry.number.split(".")[0], "评价指标的实施", "sec-indicators", 1) if parts else None
        blocks = [*revisions, heading(m.sec["toc"], new_page=True), Contents(_contents(m, indicators, parts)),
                  *_front_matter(d, m), *_general_chapters(d, m), *_indicator_chapters(d, indicators, parts),
                  *_annexes(d, m)]
        return Document((control_cover(d.company.name, manual.title, control, sign_off_pairs(d, control),
                                       f"依据 {d.standard.full_title}"),
                         Section(tuple(blocks))))


#: the manual's chapter on its service culture (the consistency checks cite it by this heading)
CULTURE_HEADING = ("0.7", "服务理念、服务承诺、服务策略和服务目标")


def _front_entries(role: str, revisions: str) -> dict[str, Entry]:
    rows = (("revisions", "", revisions, 1), ("toc", "", "目录", 1),
            ("promulgation", "0.1", "手册颁布令", 1), ("appointment", "0.2", f"{role}任命书", 1),
            ("control", "0.3", "手册管理", 1), ("profile", "0.4", "企业概况", 1), ("organisation", "0.5", "组织机构", 1),
            ("duties", "0.6", "职能分配", 1), ("culture", *CULTURE_HEADING, 1),
            ("scope", "1", "范围", 1), ("references", "2", "规范性引用文件", 1), ("terms", "3", "术语和定义", 1),
            ("system", "4", "总体要求", 1), ("establishment", "4.1", "体系的建立和运行", 2),
            ("documents", "4.2", "体系文件", 2))
    return {key: entry(number, title, f"sec-{key}", level) for key, number, title, level in rows}


def _annex_entries(d: Dossier) -> dict[str, Entry]:
    rows = (("procedures", "A", "程序文件清单"), ("records", "B", "记录表格清单"),
            ("managers", "C", f"{d.figures.staff.qualification}名单"))
    return {key: entry(f"附录{letter}", title, f"annex-{letter.lower()}", 1) for key, letter, title in rows}


def _contents(m: Manual, indicators: Entry | None, parts: list[Part]) -> tuple[Entry, ...]:
    """The lines of the table of contents: the entries of every heading but the contents' own."""
    entries = [e for key, e in m.sec.items() if key != "toc"]
    if indicators:
        entries.append(indicators)
    for part in parts:
        entries.append(part.entry)
        entries.extend(ch.entry for ch in part.chapters)
    entries.extend(m.annexes.values())
    return tuple(entries)


# -- 0 front matter ------------------------------------------------------------------------------------------

def _front_matter(d: Dossier, m: Manual) -> tuple:
    return (*_promulgation(d, m), *_appointment(d, m), *_manual_control(d, m), *_profile(d, m),
            *_organisation(d, m), *_duties(d, m), *_culture_chapter(d, m))


def _promulgation(d: Dossier, m: Manual) -> tuple:
    manual, std, control = d.system.manual, d.standard, m.control
    if manual.promulgation:
        words = paragraphs(manual.promulgation)
    else:
        words = (body(f"本公司依据{std.full_title}及相关法律法规，结合公司实际，编制了《{manual.title}》（文件编号 "
                      f"{control.code}，{control.version} 版）。本手册规定了公司售后服务体系的要求，阐明了公司的服务理念、"
                      "服务承诺、服务策略和服务目标，是公司开展售后服务活动的纲领性文件和行为准则。"),
                 body(f"本手册经批准，现予颁布，自{cn_date(control.effective)}起实施。公司全体员工和各服务网点必须认真学习，"
                      "严格遵照执行。"))
    return (heading(m.sec["promulgation"], new_page=True), *words, signature(m.signatory, control.issued))


def _appointment(d: Dossier, m: Manual) -> tuple:
    blocks = [heading(m.sec["appointment"], new_page=True)]
    for r in d.holders_of(m.role):
        blocks += [body(f"为贯彻{d.standard.full_title}，确保公司售后服务体系有效运行，经公司研究决定，任命{r.staff_name}为公司"
                        f"{m.role}。"),
                   body(sentence(f"{m.role}的职责：", r.duties or REPRESENTATIVE_DUTIES)),
                   body(f"本任命自{cn_date(r.appointed) if r.appointed else '发布之日'}起生效。"),
                   signature(m.signatory, r.appointed)]
    if len(blocks) == 1:
        blocks.append(body(f"公司尚未任命{m.role}。"))
    return tuple(blocks)


def _manual_control(d: Dossier, m: Manual) -> tuple:
    c = m.control
    copy = f"，分发号 {c.copy_number}" if c.copy_number else ""
    first = (f"本手册文件编号为 {c.code}，现行版本为 {c.version}，由{c.prepared_by}编制、{c.reviewed_by}审核、{c.approved_by}"
             f"批准，于{cn_date(c.issued)}发布，自{cn_date(c.effective)}起实施；本册为{c.status}本{copy}。")
    return (heading(m.sec["control"], new_page=True),
            Items((text(first), *(text(rule.format(scheme=_version_scheme(c.version))) for rule in CONTROL_RULES)),
                  ordered=True))


def _version_scheme(version: str) -> str:
    """How a change counts in versions written as A/0 (edition letter, revision number); nothing for a
    version written otherwise."""
    return "一般修改修订号加1，较大修改换版，" if re.fullmatch(r"[A-Z]/\d+", version) else ""


def _profile(d: Dossier, m: Manual) -> tuple:
    c, f = d.company, d.figures
    facts = kv_table((("单位名称", c.name, "wide"), ("统一社会信用代码", c.uscc), ("法定代表人", c.legal_representative),
                      ("成立日期", cn_date(c.established)), ("注册资本", dash(c.registered_capital)),
                      ("经营地址", c.operating_address, "wide"), ("服务热线", dash(c.hotline)), ("网址", dash(c.website)),
                      ("员工总数", f"{c.headcount.total} 人"), ("售后服务人员", f"{c.headcount.after_sales} 人"),
                      ("服务管理人员", f"{c.headcount.service_management} 人"),
                      (f.staff.qualification, f"{len(f.staff.certified_managers)} 人"),
                      ("服务网点", f"{f.outlets.total} 个（自建 {f.outlets.own} 个，委托 {f.outlets.entrusted} 个）", "wide"),
                      ("服务区域", "、".join(c.service_area), "wide")))
    return (heading(m.sec["profile"], new_page=True), *paragraphs(c.profile), facts,
            body(sentence("经营和服务模式：", c.sales_model)), body("公司提供售后服务的商品及品牌如下："),
            products_table(c.products))


def _organisation(d: Dossier, m: Manual) -> tuple:
    departments = table((Column("部门", 15), Column("上级部门", 14), Column("负责人", 10, "center"), Column("主要职责")),
                        ((x.name, d.department(x.parent).name if x.parent else "—", dash(x.head_name),
                          joined(x.duties, "；")) for x in d.departments), size=8)
    roles = table((Column("岗位", 15), Column("姓名", 10, "center"), Column("任命日期", 14, "center"), Column("职责")),
                  ((r.role, r.staff_name, iso(r.appointed), dash(r.duties)) for r in d.roles), size=8)
    return (heading(m.sec["organisation"], new_page=True),
            body(f"公司设 {len(d.departments)} 个部门，组织机构图见《{document_title('org_chart')}》。各部门的负责人和主要职责如下："),
            departments, body("公司的关键岗位及任职人员如下："), roles)


def _duties(d: Dossier, m: Manual) -> tuple:
    """Each indicator's lead and supporting departments; 删减 across an excluded indicator's row."""
    responsibilities = {r.indicator: r for r in d.responsibilities}
    excluded = d.excluded
    rows = []
    for ind in d.standard.indicators:
        r = responsibilities.get(ind.id)
        if ind.id in excluded:
            rows.append(row(ind.label, cell("删减", span=2, align="center", mark="muted")))
        else:
            rows.append((ind.label, d.department(r.lead).name if r else "—",
                         joined(d.department(x).name for x in r.support) if r else "—"))
    return (heading(m.sec["duties"]),
            body(f"各二级指标的主责部门和配合部门如下，完整的职能分配表见《{document_title('responsibility_matrix')}》。"),
            table((Column("指标", 24), Column("主责部门", 20), Column("配合部门")), rows, size=8))


def _culture_chapter(d: Dossier, m: Manual) -> tuple:
    """0.7: the philosophy, commitment and strategy, and the objectives as targets only (how far they are met
    is a record's business)."""
    culture = d.system.culture
    return (heading(m.sec["culture"], new_page=True),
            kv_table((("服务理念", culture.philosophy), ("服务承诺", culture.commitment), ("服务策略", culture.strategy)),
                     columns=1, widths=(16.0, 84.0)),
            body("公司的服务目标如下，由各责任部门分解落实并按考核周期统计，完成情况每年在管理评审和《自评报告》中评价："),
            table((Column("序号", 6, "center"), Column("服务目标"), Column("考核周期", 14, "center"),
                   Column("目标值", 16, "center")),
                  ((i, o.text, o.period or "—", target_text(o)) for i, o in enumerate(culture.objectives, 1)), size=8),
            *_measurement_sources(culture.objectives))


def _measurement_sources(objectives) -> tuple:
    """Where the objectives the company measures itself take their values from (none when it measures none)."""
    sources = measurement_sources(objectives)
    return (body(sources),) if sources else ()


# -- 1 – 4 -----------------------------------------------------------------------------------------------------

def _general_chapters(d: Dossier, m: Manual) -> tuple:
    return (*_scope(d, m), *_references(d, m), *_terms(d, m), *_system(d, m))


def _after_sales(d: Dossier) -> str:
    return "、".join(x.name for x in d.departments if x.after_sales)


def _scope(d: Dossier, m: Manual) -> tuple:
    c, std = d.company, d.standard
    departments = _after_sales(d)
    blocks = [heading(m.sec["scope"], new_page=True),
              body(sentence(f"本手册规定了{c.name}售后服务体系的要求，适用于公司", c.scope)),
              body(f"服务的商品：{'、'.join(p.category for p in c.products)}；服务区域：{'、'.join(c.service_area)}；"
                   f"实施部门：{f'{departments}以及' if departments else ''}公司全部服务网点。"),
              Heading("删减说明", 3)]
    exclusions = d.exclusions
    if exclusions:
        blocks += [body("公司对下列指标作删减，理由如下："),
                   Items(tuple(text(sentence(f"{ind.label}：", exclusions[ind.id]))
                               for ind in std.indicators if ind.id in exclusions))]
    else:
        blocks.append(body(f"{std.full_title}的 {len(std.indicators)} 项二级指标均适用于本公司，无删减。"))
    return tuple(blocks)


def _references(d: Dossier, m: Manual) -> tuple:
    """The standard first, then the laws and standards the company identified (without repeating the standard)."""
    refs = [(d.standard.code, d.standard.title)]
    refs += [(law.number, law.name) for law in d.system.laws if law.number != d.standard.code]
    return (heading(m.sec["references"]),
            body("下列文件对于本手册的应用是必不可少的。凡是注日期的引用文件，仅所注日期的版本适用于本手册；凡是不注日期的引用文件，"
                 "其最新版本（包括所有的修改单）适用于本手册。"),
            table((Column("序号", 6, "center"), Column("名称"), Column("文号/标准号", 32)),
                  ((i, name, dash(number)) for i, (number, name) in enumerate(refs, 1)), size=8))


def _terms(d: Dossier, m: Manual) -> tuple:
    number = m.sec["terms"].number
    blocks = [heading(m.sec["terms"]),
              body(f"下列术语和定义适用于本手册。以下释义是本公司为统一内部理解所作的说明，不是对 {d.standard.code} 条文的引用。")]
    for i, (term, explanation) in enumerate(company_terms(d) or default_terms(d), 1):
        blocks += [label(f"{number}.{i}　{term}"), body(sentence(explanation))]
    return tuple(blocks)


def company_terms(d: Dossier) -> tuple[tuple[str, str], ...]:
    """The 术语 list the company wrote (service_system.yaml ``manual.terms``), which replaces the list
    composed here; none when it wrote none."""
    return tuple((t.term, t.definition) for t in d.system.manual.terms)


def default_terms(d: Dossier) -> tuple[tuple[str, str], ...]:
    """The 术语 composed from what the company does: the services it provides, its kinds of outlets, its
    qualification and its satisfaction formula."""
    qualification = d.figures.staff.qualification
    return (("售后服务", _after_sales_service(d)),
            ("服务网点", _outlet_kinds(d)),
            ("服务管理人员", "在公司各部门和服务网点从事售后服务管理工作的人员。"),
            (qualification, f"经培训考核取得{qualification}证书、负责售后服务管理和指导工作的人员。"),
            ("顾客投诉", "顾客对商品或服务不满意，通过各种渠道向公司提出并要求处理的意见。"),
            ("回访", "服务完成或投诉办结后，公司主动联系顾客了解服务结果和满意程度的活动。"),
            ("顾客满意率", sentence("按本公司顾客满意度调查程序计算的满意顾客所占比例：", satisfaction_formula(d.satisfaction))))


def provided_services(d: Dossier) -> list[str]:
    """The services the company provides: the indicators the standard lets a company exclude are the
    services it may or may not offer (delivery, recycling…); those it does not exclude, by their names, 三包
    noted for a 三包 trade."""
    excluded, warranty = d.excluded, d.system.warranty
    three = warranty is not None and warranty.three_guarantees
    return [ind.name + ("（含三包及退换货）" if three and "warranty" in ind.topics else "")
            for ind in d.standard.indicators if ind.exclusion != "never" and ind.id not in excluded]


def _after_sales_service(d: Dossier) -> str:
    services = provided_services(d)
    offered = f"{'、'.join(services)}等商品服务，以及" if services else ""
    return f"商品售出后，本公司为顾客提供的{offered}咨询、回访和投诉受理等服务。"


def _outlet_kinds(d: Dossier) -> str:
    """A 服务网点 as the company has them: its own, entrusted ones, or both."""
    f = d.figures.outlets
    kinds = {(True, True): "，包括本公司自建的网点和经评审后委托合作方运营的网点",
             (True, False): "，均为本公司自建的网点", (False, True): "，均为经评审后委托合作方运营的网点",
             (False, False): ""}[(f.own > 0, f.entrusted > 0)]
    return f"为顾客提供售后服务的固定场所{kinds}。"


def _system(d: Dossier, m: Manual) -> tuple:
    std, sec = d.standard, m.sec
    layers = (f"售后服务手册：即本手册（{d.system.manual.control.code}），规定体系的总体要求和各项指标的实施安排；",
              f"程序文件和管理制度：共 {len(d.system.procedures)} 份，规定各项售后服务活动的职责和工作程序，清单见"
              f"{m.annexes['procedures'].number}；",
              "作业指导书和服务规范：由归口部门根据需要编制，规定具体岗位和作业的操作要求；",
              f"记录表格：共 {len(m.records)} 种，为服务活动和体系运行提供证据，清单见{m.annexes['records'].number}。")
    return (heading(sec["system"], new_page=True), heading(sec["establishment"]),
            body(f"公司依据{std.full_title}和适用的法律法规，结合本公司商品和服务的特点，建立了文件化的售后服务体系，自"
                 f"{cn_date(d.company.application.system_start)}起运行。体系覆盖第 {sec['scope'].number} 章规定的商品、服务和"
                 f"区域，由{_after_sales(d)}实施，{m.signatory.title}对体系的有效性负责，{m.role}负责体系的日常管理。"),
            body(f"公司确定售后服务所需的过程及其职责（见 {sec['duties'].number}），为各过程配备"
                 f"{joined_and(['人员', '经费', *dict.fromkeys(r.kind for r in d.system.resources)])}，"
                 "按程序文件实施和控制，通过服务监督、顾客满意度调查、回访和投诉分析评价体系的运行，并持续改进。"),
            heading(sec["documents"]), body("公司售后服务体系文件分为四个层次："),
            Items(tuple(text(layer) for layer in layers), ordered=True), *_other_documents(d))


def _other_documents(d: Dossier) -> tuple:
    """The documents the system refers to that the pack does not contain (none: nothing said)."""
    def shown(x) -> str:
        facts = "，".join(v for v in (x.number, x.kind, f"{x.holder}保存" if x.holder else "") if v)
        return f"《{x.name}》（{facts}）"

    others = d.system.other_documents
    if not others:
        return ()
    return (body(f"体系文件引用的下列文件未编入本申请材料，由保存部门受控管理，现场审核时提供：{joined(map(shown, others))}。"),)


# -- the indicators --------------------------------------------------------------------------------------------

def _indicator_chapters(d: Dossier, indicators: Entry | None, parts: list[Part]) -> tuple:
    """The chapter on the indicators: what each section says, then a part per first-level indicator."""
    blocks = []
    if indicators:
        blocks += [heading(indicators, new_page=True),
                   body(f"本章按{d.standard.full_title}的评价指标逐项说明公司的实施安排。各节列出标准要求要点（为便于理解所作的摘要，"
                        "以标准原文为准）、公司的安排、主责和配合部门、相关程序文件和记录，以及相关的运行数据"
                        f"{'；删减的指标只说明删减的理由' if d.exclusions else ''}。")]
    for index, part in enumerate(parts):
        blocks.append(heading(part.entry, new_page=index > 0))
        for chapter in part.chapters:
            blocks += [heading(chapter.entry), *chapter.blocks]
    return tuple(blocks)


def _parts(d: Dossier, m: Manual) -> list[Part]:
    """One part per first-level indicator, one chapter per second-level one, numbered by the standard's ids.
    An excluded indicator's chapter states the exclusion and its reason, nothing else."""
    practices = {p.indicator: p for p in d.system.practices}
    responsibilities = {r.indicator: r for r in d.responsibilities}
    exclusions = d.exclusions
    shown: dict[str, str] = {}
    parts = []
    for group in d.standard.groups:
        chapters = []
        for ind in group.children:
            if ind.id in exclusions:
                blocks = (exclusion_statement(exclusions[ind.id]),)
            else:
                blocks = (*_chapter(d, ind, practices.get(ind.id), responsibilities.get(ind.id)),
                          *_data_blocks(d, m, ind, shown))
            chapters.append(Chapter(entry(ind.id, ind.name, indicator_anchor(ind.id), 3), blocks))
        parts.append(Part(entry(group.id, group.name, f"grp-{group.id.replace('.', '-')}", 2), tuple(chapters)))
    return parts


def exclusion_statement(reason: str) -> Paragraph:
    """What the chapter of an excluded indicator says."""
    return Paragraph(text(sentence("本指标已删减，删减理由：", reason)), "excluded")


def _chapter(d: Dossier, ind: Indicator, practice: R.Practice | None, resp) -> tuple:
    """An applicable indicator's chapter before its data blocks: the requirement, the company's arrangement,
    who does it and by which procedures and records."""
    blocks = [label("标准要求要点")]
    if ind.items:
        blocks.append(Items(tuple(text(f"{item.id}　{item.text}") for item in ind.items)))
    else:
        blocks.append(body(f"本指标的具体要求以 {d.standard.code} 原文为准。"))
    blocks.append(label("公司的安排"))
    blocks += paragraphs(practice.text) if practice else [body("本指标的实施安排尚未在体系数据中填写。")]
    named = set(practice.procedures if practice else ()) | {p.id for p in d.system.procedures if ind.id in p.indicators}
    procedures = [p for p in d.system.procedures if p.id in named]
    blocks.append(kv_table(
        (("主责部门", d.department(resp.lead).name if resp else "—"),
         ("配合部门", joined(d.department(x).name for x in resp.support) if resp else "—"),
         ("相关程序文件", joined((f"{p.control.code}《{p.title}》" for p in procedures), "；")),
         ("相关记录", joined(practice.records if practice else ()))),
        columns=1, widths=(18.0, 82.0), keep=True))
    return tuple(blocks)


def _data_blocks(d: Dossier, m: Manual, ind: Indicator, shown: dict[str, str]) -> tuple:
    """The data blocks the indicator's topics name; a block shown by an earlier chapter is referred to.
    (Excluded indicators have no data blocks: a topic they share with an applicable one is shown there.)"""
    blocks = []
    for topic in ind.topics:
        if topic not in TOPIC_BLOCKS:
            raise KeyError(f"{d.standard.path.name}: 指标 {ind.id} 的 topics 含有未知的数据块 {topic}")
        title, make = TOPIC_BLOCKS[topic]
        title = title if isinstance(title, str) else title(d)
        blocks.append(label(title))
        if topic in shown:
            blocks.append(body(f"{title}的情况见 {shown[topic]}。"))
        else:
            shown[topic] = ind.id
            blocks += make(d, m)
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


# -- annexes ---------------------------------------------------------------------------------------------------

def _record_rows(d: Dossier) -> tuple[RecordRow, ...]:
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
    return tuple(RecordRow(name, tuple(dict.fromkeys(c)), tuple(dict.fromkeys(indicators.get(name, ()))))
                 for name, c in codes.items())


def _annexes(d: Dossier, m: Manual) -> tuple:
    a, staff = m.annexes, d.figures.staff
    procedures = table((Column("序号", 6, "center"), Column("文件编号", 14, nowrap=True), Column("文件名称"),
                        Column("版本", 9, "center"), Column("归口部门", 15, "center"), Column("实施日期", 14, "center")),
                       ((i, p.control.code, p.title, m.issue.control(p.control).version, p.owner_name,
                         iso(p.control.effective))
                        for i, p in enumerate(d.system.procedures, 1)), size=8)
    records = table((Column("序号", 6, "center"), Column("记录名称"), Column("相关程序文件", 30), Column("相关指标", 22)),
                    ((i, r.name, joined(r.procedures), joined(r.indicators)) for i, r in enumerate(m.records, 1)),
                    size=8)
    blocks = [heading(a["procedures"], new_page=True), procedures, heading(a["records"], new_page=True), records,
              heading(a["managers"], new_page=True)]
    managers = [(s, s.qualification(staff.qualification)) for s in staff.certified_managers]
    if managers:
        blocks.append(table(
            (Column("序号", 6, "center"), Column("姓名", 10, "center"), Column("部门", 17), Column("岗位", 17),
             Column("证书编号"), Column("发证机构", 16), Column("有效期至", 12, "center")),
            ((i, s.name, s.department_name, s.position, dash(q.number), dash(q.issuer), iso(q.valid_until))
             for i, (s, q) in enumerate(managers, 1)), size=8))
    else:
        blocks.append(body(f"公司目前没有持有效{staff.qualification}证书的人员。"))
    return tuple(blocks)
