"""服务流程图: the steps of the company's service, drawn as a flow (who does each, its time limit, the
procedure it follows), and the same steps in a table under it."""

from __future__ import annotations

from dataclasses import replace

from ..model import Dossier
from ..render.charts import Chart
from ..render.content import Column, Document, Figure, Paragraph, Section, table, text
from ..render.orgchart import OrgNode, draw_chart, layout_flow
from ._service_flow import Step, flow_steps, stated_flow
from .base import Builder, DocInfo
from .blocks import doc_head, joined, sentence

#: the drawing area on a landscape A4 page above the table, in millimetres (both formats)
FLOW_WIDTH = 250.0
FLOW_HEIGHT = 80.0


def _detail(step: Step) -> str:
    """What a box says under the step's name, one item to a line, each only where the data gives it."""
    lines = (("负责", step.department), ("时限", step.limit), ("依据", "、".join(step.procedures)))
    return "\n".join(f"{label}：{value}" for label, value in lines if value)


def flow_chart(steps: tuple[Step, ...]) -> Chart:
    nodes = [OrgNode(f"step/{n}", step.name, _detail(step)) for n, step in enumerate(steps, 1)]
    return draw_chart(layout_flow(nodes, FLOW_WIDTH, FLOW_HEIGHT), max_width=FLOW_WIDTH, max_height=FLOW_HEIGHT)


def _procedure(step: Step) -> str:
    return "\n".join(f"{code} {title}" for code, title in zip(step.procedures, step.procedure_titles))


def steps_table(steps: tuple[Step, ...]):
    """The steps, with a column for limits, procedures or what is done only where some step gives one."""
    columns = [(Column("序号", 5, "center"), None), (Column("环节", 10), lambda s: s.name),
               (Column("负责部门", 12), lambda s: s.department)]
    if any(s.limit for s in steps):
        columns.append((Column("时限", 21), lambda s: s.limit))
    if any(s.procedures for s in steps):
        columns.append((Column("依据的程序文件", 21), _procedure))
    if any(s.text for s in steps):
        columns.append((Column("工作内容", 31), lambda s: s.text))
    last, value = columns[-1]
    columns[-1] = (replace(last, width=None), value)          # the last column takes what the others leave
    rows = ((n, *(value(s) or "—" for _c, value in columns[1:])) for n, s in enumerate(steps, 1))
    return table(tuple(c for c, _ in columns), rows, size=8, caption="表1　服务流程各环节")


def _intro(d: Dossier, steps: tuple[Step, ...]) -> str:
    """How the chart came about and what the table adds: the company's own words where it gives them."""
    flow = d.system.flow
    if flow is not None and flow.intro:
        return flow.intro
    shown = ["负责部门"] + [label for label, present in (("时限", any(s.limit for s in steps)),
                                                      ("依据的程序文件", any(s.procedures for s in steps))) if present]
    table_says = f"各环节的{'、'.join(shown)}见表1"
    if stated_flow(d):
        return sentence(f"{d.company.name}的售后服务按图1所示的 {len(steps)} 个环节进行，{table_says}")
    return sentence(f"图1按{d.company.name}《{d.system.manual.title}》中{joined(s.name for s in steps)}的实施安排"
                    f"列出售后服务的主要环节，{table_says}")


class ServiceFlowBuilder(Builder):
    id = "service_flow"
    title = "服务流程图"
    reads = ("company", "organisation", "service_system", "complaints", "self_assessment")
    weight = 2
    draws_charts = True

    def applies(self, dossier: Dossier) -> bool:
        return bool(flow_steps(dossier))

    def content(self, d: Dossier, doc: DocInfo) -> Document:
        steps = flow_steps(d)
        company = d.company.name
        return Document((Section((*doc_head(company, doc), Paragraph(text(_intro(d, steps))),
                                  Figure(flow_chart(steps), f"图1　{company}售后服务流程图"), steps_table(steps)),
                                 page="landscape"),))
