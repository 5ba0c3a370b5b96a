"""认证申请书: applicant, scope, people and outlets, exclusions and declaration, in both formats."""

from __future__ import annotations

from conftest import EXAMPLE
from documents import assert_cjk_pdf, docx_fonts, docx_text, dossier_of, pdf_text, render, squeeze


def test_application_form_in_both_formats():
    d = dossier_of(str(EXAMPLE))
    c = d.company
    rendered = render(str(EXAMPLE), "application_form")
    for text in (squeeze(pdf_text(rendered.pdf.data)), squeeze(docx_text(rendered.docx))):
        for value in (c.name, c.uscc, c.legal_representative, c.registered_address, c.contact.mobile,
                      c.contact.email, c.application.target_level, c.application.body, c.scope):
            assert squeeze(value) in text, value
        assert f"{c.headcount.total}人" in text and f"{c.headcount.service_management}人" in text
        assert f"{len(d.figures.staff.certified_managers)}人（应不少于{d.figures.staff.managers_required}人）" in text
        assert f"{d.figures.outlets.own}个/{d.figures.outlets.entrusted}个" in text
        assert "部分委托" in text          # the sample has own and entrusted outlets
        for outlet in d.outlets:
            assert squeeze(outlet.name) in text
        assert "本次申请不删减" in text
        assert "所提交的申请材料真实、有效" in text
    assert_cjk_pdf(rendered.pdf.data)
    assert {"宋体", "黑体"} <= docx_fonts(rendered.docx)


def test_exclusions_are_listed_with_their_reasons(example):
    from dossier.builders import BUILDERS
    from dossier.validation import load_dossier

    example.edit("company.yaml", "  exclusions: []", '  exclusions:\n    - {indicator: "5.2.3", reason: 不提供配送服务}\n  #')
    d = load_dossier(example.root, "application").dossier
    rendered = BUILDERS["application_form"]().render(d)
    label = squeeze(d.standard.indicator("5.2.3").label)
    for text in (squeeze(pdf_text(rendered.pdf.data)), squeeze(docx_text(rendered.docx))):
        assert label in text and "不提供配送服务" in text and "本次申请不删减" not in text
