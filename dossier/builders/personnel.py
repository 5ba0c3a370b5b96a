"""人员及售后服务管理师名册: headcounts, the 管理师 against the standard's ratio, the staff register
and the other certificates held.

A large register (a company of thousands) would bury the summary, so above ``LARGE_REGISTER``
people the body keeps the summary and the per-department counts, and the full register and the
certificate list move to appendices in compact type. Staff names are shown in full (the register
is the company's own evidence); phone numbers are not shown at all.
"""

from __future__ import annotations

from ..model import Dossier
from .base import Builder, chunked

#: above this many staff the register and the certificate list go to appendices
LARGE_REGISTER = 300
#: the department table of the DOCX (mm): department, total and 管理师 columns; the category columns share the rest
DEPARTMENT_TABLE = (45.0, 16.0, 26.0, 170.0)


def _department_widths(categories: int) -> dict[str, int]:
    """Column widths of the department table in twentieths of a point, for the DOCX template."""
    department, count, managers, total = DEPARTMENT_TABLE
    category = (total - department - count - managers) / max(categories, 1)
    twips = {"department": department, "count": count, "managers": managers, "category": category}
    return {name: round(mm / 25.4 * 1440) for name, mm in twips.items()}


class PersonnelBuilder(Builder):
    id = "personnel"
    title = "人员及售后服务管理师名册"
    reads = ("company", "organisation", "personnel", "outlets")
    weight = 2

    def rows(self, dossier: Dossier) -> int:
        return len(dossier.staff)

    def parts(self, context: dict) -> list[dict]:
        """A large register is laid out after the summary, in chunks of rows."""
        if not context["large"]:
            return [{}]
        staff = context["d"].staff
        return ([{"part": "main"}] + chunked("register", staff)
                + chunked("certificates", context["f"].staff.other_certificates))

    def context(self, dossier: Dossier) -> dict:
        figures = dossier.figures.staff
        rule = dossier.standard.rule("manager_ratio")
        item = dossier.standard.item(rule["deducts"]) if rule.get("deducts") else None
        order = {x.id: i for i, x in enumerate(dossier.departments)}
        return {
            "large": figures.total > LARGE_REGISTER, "threshold": LARGE_REGISTER,
            "management_category": rule["category"], "requirement": item.text if item else None, "requirement_id": item.id if item else None,
            "departments": sorted(figures.departments, key=lambda x: order.get(x.department, len(order))),
            "outlet_names": {o.id: o.name for o in dossier.outlets},
            "dept_widths": _department_widths(len(figures.by_category)),
        }
