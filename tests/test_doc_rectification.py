"""整改报告: every finding with cause, actions, owner, dates, status and evidence; only when findings exist."""

from __future__ import annotations

from conftest import EXAMPLE
from documents import assert_cjk_pdf, docx_text, dossier_of, pdf_text, render, squeeze
from dossier.builders import BUILDERS


def test_every_finding_in_both_formats():
    d = dossier_of(str(EXAMPLE), "rectification")
    rect = d.rectification
    rendered = render(str(EXAMPLE), "rectification")
    closed = sum(1 for f in rect.findings if f.closed)
    for text in (squeeze(pdf_text(rendered.pdf.data)), squeeze(docx_text(rendered.docx))):
        assert squeeze(d.company.name) in text and squeeze(rect.audit.body) in text
        assert f"共提出整改项{len(rect.findings)}项" in text
        assert f"已完成整改并关闭{closed}项，尚未关闭{len(rect.findings) - closed}项" in text
        for f in rect.findings:
            for value in (f.id, f.description[:20], f.cause[:20], f.corrective_action[:20], f.owner_name, f.due.isoformat()):
                assert squeeze(value) in text, value
            for ident in f.evidence:
                assert squeeze(d.attachment(ident).title) in text
            for ident in f.documents:
                assert squeeze(BUILDERS[ident].title) in text
    assert_cjk_pdf(rendered.pdf.data)


def test_no_findings_no_report(small_company):
    from dossier.validation import load_dossier

    d = load_dossier(small_company.root).dossier
    assert d.rectification is None and not BUILDERS["rectification"]().applies(d)
