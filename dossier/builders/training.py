"""培训计划与记录: the yearly plan and its progress, every session with its sign-in and assessment,
hours by kind, by department and per person."""

from __future__ import annotations

from ..model import Dossier
from ..render.charts import bar_chart
from .base import Builder, chunked

#: the technical and business training kind (5.1.3.2 a); the culture kind comes from the standard's rules
TECHNICAL_KIND = "技术业务"
#: above this many staff the per-person hours move to a compact appendix
COMPACT_ABOVE = 300
#: sessions whose sign-in sheets are laid out per pass when the record is long
SIGNIN_PER_PASS = 40
#: attendees (and, in the appendix, staff) side by side in one table row
SIGNIN_COLUMNS = 3


def grid(items, columns: int) -> list[list]:
    """``items`` in rows of ``columns``, the last row padded with None."""
    items = list(items)
    rows = [items[i:i + columns] for i in range(0, len(items), columns)]
    if rows:
        rows[-1] += [None] * (columns - len(rows[-1]))
    return rows


class TrainingBuilder(Builder):
    id = "training"
    title = "培训计划与记录"
    reads = ("company", "organisation", "personnel", "service_system", "training", "satisfaction",
             "complaints")
    weight = 3

    def rows(self, dossier: Dossier) -> int:
        return sum(len(s.attendees) for s in dossier.training.sessions)

    def parts(self, context: dict) -> list[dict]:
        """A long record is laid out in passes: the overview, the sign-in sheets in chunks of sessions, the
        department and person statistics, then the per-person appendix in chunks."""
        if not context["compact"] and len(context["signin"]) <= SIGNIN_PER_PASS:
            return [{}]
        passes = [{"part": "head"}] + chunked("signin", context["signin"], SIGNIN_PER_PASS) + [{"part": "tail"}]
        return passes + (chunked("persons", context["person_rows"]) if context["compact"] else [])

    def context(self, dossier: Dossier) -> dict:
        t = dossier.figures.training
        culture = dossier.standard.rule("culture_training")["kind"]
        required = [(kind, t.kind(kind)) for kind in dict.fromkeys((TECHNICAL_KIND, culture))]
        objectives = [o for o in dossier.figures.objectives if o.objective.metric == "training_hours_per_person"]
        target = objectives[0].objective.target if objectives else None
        departments = t.by_department
        per_person = [x.hours_per_person for x in departments]
        top = max([v for v in per_person if v is not None] + [target or 0, 1])
        dept_chart = bar_chart([x.department for x in departments], {"人均学时": per_person}, horizontal=True,
                               target=target, target_label="人均学时目标", ylim=(0, top * 1.35), width_mm=150,
                               height_mm=14 + 7 * len(departments))
        kind_chart = None if not t.kinds else bar_chart(
            [k.kind for k in t.kinds], {"人·学时": [k.person_hours for k in t.kinds]}, ylabel="人·学时",
            value_format="{:.0f}", width_mm=130, height_mm=60)
        compact = len(t.per_person) > COMPACT_ABOVE
        return {
            "t": t, "plan": dossier.training.plan, "required": required,
            "missing": [kind for kind, k in required if k is None], "objectives": objectives,
            "signin": [{"s": s, "rows": grid(s.session.attendees, SIGNIN_COLUMNS)} for s in t.per_session],
            "dept_chart": dept_chart, "kind_chart": kind_chart, "compact": compact,
            "person_rows": grid(t.per_person, SIGNIN_COLUMNS) if compact else [],
            "list_untrained": len(t.untrained) <= 30, "columns": SIGNIN_COLUMNS,
        }
