"""顾客投诉及回访汇总: complaint figures against the time limits, by channel, category and month, the
major complaints in detail, routine 回访, and the complaint log (an appendix when it is long)."""

from __future__ import annotations

from ..model import Dossier
from ..render.charts import bar_chart
from ..render.content import (Column, Document, Figure, Halves, Heading, Paragraph, Row, Section, Span,
                              cell, kv_table, table, text)
from ..render.formatting import cn_date, dash, hours, iso, num, pct
from ._customers import any_organisation, any_project, customer_cell, customer_line, masking_note
from ._objectives import measured, objective_verdict, target_text, verdict
from .base import Builder, DocInfo
from .blocks import doc_head, window_text

#: above this many complaints the log becomes a compact appendix (one line per complaint, no outcome text)
COMPACT_ABOVE = 300
#: the service objectives this document measures (metric keys of the model's objective figures)
METRICS = ("complaint_response_hours", "complaint_resolution_hours", "complaint_response_in_time_rate",
           "complaint_resolution_in_time_rate", "complaint_closure_rate", "complaint_visit_rate", "service_visit_rate")


def _month_label(key: str, first: bool) -> str:
    """'2026-01' → '1月' under its year at January and at the first bar."""
    year, month = key.split("-")
    return f"{int(month)}月\n{year}" if first or month == "01" else f"{int(month)}月"


def charts(c) -> tuple:
    """Complaints by category and by month (None, None when there are no complaints)."""
    if not c.total:
        return None, None
    categories = bar_chart([name for name, _ in c.by_category], {"投诉数": [n for _, n in c.by_category]},
                           horizontal=True, value_format="{:.0f}", width_mm=140, height_mm=14 + 7 * len(c.by_category))
    months = bar_chart([_month_label(key, i == 0) for i, (key, _) in enumerate(c.by_month)],
                       {"投诉数": [n for _, n in c.by_month]}, ylabel="投诉数（起）", value_format="{:.0f}",
                       width_mm=160, height_mm=62)
    return categories, months


def _overview(company: str, c, t, first, last) -> list:
    if not c.total:
        return [Paragraph(text(f"统计期内{company}未受理顾客投诉。"))]
    return [Paragraph(text(f"{cn_date(first)}至{cn_date(last)}，{company}共受理顾客投诉 {num(c.total)} 起，其中重大投诉 "
                           f"{c.major} 起；已处理完毕 {num(c.resolved)} 起，结案率 {pct(c.closure_rate)}。")),
            Paragraph(text(f"投诉平均响应时间 {hours(c.mean_response_hours, 2)}（时限 {num(t.response_hours, 1)} 小时），"
                           f"在时限内响应 {num(c.response_in_time)} 起，及时响应率 {pct(c.response_in_time_rate)}；"
                           f"平均处理时间 {hours(c.mean_resolution_hours, 1)}（时限 {num(t.resolution_hours, 1)} 小时），"
                           f"在时限内处理完毕 {num(c.resolution_in_time)} 起，及时处理率 {pct(c.resolution_in_time_rate)}。")),
            Paragraph(text(f"处理完毕的投诉已回访 {num(c.visited)} 起，回访率 {pct(c.visit_rate)}；其中在处理完毕后 "
                           f"{num(t.visit_days, 1)} 日内回访 {num(c.visit_in_time)} 起（及时回访率 {pct(c.visit_in_time_rate)}）；"
                           f"回访结果为满意或基本满意的 {num(c.visit_satisfied)} 起，回访满意率 "
                           f"{pct(c.visit_satisfaction_rate)}。"))]


def _routine_visits(c) -> list:
    if not c.services:
        return []
    return [Paragraph(text(f"日常服务回访：统计期内完成服务 {num(c.services)} 单，回访 {num(c.services_visited)} 单，回访率 "
                           f"{pct(c.service_visit_rate)}；回访满意 {num(c.services_satisfied)} 单，回访满意率 "
                           f"{pct(c.service_visit_satisfaction)}（分期统计见第四部分）。"))]


def _limits(c, t):
    stages = (("首次响应", t.response_hours, "小时", c.mean_response_hours, c.response_mean_met, c.response_in_time,
               c.responded, c.response_in_time_rate),
              ("处理完毕", t.resolution_hours, "小时", c.mean_resolution_hours, c.resolution_mean_met,
               c.resolution_in_time, c.resolved, c.resolution_in_time_rate),
              ("处理完毕后回访", t.visit_days, "日", None, None, c.visit_in_time, c.visited, c.visit_in_time_rate))
    return table((Column("处理环节"), Column("时限", 14, "center"), Column("平均用时", 16, "center"),
                  Column("平均用时达标", 14, "center"), Column("在时限内 / 总数", 18, "center"),
                  Column("及时率", 12, "right")),
                 ((stage, f"{num(limit, 1)} {unit}", hours(mean, 2), verdict(met, "是", "否"),
                   f"{num(in_time)} / {num(total)}", pct(rate))
                  for stage, limit, unit, mean, met, in_time, total, rate in stages), size=8)


def _objectives(d: Dossier) -> list:
    results = [r for r in d.figures.objectives if r.objective.metric in METRICS]
    if not results:
        return []
    return [table((Column("服务目标", 32), Column("目标值", 12, "center"), Column("实际", 16, "center"),
                   Column("结论")),
                  ((f"{r.objective.text}（{dash(r.objective.period)}）", target_text(r.objective), measured(r),
                    objective_verdict(r)) for r in results), size=8)]


def _shares(header: str, counts, c):
    """Complaints by one key: each value's count and share, and the total."""
    total = Row((cell("合计", align="center"), cell(num(c.total)), cell(pct(c.share(c.total)))), "total")
    return table((Column(header, align="center"), Column("投诉数", 25, "right"), Column("占比", 25, "right")),
                 [*((name, num(n), pct(c.share(n))) for name, n in counts), total], size=8)


def _analysis(c) -> list:
    if not c.total:
        return [Paragraph(text("无投诉数据。"))]
    categories, months = charts(c)
    per_month = "；".join(f"{key}：{n} 起" for key, n in c.by_month)
    return [Halves(_shares("投诉渠道", c.by_channel, c), _shares("投诉类别", c.by_category, c)),
            Figure(categories, "图 1　各类别投诉数"),
            Paragraph(text(f"各月受理投诉数如下（{per_month}）。"), "lead"),
            Figure(months, "图 2　各月受理投诉数")]


def _late(value: str, late: bool):
    """A value past its time limit, marked."""
    return text(value, ("，", Span("超过时限", mark="bad")) if late else None)


def _major(x, c, outlets: dict) -> list:
    project = f"；项目/设备：{x.project}" if x.project else ""
    if x.visit_date:
        late = ("（", Span("超过回访时限", mark="bad"), "）") if x.id in c.late_visit else None
        visit = text(f"{iso(x.visit_date)}，{dash(x.visit_method)}，{dash(x.visit_result)}", late)
    else:
        visit = "未回访"
    rows = (("受理", f"{cn_date(x.received)}，{x.channel}；顾客 {customer_line(x)}；商品：{dash(x.product)}{project}；"
                    f"网点：{dash(outlets.get(x.outlet, x.outlet))}"),
            ("投诉内容", x.issue),
            ("响应", text(_late(f"{iso(x.responded)}（{hours(x.response_hours, 2)}", x.id in c.late_response), "）")),
            ("处理完毕", text(_late(f"{iso(x.resolved)}（{hours(x.resolution_hours, 1)}", x.id in c.late_resolution),
                           "）")),
            ("处理人", dash(x.handler_name)), ("处理结果", outcome_text(x)), ("回访", visit))
    return [Heading(f"{x.id}　{x.category}　{iso(x.received)}", 3),
            kv_table(rows, columns=1, widths=(16.0, 84.0), keep=True)]


def _majors(c, outlets: dict) -> list:
    if not c.majors:
        return [Paragraph(text("统计期内未发生重大投诉。"))]
    return [block for x in c.majors for block in _major(x, c, outlets)]


def _visit_periods(c) -> list:
    if not c.visit_periods:
        return [Paragraph(text("无日常服务回访统计数据。"))]
    total = Row((cell("合计", align="center"), cell(num(c.services)), cell(num(c.services_visited)),
                 cell(pct(c.service_visit_rate)), cell(num(c.services_satisfied)),
                 cell(pct(c.service_visit_satisfaction)), cell("")), "total")
    return [table((Column("统计期间"), Column("服务单数", 12, "right"), Column("回访数", 12, "right"),
                   Column("回访率", 11, "right"), Column("满意数", 12, "right"), Column("满意率", 12, "right"),
                   Column("回访方式", 20, "center")),
                  [*((v.stat.period, num(v.stat.services), num(v.stat.visited), pct(v.visit_rate),
                      num(v.stat.satisfied), pct(v.satisfaction_rate), dash(v.stat.method)) for v in c.visit_periods),
                   total], size=8),
            Paragraph(text("回访率 = 回访数 ÷ 服务单数 × 100%；满意率 = 满意数 ÷ 回访数 × 100%。"), "note")]


def _hours_cell(value: float | None, late: bool):
    return cell(f"{num(value, 1)}*", mark="bad") if late else cell(num(value, 1))


def _project_column(complaints, width: float) -> tuple:
    """The 项目/设备 column, where some complaint names one."""
    return (Column("项目/设备", width),) if any_project(complaints) else ()


def _compact_log(complaints, c, outlets: dict):
    """One line per complaint, laid out by the given widths: the appendix of a long log."""
    projects = any_project(complaints)
    rows = ((x.id, iso(x.received), x.channel, dash(x.product), *((dash(x.project),) if projects else ()),
             dash(outlets.get(x.outlet, x.outlet)), x.category,
             x.severity, x.issue, _hours_cell(x.response_hours, x.id in c.late_response),
             _hours_cell(x.resolution_hours, x.id in c.late_resolution),
             cell(f"{iso(x.visit_date)}*", mark="bad") if x.id in c.late_visit else iso(x.visit_date),
             dash(x.visit_result)) for x in complaints)
    return table((Column("编号", 9), Column("受理时间", 11), Column("渠道", 7), Column("商品", 6),
                  *_project_column(complaints, 8), Column("网点", 12),
                  Column("类别", 7), Column("程度", 4), Column("投诉内容"), Column("响应h", 5, "right"),
                  Column("处理h", 5, "right"), Column("回访日期", 8), Column("回访结果", 6)),
                 rows, size=7, dense=True, fixed=True)


def outcome_text(x) -> str:
    """The outcome, and for a complaint handled again after a dissatisfied visit, when and how, and the visit
    after that."""
    if x.reprocessed is None:
        return dash(x.outcome)
    again = "；".join(v for v in (x.reprocess_outcome, f"再次回访：{x.revisit_result}" if x.revisit_result else "") if v)
    return f"{dash(x.outcome)}\n重新处理（{iso(x.reprocessed)}）{f'：{again}' if again else ''}"


def _visit(x) -> str:
    return f"{iso(x.visit_date)}\n{dash(x.visit_method)} {dash(x.visit_result)}" if x.visit_date else "未回访"


def _full_log(complaints, c, outlets: dict):
    """Every complaint with its handling and outcome."""
    projects = any_project(complaints)
    rows = ((text(x.id, ("\n", Span(x.severity, bold=True)) if x.severity != "一般" else None), iso(x.received),
             x.channel, customer_cell(x), dash(x.product), *((dash(x.project),) if projects else ()),
             dash(outlets.get(x.outlet, x.outlet)), x.category, x.issue,
             _hours_cell(x.response_hours, x.id in c.late_response),
             _hours_cell(x.resolution_hours, x.id in c.late_resolution), dash(x.handler_name), outcome_text(x),
             cell(f"{_visit(x)}*", mark="bad") if x.id in c.late_visit else _visit(x)) for x in complaints)
    customer_width = 7 if any_organisation(complaints) else 3.5
    return table((Column("编号", 7, nowrap=True), Column("受理时间", 6.5), Column("渠道", 5),
                  Column("顾客", customer_width), Column("商品", 4), *_project_column(complaints, 6), Column("网点", 8.5),
                  Column("类别", 5), Column("投诉内容", 15.5),
                  Column("响应h", 4, "right"), Column("处理h", 4, "right"), Column("处理人", 4.5), Column("处理结果"),
                  Column("回访", 7)), rows, size=7, dense=True, empty="（无投诉）")


def _log(d: Dossier, c, t, outlets: dict) -> Section:
    """The complaint log on landscape pages: in full, or above COMPACT_ABOVE complaints a compact appendix."""
    complaints, compact = d.complaints.complaints, c.total > COMPACT_ABOVE
    return Section((Heading("附录　投诉处理登记明细" if compact else "五、投诉处理登记表"),
                    Paragraph(text(f"响应、处理时间为自受理起的小时数；超过时限（响应 {num(t.response_hours, 1)} 小时、处理 "
                                   f"{num(t.resolution_hours, 1)} 小时、回访 {num(t.visit_days, 1)} 日）的以“*”标示；"
                                   f"{masking_note(complaints)}。"), "small"),
                    (_compact_log if compact else _full_log)(complaints, c, outlets)), page="landscape")


class ComplaintsBuilder(Builder):
    id = "complaints"
    title = "顾客投诉及回访汇总"
    reads = ("company", "organisation", "personnel", "outlets", "service_system", "training",
             "satisfaction", "complaints")
    weight = 2
    draws_charts = True

    def rows(self, dossier: Dossier) -> int:
        return len(dossier.complaints.complaints)

    def content(self, d: Dossier, doc: DocInfo) -> Document:
        company, c, t = d.company.name, d.figures.complaints, d.complaints.targets
        outlets = {o.id: o.name for o in d.outlets}
        first = c.first_received.date() if c.first_received else None
        last = c.last_received.date() if c.last_received else None
        appendix = ([Paragraph(text(f"投诉共 {num(c.total)} 起，逐起登记见附录“投诉处理登记明细”（每起一行，处理结果详见投诉处理单）。"))]
                    if c.total > COMPACT_ABOVE else [])
        summary = Section((*doc_head(company, doc, window_text(d)),
                           Heading("一、投诉处理概况"), *_overview(company, c, t, first, last), *_routine_visits(c),
                           _limits(c, t), *_objectives(d),
                           Heading("二、投诉统计分析"), *_analysis(c),
                           Heading("三、重大投诉处理情况"), *_majors(c, outlets),
                           Heading("四、日常服务回访统计"), *_visit_periods(c), *appendix))
        return Document((summary, _log(d, c, t, outlets)))
