"""A document links to the attachments it names: in the binder the training record's scan names are links
to the scans' first pages; the document's own PDF, which holds no attachment, has no link to follow."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from dossier.build import run
from test_training_retakes import _copy, _with_scans


def _links(reader: PdfReader) -> list[tuple[int, object]]:
    """(0-based page, action or destination) of every link annotation."""
    found = []
    for index, page in enumerate(reader.pages):
        for annotation in page.get("/Annots", ()):
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link":
                action = annotation.get("/A")
                found.append((index, action.get_object().get("/URI") if action is not None else annotation.get("/Dest")))
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("links")
    company = _copy(base / "co")
    _with_scans(company)
    out = base / "out"
    run(company.root, out, jobs=2)
    first = (out / "binder.pdf").read_bytes()
    company.edit("complaints.yaml", "visit_method: 电话", "visit_method: 微信")      # the training record is reused
    again = run(company.root, out, jobs=2)
    return out, first, again


def _scan_links(out, data: bytes) -> list[tuple[int, int]]:
    """(binder page of the link, binder page it goes to) of the links on the training record's pages."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    start, end = next(d["binder_pages"] for d in manifest["documents"] if d["id"] == "training")
    reader = PdfReader(io.BytesIO(data))
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    return [(page + 1, pages[target[0].idnum] + 1) for page, target in _links(reader)
            if start - 1 <= page < end and isinstance(target, list)]


def test_the_binder_links_each_scan_name_to_its_first_page(built):
    out, first, _again = built
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    scans = {a["id"]: a["binder_pages"][0] for a in manifest["attachments"]}
    page = next(d for d in manifest["documents"] if d["id"] == "training")["binder_pages"][0] + 1
    assert _scan_links(out, first) == [(page, scans["E07"]), (page, scans["E08"])]


def test_the_document_s_own_pdf_has_no_link_into_the_binder(built):
    out, _first, _again = built
    reader = PdfReader(out / "pdf" / "09-training.pdf")
    assert [uri for _page, uri in _links(reader) if isinstance(uri, str) and uri.startswith("binder:")] == []


def test_a_reused_document_keeps_its_links(built):
    out, first, again = built
    assert "training" not in again.reasons
    assert _scan_links(out, (out / "binder.pdf").read_bytes()) == _scan_links(out, first) != []
