"""顾客满意度调查报告: method and formula, every survey against the target, items, the lowest answers,
findings and improvement actions, and the conclusion."""

from __future__ import annotations

import math

from ..model import Dossier
from ..model.figures.satisfaction import LOWEST_SHOWN
from ..render.charts import PALETTE, Chart, Drawing, figure_drawing, fit_layout, new_figure, short_label
from ..render.content import (Column, Document, Figure, Heading, Items, Paragraph, Row, Span, cell,
                              kv_table, table, text)
from ..render.formatting import cn_date, dash, iso, num, pct
from ._customers import any_organisation, any_project, customer_cell, masking_note
from ._objectives import verdict
from .base import Builder, DocInfo
from .blocks import doc_head, satisfaction_formula, window_text


def _floor(values, target: float) -> float:
    """A lower bound for a percentage axis: ten below the lowest value, to the ten."""
    low = min([v for v in values if v is not None] + [target])
    return max(0.0, math.floor(low / 10) * 10 - 10)


def trend_chart(periods: list[str], rates: list[float | None], target: float) -> Chart:
    """The satisfaction rate of each survey as a line, with the target as a dashed line."""
    return Chart(_draw_trend, (tuple(periods), tuple(rates), target))


def _draw_trend(periods: tuple[str, ...], rates: tuple[float | None, ...], target: float) -> Drawing:
    fig = new_figure(150, 62)
    ax = fig.add_subplot()
    xs = [i for i, v in enumerate(rates) if v is not None]
    ax.plot(xs, [rates[i] for i in xs], marker="o", color=PALETTE[0], linewidth=1.6, label="满意率")
    for x in xs:
        ax.annotate(f"{rates[x]:.1f}%", (x, rates[x]), xytext=(0, 6), textcoords="offset points", ha="center",
                    fontsize=7.5)
    ax.axhline(target, color="#a61b1b", linestyle="--", linewidth=1, label=f"目标 {target:g}%")
    ax.set_xticks(range(len(periods)), [short_label(p) for p in periods])
    ax.set_xlim(-0.5, len(periods) - 0.5)
    ax.set_ylim(_floor(rates, target), 101)
    ax.set_ylabel("满意率（%）")
    ax.grid(axis="y", linewidth=0.3, color="#bbb")
    ax.legend(fontsize=7.5, frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2)
    fit_layout(fig)
    return figure_drawing(fig, 150)


def item_chart(items: list[str], series: dict[str, list[float | None]], target: float) -> Chart:
    """Each item's satisfaction rate, one bar per survey, the legend above the plot."""
    return Chart(_draw_items, (tuple(items), tuple((name, tuple(values)) for name, values in series.items()), target))


def _draw_items(items: tuple[str, ...], series: tuple[tuple[str, tuple], ...], target: float) -> Drawing:
    series = dict(series)
    fig = new_figure(165, 74)
    ax = fig.add_subplot()
    width = 0.8 / max(len(series), 1)
    for index, (name, values) in enumerate(series.items()):
        xs = [i - 0.4 + width * (index + 0.5) for i in range(len(items))]
        ax.bar(xs, [0 if v is None else v for v in values], width * 0.9, label=name, color=PALETTE[index % len(PALETTE)])
    ax.axhline(target, color="#a61b1b", linestyle="--", linewidth=1, label=f"目标 {target:g}%")
    ax.set_xticks(range(len(items)), [short_label(i, 8) for i in items])
    ax.set_ylim(_floor([v for values in series.values() for v in values], target), 101)
    ax.set_ylabel("项目满意率（%）")
    ax.grid(axis="y", linewidth=0.3, color="#bbb")
    ax.set_axisbelow(True)
    ax.legend(fontsize=7, frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(series) + 1)
    fit_layout(fig)
    return figure_drawing(fig, 165)


def _purpose(company: str, f, target: str) -> Paragraph:
    if not f.surveys:
        return Paragraph(text(f"{company}尚无顾客满意度调查记录。"))
    first, last = f.surveys[0].survey, f.surveys[-1].survey
    return Paragraph(text(f"为了解顾客对本公司售后服务的评价，发现服务中的薄弱环节并推动持续改进，{company}于"
                          f"{cn_date(first.start)}至{cn_date(last.end)}期间共开展顾客满意度调查 {len(f.surveys)} 次，"
                          f"以满意率 {target} 为目标逐次评价。本报告汇总各次调查的结果、发现的问题和改进措施。"))


def _method(sat, target: str) -> tuple:
    scale, least = sat.scale, sat.satisfied_min
    return (kv_table((("调查项目", "；".join(f"{i.id} {i.name}" for i in sat.items)),
                      ("评分方式", f"每个项目按 1～{scale} 分评分，{scale} 分为最满意"),
                      ("满意的判定", f"一份有效答卷各项目得分的平均分不低于 {least} 分，计为满意"),
                      ("满意率计算公式", satisfaction_formula(sat)),
                      ("项目满意率", f"该项目得分不低于 {least} 分的答卷数 ÷ 该项目有效答卷数 × 100%"),
                      ("综合满意指数", f"各有效答卷平均分的平均值 ÷ {scale} × 100"),
                      ("回收率", "回收数 ÷ 发放（拨打、推送）数 × 100%"),
                      ("目标", f"每次调查满意率不低于 {target}")), columns=1),
            Paragraph(text(f"有效答卷为回收后录入且有评分的答卷；"
                           f"{masking_note((r for s in sat.surveys for r in s.responses), phones=True)}。"), "note"))


def _results(f) -> tuple:
    rows = [(text(x.survey.period, "\n", Span(f"{iso(x.survey.start)} 至 {iso(x.survey.end)}", mark="muted")),
             x.survey.method, num(x.survey.issued), num(x.survey.returned), pct(x.response_rate), num(x.valid),
             num(x.satisfied), pct(x.rate), num(x.index, 1), verdict(x.meets_target, "达标", "未达标"))
            for x in f.surveys]
    total = Row((cell("合计", span=2, align="center"), cell(num(f.issued)), cell(num(f.returned)), cell(""),
                 cell(num(f.responses)), cell(num(f.satisfied)), cell(pct(f.rate)), cell(""),
                 cell(f"{f.met}/{len(f.surveys)}")), "total")
    return (table((Column("调查期间"), Column("方式", 10, "center"), Column("发放", 7, "right"),
                   Column("回收", 7, "right"), Column("回收率", 8.5, "right"), Column("有效答卷", 8, "right"),
                   Column("满意", 7, "right"), Column("满意率", 9, "right"), Column("综合指数", 9, "right"),
                   Column("达标", 8, "center")), [*rows, total], size=8),
            Paragraph(text("合计行的满意率为全部有效答卷合并计算的结果；“达标”一栏为达到目标的调查次数。"), "note"))


def _item_rows(sat, f) -> list[Row]:
    rows = []
    for index, item in enumerate(sat.items):
        for order, x in enumerate(f.surveys):
            fig = x.items[index]
            rows.append(Row((cell(f"{item.id} {item.name}" if order == 0 else ""), cell(x.survey.period),
                             cell(num(fig.answered)), cell(num(fig.mean, 2)), cell(pct(fig.rate))),
                            "first" if order == 0 else "body"))
    return rows


def _items(sat, f) -> tuple:
    return (Paragraph(text("下表列出各调查项目在每次调查中的平均分和项目满意率。"), "lead"),
            table((Column("调查项目", 24), Column("调查期间"), Column("有效答卷", 14, "right"),
                   Column("平均分", 14, "right"), Column("项目满意率", 16, "right")), _item_rows(sat, f), size=8))


def _change(x) -> str:
    """，较上次调查上升 1.5 个百分点 (nothing for the first survey)."""
    if x.rate_change is None:
        return ""
    word = f"上升 {num(x.rate_change, 1)}" if x.rate_change >= 0 else f"下降 {num(-x.rate_change, 1)}"
    return f"，较上次调查{word} 个百分点"


def _survey_findings(index: int, x) -> list:
    weakest = f"；项目满意率最低的是“{x.weakest.item.name}”（{pct(x.weakest.rate)}）" if x.weakest else ""
    result = f"本次调查满意率 {pct(x.rate)}{_change(x)}{weakest}" if x.rate is not None else "本次调查没有有效答卷"
    blocks = [Heading(f"{index}. {x.survey.period}", 3),
              Paragraph(text(f"{result}。发现的主要问题：")),
              Items(tuple(text(finding) for finding in x.survey.findings) or (text("本次调查未记录问题。"),))]
    if x.survey.actions:
        blocks.append(table((Column("序号", 6, "center"), Column("改进措施"), Column("责任部门", 15, "center"),
                             Column("完成期限", 14, "center"), Column("完成情况", 12, "center")),
                            ((i, a.action, dash(a.owner_name), iso(a.due), "已完成" if a.done else "进行中")
                             for i, a in enumerate(x.survey.actions, 1)), size=8))
    return blocks


def _answer(x, outlets: dict, projects: bool) -> tuple:
    """One of the lowest-scoring answers: who, where, each item's score, the mean and the comment."""
    r = x.response
    return (r.no, iso(r.date), customer_cell(r), dash(r.phone), dash(outlets.get(r.outlet, r.outlet)), dash(r.product),
            *((dash(r.project),) if projects else ()),
            " ".join(str(score) for _, score in r.scores), num(x.mean, 2), dash(r.comment))


def _lowest(d: Dossier, sat, f) -> tuple:
    outlets = {o.id: o.name for o in d.outlets}
    shown = [x for s in f.surveys for x in s.lowest]
    projects = any_project(x.response for x in shown)
    customer_width = 12 if any_organisation(x.response for x in shown) else 6
    rows = (_answer(x, outlets, projects) for x in shown)
    ids = "、".join(i.id for i in sat.items)
    return (Paragraph(text(f"每次调查平均分最低的 {LOWEST_SHOWN} 份答卷（不足 {LOWEST_SHOWN} 份的全部列出）如下，"
                           f"供分析原因和回访使用。“各题得分”依次为 {ids} 的得分。"), "lead"),
            table((Column("答卷编号", 10.5, "center", nowrap=True), Column("日期", 10, "center", nowrap=True),
                   Column("顾客", customer_width, "center"), Column("电话", 11, "center", nowrap=True), Column("网点", 15),
                   Column("商品", 7, "center"), *((Column("项目/设备", 10, "center"),) if projects else ()),
                   Column("各题得分", 11, "center", nowrap=True),
                   Column("均分", 6, "right"), Column("顾客意见")), rows, size=8, empty="（无答卷）"))


def _reached(met: bool | None) -> str:
    return "达到目标" if met else "无有效答卷，无法判定" if met is None else "未达到目标"


def _conclusion(f, target: str) -> tuple:
    if not f.surveys:
        return (Paragraph(text("统计期内没有顾客满意度调查，无法评价满意率目标的达成情况。")),)
    missed = [x for x in f.surveys if x.meets_target is False]
    if missed:
        periods = "、".join(f"{x.survey.period}（{pct(x.rate)}）" for x in missed)
        against = (f"其中 {f.met} 次达到满意率不低于 {target} 的目标，{periods}未达到目标，"
                   "须按持续改进的要求分析原因并采取纠正措施")
    elif f.met < len(f.surveys):
        unknown = "、".join(x.survey.period for x in f.surveys if x.meets_target is None)
        against = f"其中 {f.met} 次达到满意率不低于 {target} 的目标，{unknown}没有有效答卷，无法判定"
    else:
        against = f"各次调查的满意率均达到不低于 {target} 的目标"
    latest = f.latest
    return (Paragraph(text(f"统计期内共进行顾客满意度调查 {len(f.surveys)} 次，{against}。全部 {num(f.responses)} "
                           f"份有效答卷合并计算的满意率为 {pct(f.rate)}；最近一次调查（{latest.survey.period}）满意率 "
                           f"{pct(latest.rate)}，综合满意指数 {num(latest.index, 1)}。")),
            Items(tuple(text(f"{x.survey.period}：满意率 {pct(x.rate)}，{_reached(x.meets_target)}；提出改进措施 "
                             f"{len(x.survey.actions)} 项，已完成 {x.actions_done} 项。") for x in f.surveys)))


def _charts(sat, f) -> tuple[list, list]:
    """The trend figure and the item figure (none when there is no survey)."""
    if not f.surveys:
        return [], []
    trend = trend_chart([s.survey.period for s in f.surveys], [s.rate for s in f.surveys], sat.target)
    items = item_chart([i.name for i in sat.items], {s.survey.period: [i.rate for i in s.items] for s in f.surveys},
                       sat.target)
    return [Figure(trend, "图 1　各次调查满意率与目标")], [Figure(items, "图 2　各调查项目满意率（按调查期间）")]


class SatisfactionBuilder(Builder):
    id = "satisfaction"
    title = "顾客满意度调查报告"
    reads = ("company", "organisation", "personnel", "outlets", "satisfaction")
    weight = 2
    draws_charts = True

    def content(self, d: Dossier, doc: DocInfo) -> Document:
        company, sat, f = d.company.name, d.satisfaction, d.figures.satisfaction
        target = f"{num(sat.target, 1)}%"
        trend, items = _charts(sat, f)
        findings = [block for index, x in enumerate(f.surveys, 1) for block in _survey_findings(index, x)]
        return Document.of(
            *doc_head(company, doc, window_text(d)),
            Heading("一、调查目的"), _purpose(company, f, target),
            Heading("二、调查方法与计算公式"), *_method(sat, target),
            Heading("三、各次调查结果"), *_results(f), *trend,
            Heading("四、各调查项目的评价"), *_items(sat, f), *items,
            Heading("五、发现的问题与改进措施"), *findings,
            Heading("六、评分最低的答卷"), *_lowest(d, sat, f),
            Heading("七、结论"), *_conclusion(f, target))
