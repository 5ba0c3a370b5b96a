"""The service flow as the documents show it: the steps the data states (``service_system.yaml``
``service_flow``), or, where it states none, a step for each indicator the 服务流程图 evidences that the
company practises (not excluded, with an arrangement in ``practices``): named as the standard names the
indicator, done by the indicator's lead department, following the procedures of its arrangement that cover
it, its time limit complaints.yaml's targets where the indicator's topics show complaints.

Both the 服务流程图 and the 售后服务承诺书 read the flow from here, so a step's limit is worded once.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Dossier
from ..model import records as R
from ._objectives import amount

__all__ = ["FLOW_DOCUMENT", "Step", "flow_steps", "stated_flow", "complaint_limits", "complaints_indicator",
           "step_limit"]

#: the document whose evidences name the indicators of the default flow
FLOW_DOCUMENT = "service_flow"
#: how a limit's unit reads after its number (3 个工作日内)
_UNIT_WORDS = {"工作日": "个工作日"}


@dataclass(frozen=True)
class Step:
    """A step as the documents print it; empty strings where the data gives nothing."""

    name: str
    department: str                     # the department's name
    limit: str
    procedures: tuple[str, ...]         # the procedures' codes
    procedure_titles: tuple[str, ...]
    text: str = ""
    from_complaints: bool = False       # its limit is complaints.yaml's targets


def complaints_indicator(d: Dossier):
    """The indicator whose topics show the complaints (its name labels their time limits), if any."""
    return next((i for i in d.standard.indicators if "complaints" in i.topics), None)


def stated_flow(d: Dossier) -> bool:
    """Whether the company states its flow itself (``service_flow``), rather than it being drawn from the
    practices."""
    return d.system.flow is not None


def complaint_limits(targets: R.ComplaintTargets) -> str:
    """受理后 1 小时内响应，48 小时内处理完毕，处理完毕后 3 日内回访."""
    return (f"受理后 {amount(targets.response_hours, '小时')}内响应，{amount(targets.resolution_hours, '小时')}内处理完毕，"
            f"处理完毕后 {amount(targets.visit_days, '日')}内回访")


def step_limit(d: Dossier, step: R.FlowStep) -> str:
    """The step's time limit as written, as its number and unit (2 小时内), or complaints.yaml's targets."""
    if step.limit_from == "complaints":
        return complaint_limits(d.complaints.targets)
    if step.within is not None:
        return f"{amount(step.within, _UNIT_WORDS.get(step.unit, step.unit))}内"
    return step.limit


def _procedures(d: Dossier, idents) -> tuple[R.Procedure, ...]:
    known = {p.id: p for p in d.system.procedures}
    return tuple(known[i] for i in idents if i in known)


def _stated(d: Dossier, flow: R.ServiceFlow) -> tuple[Step, ...]:
    out = []
    for step in flow.steps:
        procedures = _procedures(d, (step.procedure,) if step.procedure else ())
        out.append(Step(step.name, step.department_name, step_limit(d, step),
                        tuple(p.control.code for p in procedures), tuple(p.title for p in procedures), step.text,
                        step.limit_from == "complaints"))
    return tuple(out)


def _derived(d: Dossier) -> tuple[Step, ...]:
    practices = {p.indicator: p for p in d.system.practices}
    leads = {r.indicator: r.lead for r in d.responsibilities}
    out = []
    for ident in d.standard.document(FLOW_DOCUMENT).evidences:
        practice = practices.get(ident)
        if ident in d.excluded or practice is None:
            continue
        indicator = d.standard.indicator(ident)
        listed = _procedures(d, practice.procedures)
        covering = tuple(p for p in listed if ident in p.indicators) or listed
        lead = leads.get(ident) or (covering[0].owner if covering else None)
        complaints = "complaints" in indicator.topics
        out.append(Step(indicator.name, d.department(lead).name if lead else "",
                        complaint_limits(d.complaints.targets) if complaints else "",
                        tuple(p.control.code for p in covering), tuple(p.title for p in covering),
                        from_complaints=complaints))
    return tuple(out)


def flow_steps(d: Dossier) -> tuple[Step, ...]:
    """The steps of the company's service flow, in order (none where the data supports none)."""
    flow = d.system.flow
    return _stated(d, flow) if flow is not None else _derived(d)
