"""内部审核报告: each internal audit of the pack, its plan and auditors, what its checklist covered, the
nonconformities found, and the corrective actions with their verification as they stand on the pack's date."""

from __future__ import annotations

from ..model import Dossier
from ..render.content import Column, Document, Heading, Paragraph, Signatures, Span, kv_table, paragraphs, table, text
from ..render.formatting import cn_date, dash, iso
from ._reviews import action_counts, audit_dates, done_by
from .base import Builder, DocInfo
from .blocks import doc_head, joined, numbered, sentence

#: the parts of one audit's report, in order
PARTS = ("审核计划", "检查表覆盖情况", "不符合项", "纠正措施及验证", "审核结论")


def _qualification_word(d: Dossier) -> str | None:
    return (d.standard.rules.get("internal_auditor_qualified") or {}).get("qualification")


def _certificates(d: Dossier, person) -> str:
    """The auditor's certificates that qualify for the audit (every one, when the standard names none)."""
    word = _qualification_word(d)
    held = [q for q in person.qualifications if word is None or word in q.kind]
    return joined((f"{q.kind}（{q.number}）" if q.number else q.kind for q in held), "\n")


def _plan(d: Dossier, audit) -> tuple:
    system = d.system
    basis = audit.basis or (f"{d.standard.code}《{d.standard.title}》、本公司《{system.manual.title}》"
                            f"（{system.manual.control.code}）及程序文件")
    approval = " ".join(part for part in (audit.approved_by_name, cn_date(audit.planned)) if part)
    plan = kv_table((("审核编号", audit.id), ("计划批准", approval), ("审核日期", audit_dates(audit)),
                     ("审核组长", audit.leader_name),
                     ("受审部门", joined(audit.department_names), "wide"),
                     ("审核的指标", joined((d.standard.indicator(i).label for i in audit.indicators)), "wide"),
                     ("审核依据", basis, "wide")))
    team = tuple(dict.fromkeys((audit.leader, *audit.auditors)))
    audited = {ident: joined(dict.fromkeys(r.department_name for r in audit.checklist if r.auditor == ident))
               for ident in team}
    auditors = table((Column("审核员", 16, "center"), Column("所在部门", 14), Column("资格证书（编号）", 38),
                      Column("本次审核的部门", 32)),
                     ((d.person(i).name + ("（组长）" if i == audit.leader else ""), d.person(i).department_name,
                       _certificates(d, d.person(i)), audited[i]) for i in team), size=8.5, fixed=True)
    return plan, auditors


def _coverage(d: Dossier, audit) -> tuple:
    found = {}
    for f in audit.findings:
        found[f.department] = found.get(f.department, 0) + 1
    rows = table((Column("受审部门", 16), Column("审核员", 10, "center"), Column("检查日期", 13, "center"),
                  Column("检查的指标", 43), Column("检查项数", 9, "right"), Column("不符合项", 9, "right")),
                 ((r.department_name, r.auditor_name, iso(r.date), joined(r.indicators), dash(r.items),
                   found.get(r.department, 0)) for r in audit.checklist), size=8.5, fixed=True)
    departments = {r.department for r in audit.checklist}
    indicators = {i for r in audit.checklist for i in r.indicators}
    missed_d = [n for i, n in zip(audit.departments, audit.department_names) if i not in departments]
    missed_i = [i for i in audit.indicators if i not in indicators]
    summary = [f"检查表覆盖受审部门 {len(audit.departments) - len(missed_d)} 个（计划 {len(audit.departments)} 个）、"
               f"审核的指标 {len(audit.indicators) - len(missed_i)} 个（计划 {len(audit.indicators)} 个）"]
    if missed_d or missed_i:
        gaps = "；".join(part for part in (missed_d and f"部门{joined(missed_d)}", missed_i and f"指标{joined(missed_i)}")
                        if part)
        summary.append(Span(f"；未检查：{gaps}", mark="bad"))
    return Paragraph(text(*summary, "。")), rows


def _findings(d: Dossier, audit) -> tuple:
    if not audit.findings:
        return (Paragraph(text("本次审核未发现不符合项。")),)
    return (table((Column("编号", 10, "center"), Column("对应指标", 14), Column("责任部门", 14),
                   Column("不符合事实", 52), Column("严重程度", 10, "center")),
                  ((f.id, d.standard.indicator(f.indicator).label, f.department_name, f.description, f.severity)
                   for f in audit.findings), size=8.5, fixed=True),)


def _actions(d: Dossier, audit) -> tuple:
    if not audit.findings:
        return (Paragraph(text("本次审核未发现不符合项，无需采取纠正措施。")),)
    by = d.submission.date
    rows = []
    for a in audit.actions:
        closed, verified = done_by(a.closed, by), done_by(a.verified, by)
        measure = text(Span("原因：", bold=True), a.cause, "\n", Span("措施：", bold=True), a.action) if a.cause \
            else text(a.action)
        status = text(Span("已完成", mark="ok"), "\n", iso(closed)) if closed else text(Span("未完成", mark="bad"))
        if verified:
            check = text("\n".join(p for p in (a.verification, " ".join(q for q in (a.verified_by_name, iso(verified)) if q))
                                   if p))
        else:
            check = text(Span("待验证", mark="bad") if closed else "—")
        rows.append((a.finding, measure, a.owner_name, iso(a.due), status, check))
    blocks = [Paragraph(text(f"纠正措施的完成和验证情况截至 {cn_date(by)}。"), "note")]
    if rows:
        blocks.append(table((Column("不符合项", 10, "center"), Column("原因分析与纠正措施", 37), Column("责任人", 9, "center"),
                             Column("完成期限", 11, "center"), Column("完成情况", 11, "center"), Column("验证", 22)),
                            rows, size=8, fixed=True))
    unanswered = [f.id for f in audit.findings if not audit.actions_of(f.id)]
    if unanswered:
        blocks.append(Paragraph(text(Span(f"不符合项 {joined(unanswered)} 尚未制定纠正措施。", mark="bad"))))
    return tuple(blocks)


def _conclusion(d: Dossier, audit) -> tuple:
    by = d.submission.date
    serious = sum(1 for f in audit.findings if f.severity == "严重")
    closed, verified = action_counts(audit, by)
    summary = sentence(f"本次审核于{audit_dates(audit)}实施，检查受审部门 {len(audit.departments)} 个、指标 "
                       f"{len(audit.indicators)} 个，共发现不符合项 {len(audit.findings)} 项（严重 {serious} 项、一般 "
                       f"{len(audit.findings) - serious} 项）",
                       f"；截至 {cn_date(by)}，纠正措施 {len(audit.actions)} 项中已完成 {closed} 项、已验证 {verified} 项"
                       if audit.actions else "")
    return (Paragraph(text(summary)), *paragraphs(audit.conclusion),
            Signatures((("审核组长", audit.leader_name), ("报告日期", cn_date(audit.reported)))))


class InternalAuditBuilder(Builder):
    id = "internal_audit"
    title = "内部审核报告"
    reads = ("company", "reviews", "personnel", "organisation", "service_system", "rectification")

    def applies(self, dossier: Dossier) -> bool:
        return bool(dossier.reviews.internal_audits)

    def content(self, d: Dossier, doc: DocInfo) -> Document:
        audits = d.reviews.internal_audits
        if len(audits) == 1:
            meta = f"{audits[0].id}　报告日期 {cn_date(audits[0].reported)}"
        else:
            meta = f"内部审核 {len(audits)} 次"
        blocks = list(doc_head(d.company.name, doc, meta))
        several = len(audits) > 1
        for audit in audits:
            level = 3 if several else 2
            if several:
                blocks.append(Heading(f"内部审核 {audit.id}（{audit_dates(audit)}）", 2, anchor=f"audit-{audit.id}"))
            plan, coverage, findings, actions, conclusion = numbered(PARTS, "（一）" if several else "一、")
            blocks += [Heading(plan, level), *_plan(d, audit), Heading(coverage, level), *_coverage(d, audit),
                       Heading(findings, level), *_findings(d, audit), Heading(actions, level), *_actions(d, audit),
                       Heading(conclusion, level), *_conclusion(d, audit)]
        return Document.of(*blocks)
