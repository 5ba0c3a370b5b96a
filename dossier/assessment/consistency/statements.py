"""The statements of the pack the consistency checks read: each with the document that prints it (and the
anchor there) and the data that says it, and the free texts of the pack with their places."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ...builders import BUILDERS
from ...builders.org_chart import CHART_ANCHORS
from ...builders.procedures import procedure_anchor
from ...builders.service_manual import CULTURE_HEADING
from ...model import Dossier
from ...model import records as R
from ...standard import indicator_anchor
from ..findings import Key, Place

__all__ = ["Statement", "title", "manual", "procedure", "practice", "department", "roles", "charts",
           "responsibility", "outlet", "complaint", "survey", "company", "topic", "laws", "free_texts"]


@dataclass(frozen=True)
class Statement:
    """A text of the pack and where it is."""

    text: str
    place: Place


def title(ident: str) -> str:
    """The title of a document of the pack (a builder's)."""
    return BUILDERS[ident].title


def manual(d: Dossier, section: str, heading: str, *data) -> Place:
    """A section of the manual (its anchor ``sec-…``), e.g. ``manual(d, "profile", "0.4 企业概况")``."""
    return Place(f"{d.system.manual.title} {heading}", "service_manual", f"sec-{section}", data)


def procedure(p: R.Procedure, *path) -> Place:
    return Place(f"程序文件《{p.title}》", "procedures", procedure_anchor(p),
                 ("service_system", "procedures", Key("id", p.id), *path))


def practice(d: Dossier, indicator: str, *path) -> Place:
    return Place(f"{d.system.manual.title} {indicator}", "service_manual", indicator_anchor(indicator),
                 ("service_system", "practices", Key("indicator", indicator), *path))


def department(dept: R.Department, *path) -> Place:
    """The department as the organisation chart's table of departments states it."""
    return Place(f"{title('org_chart')}（部门设置及职责）", "org_chart", CHART_ANCHORS["departments"],
                 ("organisation", "departments", Key("id", dept.id), *path))


def roles(role: R.Role, *path) -> Place:
    return Place(f"{title('org_chart')}（关键岗位及任职人员）", "org_chart", CHART_ANCHORS["roles"],
                 ("organisation", "roles", Key("staff", role.staff), *path))


def charts() -> tuple[Place, ...]:
    """The two drawn charts: the organisation and the after-sales organisation."""
    return (Place(f"{title('org_chart')}（图1）", "org_chart", CHART_ANCHORS["organisation"], ("organisation", "departments")),
            Place(f"{title('org_chart')}（图2）", "org_chart", CHART_ANCHORS["service"], ("organisation", "departments")))


def responsibility(indicator: str, *path) -> Place:
    return Place(title("responsibility_matrix"), "responsibility_matrix", None,
                 ("organisation", "responsibilities", Key("indicator", indicator), *path))


def outlet(o: R.Outlet, *path) -> Place:
    return Place(f"{title('outlets')}（{o.name}）", "outlets", None, ("outlets", "outlets", Key("id", o.id), *path))


def complaint(c: R.Complaint, *path) -> Place:
    return Place(f"{title('complaints')}（{c.id}）", "complaints", None,
                 ("complaints", "complaints", Key("id", c.id), *path))


def survey(s: R.Survey, *path) -> Place:
    return Place(f"{title('satisfaction')}（{s.period}）", "satisfaction", None,
                 ("satisfaction", "surveys", Key("id", s.id), *path))


def company(d: Dossier, *path) -> Place:
    """A fact of company.yaml as the application form states it."""
    return Place(title("application_form"), "application_form", None, ("company", *path))


def topic(d: Dossier, name: str, *data) -> Place:
    """Where the manual shows a block of data: the chapter of the first indicator whose topics name it."""
    indicator = next((i.id for i in d.standard.indicators if name in i.topics), None)
    if indicator is None:
        return Place(d.system.manual.title, "service_manual", None, data)
    return Place(f"{d.system.manual.title} {indicator}", "service_manual", indicator_anchor(indicator), data)


def laws(d: Dossier) -> Place:
    return manual(d, "references", "2 规范性引用文件", "service_system", "laws")


def free_texts(d: Dossier) -> Iterator[Statement]:
    """Every text the company wrote that a document of the pack prints, with its place."""
    for p in d.system.procedures:
        yield Statement(p.purpose, procedure(p, "purpose"))
        yield Statement(p.scope, procedure(p, "scope"))
        for i, duty in enumerate(p.responsibilities):
            yield Statement(duty.duty, procedure(p, "responsibilities", i, "duty"))
        for i, step in enumerate(p.steps):
            yield Statement(step.text, procedure(p, "steps", i, "text"))
    for x in d.system.practices:
        yield Statement(x.text, practice(d, x.indicator, "text"))
    for dept in d.departments:
        for i, duty in enumerate(dept.duties):
            yield Statement(duty, department(dept, "duties", i))
    for role in d.roles:
        if role.duties:
            yield Statement(role.duties, roles(role, "duties"))
    culture = d.system.culture
    for name, value in (("commitment", culture.commitment), ("strategy", culture.strategy)):
        yield Statement(value, manual(d, "culture", " ".join(CULTURE_HEADING),
                                      "service_system", "culture", name))
    if d.system.warranty is not None:
        yield Statement(d.system.warranty.policy, topic(d, "warranty", "service_system", "warranty", "policy"))
    for c in d.complaints.complaints:
        yield Statement(c.outcome, complaint(c, "outcome"))
