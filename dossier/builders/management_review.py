"""管理评审报告: each management review of the pack, who held it, its inputs (the objectives, satisfaction and
complaint figures of the records up to its date, the internal audits it reviewed, what became of the previous
review's decisions, the company's other inputs), its conclusion and its decisions with owners and due dates."""

from __future__ import annotations

from ..model import Dossier
from ..render.content import Column, Document, Heading, Paragraph, Signatures, Span, kv_table, paragraphs, table, text
from ..render.formatting import cn_date, hours, iso, num, pct
from ._objectives import amount, measured, measurement_sources, objective_verdict, target_text, verdict
from ._reviews import action_counts, audit_dates, done_by
from .base import Builder, DocInfo
from .blocks import doc_head, joined, numbered

#: the parts of one review's report, and the inputs the figures give (the company's own follow them)
PARTS = ("评审概况", "评审输入", "评审结论", "评审决定")
INPUTS = ("服务目标完成情况", "顾客满意度", "顾客投诉", "内部审核结果", "上次管理评审决定的落实")


def _period(window) -> str:
    return f"{cn_date(window.start)}至{cn_date(window.end)}"


def _overview(d: Dossier, review, inputs) -> tuple:
    chair = review.chair_name
    roles = [r.role for r in d.roles if r.staff == review.chair]
    if roles:
        chair += f"（{roles[0]}）"
    return (kv_table((("评审编号", review.id), ("评审日期", cn_date(review.date)), ("主持人", chair),
                      ("评审输入统计期", _period(inputs.period)),
                      ("参加人员", joined(review.attendee_names), "wide"))),)


def _objectives(inputs) -> tuple:
    results = inputs.figures.objectives
    if not results:
        return (Paragraph(text("尚未制定可衡量的服务目标。")),)
    judged = [r for r in results if r.met is not None]
    met = sum(1 for r in judged if r.met)
    rows = table((Column("序号", 6, "center"), Column("服务目标", 46), Column("目标值", 16, "center"),
                  Column("实际", 18, "center"), Column("结论", 14, "center")),
                 ((i, r.objective.text, target_text(r.objective), measured(r), objective_verdict(r))
                  for i, r in enumerate(results, 1)), size=8.5, fixed=True)
    summary = f"统计期内 {len(results)} 项服务目标中，可统计的 {len(judged)} 项已达成 {met} 项、未达成 {len(judged) - met} 项。"
    sources = measurement_sources(tuple(r.objective for r in results))
    return (Paragraph(text(summary, sources)), rows)


def _satisfaction(d: Dossier, inputs) -> tuple:
    surveys = inputs.figures.satisfaction.surveys
    target = d.satisfaction.target
    if not surveys:
        return (Paragraph(text("统计期内没有完成的顾客满意度调查。")),)
    rows = table((Column("调查期间", 22), Column("调查方式", 18, "center"), Column("有效答卷", 14, "right"),
                  Column("满意率", 14, "right"), Column("目标", 14, "right"), Column("结论", 18, "center")),
                 ((s.survey.period, s.survey.method, num(s.valid), pct(s.rate), amount(target, "%"),
                   verdict(s.meets_target, "达到目标", "未达到目标")) for s in surveys), size=8.5, fixed=True)
    return (Paragraph(text(f"统计期内完成顾客满意度调查 {len(surveys)} 次，有效答卷共 "
                           f"{num(inputs.figures.satisfaction.responses)} 份，合计满意率 "
                           f"{pct(inputs.figures.satisfaction.rate)}。")), rows)


def _complaints(inputs) -> tuple:
    c = inputs.figures.complaints
    if not c.total:
        return (Paragraph(text("统计期内未受理顾客投诉。")),)
    return (Paragraph(text(f"统计期内受理顾客投诉 {num(c.total)} 起（重大投诉 {c.major} 起），已处理完毕 {num(c.resolved)} 起，"
                           f"结案率 {pct(c.closure_rate)}；平均响应时间 {hours(c.mean_response_hours, 2)}，平均处理时间 "
                           f"{hours(c.mean_resolution_hours, 1)}；处理完毕后回访率 {pct(c.visit_rate)}。")),)


def _audits(d: Dossier, review, inputs) -> tuple:
    audits = [a for a in (d.reviews.internal_audit(i) for i in inputs.audits) if a is not None]
    if not audits:
        return (Paragraph(text(Span("统计期内没有实施内部审核。", mark="bad"))),)
    lines = []
    for a in audits:
        closed, verified = action_counts(a, review.date)
        serious = sum(1 for f in a.findings if f.severity == "严重")
        lines.append(Paragraph(text(
            f"内部审核 {a.id}（{audit_dates(a)}，审核组长{a.leader_name}）检查部门 {len(a.departments)} 个、指标 "
            f"{len(a.indicators)} 个，发现不符合项 {len(a.findings)} 项（严重 {serious} 项）；截至评审日，纠正措施 "
            f"{len(a.actions)} 项中已完成 {closed} 项、已验证 {verified} 项。")))
    return tuple(lines)


def _previous(review) -> tuple:
    previous = review.previous
    if previous is None:
        return (Paragraph(text("本次评审之前未进行过管理评审，没有需要跟踪的上次评审决定。")),)
    if not previous.decisions:
        return (Paragraph(text(f"上次管理评审（{cn_date(previous.date)}）未作出需要跟踪的决定。")),)
    rows = []
    for x in previous.decisions:
        closed = done_by(x.closed, review.date)
        status = text(Span("已完成", mark="ok"), f" {iso(closed)}") if closed else text(Span("未完成", mark="bad"))
        rows.append((x.decision, x.owner_name, iso(x.due), status))
    return (Paragraph(text(f"上次管理评审（{previous.id}，{cn_date(previous.date)}）的决定截至本次评审日的落实情况：")),
            table((Column("决定事项", 56), Column("责任人", 12, "center"), Column("完成期限", 14, "center"),
                   Column("落实情况", 18, "center")), rows, size=8.5, fixed=True))


def _inputs(d: Dossier, review, inputs, level: int) -> list:
    given = [_objectives(inputs), _satisfaction(d, inputs), _complaints(inputs), _audits(d, review, inputs),
             _previous(review)]
    titles = INPUTS + tuple(x.topic for x in review.inputs)
    blocks = []
    for index, title in enumerate(numbered(titles, "（一）" if level == 2 else "1.")):
        blocks.append(Heading(title, level + 1))
        blocks += given[index] if index < len(given) else paragraphs(review.inputs[index - len(given)].text)
    return blocks


def _decisions(d: Dossier, review) -> tuple:
    if not review.decisions:
        return (Paragraph(text("本次评审未作出需要跟踪的决定。")),)
    by = d.submission.date
    rows = []
    for i, x in enumerate(review.decisions, 1):
        closed = done_by(x.closed, by)
        status = text(Span("已完成", mark="ok"), "\n", iso(closed), "\n" if x.result else "", x.result) if closed \
            else text("进行中")
        rows.append((i, x.decision, d.standard.indicator(x.indicator).label if x.indicator else "—", x.owner_name,
                     iso(x.due), status))
    return (Paragraph(text(f"决定的完成情况截至 {cn_date(by)}。"), "note"),
            table((Column("序号", 6, "center"), Column("决定事项", 44), Column("对应指标", 14), Column("责任人", 10, "center"),
                   Column("完成期限", 12, "center"), Column("完成情况", 14, "center")), rows, size=8.5, fixed=True))


class ManagementReviewBuilder(Builder):
    id = "management_review"
    title = "管理评审报告"
    reads = ("company", "reviews", "personnel", "organisation", "service_system", "training", "satisfaction",
             "complaints", "rectification")

    def applies(self, dossier: Dossier) -> bool:
        return bool(dossier.reviews.management_reviews)

    def content(self, d: Dossier, doc: DocInfo) -> Document:
        reviews = d.reviews.management_reviews
        inputs = {r.review: r for r in d.figures.reviews}
        meta = (f"{reviews[0].id}　评审日期 {cn_date(reviews[0].date)}" if len(reviews) == 1
                else f"管理评审 {len(reviews)} 次")
        blocks = list(doc_head(d.company.name, doc, meta))
        several = len(reviews) > 1
        level = 3 if several else 2
        for review in reviews:
            given = inputs[review.id]
            if several:
                blocks.append(Heading(f"管理评审 {review.id}（{cn_date(review.date)}）", 2, anchor=f"review-{review.id}"))
            overview, inputs_title, conclusion, decisions = numbered(PARTS, "（一）" if several else "一、")
            blocks += [Heading(overview, level), *_overview(d, review, given),
                       Heading(inputs_title, level), *_inputs(d, review, given, level),
                       Heading(conclusion, level), *paragraphs(review.conclusion),
                       Heading(decisions, level), *_decisions(d, review),
                       Signatures((("主持人", review.chair_name), ("日期", cn_date(review.date))))]
        return Document.of(*blocks)
