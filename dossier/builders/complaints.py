"""顾客投诉及回访汇总: complaint figures against the time limits, by channel, category and month, the
major complaints in detail, routine 回访, and the complaint log (an appendix when it is long)."""

from __future__ import annotations

from ..model import Dossier
from ..render.charts import bar_chart
from .base import Builder, chunked

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


class ComplaintsBuilder(Builder):
    id = "complaints"
    title = "顾客投诉及回访汇总"
    reads = ("company", "organisation", "personnel", "outlets", "service_system", "training",
             "satisfaction", "complaints")
    weight = 2

    def rows(self, dossier: Dossier) -> int:
        return len(dossier.complaints.complaints)

    def parts(self, context: dict) -> list[dict]:
        """A long log is laid out after the summary, in chunks of complaints."""
        if not context["compact"]:
            return [{}]
        return [{"part": "main"}] + chunked("log", context["complaints"])

    def context(self, dossier: Dossier) -> dict:
        c = dossier.figures.complaints
        categories, months = charts(c)
        t = dossier.complaints.targets
        limits = [
            {"stage": "首次响应", "limit": t.response_hours, "unit": "小时", "mean": c.mean_response_hours,
             "met": c.response_mean_met, "in_time": c.response_in_time, "total": c.responded,
             "rate": c.response_in_time_rate},
            {"stage": "处理完毕", "limit": t.resolution_hours, "unit": "小时", "mean": c.mean_resolution_hours,
             "met": c.resolution_mean_met, "in_time": c.resolution_in_time, "total": c.resolved,
             "rate": c.resolution_in_time_rate},
            {"stage": "处理完毕后回访", "limit": t.visit_days, "unit": "日", "mean": None, "met": None,
             "in_time": c.visit_in_time, "total": c.visited, "rate": c.visit_in_time_rate}]
        return {"limits": limits,
            "c": c, "targets": dossier.complaints.targets, "complaints": dossier.complaints.complaints,
            "outlets": {o.id: o.name for o in dossier.outlets}, "compact": c.total > COMPACT_ABOVE,
            "objectives": [o for o in dossier.figures.objectives if o.objective.metric in METRICS],
            "category_chart": categories, "month_chart": months,
            "first": c.first_received.date() if c.first_received else None,
            "last": c.last_received.date() if c.last_received else None,
        }
