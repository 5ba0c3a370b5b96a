"""The evidence binder, read back: pages, links, outline, page numbers, fonts, integrity, determinism."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import EXAMPLE
from documents import squeeze
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
    front = [reader.pages[i].extract_text() or "" for i in range(_front_pages(manifest))]
    first = next(i for i, text in enumerate(front) if "目　录" in text or "目 录" in text)
    index = next(i for i, text in enumerate(front) if "指标证据索引" in text)
    toc_pages = range(first, index)         # the contents may run over more than one page
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


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


_ANNEX = re.compile(r"附录[A-Z]\u3000\S+")     # an annex heading (a contents line has dots and a page)


def _chapter_pages(texts: list[str], part: dict, dossier, indicator: str) -> tuple[tuple[int, int], bool]:
    """Where the service manual's chapter of ``indicator`` is, read off the pages: from the page of its
    heading to the page of the next heading (chapter, part or annex), or the page before when that
    heading is the first line of its page; and whether that heading is a chapter's, moved whole to the top
    of the next page (see ``test_chapter_range_ends_before_a_chapter_pushed_to_the_next_page``)."""
    first, last = part["binder_pages"]
    chapters = {f"{c.id}\u3000{c.name}" for g in dossier.standard.groups for c in g.children}
    headings = [h for g in dossier.standard.groups
                for h in (f"{g.id}\u3000{g.name}", *(f"{c.id}\u3000{c.name}" for c in g.children))]
    found: dict[str, tuple[int, bool]] = {}          # heading → (page, first line of its page)
    for page in range(first, last + 1):
        for position, line in enumerate(_lines(texts[page - 1])):
            key = "annex" if _ANNEX.fullmatch(line) else line
            if (key in headings or key == "annex") and key not in found:
                found[key] = (page, position == 0)
    order = [h for h in headings if h in found] + ["annex"]
    heading = next(h for h in headings if h.startswith(indicator + "\u3000"))
    following = order[order.index(heading) + 1]
    page, top = found[following]
    return (found[heading][0], page - 1 if top else page), top and following in chapters


def _procedure_pages(texts: list[str], part: dict, dossier, indicator: str) -> tuple[int, int]:
    """The pages of the first procedure naming ``indicator``: those whose running footer carries its code
    (read off its control table: 文件编号 …)."""
    first, last = part["binder_pages"]
    procedure = next(p for p in dossier.system.procedures if indicator in p.indicators)
    start = next(page for page in range(first, last + 1) if procedure.title in _lines(texts[page - 1]))
    code = next(line.split()[1] for line in _lines(texts[start - 1]) if line.startswith("文件编号 "))
    pages = [page for page in range(first, last + 1) if f"{code}\u3000第" in texts[page - 1]]
    assert pages[0] == start and pages == list(range(start, pages[-1] + 1)), (code, pages)
    return start, pages[-1]


def _evidence_ranges(out: Path, company: Path):
    """(printed, recorded, actual, pushed): the evidence index's page ranges as printed in the binder, as
    report.json records them and as the binder's pages place the evidence, one per entry in order; and
    the entries whose chapter is followed by a chapter heading moved to the top of the next page."""
    reader = PdfReader(out / "binder.pdf")
    texts = [page.extract_text() or "" for page in reader.pages]
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    report = json.loads((out / "report.json").read_text("utf-8"))
    dossier = load_dossier(company).dossier
    parts = {p["id"]: p for p in manifest["documents"] + manifest["attachments"]}
    front = _front_pages(manifest)
    start = next(i for i in range(front) if "指标证据索引" in _lines(texts[i]))
    shown = squeeze("".join(texts[start:front]))
    shown = shown[shown.index("指标证据索引"):]
    printed = [(int(a), int(b or a)) for a, b in re.findall(r"第(\d+)(?:–(\d+))?页(?!/共)", shown)]
    recorded, actual, pushed = [], [], set()
    for row in report["binder"]["evidence_index"]:
        for entry in row["evidence"]:
            recorded.append(tuple(entry["pages"]))
            part = parts[entry["id"]]
            if entry["id"] == "service_manual":
                pages, moved = _chapter_pages(texts, part, dossier, row["indicator"])
                if moved:
                    pushed.add(len(actual))
                actual.append(pages)
            elif entry["id"] == "procedures":
                actual.append(_procedure_pages(texts, part, dossier, row["indicator"]))
            else:
                actual.append(tuple(part["binder_pages"]))
    return printed, recorded, actual, pushed


def _built(build: str, request) -> tuple[Path, Path]:
    """(output, company folder) of the small company's or the sample's shared build."""
    if build == "small":
        _result, out, company = request.getfixturevalue("small_company_build")
        return out, company
    _result, out = request.getfixturevalue("example_build")
    return out, EXAMPLE


@pytest.mark.parametrize("build", ["small", "sample"])
def test_evidence_index_ranges_end_on_the_last_page_of_their_evidence(build, request):
    """Each range ends where its evidence does: a document's last page, a procedure's last page (not the
    next procedure's first), a chapter's last page (the page before an annex or a part that opens a page;
    the page a next chapter starts on, which it shares, or the page before when that chapter's heading was
    pushed to the top of a page); as printed, as recorded, as the pages show."""
    printed, recorded, actual, _pushed = _evidence_ranges(*_built(build, request))
    assert printed == recorded
    assert recorded == actual
    assert any(last > first for first, last in actual)


@pytest.mark.parametrize("build", ["small", "sample"])
def test_chapter_range_ends_before_a_chapter_pushed_to_the_next_page(build, request):
    """A chapter followed by one whose heading the layout moved whole to the top of a page (break-after:
    avoid) ends on the page before it (the sample: 5.1.3 on 28–29, 5.2.2 on 33; the small company: 5.2.5
    on 28)."""
    _printed, recorded, actual, pushed = _evidence_ranges(*_built(build, request))
    if not pushed:
        pytest.skip("no chapter heading moved to the top of a page in this layout")
    assert [recorded[i] for i in sorted(pushed)] == [actual[i] for i in sorted(pushed)]


def test_evidence_index_links_and_outline_land_on_the_first_page(small_company_build):
    _result, out, _company = small_company_build
    reader = PdfReader(out / "binder.pdf")
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    report = json.loads((out / "report.json").read_text("utf-8"))
    rows = report["binder"]["evidence_index"]
    firsts = [e["pages"][0] for row in rows for e in row["evidence"]]
    index_pages = [i for i in range(_front_pages(manifest)) if "指标证据索引" in _lines(reader.pages[i].extract_text())]
    targets = [t for i in range(index_pages[0], _front_pages(manifest)) for t in _links(reader, i)]
    assert targets == [t for i, t in enumerate(firsts) if i == 0 or firsts[i - 1] != t]   # repeats in a row: one
    outline = reader.outline
    children = outline[outline.index(next(o for o in outline if not isinstance(o, list) and o.title == "指标证据索引"))
                       + 1]
    index_page = index_pages[0] + 1
    assert [(c.title, reader.get_destination_page_number(c) + 1) for c in children] == \
        [(f"{row['indicator']} {row['name']}", row["evidence"][0]["pages"][0] if row["evidence"] else index_page)
         for row in rows]


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


def test_a_page_reference_of_the_front_matter_is_never_broken_across_lines(built):
    """"第 108–113 页" stays on one line in the contents and the evidence index (it wrapped before 页)."""
    _result, out, _reader, manifest = built
    text = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", str(_front_pages(manifest)),
                           str(out / "binder.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    references = re.findall(r"第 \d+(?:–\d+)? 页", text)
    broken = [line for line in text.splitlines() if re.search(r"第 \d+(?:–\d+)?\s*$", line)]
    assert (len(references) > 60, broken) == (True, [])


def test_front_matter_laid_out_in_a_process_of_its_own_binds_the_same_binder(small_company_build):
    """The build lays out the front matter in a forked process while it appends the documents' pages, from a
    first guess of its length (3 pages, too short: laid out again at its length): the same bytes as laying
    it out here first, and as the build's binder."""
    from dossier.binder import assemble_binder, load_attachments
    from dossier.build import forked

    result, out, company = small_company_build
    dossier = load_dossier(company).dossier
    documents, attachments = list(result.documents), load_attachments(dossier)
    here = assemble_binder(dossier, documents, attachments, 3)
    apart = assemble_binder(dossier, documents, attachments, 3, apart=forked.start)
    assert here.front_pages > 3
    assert apart.data == here.data == (out / "binder.pdf").read_bytes()
    assert (apart.parts, apart.index, apart.places) == (here.parts, here.index, here.places)


def test_documents_appended_ahead_of_the_binder_bind_the_same_binder(small_company_build):
    """A rebuild appends the documents it reuses before the first it renders again while it renders that one
    (binder.body.Body): the binder is the same, to the byte; a body holding other documents is refused."""
    from dossier.binder import assemble_binder, load_attachments
    from dossier.binder.body import Body

    result, out, company = small_company_build
    dossier = load_dossier(company).dossier
    documents, attachments = list(result.documents), load_attachments(dossier)
    ahead = Body()
    ahead.append(documents[:3])
    bound = assemble_binder(dossier, documents, attachments, 3, appended=ahead)
    assert bound.data == (out / "binder.pdf").read_bytes()
    other = Body()
    other.append(documents[1:2])
    with pytest.raises(ValueError, match="not the first documents of the binder"):
        assemble_binder(dossier, documents, attachments, 3, appended=other)


def test_a_failure_beside_the_front_matter_stops_its_process(small_company_build, monkeypatch):
    import dossier.binder.assemble as assemble
    from dossier.binder import assemble_binder, load_attachments
    from dossier.build import forked

    result, _out, company = small_company_build
    dossier = load_dossier(company).dossier
    started = []

    def recorded(*args):
        started.append(forked.start(*args))
        return started[-1]

    def broken(self, documents, attachments):
        raise ValueError("页面无法追加")

    monkeypatch.setattr(assemble.Body, "completed", broken)
    with pytest.raises(ValueError, match="^页面无法追加$"):
        assemble_binder(dossier, list(result.documents), load_attachments(dossier), 3, apart=recorded)
    assert [r.process.exitcode for r in started] == [-9]


def test_front_matter_the_cache_holds_is_read_here_not_in_a_process(small_company_build):
    """A rebuild whose front matter has not changed reads it from the cache: forking a process for that
    would only cost time."""
    from dossier.binder import assemble_binder, load_attachments
    from dossier.build.cache import RenderCache

    result, out, company = small_company_build
    dossier = load_dossier(company).dossier
    documents, attachments = list(result.documents), load_attachments(dossier)
    asked = []

    def apart(what, function, *args):
        asked.append(what)
        raise AssertionError("laid out apart")

    front_pages = json.loads((out / "manifest.json").read_text("utf-8"))["binder"]["front_pages"]
    kept = assemble_binder(dossier, documents, attachments, front_pages, RenderCache(out), apart)
    assert asked == [] and kept.data == (out / "binder.pdf").read_bytes()
    with pytest.raises(AssertionError, match="^laid out apart$"):
        assemble_binder(dossier, documents, attachments, 3, RenderCache(None), apart)
    assert asked == ["排版封面与目录"]
