"""组织机构图: the two drawings in both formats, the tables, and the tidy-tree layout itself."""

from __future__ import annotations

import dataclasses
import io

import docx
import pytest
from pypdf import PdfReader

from conftest import EXAMPLE
from documents import assert_cjk_pdf, docx_text, dossier_of, pdf_text, render, signed_sign_offs, squeeze
from dossier.builders.org_chart import OrgChartBuilder, organisation_chart, outlet_homes, service_chart
from dossier.render.html_writer import Meta, document_html
from dossier.render.orgchart import STYLES, OrgNode, draw_chart, layout_tree


def _fill_operator(colour: str) -> str:
    """How the PDF content stream sets ``colour`` as fill: '0.901961 0.945098 0.886275 rg'."""
    parts = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    return " ".join(f"{p:.6f}".rstrip("0").rstrip(".") if p not in (0, 1) else str(int(p)) for p in parts) + " rg"


def test_org_chart_in_both_formats():
    d = dossier_of(str(EXAMPLE))
    rendered = render(str(EXAMPLE), "org_chart")
    pdf, word = squeeze(pdf_text(rendered.pdf.data)), squeeze(docx_text(rendered.docx))
    for text in (pdf, word):
        assert squeeze(d.company.name) in text
        for dept in d.departments:
            assert squeeze(dept.name) in text and squeeze(dept.head_name) in text
            assert all(squeeze(duty) in text for duty in dept.duties)
        for role in d.roles:
            assert squeeze(role.role + role.staff_name) in text and role.appointed.isoformat() in text
        assert f"共设售后服务网点{d.figures.outlets.total}个" in text
        assert f"委托网点{d.figures.outlets.entrusted}个" in text
        assert "图1" in text and "图2售后服务组织机构图" in text
        service = "、".join(x.name for x in d.departments if x.after_sales)
        assert f"标示属于售后服务体系的部门：{service}。" in text and f"售后服务体系由{service}组成" in text
    assert_cjk_pdf(rendered.pdf.data)
    assert not rendered.pdf.warnings


def test_parent_column_names_the_parent():
    d = dossier_of(str(EXAMPLE))
    document = docx.Document(io.BytesIO(render(str(EXAMPLE), "org_chart").docx))
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "部门")
    rows = {r.cells[1].text: r.cells[2].text for r in table.rows[1:]}
    for dept in d.departments:
        assert rows[dept.name] == (d.department(dept.parent).name if dept.parent else "—")


def test_drawings_are_images_in_the_docx_and_vector_drawings_in_the_pdf():
    d = dossier_of(str(EXAMPLE))
    rendered = render(str(EXAMPLE), "org_chart")
    document = docx.Document(io.BytesIO(rendered.docx))
    signed = signed_sign_offs(d, "org_chart")          # the approver's signature, a PNG of the sample's
    assert len(signed) == 1
    assert len(document.inline_shapes) == 2 + len(signed)
    pngs = [p for p in document.part.package.parts if p.content_type == "image/png"]
    assert len(pngs) == 2 + len(signed) and all(p.blob.startswith(b"\x89PNG") for p in pngs)

    builder = OrgChartBuilder()
    html = document_html(builder.content(d, builder.info(d)), Meta(*[""] * 6))
    assert html.count('<img src="data:image/svg+xml;base64,') == 2

    # the SVGs draw their boxes into the first two (landscape) pages of the PDF
    pages = PdfReader(io.BytesIO(rendered.pdf.data)).pages
    assert [p.mediabox.width > p.mediabox.height for p in pages[:3]] == [True, True, False]
    first, second = (p.get_contents().get_data().decode("latin-1") for p in pages[:2])
    assert _fill_operator(STYLES["after_sales"].fill) in first
    assert _fill_operator(STYLES["own"].fill) in second


def test_outlets_hang_under_the_department_of_their_managers():
    d = dossier_of(str(EXAMPLE))
    service = {x.id for x in d.departments if x.after_sales}
    homes = outlet_homes(d, service)
    assert set(homes) == {o.id for o in d.outlets}
    for outlet in d.outlets:
        if outlet.manager:
            assert homes[outlet.id] == d.person(outlet.manager).department
    # entrusted outlets have no manager on the staff: they go where most own outlets are
    own = [homes[o.id] for o in d.outlets if o.manager]
    for outlet in d.outlets:
        if not outlet.manager:
            assert homes[outlet.id] == max(set(own), key=own.count)


def test_a_department_loop_in_the_data_still_draws():
    d = dossier_of(str(EXAMPLE))
    first, second = d.departments[0], d.departments[1]
    looped = dataclasses.replace(d, departments=(dataclasses.replace(first, parent=second.id),)
                                 + d.departments[1:])
    assert organisation_chart(looped).png.startswith(b"\x89PNG")
    assert service_chart(looped).png.startswith(b"\x89PNG")


# -- the layout ----------------------------------------------------------------------------------
def _tree(outlets: int = 8, extra_roots: int = 0) -> list[OrgNode]:
    leaves = tuple(OrgNode(f"o{i}", f"第{i}服务网点", "负责人：某某", "own" if i % 3 else "entrusted")
                   for i in range(outlets))
    root = OrgNode("gm", "总经理办公室", "负责人：某某", children=(
        OrgNode("svc", "售后服务部", "负责人：某某", children=(
            OrgNode("csc", "客户服务中心", "负责人：某某"),
            OrgNode("net", "服务网点", "", "group", leaves))),
        OrgNode("tq", "技术质量部", "负责人：某某"),
        OrgNode("pl", "配件物流部", "负责人：某某", children=(OrgNode("wh", "仓库", "负责人：某某"),)),
        OrgNode("sup", "一个名字很长很长的服务监督与持续改进部", "负责人：某某")))
    extra = [OrgNode(f"r{i}", f"分公司{i}", "负责人：某某", children=(OrgNode(f"r{i}c", "服务部"),))
             for i in range(extra_roots)]
    return [root] + extra


def _check(layout) -> None:
    boxes = layout.boxes
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b), (a.key, b.key)
    for box in boxes:
        kids = layout.children(box.key)
        if kids:
            assert box.x == pytest.approx((kids[0].x + kids[-1].x) / 2), box.key
            assert all(k.y > box.bottom for k in kids)
        assert 0 <= box.left and box.right <= layout.width + 1e-6 and box.bottom <= layout.height + 1e-6


@pytest.mark.parametrize("outlets, extra_roots", [(0, 0), (1, 0), (8, 0), (40, 0), (8, 3), (200, 2)])
def test_layout_has_no_overlaps_and_parents_centred(outlets, extra_roots):
    _check(layout_tree(_tree(outlets, extra_roots), 250, 116))


def test_leaves_are_spaced_evenly_in_one_row_when_the_tree_fits():
    layout = layout_tree(_tree(3), 400, 200)
    assert not layout.stacked
    leaves = sorted((b for b in layout.boxes if not layout.children(b.key)), key=lambda b: b.x)
    steps = {round(b.x - a.x, 6) for a, b in zip(leaves, leaves[1:])}
    assert len(steps) == 1


def test_wide_trees_stand_leaves_in_columns_then_shrink():
    layout = layout_tree(_tree(40), 250, 116)
    assert layout.stacked == {"net"} and layout.rows_per_column
    column = layout.children("net")
    assert len({b.x for b in column}) == -(-40 // layout.rows_per_column)
    huge = layout_tree(_tree(400), 250, 116)
    _check(huge)
    assert huge.scale_to(250, 116) < 1
    chart = draw_chart(huge, max_width=250, max_height=125)
    assert chart.width_mm <= 250


def test_same_tree_same_bytes():
    first = draw_chart(layout_tree(_tree(12), 250, 116), max_width=250, max_height=125,
                       legend=(("own", "自建服务网点"), ("entrusted", "委托服务网点")))
    second = draw_chart(layout_tree(_tree(12), 250, 116), max_width=250, max_height=125,
                        legend=(("own", "自建服务网点"), ("entrusted", "委托服务网点")))
    assert first.svg == second.svg and first.png == second.png
    d = dossier_of(str(EXAMPLE))
    assert service_chart(d).svg == service_chart(d).svg


def test_a_narrow_chart_is_as_wide_as_its_legend():
    from PIL import Image

    from dossier.render.orgchart import MAX_ENLARGE
    legend = (("department", "售后服务部门"), ("own", "自建服务网点"), ("entrusted", "委托服务网点"))
    tree = [OrgNode("a", "售后服务部", "负责人：某某", children=(
        OrgNode("b", "某服务站", "", "own"), OrgNode("c", "另一服务站", "", "entrusted")))]
    chart = draw_chart(layout_tree(tree, 250, 116), max_width=250, max_height=125, legend=legend)
    png_mm = Image.open(io.BytesIO(chart.png)).width / 200 * 25.4        # figure_drawing saves PNGs at 200 dpi
    assert abs(png_mm - chart.width_mm / MAX_ENLARGE) < 6                 # nothing drawn outside the figure
    assert chart.width_mm / MAX_ENLARGE > 3 * 13                          # room for the three legend entries
