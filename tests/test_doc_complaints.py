"""顾客投诉及回访汇总: figures against the time limits, analysis, major complaints, routine 回访 and the log."""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import datetime, timedelta

import docx
import pytest
from pypdf import PdfReader

from conftest import EXAMPLE
from documents import assert_cjk_pdf, signed_sign_offs, docx_text, dossier_of, pdf_text, render, squeeze
from dossier.builders import BUILDERS
from dossier.builders.complaints import COMPACT_ABOVE
from dossier.model import records as R
from dossier.model.figures.complaints import complaint_figures


def _texts(rendered=None):
    rendered = rendered or render(str(EXAMPLE), "complaints")
    return squeeze(pdf_text(rendered.pdf.data)), squeeze(docx_text(rendered.docx))


def test_summary_and_time_limits_in_both_formats():
    d = dossier_of(str(EXAMPLE))
    c, t = d.figures.complaints, d.complaints.targets
    for text in _texts():
        assert squeeze(d.company.name) in text
        assert f"共受理顾客投诉{c.total}起，其中重大投诉{c.major}起；已处理完毕{c.resolved}起，结案率{c.closure_rate:.1f}%" in text
        assert (f"投诉平均响应时间{c.mean_response_hours:.2f}小时（时限{t.response_hours:.1f}小时），在时限内响应"
                f"{c.response_in_time}起，及时响应率{c.response_in_time_rate:.1f}%") in text
        assert (f"平均处理时间{c.mean_resolution_hours:.1f}小时（时限{t.resolution_hours:.1f}小时），在时限内处理完毕"
                f"{c.resolution_in_time}起，及时处理率{c.resolution_in_time_rate:.1f}%") in text
        assert (f"已回访{c.visited}起，回访率{c.visit_rate:.1f}%；其中在处理完毕后{t.visit_days:.1f}日内回访"
                f"{c.visit_in_time}起（及时回访率{c.visit_in_time_rate:.1f}%）") in text
        assert f"回访满意率{c.visit_satisfaction_rate:.1f}%" in text
        assert (f"完成服务{c.services:,}单，回访{c.services_visited:,}单，回访率{c.service_visit_rate:.1f}%；回访满意"
                f"{c.services_satisfied:,}单，回访满意率{c.service_visit_satisfaction:.1f}%") in text
        assert f"首次响应{t.response_hours:.1f}小时{c.mean_response_hours:.2f}小时是{c.response_in_time}/{c.responded}" in text
        for o in (o for o in d.figures.objectives if o.objective.metric and o.objective.metric.startswith("complaint")):
            assert squeeze(o.objective.text) in text and f"{o.actual:.1f}" in text


def test_channels_categories_and_months():
    d = dossier_of(str(EXAMPLE))
    c = d.figures.complaints
    assert sum(n for _, n in c.by_month) == c.total
    for text in _texts():
        for name, n in c.by_channel + c.by_category:
            assert f"{name}{n}{100 * n / c.total:.1f}%" in text
        assert "；".join(f"{key}：{n}起" for key, n in c.by_month) in text


def test_major_complaints_in_detail_and_routine_visits():
    d = dossier_of(str(EXAMPLE))
    c = d.figures.complaints
    assert c.major == len(c.majors) == 2
    for text in _texts():
        for x in c.majors:
            assert squeeze(f"{x.id}{x.category}") in text and squeeze(x.issue) in text and squeeze(x.outcome) in text
            assert f"{x.customer}（{x.phone}）" in text
        for v in c.visit_periods:
            s = v.stat
            assert (f"{s.period}{s.services:,}{s.visited:,}{v.visit_rate:.1f}%{s.satisfied:,}"
                    f"{v.satisfaction_rate:.1f}%") in text


def test_the_complaint_log_lists_every_complaint():
    d = dossier_of(str(EXAMPLE))
    c = d.figures.complaints
    assert c.total <= COMPACT_ABOVE
    for text in _texts():
        assert "五、投诉处理登记表" in text and "附录投诉处理登记明细" not in text
        for x in d.complaints.complaints:
            assert x.id in text and squeeze(x.issue) in text and squeeze(x.outcome) in text, x.id
            late = "*" if x.id in c.late_response else ""
            assert f"{x.response_hours:.1f}{late}" in text


def test_log_pages_are_landscape():
    rendered = render(str(EXAMPLE), "complaints")
    pages = PdfReader(io.BytesIO(rendered.pdf.data)).pages
    landscape = [p for p in pages if p.mediabox.width > p.mediabox.height]
    assert landscape and pages[0].mediabox.width < pages[0].mediabox.height
    assert "投诉处理登记表" in pdf_text_of(landscape[0])
    sections = docx.Document(io.BytesIO(rendered.docx)).sections
    assert [s.page_width > s.page_height for s in sections] == [False, True]


def pdf_text_of(page) -> str:
    return squeeze(page.extract_text() or "")


def test_no_customer_name_or_phone_from_the_csv_is_printed():
    d = dossier_of(str(EXAMPLE))
    with (EXAMPLE / "complaints" / "complaints.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    staff_names = {s.name for s in d.staff}        # handlers' names print; a customer may share one
    names = {r["customer"] for r in rows} - staff_names
    phones = {r["phone"] for r in rows if r["phone"]}
    assert len(names) > 30
    for text in _texts():
        assert not [n for n in names if n in text]
        assert not [p for p in phones if p in text]


def test_fonts_and_charts():
    rendered = render(str(EXAMPLE), "complaints")
    assert_cjk_pdf(rendered.pdf.data)
    signed = signed_sign_offs(dossier_of(str(EXAMPLE)), "complaints")
    assert len(signed) == 1           # the general manager approves, with his signature image
    assert len(docx.Document(io.BytesIO(rendered.docx)).inline_shapes) == 2 + len(signed)


# -- a big company: 1,000 complaints, laid out in parts ------------------------------------------------------------
BIG = 1000


def _big_dossier():
    d = dossier_of(str(EXAMPLE))
    base = d.complaints.complaints[0]
    start = datetime(2026, 1, 5, 8, 0)
    complaints = []
    for i in range(BIG):
        received = start + timedelta(hours=3 * i)
        resolved = received + timedelta(hours=72 if i % 5 == 0 else 24)
        complaints.append(dataclasses.replace(
            base, id=f"BIG{i:05d}", received=received, channel=("电话", "微信", "服务热线", "网站")[i % 4],
            category=("维修质量", "收费", "安装", "配件", "响应时效")[i % 5], severity="重大" if i % 500 == 0 else "一般",
            issue=f"第{i:05d}号投诉的内容", outcome=f"结论{i:05d}号",
            responded=received + timedelta(hours=2 if i % 4 == 0 else 0.5), resolved=resolved,
            visit_date=None if i % 10 == 0 else resolved.date() + timedelta(days=1), visit_result="满意"))
    records = R.Complaints(d.complaints.targets, tuple(complaints), d.complaints.visits)
    return dataclasses.replace(d, complaints=records,
                               figures=dataclasses.replace(d.figures, complaints=complaint_figures(records)))


@pytest.fixture(scope="module")
def big():
    d = _big_dossier()
    return d, BUILDERS["complaints"]().render(d)


@pytest.mark.slow
def test_big_company_figures(big):
    d, _ = big
    c = d.figures.complaints
    assert (c.total, c.major, c.resolved) == (BIG, 2, BIG)
    assert (c.response_in_time, c.resolution_in_time) == (750, 800)       # every 4th late to respond, 5th to resolve
    assert c.mean_response_hours == pytest.approx((250 * 2 + 750 * 0.5) / BIG)
    assert c.mean_resolution_hours == pytest.approx((200 * 72 + 800 * 24) / BIG)
    assert (c.visited, c.visit_in_time, c.visit_satisfied) == (900, 900, 900)
    assert dict(c.by_category) == {"维修质量": 200, "收费": 200, "安装": 200, "配件": 200, "响应时效": 200}
    assert sum(n for _, n in c.by_month) == BIG and c.by_month[0][0] == "2026-01"


@pytest.mark.slow
def test_big_company_renders_a_summary_and_a_compact_appendix(big):
    d, rendered = big
    pages = len(PdfReader(io.BytesIO(rendered.pdf.data)).pages)
    assert pages < 40, pages                    # one line per complaint: about 40 complaints a page
    for text in _texts(rendered):
        assert f"共受理顾客投诉{BIG:,}起，其中重大投诉2起" in text
        assert f"在时限内响应750起，及时响应率{75.0:.1f}%" in text
        assert f"在时限内处理完毕800起，及时处理率{80.0:.1f}%" in text
        assert f"投诉共{BIG:,}起，逐起登记见附录“投诉处理登记明细”" in text
        assert "附录投诉处理登记明细" in text and "五、投诉处理登记表" not in text
        for i in (0, 1, 500, BIG - 1):
            assert f"BIG{i:05d}" in text and f"第{i:05d}号投诉的内容" in text
        assert "结论00000号" in text            # a major complaint, told in detail
        assert "结论00001号" not in text        # the appendix leaves out the outcome text
        assert all(f"BIG{i:05d}" in text for i in range(0, BIG, 97))


@pytest.mark.slow
def test_a_document_laid_out_in_parts_reads_as_one(big):
    """The 1,000-complaint log is laid out in several passes; the joined PDF numbers its pages 1…N in the
    header, carries one font subset per face and keeps the anchors and bookmarks of every part."""
    import io
    import re
    import subprocess
    import tempfile

    from pypdf import PdfReader

    from dossier.render.content import Table
    from dossier.render.html_writer import PASS_ROWS, passes

    d, rendered = big
    builder = BUILDERS["complaints"]()
    laid_out = passes(builder.content(d, builder.info(d)))
    assert len(laid_out) == 1 + -(-BIG // PASS_ROWS)          # the summary, then the appendix in passes
    appendix = [s for part in laid_out[1:] for s in part.sections]
    assert {s.page for s in appendix} == {"landscape"}
    assert sum(len(b.rows) for s in appendix for b in s.blocks if isinstance(b, Table)) == BIG
    reader = PdfReader(io.BytesIO(rendered.pdf.data))
    assert len(reader.pages) == rendered.pdf.pages
    numbers = [int(re.search(r"第 (\d+) 页", page.extract_text()).group(1)) for page in reader.pages]
    assert numbers == list(range(1, len(reader.pages) + 1))
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(rendered.pdf.data)
        fh.flush()
        rows = subprocess.run(["pdffonts", fh.name], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    faces = [row.split()[0].split("+", 1)[1] for row in rows]
    assert len(faces) == len(set(faces)), faces
    assert len(reader.outline) >= 2          # the bookmarks of the summary and of the appendix
