"""服务流程图: the steps, who does each and its limit, drawn and tabled in both formats; the flow drawn from the
practices where the data states none; the dealer's own flow; the flow layout itself."""

from __future__ import annotations

import base64
import io
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import docx
import pytest
from pypdf import PdfReader

from conftest import ROOT, SMALL, Company
from documents import assert_cjk_pdf, docx_rows, dossier_of, pdf_text, squeeze
from test_builder_reads import _files_read
from dossier.builders import BUILDERS
from dossier.builders.service_flow import FLOW_HEIGHT, FLOW_WIDTH, flow_chart
from dossier.builders._service_flow import flow_steps
from dossier.render.html_writer import Meta, document_html
from dossier.render.orgchart import PAD, DETAIL_PT, TITLE_PT, OrgNode, _char_width, draw_chart, layout_flow, wrap_text
from dossier.validation import load_dossier

AUTO4S = ROOT / "company_data" / "auto4s"
COMPANY = "示例家电服务有限公司"
COMPLAINTS = "受理后 1 小时内响应，48 小时内处理完毕，处理完毕后 3 日内回访"
LONG = "综合管理与客户服务质量监督及培训考核部"
STATED = """
service_flow:
  steps:
    - {name: 报修受理, department: SVC, limit: 接到报修后1小时内响应, procedure: QP-01, text: 受理报修并登记}
    - {name: 上门服务, department: ADM, within: 24, unit: 小时}
    - {name: 完工回访, department: SVC, within: 3, unit: 工作日}
    - {name: 投诉处理, department: SVC, limit_from: complaints}
"""


def _company(folder: Path, flow: str = "") -> Path:
    shutil.copytree(SMALL, folder)
    company = Company(folder)
    if flow:
        company.append("service_system.yaml", flow)
        company.edit("organisation.yaml", "name: 综合部", f"name: {LONG}")
    return folder


def _render(root: Path):
    validation = load_dossier(root)
    assert validation.ok, [p.message for p in validation.errors]
    return validation.dossier, BUILDERS["service_flow"]().render(validation.dossier)


@pytest.fixture(scope="module")
def derived(tmp_path_factory):
    return _render(_company(tmp_path_factory.mktemp("derived") / "co"))


@pytest.fixture(scope="module")
def stated(tmp_path_factory):
    return _render(_company(tmp_path_factory.mktemp("stated") / "co", STATED))


def drawn_text(svg: bytes) -> list[str]:
    """The strings a chart draws, in order (its SVG keeps each as a text element, set in the CJK font)."""
    return [node.text or "" for node in ElementTree.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]


def pdf_drawing(d, builder) -> bytes:
    """The SVG the PDF's page draws: the figure of the document's HTML."""
    html = document_html(builder.content(d, builder.info(d)), Meta(*[""] * 6))
    return base64.b64decode(re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html).group(1))


def docx_picture(data: bytes) -> bytes:
    pictures = [p.blob for p in docx.Document(io.BytesIO(data)).part.package.parts if p.content_type == "image/png"]
    assert len(pictures) == 1
    return pictures[0]


def _drawn(steps: list[tuple[str, ...]]) -> str:
    """What the boxes say, run together: each step's name, then its detail lines."""
    return "".join(part for step in steps for part in step)


def test_the_flow_from_the_practices_where_the_data_states_none(derived):
    d, rendered = derived
    rows = docx_rows(rendered.docx, "环节")
    assert rows == [["序号", "环节", "负责部门", "时限"], ["1", "维修", "售后服务部", "—"],
                    ["2", "顾客关系", "售后服务部", "—"], ["3", "投诉处理", "售后服务部", COMPLAINTS]]
    intro = (f"图1按{COMPANY}《售后服务手册》中维修、顾客关系、投诉处理的实施安排列出售后服务的主要环节，"
             "各环节的负责部门、时限见表1。")
    pdf = squeeze(pdf_text(rendered.pdf.data))
    for text in (intro, *("".join(r) for r in rows)):
        assert squeeze(text) in pdf
    assert intro in [p.text for p in docx.Document(io.BytesIO(rendered.docx)).paragraphs]
    builder = BUILDERS["service_flow"]()
    chart = flow_chart(flow_steps(d))
    expected = _drawn([("维修", "负责：售后服务部"), ("顾客关系", "负责：售后服务部"),
                       ("投诉处理", "负责：售后服务部", f"时限：{COMPLAINTS}")])
    assert "".join(drawn_text(pdf_drawing(d, builder))) == expected      # what the PDF's page draws
    assert docx_picture(rendered.docx) == chart.png                       # the DOCX shows the same drawing
    assert "".join(drawn_text(chart.svg)) == expected
    page = PdfReader(io.BytesIO(rendered.pdf.data)).pages
    assert len(page) == 1 and page[0].mediabox.width > page[0].mediabox.height
    assert_cjk_pdf(rendered.pdf.data)
    assert _files_read(rendered.reads) <= set(builder.reads)


def test_the_company_s_own_steps_limits_and_procedures(stated):
    d, rendered = stated
    assert docx_rows(rendered.docx, "环节") == [
        ["序号", "环节", "负责部门", "时限", "依据的程序文件", "工作内容"],
        ["1", "报修受理", "售后服务部", "接到报修后1小时内响应", "SL/QP-01 培训管理程序", "受理报修并登记"],
        ["2", "上门服务", LONG, "24 小时内", "—", "—"],
        ["3", "完工回访", "售后服务部", "3 个工作日内", "—", "—"],
        ["4", "投诉处理", "售后服务部", COMPLAINTS, "—", "—"]]
    intro = f"{COMPANY}的售后服务按图1所示的 4 个环节进行，各环节的负责部门、时限、依据的程序文件见表1。"
    pdf = squeeze(pdf_text(rendered.pdf.data))
    assert squeeze(intro) in pdf
    for row in docx_rows(rendered.docx, "环节")[1:]:
        assert squeeze("".join(row)) in pdf
    expected = _drawn([("报修受理", "负责：售后服务部", "时限：接到报修后1小时内响应", "依据：SL/QP-01"),
                       ("上门服务", f"负责：{LONG}", "时限：24 小时内"), ("完工回访", "负责：售后服务部", "时限：3 个工作日内"),
                       ("投诉处理", "负责：售后服务部", f"时限：{COMPLAINTS}")])
    assert "".join(drawn_text(pdf_drawing(d, BUILDERS["service_flow"]()))) == expected
    assert docx_picture(rendered.docx) == flow_chart(flow_steps(d)).png


def test_the_company_words_the_flow_s_opening_itself(small_company):
    small_company.append("service_system.yaml", "\nservice_flow:\n  intro: 本公司的服务流程如下。\n  steps:\n"
                                                "    - {name: 报修受理, department: SVC}\n")
    d = load_dossier(small_company.root).dossier
    paragraphs = [p.text for p in docx.Document(io.BytesIO(BUILDERS["service_flow"]().docx(d))).paragraphs]
    assert "本公司的服务流程如下。" in paragraphs and not any("见表1" in p for p in paragraphs)
    assert docx_rows(BUILDERS["service_flow"]().docx(d), "环节") == [["序号", "环节", "负责部门"], ["1", "报修受理", "售后服务部"]]


def test_a_long_department_name_wraps_inside_its_box(stated):
    d, _rendered = stated
    layout = flow_chart(flow_steps(d)).args[0]                 # the layout the chart draws
    box = layout.boxes[1]
    assert len(box.detail) > 2 and "".join(box.detail) == f"负责：{LONG}时限：24 小时内"
    for b in layout.boxes:
        assert {len(b.title)} == {1}
        for line, size in [(t, TITLE_PT) for t in b.title] + [(t, DETAIL_PT) for t in b.detail]:
            assert sum(_char_width(c, size) for c in line) <= b.width - 2 * PAD + 1e-6, line
            assert line[0] not in "，。、；：）"


def test_the_dealer_s_own_steps():
    d = dossier_of(str(AUTO4S))
    rendered = BUILDERS["service_flow"]().render(d)
    rows = docx_rows(rendered.docx, "环节")
    assert [r[1] for r in rows[1:]] == ["预约", "接车", "诊断", "维修", "质检", "交车", "回访"]
    assert [r[3] for r in rows[1:]] == ["—", "—", "—", "常规保养60分钟内完工", "—", "当日完工车辆按约定时间交车", "3 天内"]
    assert [r[2] for r in rows[1:]] == ["售后服务部"] * 4 + ["技术质检部", "售后服务部", "客户关系部"]
    drawn = "".join(drawn_text(pdf_drawing(d, BUILDERS["service_flow"]())))
    assert drawn.startswith("预约负责：售后服务部依据：HR/CX-06接车") and drawn.endswith("回访负责：客户关系部时限：3 天内依据：HR/CX-09")
    pdf = squeeze(pdf_text(rendered.pdf.data))
    assert all(squeeze("".join(r)) in pdf for r in rows[1:])
    assert len(PdfReader(io.BytesIO(rendered.pdf.data)).pages) == 1


# -- the data -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("step, path, message", [
    ("{name: 上门, department: SVC, limit: 当日, within: 24, unit: 小时}", "within",
     "时限数值：“时限”（limit）、“时限数值”（within）、“时限取自”（limit_from）最多填写其中一项。"),
    ("{name: 上门, department: SVC, within: 24}", "within", "填写了“时限数值”（within）时还须填写“时限单位”（unit）。"),
    ("{name: 上门, department: XX}", "department", "负责部门：“XX”不存在"),
    ("{name: 上门, department: SVC, procedure: QP-09}", "procedure", "依据程序：“QP-09”不存在"),
])
def test_a_wrong_step_is_reported_where_it_is(small_company, step, path, message):
    small_company.append("service_system.yaml", f"\nservice_flow:\n  steps:\n    - {step}\n")
    line = small_company.line_of("service_system.yaml", "    - {name: 上门")
    found = [p for p in load_dossier(small_company.root).errors if p.path.startswith("service_flow")]
    assert [(p.file, p.line, p.path) for p in found] == [
        (small_company.shown("service_system.yaml"), line, f"service_flow.steps[0].{path}")]
    assert found[0].message.startswith(message), found[0].message


# -- the layout -------------------------------------------------------------------------------------------

def _steps(count: int) -> list[OrgNode]:
    return [OrgNode(f"s{i}", f"第{i}环节", f"负责：某某部门\n时限：{i} 小时内") for i in range(count)]


@pytest.mark.parametrize("count", [1, 3, 6, 7, 9, 14, 30])
def test_steps_stand_in_even_rows_with_an_arrow_to_the_next(count):
    layout = layout_flow(_steps(count), FLOW_WIDTH, FLOW_HEIGHT)
    boxes = layout.boxes
    assert [b.key for b in boxes] == [f"s{i}" for i in range(count)]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b), (a.key, b.key)
    rows = sorted({b.y for b in boxes})
    sizes = [sum(b.y == y for b in boxes) for y in rows]
    # even rows, the last one shorter where the steps do not fill it
    assert len(set(sizes[:-1])) <= 1 and 0 < sizes[-1] <= sizes[0] == -(-count // len(rows))
    assert len(layout.arrows) == count - 1
    for path, a, b in zip(layout.arrows, boxes, boxes[1:]):
        assert path[0] in ((a.right, a.y + a.height / 2), (a.x, a.bottom))
        assert path[-1] in ((b.left, b.y + b.height / 2), (b.x, b.y))
    chart = draw_chart(layout, max_width=FLOW_WIDTH, max_height=FLOW_HEIGHT)
    assert chart.width_mm <= FLOW_WIDTH


def test_a_flow_fits_one_row_while_its_boxes_are_wide_enough():
    assert len({b.y for b in layout_flow(_steps(7), FLOW_WIDTH, FLOW_HEIGHT).boxes}) == 1
    assert len({b.y for b in layout_flow(_steps(9), FLOW_WIDTH, FLOW_HEIGHT).boxes}) == 2


def test_same_flow_same_bytes():
    first = flow_chart(flow_steps(dossier_of(str(AUTO4S))))
    second = draw_chart(layout_flow(_steps(7), FLOW_WIDTH, FLOW_HEIGHT), max_width=FLOW_WIDTH, max_height=FLOW_HEIGHT)
    again = flow_chart(flow_steps(dossier_of(str(AUTO4S))))
    assert first.svg == again.svg and first.png == again.png and first.png != second.png


@pytest.mark.parametrize("value, width, lines", [
    # no line begins with a mark: the character before it goes down with it
    ("负责：客户服务中心、售后服务部", 10, ("负责：客", "户服务中", "心、售后", "服务部")),
    # a number or a code stays whole, also before a mark
    ("依据：MA/CX-06、MA/ZD-01", 20, ("依据：", "MA/CX-06、", "MA/ZD-01")),
    # a text that just fills two lines takes three even ones rather than leave one character alone
    (f"时限：{COMPLAINTS}", 42.8, ("时限：受理后 1 小时内响", "应，48 小时内处理完毕，", "处理完毕后 3 日内回访")),
])
def test_box_text_breaks_where_a_reader_expects(value, width, lines):
    assert wrap_text(value, width, DETAIL_PT) == lines
