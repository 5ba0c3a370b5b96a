"""售后服务网点清单: every outlet and its figures, in both formats."""

from __future__ import annotations

from conftest import EXAMPLE
from documents import assert_cjk_pdf, docx_text, dossier_of, pdf_text, render, squeeze


def test_outlets_in_both_formats():
    d = dossier_of(str(EXAMPLE))
    rendered = render(str(EXAMPLE), "outlets")
    pdf, word = squeeze(pdf_text(rendered.pdf.data)), squeeze(docx_text(rendered.docx))
    for text in (pdf, word):
        assert squeeze(d.company.name) in text
        assert f"共设售后服务网点{len(d.outlets)}个" in text
        assert f"委托网点{sum(o.kind == '委托' for o in d.outlets)}个" in text
        for outlet in d.outlets:
            assert squeeze(outlet.name) in text and squeeze(outlet.phone) in text
    assert_cjk_pdf(rendered.pdf.data)
