"""The evidence binder, read back: pages, links, outline, page numbers, fonts, integrity, determinism."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from dossier.build import run
from dossier.builders import BUILDERS
from dossier.build.scheduler import render_documents
from dossier.validation import load_dossier


@pytest.fixture(scope="module")
def built(example_build):
    result, out = example_build
    return result, out, PdfReader(out / "binder.pdf"), json.loads((out / "manifest.json").read_text("utf-8"))


def _page_index(reader: PdfReader) -> dict[int, int]:
    return {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}


def _links(reader: PdfReader, page: int) -> list[int]:
    """1-based target pages of the internal links on a page, in order (one per link: weasyprint gives a
    link one annotation per box it spans, so repeats in a row are one link)."""
    index = _page_index(reader)
    targets = []
    for annotation in reader.pages[page].get("/Annots", []):
        action = annotation.get_object().get("/A")
        if action is not None and action.get("/S") == "/GoTo":
            target = index[action["/D"][0].idnum] + 1
            if not targets or targets[-1] != target:
                targets.append(target)
    return targets


def _front_pages(manifest) -> int:
    return manifest["documents"][0]["binder_pages"][0] - 1


def test_page_count_is_the_sum_of_its_parts(built):
    result, out, reader, manifest = built
    parts = manifest["documents"] + manifest["attachments"]
    assert len(reader.pages) == manifest["binder"]["pages"] == result.binder_pages
    assert len(reader.pages) == _front_pages(manifest) + sum(p["pages"] for p in parts)
    page = _front_pages(manifest) + 1
    for part in parts:                      # laid end to end, in order
        assert part["binder_pages"] == [page, page + part["pages"] - 1]
        page += part["pages"]
    for doc in manifest["documents"]:
        assert len(PdfReader(out / doc["pdf"]).pages) == doc["pages"]


def test_toc_links_land_on_the_first_page_of_each_part(built):
    _result, _out, reader, manifest = built
    expected = [p["binder_pages"][0] for p in manifest["documents"] + manifest["attachments"]]
    toc_pages = [i for i in range(_front_pages(manifest)) if "目　录" in (reader.pages[i].extract_text() or "")
                 or "目 录" in (reader.pages[i].extract_text() or "")]
    assert toc_pages
    found = [t for i in toc_pages for t in _links(reader, i)]
    assert found == expected
    for part in manifest["documents"]:
        text = reader.pages[part["binder_pages"][0] - 1].extract_text()
        assert re.sub(r"\s", "", part["title"])[:6] in re.sub(r"\s", "", text), part["id"]
    for part in manifest["attachments"]:
        text = reader.pages[part["binder_pages"][0] - 1].extract_text()
        assert f"附件 {part['id']}" in text or f"附件{part['id']}" in text, part["id"]


def test_evidence_index_links_land_on_the_evidence(built):
    _result, _out, reader, manifest = built
    starts = {p["binder_pages"][0] for p in manifest["documents"] + manifest["attachments"]}
    anchors = set()
    for doc in manifest["documents"]:
        anchors.update(doc["binder_pages"][0] + page for page in doc["anchors"].values())
    index_pages = [i for i in range(_front_pages(manifest)) if "指标证据索引" in (reader.pages[i].extract_text() or "")]
    index_targets = [t for i in index_pages for t in _links(reader, i)]
    assert index_targets
    assert all(t in starts or t in anchors for t in index_targets)


def test_outline_mirrors_the_toc(built):
    _result, _out, reader, manifest = built
    outline = reader.outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles[:4] == ["封面", "申请材料核查表", "目录", "指标证据索引"]
    expected = {re.sub(r"\s", "", p["title"]): p["binder_pages"][0] for p in manifest["documents"]}
    expected.update({re.sub(r"\s", "", f"附件 {p['id']}　{p['title']}"): p["binder_pages"][0]
                     for p in manifest["attachments"]})
    seen = {}
    for position, item in enumerate(outline):
        if isinstance(item, list):
            for child in item:
                if not isinstance(child, list):
                    seen[re.sub(r"\s", "", child.title)] = reader.get_destination_page_number(child) + 1
    for title, page in expected.items():
        matches = [p for t, p in seen.items() if t.endswith(title) or title.endswith(t)]
        assert matches == [page], (title, matches)


def test_every_page_carries_its_binder_page_number(built):
    _result, _out, reader, _manifest = built
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        assert f"第 {number} 页 / 共 {total} 页" in page.extract_text(), number
    assert reader.page_labels == [str(n) for n in range(1, total + 1)]


def test_fonts_are_embedded_cjk_subsets(built):
    _result, out, _reader, _manifest = built
    report = subprocess.run(["pdffonts", str(out / "binder.pdf")], capture_output=True, text=True, check=True)
    rows = report.stdout.splitlines()[2:]
    assert rows
    for row in rows:
        assert re.match(r"[A-Z]{6}\+Noto-(Serif|Sans)-CJK-SC", row), row
        assert " yes yes " in row, row      # embedded, subset


def test_one_shared_subset_per_face(built):
    _result, out, _reader, _manifest = built
    rows = subprocess.run(["pdffonts", str(out / "binder.pdf")], capture_output=True, text=True,
                          check=True).stdout.splitlines()[2:]
    faces = [row.split()[0].split("+", 1)[1] for row in rows]
    assert len(faces) == len(set(faces)), faces
    assert (out / "binder.pdf").stat().st_size < sum((out / d["pdf"]).stat().st_size
                                                    for d in _manifest["documents"])


def _raster(pdf, page, tmp_path, name):
    from PIL import Image
    prefix = tmp_path / name
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", str(page), "-l", str(page), "-singlefile", str(pdf),
                    str(prefix)], check=True)
    return Image.open(f"{prefix}.png").convert("L")


def test_pages_look_the_same_in_the_binder(built, tmp_path):
    from PIL import ImageChops
    _result, out, _reader, manifest = built
    for doc in manifest["documents"][:3]:
        alone = _raster(out / doc["pdf"], 1, tmp_path, f"{doc['id']}-alone")
        bound = _raster(out / "binder.pdf", doc["binder_pages"][0], tmp_path, f"{doc['id']}-bound")
        assert alone.size == bound.size
        top = (0, 0, alone.width, int(alone.height * 0.9))        # above the binder's page number
        assert ImageChops.difference(alone.crop(top), bound.crop(top)).getbbox() is None, doc["id"]


def test_qpdf_check_passes(built):
    _result, out, _reader, _manifest = built
    check = subprocess.run(["qpdf", "--check", str(out / "binder.pdf")], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_metadata(built):
    _result, _out, reader, manifest = built
    meta = reader.metadata
    assert meta.author == manifest["company"]
    assert manifest["company"] in meta.title and "GB/T 27922-2011" in meta.subject
    assert meta["/CreationDate"].startswith("D:")


def test_watermarked_attachments(built):
    _result, _out, reader, manifest = built
    for part in manifest["attachments"]:
        first, last = part["binder_pages"]
        for page in range(first, last + 1):
            marked = "仅供商品售后服务认证申请使用" in reader.pages[page - 1].extract_text()
            assert marked == part["watermark"], (part["id"], page)


def _same_files(one: Path, other: Path) -> None:
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(other) for p in other.rglob("*") if p.is_file())
    for relative in files:
        assert hashlib.sha256((one / relative).read_bytes()).hexdigest() == \
            hashlib.sha256((other / relative).read_bytes()).hexdigest(), relative


def test_documents_rendered_one_at_a_time_are_the_same_bytes(small_company_build):
    """The small company's build rendered its documents in two worker processes; rendered again here, in
    this process and in another order, three of them are the same bytes (the whole builds: below)."""
    result, _out, company = small_company_build
    dossier = load_dossier(company).dossier
    chosen = [r for r in result.documents if r.info.id in ("outlets", "responsibility_matrix", "application_form")]
    again = render_documents(dossier, [BUILDERS[r.info.id]() for r in reversed(chosen)], jobs=1)
    assert [(r.info.id, r.pdf.data, r.docx) for r in reversed(again)] == \
        [(r.info.id, r.pdf.data, r.docx) for r in chosen]


@pytest.mark.slow
def test_same_bytes_built_again_one_document_at_a_time(small_company_build, tmp_path):
    """The whole output (documents, binder, report, manifest, cache) of a serial build is the same bytes as
    that of the session's parallel build."""
    _result, out, company = small_company_build
    again = tmp_path / out.name
    run(company, again, jobs=1)
    _same_files(out, again)
