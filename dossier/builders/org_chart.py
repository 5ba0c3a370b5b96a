"""组织机构图: the department tree and the after-sales organisation with its outlets, drawn as charts,
then every department's duties and the key roles."""

from __future__ import annotations

from collections import Counter

from ..model import Dossier
from ..model.records import Department, Outlet, Role
from ..render.charts import Chart
from ..render.content import Column, Document, Figure, Heading, Paragraph, Section, Table, table, text
from ..render.formatting import cn_date, dash, iso
from ..render.orgchart import OrgNode, draw_chart, layout_tree
from .base import Builder, DocInfo
from .blocks import doc_head, joined

#: the drawing area of a landscape A4 page under a heading, in millimetres (both formats)
CHART_WIDTH = 250.0
ORG_HEIGHT = 112.0
SERVICE_HEIGHT = 125.0
SERVICE_LEGEND = (("department", "售后服务部门"), ("role", "分管岗位"), ("own", "自建服务网点"),
                  ("entrusted", "委托服务网点"))
ORG_LEGEND = (("after_sales", "售后服务相关部门"), ("department", "其他部门"), ("role", "分管岗位"))
#: where each part of the document starts (what check's page references point at)
CHART_ANCHORS = {"organisation": "org-chart", "service": "org-service", "departments": "org-departments",
                 "roles": "org-roles"}


def _head(department: Department) -> str:
    return f"负责人：{department.head_name or '—'}"


def _tree(departments: tuple[Department, ...], parent_of: dict[str, str | None]) -> list[tuple[Department, list]]:
    """The forest of ``departments`` under the given parent links, in data order. A department whose
    chain of parents never reaches a root (a loop in the data) starts a tree of its own."""
    children: dict[str | None, list[Department]] = {}
    for dept in departments:
        children.setdefault(parent_of[dept.id], []).append(dept)
    seen: set[str] = set()

    def grow(dept: Department):
        seen.add(dept.id)
        return dept, [grow(c) for c in children.get(dept.id, []) if c.id not in seen]

    forest = [grow(d) for d in children.get(None, [])]
    for dept in departments:
        if dept.id not in seen:
            forest.append(grow(dept))
    return forest


def _nearest(dossier: Dossier, ident: str | None, keep: set[str]) -> str | None:
    """``ident`` or its nearest ancestor that is in ``keep``."""
    seen = set()
    while ident is not None and ident not in keep and ident not in seen:
        seen.add(ident)
        ident = dossier.department(ident).parent
    return ident if ident in keep else None


def _directors(dossier: Dossier) -> dict[str, Role]:
    """department id → the key role that directs it (分管: the first role naming it in its departments)."""
    found: dict[str, Role] = {}
    for role in dossier.roles:
        for ident in role.departments:
            found.setdefault(ident, role)
    return found


def _under_roles(dossier: Dossier, boxes: list[tuple[Department, OrgNode]]) -> tuple[OrgNode, ...]:
    """Sibling departments' boxes, those a role directs gathered under one box of that role, standing where
    the first of them stood."""
    directors = _directors(dossier)
    order: list = []
    below: dict[tuple[str, str], list[OrgNode]] = {}
    for dept, box in boxes:
        role = directors.get(dept.id)
        if role is None:
            order.append(box)
            continue
        key = (role.role, role.staff)
        if key not in below:
            below[key] = []
            order.append((key, role))
        below[key].append(box)
    return tuple(x if isinstance(x, OrgNode) else
                 OrgNode(f"role/{x[0][1]}/{x[0][0]}", x[1].role, x[1].staff_name, "role", tuple(below[x[0]]))
                 for x in order)


def charted_staff(dossier: Dossier) -> frozenset[str]:
    """The staff the two charts name: every department's head (figure 1 draws every department), the holder
    of each role that directs a department (drawn above it), and the manager of each own outlet (figure 2)."""
    heads = {d.head for d in dossier.departments if d.head}
    directors = {r.staff for r in _directors(dossier).values()}
    managers = {o.manager for o in dossier.outlets if o.manager}
    return frozenset(heads | directors | managers)


def organisation_chart(dossier: Dossier) -> Chart:
    """Every department under its parent (under the role that directs it, where one does), the after-sales
    ones marked."""
    forest = _tree(dossier.departments, {d.id: d.parent for d in dossier.departments})

    def node(entry) -> OrgNode:
        dept, kids = entry
        return OrgNode(dept.id, dept.name, _head(dept), "after_sales" if dept.after_sales else "department",
                       _under_roles(dossier, [(k[0], node(k)) for k in kids]))

    legend = ORG_LEGEND if any(d.after_sales for d in dossier.departments) or _directors(dossier) else ()
    layout = layout_tree(list(_under_roles(dossier, [(e[0], node(e)) for e in forest])), CHART_WIDTH,
                         ORG_HEIGHT - (9 if legend else 0))
    return draw_chart(layout, max_width=CHART_WIDTH, max_height=ORG_HEIGHT, legend=legend)


def outlet_homes(dossier: Dossier, service: set[str]) -> dict[str, str]:
    """outlet id → the after-sales department it is drawn under.

    The data names no department for an outlet: an outlet hangs under the department of its manager
    (or of most of its own staff); entrusted outlets, managed by their partner, hang under the
    department most own outlets belong to; failing all that, under the first after-sales department.
    """
    if not service:
        return {}
    fallback = next(d.id for d in dossier.departments if d.id in service)

    def home(outlet: Outlet) -> str | None:
        if outlet.manager:
            return _nearest(dossier, dossier.person(outlet.manager).department, service)
        members = Counter(dossier.person(s).department for s in outlet.own_staff)
        return _nearest(dossier, members.most_common(1)[0][0], service) if members else None

    found = {o.id: home(o) for o in dossier.outlets}
    usual = Counter(h for h in found.values() if h)
    default = usual.most_common(1)[0][0] if usual else fallback
    return {ident: h or default for ident, h in found.items()}


def service_chart(dossier: Dossier) -> Chart | None:
    """The after-sales departments under their nearest after-sales parent, each department's
    outlets in a box of their own below it; None when no department is marked after-sales."""
    service = [d for d in dossier.departments if d.after_sales]
    if not service:
        return None
    keep = {d.id for d in service}
    forest = _tree(tuple(service), {d.id: _nearest(dossier, d.parent, keep) for d in service})
    homes = outlet_homes(dossier, keep)

    def node(entry) -> OrgNode:
        dept, kids = entry
        below = list(_under_roles(dossier, [(k[0], node(k)) for k in kids]))
        outlets = [o for o in dossier.outlets if homes[o.id] == dept.id]
        if outlets:
            below.append(OrgNode(f"{dept.id}/outlets", "服务网点", "", "group", tuple(
                OrgNode(f"outlet/{o.id}", o.name, f"负责人：{o.manager_name or '—'}",
                        "entrusted" if o.kind == "委托" else "own") for o in outlets)))
        return OrgNode(dept.id, dept.name, _head(dept), "department", tuple(below))

    layout = layout_tree(list(_under_roles(dossier, [(e[0], node(e)) for e in forest])), CHART_WIDTH,
                         SERVICE_HEIGHT - 9)
    return draw_chart(layout, max_width=CHART_WIDTH, max_height=SERVICE_HEIGHT, legend=SERVICE_LEGEND)


class OrgChartBuilder(Builder):
    id = "org_chart"
    title = "组织机构图"
    reads = ("company", "organisation", "personnel", "outlets")
    weight = 2
    draws_charts = True

    def content(self, d: Dossier, doc: DocInfo) -> Document:
        service = [x for x in d.departments if x.after_sales]
        return Document((self.organisation_page(d, doc, service), self.service_page(d, service),
                         Section((Heading("三、部门设置及职责", anchor=CHART_ANCHORS["departments"]), departments_table(d),
                                  Heading("四、关键岗位及任职人员", anchor=CHART_ANCHORS["roles"]), roles_table(d)))))

    @staticmethod
    def organisation_page(d: Dossier, doc: DocInfo, service: list[Department]) -> Section:
        company = d.company.name
        marked = f"，图中以浅橙色底色标示属于售后服务体系的部门：{joined(x.name for x in service)}" if service else ""
        return Section((*doc_head(company, doc, f"截至 {cn_date(doc.issued)}"),
                        Paragraph(text(f"{company}依据{d.standard.full_title}建立售后服务体系，公司组织机构如图1所示"
                                       f"{marked}。各部门的职责见本文件第三部分，关键岗位及任职人员见第四部分。")),
                        Heading("一、公司组织机构图"), Figure(organisation_chart(d), f"图1　{company}组织机构图")),
                       page="landscape", anchor=CHART_ANCHORS["organisation"])

    @staticmethod
    def service_page(d: Dossier, service: list[Department]) -> Section:
        chart, f = service_chart(d), d.figures.outlets
        if chart is None:
            blocks = (Paragraph(text("组织机构数据中没有标明属于售后服务体系的部门，无法绘制售后服务组织机构图。")),)
        else:
            blocks = (Paragraph(text(f"售后服务体系由{joined(x.name for x in service)}组成。公司共设售后服务网点 "
                                     f"{f.total} 个，其中自建网点 {f.own} 个、委托网点 {f.entrusted} 个，图2将各网点列于"
                                     "管理网点的部门之下，自建网点以实线框、委托网点以虚线框表示。")),
                      Figure(chart, "图2　售后服务组织机构图"))
        return Section((Heading("二、售后服务组织机构图"), *blocks), page="landscape", anchor=CHART_ANCHORS["service"])


def departments_table(d: Dossier) -> Table:
    """Every department, its parent, head and numbered duties."""
    def duties(x: Department) -> str:
        return "\n".join(f"{n}. {t}" for n, t in enumerate(x.duties, 1)) or "—"

    def parent(x: Department) -> str:
        return d.department(x.parent).name if x.parent else "—"

    return table((Column("序号", 5, "center"), Column("部门", 15), Column("上级部门", 15), Column("负责人", 10, "center"),
                  Column("售后服务体系", 9, "center"), Column("部门职责")),
                 ((n, x.name, parent(x), dash(x.head_name), "是" if x.after_sales else "否", duties(x))
                  for n, x in enumerate(d.departments, 1)), size=8)


def roles_table(d: Dossier) -> Table:
    return table((Column("序号", 5, "center"), Column("岗位", 16), Column("任职人员", 10, "center"),
                  Column("任命日期", 14, "center", nowrap=True), Column("岗位职责")),
                 ((n, r.role, dash(r.staff_name), iso(r.appointed), dash(r.duties)) for n, r in enumerate(d.roles, 1)),
                 size=8)
