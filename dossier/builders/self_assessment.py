"""自评报告: the applicant's self-assessed (预评) score by indicator with the operating evidence behind it, the
objectives judged in their periods, the special-deduction screening and the applicant's answers, what blocks
the next level, and its declarations."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..assessment import Score, compute_score
from ..assessment.points import PointsFormat, format_points, round_points
from ..model import Dossier
from ..render.charts import bar_chart
from ..render.content import (Box, Column, Document, Figure, Heading, Items, Paragraph, Row, Signatures, Span,
                              cell, table, text)
from ..render.formatting import cn_date, dash, money
from ._assessment import operating_text, pending_sentence, screening_blocks, special_blocks
from ._objectives import UNMEASURED, judgement_basis, measured, objective_verdict, target_text
from .base import Builder, DocInfo
from .blocks import ORDINALS, doc_head, sentence
from .evidence import evidence_map
from .signing import seal_field, signature_field

#: what the chart of the scores shows (the reviewer's report draws the same chart)
SCORE_CHART = "各二级指标暂定分值与自评（预评）得分"
#: what the declaration of no major failure says unless the company words it itself (any trade: a service
#: company has no product of its own to have an accident with)
NO_MAJOR_FAILURE = "近三年内未发生重大售后服务失误，未发生重大质量安全事故"


@dataclass(frozen=True)
class GroupTotal:
    """A first-level indicator's figures, each the sum of its indicators' figures as printed (so the
    groups table adds up with the indicators table, and its 合计 with the verdict)."""

    id: str
    name: str
    points: Decimal
    applicable: Decimal
    earned: Decimal
    pending: Decimal


def _printed_sum(values, places: int) -> Decimal:
    return sum((round_points(v, places) for v in values), Decimal(0))


def group_totals(score: Score, dossier: Dossier) -> list[GroupTotal]:
    totals = []
    for group in dossier.standard.groups:
        rows = [s for s in score.indicators if s.indicator.group == group.id]
        totals.append(GroupTotal(group.id, group.name, _printed_sum((s.points for s in rows), score.places),
                                 _printed_sum((s.points for s in rows if s.applicable), score.places),
                                 _printed_sum((s.awarded for s in rows), score.places),
                                 _printed_sum((s.pending_shown for s in rows), score.places)))
    return totals


def _verdict(d: Dossier, score: Score) -> Box:
    scoring, applied = d.standard.scoring, d.company.application.target_level
    level = f"达到{score.level.name}" if score.level else score.fail_name
    if score.reaches_target:
        against = "自评结果达到申请星级。"
    elif score.target:
        against = f"自评结果未达到申请星级（{score.target.name}需 {score.target.min} 分）。"
    else:
        against = ""
    gated = (f"特别扣分项达到 {scoring.max_special_deductions_for_level + 1} 项，评价为不合格，不予评定星级。"
             if score.gated else "")
    groups = group_totals(score, d)
    shown = (sum((g.applicable for g in groups), Decimal(0)), score.earned, score.base)
    applicable, earned, base = (format_points(v, score.places) for v in shown)
    waiting = len(score.screening.open)
    waiting = f"（另有特别扣分筛查结果待确认 {waiting} 项）" if waiting else ""
    return Box((Paragraph(text(Span(f"自评（预评）得分 {format_points(score.total, score.places)} 分，{level}。",
                                    bold=True)), "plain"),
                Paragraph(text(sentence(f"申请星级：{applied}；", against)), "plain"),
                Paragraph(text(f"涉及项分值 {applicable} 分，实得 {earned} 分，折算 {base} 分；特别扣分 "
                               f"{len(score.special_deductions)} 项{waiting}，特别加分 {len(score.special_bonus)} 项。"
                               f"{gated}"), "plain"),
                *((Paragraph(text(pending), "plain"),) if (pending := pending_sentence(score)) else ())),
               style="verdict")


_GROUP_COLUMNS = ("points", "applicable", "earned", "pending")


def _groups(d: Dossier, score: Score):
    groups, scoring = group_totals(score, d), d.standard.scoring

    def shown(value) -> str:
        return format_points(value, score.places)

    total = Row((cell("合计"), *(cell(shown(sum((getattr(g, column) for g in groups), Decimal(0))))
                                 for column in _GROUP_COLUMNS)), "total")
    return table((Column("一级指标"), Column(scoring.points_label, 15, "right"), Column("涉及项分值", 15, "right"),
                  Column(scoring.score_label, 15, "right"), Column("待证实分值", 15, "right")),
                 [*((f"{g.id} {g.name}", *(shown(getattr(g, column)) for column in _GROUP_COLUMNS))
                    for g in groups), total])


def _reasons(s, places: int) -> str:
    """删减 and its reason, each deduction and its reason, the evidence still needed, or 无扣分."""
    lines = [] if s.applicable else [f"删减：{s.exclusion_reason}"]
    lines += [sentence(f"−{format_points(x.points, places)}：", x.reason, end="") for x in s.lost]
    lines += [s.pending_reason] if s.pending_reason else []
    return "\n".join(lines or ["无扣分"])


def _indicators(d: Dossier, score: Score) -> tuple:
    applicable, scoring = [s for s in score.indicators if s.applicable], d.standard.scoring
    chart = bar_chart([s.indicator.label for s in applicable],
                      {scoring.points_label: [float(s.points) for s in applicable],
                       scoring.score_label: [float(s.awarded) for s in applicable]},
                      value_format=PointsFormat(score.places), horizontal=True, width_mm=165,
                      height_mm=8 + 7 * len(applicable))
    note = (Paragraph(text(sentence("注：", scoring.points_note)), "note"),) if scoring.points_note else ()
    return (Figure(chart, f"图 1　{SCORE_CHART}"),
            Paragraph(text("“运行证据”为统计期内证明该指标实际运行的记录或证明材料；没有运行证据的指标按“假设（待证实）”计，"
                           "其分值列为“待证实”，不计入得分。")),
            table((Column("指标", 14), Column(scoring.points_label, 7, "right"), Column(scoring.score_label, 7, "right"),
                   Column("待证实", 7, "right"), Column("运行证据", 27), Column("扣分及原因")),
                  ((s.indicator.label, format_points(s.points, score.places),
                    format_points(s.awarded, score.places) if s.applicable else "删减",
                    format_points(s.pending, score.places) if s.applicable else "—",
                    operating_text(s), _reasons(s, score.deduction_places))
                   for s in score.indicators), size=8),
            *note)


def _objectives_basis(d: Dossier, results) -> str:
    """Where the values of the objectives come from and how they are judged, with a note for each kind of
    value the table shows."""
    window = d.submission.window
    notes = [judgement_basis(results)]
    if any(r.objective.measured_by_company for r in results):
        notes.append("公司自行统计的目标在实际值后注明统计期间和数据来源")
    if any(r.objective.unmeasured for r in results):
        notes.append(f"“{UNMEASURED}”表示该目标既没有对应的统计指标，也没有填写实际值")
    notes = [n for n in notes if n]
    return (f"服务目标的实际完成情况依据统计期（{cn_date(window.start)}至{cn_date(window.end)}）的运行记录统计"
            + (f"（{'；'.join(notes)}）" if notes else "") + "：")


def _objectives(d: Dossier) -> tuple:
    results = d.figures.objectives
    actual_width = 22 if any(r.objective.measured_by_company for r in results) else 19   # room for period, source
    return (Paragraph(text(_objectives_basis(d, results))),
            table((Column("序号", 5, "center"), Column("服务目标", 21), Column("考核周期", 9, "center"),
                   Column("目标值", 10, "center"), Column("实际", actual_width, "center"),
                   Column("完成情况")),
                  ((i, r.objective.text, dash(r.objective.period), target_text(r.objective), measured(r),
                    objective_verdict(r)) for i, r in enumerate(results, 1)), size=8))


def _gap(score: Score) -> tuple:
    if not score.next_level:
        return (Paragraph(text("自评得分已达到最高星级。")),)
    nxt, places = score.next_level, score.places
    return (Paragraph(text(f"达到{nxt.name}需 {nxt.min} 分，当前自评 {format_points(score.total, places)} 分，尚差 "
                           f"{format_points(score.gap, places)} 分。需优先消除的扣分：")),
            Items(tuple(text(sentence(f"{x.indicator}：−{format_points(x.points, score.deduction_places)}，",
                                      x.reason)) for x in score.blockers), ordered=True))


def _declarations(d: Dossier) -> tuple:
    declarations = d.self_assessment.declarations
    if not declarations:
        return (Paragraph(text("申请单位尚未作出声明（可在 self_assessment.yaml 的 declarations 中填写）。")),)
    made = []
    if declarations.truthful:
        made.append("本单位声明：所提交的认证申请材料及自评内容真实、准确、完整，如有虚假，愿承担由此产生的一切后果。")
    if declarations.no_major_failure:
        made.append(sentence("本单位声明：", no_major_failure_wording(declarations)))
    if declarations.special_fund:
        funds = d.system.funds
        made.append(f"本单位承诺：设立并保障售后服务专项资金，{funds.year} 年度专项资金为 {money(funds.special_fund)}。")
    if declarations.compliance:
        made.append("本单位承诺：遵守认证机构的认证规则，配合认证审核和获证后的监督，对审核发现的问题按期整改。")
    return (*(Paragraph(text(f"{ORDINALS[i]}、{words}")) for i, words in enumerate(made)),
            Signatures((("声明人", declarations.signatory_name), signature_field(d, "签字", declarations.signatory))),
            Signatures((seal_field(d), ("日期", cn_date(declarations.date)))))


def no_major_failure_wording(declarations) -> str:
    """What the declaration of no major failure says: the company's own words (self_assessment.yaml
    ``declarations.no_major_failure_text``) or the trade-neutral default."""
    return declarations.no_major_failure_text or NO_MAJOR_FAILURE


class SelfAssessmentBuilder(Builder):
    id = "self_assessment"
    title = "自评报告"
    reads = ("company", "organisation", "personnel", "outlets", "service_system", "training", "satisfaction",
             "complaints", "evidence", "reviews", "rectification", "self_assessment")
    weight = 2
    draws_charts = True

    def content(self, d: Dossier, doc: DocInfo) -> Document:
        score, std = compute_score(d, evidence_map(d)), d.standard
        return Document.of(
            *doc_head(d.company.name, doc, f"自评依据 {std.full_title}　自评日期 {cn_date(doc.issued)}"),
            Paragraph(text("本报告为申请单位的自我评价（预评），供认证申请和认证机构审查参考，不代表认证机构的评价结论；"
                           "正式评分由认证机构按其评分表进行。" + sentence("评分方法：", std.scoring.formula)), "note"),
            Heading("一、自评结论"), _verdict(d, score),
            Heading("二、评分汇总"), _groups(d, score),
            Heading("三、各项指标自评"), *_indicators(d, score),
            Heading("四、服务目标完成情况"), *_objectives(d),
            Heading("五、特别扣分筛查"), *screening_blocks(d, score.screening),
            Heading("六、特别扣分与加分"), *special_blocks(d, score),
            Heading("七、距更高星级的差距"), *_gap(score),
            Heading("八、申请单位声明"), *_declarations(d))
