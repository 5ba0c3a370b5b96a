"""程序文件汇编: the list, every procedure with its control block, revisions and six parts, the running code
per page, and the indicators the collection evidences."""

from __future__ import annotations

import io

import docx
import yaml
from pypdf import PdfReader

from conftest import EXAMPLE, ROOT
from documents import assert_cjk_pdf, docx_text, dossier_of, pdf_text, render, squeeze
from dossier.builders import BUILDERS


def _raw():
    return yaml.safe_load((EXAMPLE / "service_system.yaml").read_text(encoding="utf-8"))["procedures"]


def test_every_procedure_in_both_formats():
    d = dossier_of(str(EXAMPLE))
    rendered = render(str(EXAMPLE), "procedures")
    for text in (squeeze(pdf_text(rendered.pdf.data)), squeeze(docx_text(rendered.docx))):
        assert squeeze(d.company.name) in text
        assert f"共{len(_raw())}份" in text
        for p in d.system.procedures:            # each in its edition in force on the application date
            c = p.control
            assert squeeze(p.title) in text and c.code in text
            assert f"文件编号{c.code}版本/修订{c.version}" in text
            assert f"编制{c.prepared_by}审核{c.reviewed_by}" in text
            for r in c.revisions:
                assert f"{r.version}{r.date.isoformat()}{squeeze(r.description)}{r.by_name}" in text
            for n, step in enumerate(p.steps, start=1):
                assert f"4.{n}{squeeze(step.title)}{squeeze(step.text)}" in text
            for duty in p.responsibilities:
                assert f"{duty.department_name}{squeeze(duty.duty)}" in text
            for record in p.records:
                assert squeeze(record) in text
        for part in ("1目的", "2范围", "3职责", "4工作程序", "5相关文件", "6记录"):
            assert text.count(part) >= len(_raw())
    assert_cjk_pdf(rendered.pdf.data)


def test_each_procedure_starts_a_page_headed_by_its_code():
    rendered = render(str(EXAMPLE), "procedures")
    reader = PdfReader(io.BytesIO(rendered.pdf.data))
    starts = [rendered.pdf.anchors[f"proc-{p['id']}"] for p in _raw()]
    assert starts == sorted(set(starts))                  # one procedure per start page, in order
    ends = starts[1:] + [len(reader.pages)]
    for p, start, end in zip(_raw(), starts, ends):
        assert squeeze(p["title"]) in squeeze(reader.pages[start].extract_text())
        for number in range(start, end):     # the running header: "<code>　第 N 页 / 共 M 页"
            assert f"{p['control']['code']}第{number + 1}页/共" in squeeze(reader.pages[number].extract_text())
    title = BUILDERS["procedures"].title           # the list pages carry the collection's own number
    assert all(f"{title}第{i + 1}页/共" in squeeze(reader.pages[i].extract_text()) for i in range(1, starts[0]))


def test_docx_headings_one_per_procedure():
    rendered = render(str(EXAMPLE), "procedures")
    titles = [p.text for p in docx.Document(io.BytesIO(rendered.docx)).paragraphs if p.style.name == "Heading 1"]
    assert titles == ["文件清单"] + [p["title"] for p in _raw()]


def test_evidences_are_the_indicators_the_procedures_name():
    d = dossier_of(str(EXAMPLE))
    standard = yaml.safe_load((ROOT / "dossier" / "standard" / "gbt27922_2011.yaml").read_text(encoding="utf-8"))
    order = [c["id"] for g in standard["indicators"] for c in g["children"]]
    named = {i for p in _raw() for i in p["indicators"]}
    expected = tuple(i for i in order if i in named)
    assert BUILDERS["procedures"]().evidences(d) == expected
    assert tuple(i.id for i in render(str(EXAMPLE), "procedures").info.indicators) == expected
