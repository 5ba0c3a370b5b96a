"""售后服务承诺书: what the company commits to its customers, composed from the data — its commitment, its
warranty, the time limits of its service flow, its objectives, the channels it states hours for, its outlets,
its charging principles, what its staff hold, where to complain — each part only where the data has it,
signed by the legal representative on the day the pack is issued."""

from __future__ import annotations

from ..model import Dossier
from ..render.content import Column, Document, Heading, Items, Paragraph, paragraphs, table, text
from ..render.formatting import cn_date, num
from ._service_flow import complaint_limits, complaints_indicator, flow_steps
from ._warranty import warranty_blocks, warranty_title
from .base import Builder, DocInfo
from .blocks import doc_head, sentence
from .self_assessment import ORDINALS

#: the resources a customer reaches the company through, where the data states their hours
CHANNEL_KIND = "信息系统"


def _preamble(d: Dossier) -> tuple:
    own = d.system.commitment_letter.preamble
    if own:
        return paragraphs(own)
    c = d.company
    return (Paragraph(text(sentence(f"为保障顾客的合法权益，{c.name}秉承“{d.system.culture.philosophy}", "”的服务理念，",
                                    f"就{c.scope}向顾客作出如下承诺", end="："))),)


def _commitment(d: Dossier):
    return "服务承诺", paragraphs(d.system.culture.commitment)


def _warranty(d: Dossier):
    w = d.system.warranty
    return (warranty_title(w), warranty_blocks(w)) if w is not None else None


def _limits(d: Dossier):
    """The time limits of the service flow's steps; complaints.yaml's targets besides, where no step has them."""
    steps, complaints = flow_steps(d), complaints_indicator(d)
    lines = [f"{s.name}：{s.limit}" for s in steps if s.limit]
    if complaints is not None and complaints.id not in d.excluded and not any(s.from_complaints for s in steps):
        lines.append(f"{complaints.name}：{complaint_limits(d.complaints.targets)}")
    return ("服务时限", (Items(tuple(text(sentence(line)) for line in lines)),)) if lines else None


def _objectives(d: Dossier):
    objectives = d.system.culture.objectives
    return "服务目标", (Items(tuple(text(sentence(o.text, f"（考核周期：{o.period}）" if o.period else ""))
                                    for o in objectives)),)


def _channels(d: Dossier):
    """The hotline, and each channel the company states service hours for (a line without hours would
    be a claim the data does not make)."""
    lines = [f"服务热线：{d.company.hotline}"] if d.company.hotline else []
    timed = [r for r in d.system.resources if r.kind == CHANNEL_KIND and r.hours]
    lines += [f"{r.name}：服务时间 {r.hours}" for r in timed]
    if not lines:
        return None
    return ("服务时间与服务渠道" if timed else "服务渠道"), (Items(tuple(text(sentence(line)) for line in lines)),)


def _outlets(d: Dossier):
    rows = ((n, o.name, o.kind, o.address, o.phone, o.coverage) for n, o in enumerate(d.outlets, 1))
    return "服务网点", (
        Paragraph(text(f"{d.company.name}共有售后服务网点 {d.figures.outlets.total} 个，地址和联系电话如下。")),
        table((Column("序号", 6, "center"), Column("网点名称", 20), Column("性质", 7, "center"), Column("地址"),
               Column("电话", 16, nowrap=True), Column("服务范围", 20)), rows, size=8))


def _charges(d: Dossier):
    own = d.system.commitment_letter.charges
    return ("收费原则", paragraphs(own)) if own else None


def _staff(d: Dossier):
    """What the law of the trade requires staff to hold and how many hold it valid on the issue date; the
    售后服务管理师; the other certificates the register shows."""
    day, trade = d.submission.date, d.company.trade
    rules = trade.qualifications if trade else ()
    lines = []
    for rule in rules:
        bound = [s for s in d.staff if rule.applies(s.category, s.position)]
        valid = [s for s in bound if any(rule.names(q.kind) and not q.expired_on(day) for q in s.qualifications)]
        if not bound:
            continue
        if len(valid) == len(bound):
            lines.append(f"按{rule.basis}，{rule.who}均持有效的“{rule.kind}”上岗（现有 {num(len(bound))} 人）")
        else:
            lines.append(f"按{rule.basis}，{rule.who}须持“{rule.kind}”上岗；现有 {num(len(bound))} 人，"
                         f"其中 {num(len(valid))} 人持有效证书")
    manager = d.figures.staff.qualification
    held: dict[str, int] = {}
    for person in d.staff:
        for kind in dict.fromkeys(q.kind for q in person.qualifications if not q.expired_on(day)):
            held[kind] = held.get(kind, 0) + 1
    if held.get(manager):
        lines.append(f"公司现有持有效证书的{manager} {num(held[manager])} 人")
    others = [f"{kind} {num(count)} 人" for kind, count in held.items()
              if kind != manager and not any(rule.names(kind) for rule in rules)]
    if others:
        lines.append(f"人员名册中持有的其他有效资格证书：{'、'.join(others)}")
    return ("服务人员资质", (Items(tuple(text(sentence(line)) for line in lines)),)) if lines else None


def _supervision(d: Dossier):
    department = d.department(d.system.supervision.department)
    if not department.phone:
        return None
    return "服务监督", (Paragraph(text(f"{d.company.name}设{department.name}负责服务监督，顾客对服务质量的意见和投诉"
                                       f"可拨打监督电话 {department.phone}。")),)


#: the parts of the letter in order; each gives (heading, blocks), or None where the data has nothing for it
PARTS = (_commitment, _warranty, _limits, _objectives, _channels, _outlets, _charges, _staff, _supervision)


class ServiceCommitmentBuilder(Builder):
    id = "service_commitment"
    title = "售后服务承诺书"
    reads = ("company", "organisation", "personnel", "outlets", "service_system", "complaints", "rectification",
             "self_assessment")

    def content(self, d: Dossier, doc: DocInfo) -> Document:
        c = d.company
        blocks = [*doc_head(c.name, doc), *_preamble(d)]
        present = [part for part in (make(d) for make in PARTS) if part is not None]
        for ordinal, (title, body) in zip(ORDINALS, present):
            blocks += [Heading(f"{ordinal}、{title}"), *body]
        blocks += [*paragraphs(d.system.commitment_letter.closing),
                   Paragraph(text(f"承诺单位：{c.name}\n法定代表人：{c.legal_representative}\n"
                                  f"{cn_date(d.submission.date)}"), "signature")]
        return Document.of(*blocks)
