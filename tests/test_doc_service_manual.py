"""售后服务手册: control data, every indicator chapter, the data blocks, the annexes, and a table of contents
whose links and printed page numbers point at the pages the chapters are on."""

from __future__ import annotations

import io
import re

import docx
import yaml
from pypdf import PdfReader

from conftest import EXAMPLE
from documents import assert_cjk_pdf, docx_text, dossier_of, pdf_text, render, squeeze
from dossier.builders.service_manual import TOPIC_BLOCKS, ServiceManualBuilder
from dossier.standard import indicator_anchor
from dossier.render.content import Contents
from dossier.standard import load_standard
from dossier.validation import load_dossier


def _texts(rendered):
    return squeeze(pdf_text(rendered.pdf.data)), squeeze(docx_text(rendered.docx))


def _contents(d) -> tuple:
    """The entries of the manual's table of contents."""
    builder = ServiceManualBuilder()
    document = builder.content(d, builder.info(d))
    return next(b for s in document.sections for b in s.blocks if isinstance(b, Contents)).entries


def _docx_headings(data: bytes) -> list[str]:
    return [squeeze(p.text) for p in docx.Document(io.BytesIO(data)).paragraphs if p.style.name.startswith("Heading")]


def test_control_data_and_revisions_in_both_formats():
    d = dossier_of(str(EXAMPLE))
    raw = yaml.safe_load((EXAMPLE / "service_system.yaml").read_text(encoding="utf-8"))["manual"]["control"]
    rendered = render(str(EXAMPLE), "service_manual")
    assert rendered.info.code == raw["code"]
    for text in _texts(rendered):
        assert squeeze(d.company.name) in text
        assert raw["code"] in text and f"版本/修订{raw['version']}" in text
        for r in raw["revisions"]:
            assert f"{r['version']}{r['date'].isoformat()}{squeeze(r['description'])}{d.person(r['by']).name}" in text
        assert squeeze(d.system.manual.promulgation) in text
    assert_cjk_pdf(rendered.pdf.data)


def test_every_indicator_has_its_chapter_and_anchor():
    d = dossier_of(str(EXAMPLE))
    rendered = render(str(EXAMPLE), "service_manual")
    headings = _docx_headings(rendered.docx)
    pdf = PdfReader(io.BytesIO(rendered.pdf.data))
    for ind in d.standard.indicators:
        anchor = indicator_anchor(ind.id)
        assert anchor in rendered.pdf.anchors, anchor
        page_text = squeeze(pdf.pages[rendered.pdf.anchors[anchor]].extract_text())
        assert f"{ind.id}{ind.name}" in page_text
        assert f"{ind.id}{ind.name}" in headings
        for item in ind.items:      # the requirement is quoted from the standard data only
            assert squeeze(item.text) in squeeze(pdf_text(rendered.pdf.data))
    anchors = list(rendered.pdf.anchors)
    chapters = [a for a in anchors if a.startswith("ind-")]
    assert chapters == [indicator_anchor(i.id) for i in d.standard.indicators]      # in the standard's order
    assert anchors.index(chapters[-1]) < anchors.index("annex-a")   # an annex closes the last chapter's range


def test_table_of_contents_links_and_page_numbers():
    d = dossier_of(str(EXAMPLE))
    rendered = render(str(EXAMPLE), "service_manual")
    toc = _contents(d)
    reader = PdfReader(io.BytesIO(rendered.pdf.data))
    named = {name: reader.get_destination_page_number(dest) for name, dest in reader.named_destinations.items()}
    toc_page = rendered.pdf.anchors["sec-toc"]
    linked = []
    for page in reader.pages[toc_page:toc_page + 2]:
        for annot in page.get("/Annots") or []:
            dest = annot.get_object().get("/Dest")
            if dest is not None and str(dest) not in linked:
                linked.append(str(dest))
    assert linked == [e.anchor for e in toc]
    printed = {}
    for line in "\n".join(p.extract_text() for p in reader.pages[toc_page:toc_page + 2]).splitlines():
        match = re.match(r"^(.*?)[ .]{3,}(\d+)$", line.strip())
        if match:
            printed[squeeze(match.group(1))] = int(match.group(2))
    for entry in toc:
        page = named[entry.anchor]
        assert page == rendered.pdf.anchors[entry.anchor], entry
        assert squeeze(entry.text) in squeeze(reader.pages[page].extract_text()), entry
        assert printed[squeeze(entry.text)] == page + 1, entry
    assert {e.anchor for e in toc} >= {indicator_anchor(i.id) for i in d.standard.indicators}


def test_front_matter_from_the_roles_and_the_rule():
    d = dossier_of(str(EXAMPLE))
    role = d.standard.rule("management_representative")["role"]
    raw = yaml.safe_load((EXAMPLE / "organisation.yaml").read_text(encoding="utf-8"))
    names = {s["id"]: s["name"] for s in
             yaml.safe_load((EXAMPLE / "personnel.yaml").read_text(encoding="utf-8"))["staff"]}
    approver = names[yaml.safe_load((EXAMPLE / "service_system.yaml").read_text(encoding="utf-8"))
                     ["manual"]["control"]["approved_by"]]
    approver_role = next(r["role"] for r in raw["roles"] if names[r["staff"]] == approver)
    representative = next(r for r in raw["roles"] if r["role"] == role)
    for text in _texts(render(str(EXAMPLE), "service_manual")):
        assert f"{role}任命书" in text
        assert f"任命{names[representative['staff']]}为公司{role}" in text
        assert f"{approver_role}：{approver}" in text
        assert "均适用于本公司，无删减" in text


def test_objectives_and_data_blocks_in_both_formats():
    """The manual states policy and targets; measured results stay in the records and the self-assessment,
    so that a new record does not revise the controlled manual."""
    d = dossier_of(str(EXAMPLE))
    f = d.figures
    for text in _texts(render(str(EXAMPLE), "service_manual")):
        for result in f.objectives:
            o = result.objective
            assert squeeze(f"{o.text}{o.period}") in text
            assert "已达成" not in text and "未达成" not in text
        assert f"满意率目标不低于{d.satisfaction.target:g}%" in text
        assert f"满意率{f.satisfaction.latest.rate:.1f}%" not in text
        assert f"{d.complaints.targets.response_hours:g}小时内响应" in text
        assert f"共受理顾客投诉{f.complaints.total}起" not in text
        assert f"专项资金{d.system.funds.special_fund / 10000:g}万元" in text
        assert f"公司共设售后服务网点{f.outlets.total}个" in text
        assert f"持有效{f.staff.qualification}证书的{len(f.staff.certified_managers)}人" in text
        for term in d.system.warranty.terms:
            assert squeeze(term.product) in text
        for method in d.system.supervision.methods:
            assert squeeze(method) in text


def test_annexes_list_procedures_records_and_managers():
    d = dossier_of(str(EXAMPLE))
    raw = yaml.safe_load((EXAMPLE / "service_system.yaml").read_text(encoding="utf-8"))
    records = list(dict.fromkeys([r for p in raw["procedures"] for r in p["records"]] +
                                 [r for p in raw["practices"] for r in p.get("records", [])]))
    rendered = render(str(EXAMPLE), "service_manual")
    for text in _texts(rendered):
        for p in d.system.procedures:                # in their editions in force on the application date
            assert f"{p.control.code}{squeeze(p.title)}{p.control.version}" in text
        for name in records:
            assert squeeze(name) in text
        for s in d.figures.staff.certified_managers:
            q = s.qualification(d.figures.staff.qualification)
            assert f"{s.name}" in text and q.number in text
    annex = next(t for t in docx.Document(io.BytesIO(rendered.docx)).tables if t.rows[0].cells[1].text == "记录名称")
    assert [row.cells[1].text for row in annex.rows[1:]] == records       # each record once, in order


def test_every_topic_of_the_standard_has_a_block():
    topics = {t for ind in load_standard().indicators for t in ind.topics}
    assert topics <= set(TOPIC_BLOCKS)


def test_defaults_without_promulgation_and_with_an_exclusion(small_company):
    small_company.edit("company.yaml", "exclusions: []", 'exclusions: [{indicator: "5.2.3", reason: 本公司不提供配送服务}]')
    validation = load_dossier(small_company.root)
    assert validation.ok, validation.errors
    d = validation.dossier
    assert not d.system.manual.promulgation
    rendered = ServiceManualBuilder().render(d)
    for text in _texts(rendered):
        assert "本手册经批准，现予颁布" in text
        assert "本指标已删减，删减理由：本公司不提供配送服务。" in text
        assert f"{d.standard.indicator('5.2.3').label.replace(' ', '')}：本公司不提供配送服务" in text
    assert not rendered.pdf.warnings
