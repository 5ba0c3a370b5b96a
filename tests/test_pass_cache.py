"""The passes of a long document: laid out without page numbers, which joining them stamps in the header,
and through the build's cache, so that a rebuild lays out again only the passes whose HTML changed, gives
the same bytes as laying them all out, keeps what their rendering warned of and linked to, and a document
reused as it was hands its passes on to the next build."""

from __future__ import annotations

import functools
import io
import os
import subprocess

import pytest
from pypdf import PdfReader

import dossier.render.html_writer as html_writer
import dossier.render.pdf as pdf_module
from dossier.build.cache import CACHE_DIR, RenderCache
from dossier.build.pipeline import run
from dossier.build.scheduler import _render, render_documents
from dossier.builders import BUILDERS
from dossier.builders.issue import Issue
from dossier.render.links import ATTACHMENT
from dossier.render.page_numbers import ROOM, page_number
from dossier.render.stamp import StampFont
from dossier.render.warm import warm_up
from dossier.validation import load_dossier

#: passes of a few rows each, so that the small documents of a test company are laid out in several
_LIMIT, _ABOVE = 8, 16


@pytest.fixture
def short_passes(monkeypatch):
    """Passes of ``_LIMIT`` rows once a document holds more than ``_ABOVE`` (forked processes inherit it)."""
    monkeypatch.setattr(html_writer, "passes", functools.partial(html_writer.passes, limit=_LIMIT, above=_ABOVE))


@pytest.fixture
def layouts(monkeypatch):
    """The HTML weasyprint is asked to lay out, in order (counted where the cache calls it)."""
    seen: list[str] = []
    real = pdf_module.html_to_pdf

    def counted(html, root, pages=None):
        seen.append(html)
        return real(html, root, pages)

    monkeypatch.setattr(pdf_module, "html_to_pdf", counted)
    return seen


def _personnel_passes(dossier) -> int:
    builder = BUILDERS["personnel"]()
    return len(html_writer.passes(builder.composed(dossier, builder.info(dossier, Issue()))))


def _store(root, entries: dict[str, bytes]) -> None:
    for name, data in entries.items():
        path = root / CACHE_DIR / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def test_a_rebuild_lays_out_only_the_pass_that_changed(small_company, short_passes, layouts, tmp_path):
    before = load_dossier(small_company.root, "application").dossier
    count = _personnel_passes(before)
    assert count == 3
    first = _render("personnel", before, Issue())
    assert len(layouts) == count and len(first.passes) == 2 * count
    assert {name.rsplit("/", 1)[0] for name in first.passes} == {"passes/personnel"}
    previous = tmp_path / "out"
    _store(previous, first.passes)

    small_company.edit("personnel.yaml", "hired: 2018-07-01", "hired: 2018-07-09")   # one person's
    after = load_dossier(small_company.root, "application").dossier
    layouts.clear()
    again = _render("personnel", after, Issue(), previous)
    assert len(layouts) == 1 and "2018-07-09" in layouts[0]                  # that person's pass alone
    changed = set(again.passes) - set(first.passes)
    assert len(changed) == 2 and {n.rsplit(".", 1)[1] for n in changed} == {"json", "pdf"}
    assert all(again.passes[n] == first.passes[n] for n in set(again.passes) & set(first.passes))
    assert len(again.passes) == 2 * count

    layouts.clear()
    whole = _render("personnel", after, Issue())                                # every pass laid out
    assert len(layouts) == count
    assert again.pdf.data == whole.pdf.data and again.pdf.anchors == whole.pdf.anchors
    assert again.passes == whole.passes
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(again.pdf.data)).pages)
    assert "2018-07-09" in text and "2018-07-01" not in text


def test_a_cached_pass_keeps_its_warnings_and_links(small_company, tmp_path, monkeypatch):
    html = ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>附件</title>'
            '<link rel="stylesheet" href="style.css"></head><body><section class="page-portrait">'
            f'<p>见<a href="{ATTACHMENT}E07">附件E07</a>。</p><img src="file:///etc/hostname" alt=""></section>'
            '</body></html>')
    first = RenderCache(None, "passes/x")
    rendered = first.render(html, small_company.root)
    assert rendered.links and rendered.links[0][0] == 0 and rendered.links[0][2] == f"{ATTACHMENT}E07"
    assert any("file:///etc/hostname" in w for w in rendered.warnings)
    _store(tmp_path, first.entries)

    def no_layout(html, root):
        raise AssertionError("laid out again")

    monkeypatch.setattr(pdf_module, "html_to_pdf", no_layout)
    again = RenderCache(tmp_path, "passes/x")
    cached = again.render(html, small_company.root)
    assert cached == rendered
    assert again.entries == first.entries and set(first.entries) == {n for n in first.entries
                                                                     if n.startswith("passes/x/")}


def _passes_of(out) -> dict[str, bytes]:
    folder = out / CACHE_DIR / "passes"
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_reused_document_hands_its_passes_on(small_company, short_passes, tmp_path):
    out = tmp_path / "out"
    run(small_company.root, out, stage="application")
    first = _passes_of(out)
    assert {name.split("/", 1)[0] for name in first} == LONG

    small_company.edit("personnel.yaml", "hired: 2018-07-01", "hired: 2018-07-09")
    result = run(small_company.root, out, stage="application")
    assert set(result.reasons) == {"personnel"}
    second = _passes_of(out)
    others = {n: d for n, d in first.items() if not n.startswith("personnel/")}
    assert {n: d for n, d in second.items() if not n.startswith("personnel/")} == others   # handed on
    before = {n for n in first if n.startswith("personnel/")}
    after = {n for n in second if n.startswith("personnel/")}
    # laid out again: that person's pass, and the first, whose revision record gives the new edition
    assert len(after) == len(before) == 6 and len(after - before) == 4
    faces = _faces(out / "binder.pdf")      # the page numbers' font shared in the binder like the rest
    assert len(faces) == len(set(faces)) == 4, faces


def _faces(pdf) -> list[str]:
    """The fonts pdffonts finds in ``pdf``, by face (without their subset tags)."""
    listed = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [row.split()[0].split("+", 1)[1] for row in listed.splitlines()[2:]]


#: the small company's documents laid out in several passes of ``_LIMIT`` rows
LONG = {"application_form", "self_assessment", "responsibility_matrix", "personnel", "training", "satisfaction"}


def _header_runs(page) -> list[tuple[str, float, float, float]]:
    """The runs of text in the top 30 mm of a page: (text, x, baseline y, font size), in PDF points."""
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            a, b, c, d, e, f = tm      # the text matrix, then the page's transformation
            m = (a * cm[0] + b * cm[2], a * cm[1] + b * cm[3], c * cm[0] + d * cm[2], c * cm[1] + d * cm[3],
                 e * cm[0] + f * cm[2] + cm[4], e * cm[1] + f * cm[3] + cm[5])
            if float(page.mediabox.height) - m[5] < 30 * 72 / 25.4:
                runs.append((text.strip(), m[4], m[5], abs(m[3]) * size))

    page.extract_text(visitor_text=visit)
    return runs


def test_a_document_in_passes_numbers_its_pages_in_the_header(small_company, short_passes):
    d = load_dossier(small_company.root, "application").dossier
    rendered = _render("personnel", d, Issue())
    reader = PdfReader(io.BytesIO(rendered.pdf.data))
    total = len(reader.pages)
    assert total == rendered.pdf.pages >= 3
    code = BUILDERS["personnel"]().code(d)
    for number, page in enumerate(reader.pages, 1):
        runs = _header_runs(page)
        [stamp] = [r for r in runs if r[0] == f"第 {number} 页 / 共 {total} 页"]
        [company] = [r for r in runs if r[0] == d.company.name]
        assert any(code in r[0] for r in runs)
        assert abs(stamp[2] - company[2]) < 0.01          # on the header's baseline
        assert abs(stamp[3] - 8.5) < 0.01                  # in the header's size
        portrait = page.mediabox.width < page.mediabox.height
        right = float(page.mediabox.width) - (18 if portrait else 16) * 72 / 25.4   # the header's right end
        width = StampFont([stamp[0]], family="Noto Serif CJK SC").width(stamp[0], stamp[3])
        assert abs(stamp[1] + width - right) < 0.05


def test_the_room_left_for_a_number_holds_the_widest():
    font = StampFont([ROOM, page_number(9999, 9999)], family="Noto Serif CJK SC")
    assert font.width(page_number(9999, 9999), 10) <= font.width(ROOM[1:], 10)


def test_passes_are_laid_out_each_in_a_process_of_its_own_and_join_as_in_one(small_company, short_passes,
                                                                              tmp_path, monkeypatch):
    d = load_dossier(small_company.root, "application").dossier
    chosen = [BUILDERS["personnel"](), BUILDERS["outlets"]()]
    serial = render_documents(d, chosen, jobs=1)
    warm_up()                        # (the parent's warm-up before forking, done now: it lays out a document)
    log = tmp_path / "layouts"
    real = pdf_module.html_to_pdf

    def logged(html, root, pages=None):
        with log.open("a") as fh:
            fh.write(f"{os.getpid()} {'one_pass' if ROOM in html else 'whole'}\n")
        return real(html, root, pages)

    monkeypatch.setattr(pdf_module, "html_to_pdf", logged)
    forked = render_documents(d, chosen, jobs=2)
    assert [(r.info.id, r.pdf.data, r.pdf.anchors, r.docx, r.passes) for r in forked] == \
        [(r.info.id, r.pdf.data, r.pdf.anchors, r.docx, r.passes) for r in serial]
    layouts = [line.split() for line in log.read_text().splitlines()]
    passes = [pid for pid, kind in layouts if kind == "one_pass"]
    assert len(passes) == len(set(passes)) == _personnel_passes(d) == 3      # personnel's, each in its own process
    assert [kind for _, kind in layouts].count("whole") == 1                   # outlets: one pass, where prepared
    assert str(os.getpid()) not in {pid for pid, _ in layouts}


def test_a_layout_of_another_page_count_is_neither_written_nor_kept(small_company, tmp_path, monkeypatch):
    """Asked for a number of pages (the binder's front matter, whose numbers shift with its length), HTML that
    lays out to another is not written as PDF, and the cache keeps nothing of it."""
    import dossier.render.engine as engine
    from dossier.render.pdf import OtherPageCount, html_to_pdf

    html = ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>封面</title>'
            '<link rel="stylesheet" href="style.css"></head><body><section class="page-portrait"><p>第一页</p>'
            '</section><section class="page-portrait"><p>第二页</p></section></body></html>')
    real_pdf_bytes = engine.pdf_bytes
    monkeypatch.setattr(engine, "pdf_bytes", lambda *args: pytest.fail("written"))
    with pytest.raises(OtherPageCount) as other:
        html_to_pdf(html, small_company.root, 3)
    assert other.value.pages == 2
    cache = RenderCache(None)
    with pytest.raises(OtherPageCount) as other:
        cache.render(html, small_company.root, 1)
    assert (other.value.pages, cache.entries) == (2, {})
    monkeypatch.setattr(engine, "pdf_bytes", real_pdf_bytes)
    rendered = cache.render(html, small_company.root, 2)
    assert rendered.pages == 2 and len(PdfReader(io.BytesIO(rendered.data)).pages) == 2
    _store(tmp_path, cache.entries)
    again = RenderCache(tmp_path)
    with pytest.raises(OtherPageCount) as other:
        again.render(html, small_company.root, 4)
    assert (other.value.pages, again.entries) == (2, {})
    assert again.render(html, small_company.root, 2) == rendered and again.entries == cache.entries
