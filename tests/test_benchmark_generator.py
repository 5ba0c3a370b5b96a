"""The benchmark's synthetic company is valid and as large as its size says (nothing here is timed)."""

from __future__ import annotations

import sys

from pypdf import PdfReader

from conftest import ROOT
from dossier.validation import load_dossier

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import SIZES, generate  # noqa: E402


def test_size_m_is_valid_and_complete(tmp_path):
    root = generate("M", tmp_path / "m")
    validation = load_dossier(root)
    assert validation.ok, validation.errors[:5]
    d, size = validation.dossier, SIZES["M"]
    assert len(d.staff) == size.staff and len(d.outlets) == size.outlets
    assert len(d.training.sessions) == size.sessions
    assert sum(len(s.responses) for s in d.satisfaction.surveys) == size.responses
    assert len(d.complaints.complaints) == size.complaints
    pages = sum(len(PdfReader(root / a.file).pages) if a.file.endswith(".pdf") else 1 for a in d.attachments)
    assert pages == size.attachment_pages
    # what it adds raises no warning: it has only the sample's own (the sample's missed inspection)
    sample = load_dossier(ROOT / "company_data" / "example").problems
    assert [(p.code, p.message) for p in validation.problems] == [(p.code, p.message) for p in sample]
