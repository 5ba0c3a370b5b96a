"""Anchors that start their page: told apart by html_to_pdf, kept through joining, pickling, the manifest
and the render cache, and used by the evidence index to end a range on the page before."""

from __future__ import annotations

import json
import pickle

import pytest

from conftest import SMALL
from dossier.binder.index import _range
from dossier.binder.parts import Part
from dossier.build.cache import RenderCache
from dossier.render.pdf import AnchorPage, anchor_pages, html_to_pdf, join_pdfs, starts_page

#: A6, with the shared stylesheet's running header above the content. The first heading keeps its top
#: margin (nothing breaks before it); "前文" leaves room for heading b but not for the unbreakable block
#: after it, and b may not be parted from that block (h2: break-after: avoid), so b goes whole to the top
#: of page 2; c follows "后文" on page 2.
_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>页首</title>
<link rel="stylesheet" href="style.css">
<style>@page {{ size: A6; margin: 20mm 10mm 10mm 10mm; }} h1 {{ margin-top: 8mm; }}</style></head>
<body><section class="page-portrait"><div class="running" data-company="某公司" data-code="QD-01"></div>
<h1 id="a">甲</h1>
<p style="height: {filler}mm; margin: 0">前文</p>
<h2 id="b">乙</h2>
<p style="height: 20mm; margin: 0; break-inside: avoid">后文</p>
<h2 id="c">丙</h2>
<p>结尾</p>
</section></body></html>"""


@pytest.fixture(scope="module")
def rendered():
    return html_to_pdf(_PAGE.format(filler=75), SMALL)


def test_a_heading_pushed_to_a_new_page_starts_it_one_that_follows_text_shares_it(rendered):
    assert rendered.pages == 2
    assert rendered.anchors == {"a": 0, "b": 1, "c": 1}
    assert {name: starts_page(page) for name, page in rendered.anchors.items()} == \
        {"a": True, "b": True, "c": False}
    assert rendered.page_starts == ["a", "b"]


def test_a_heading_after_text_on_its_page_shares_it():
    shared = html_to_pdf(_PAGE.format(filler=30), SMALL)      # room enough: b follows 前文 on page 1
    assert shared.anchors["b"] == 0 and not starts_page(shared.anchors["b"])
    assert shared.page_starts == ["a"]


def test_the_flag_survives_joining_pickling_and_storing(rendered):
    joined = join_pdfs([html_to_pdf(_PAGE.format(filler=30).replace('id="', 'id="x'), SMALL), rendered])
    first = len([n for n in joined.anchors if n.startswith("x")])
    assert first == 3
    assert joined.anchors["b"] == joined.pages - 1 and joined.page_starts == ["xa", "a", "b"]
    back = pickle.loads(pickle.dumps(rendered))           # worker processes return rendered documents
    assert back.anchors == rendered.anchors and back.page_starts == rendered.page_starts
    assert json.dumps(rendered.anchors) == '{"a": 0, "b": 1, "c": 1}'    # stored as plain pages
    stored = anchor_pages(json.loads(json.dumps(rendered.anchors)), rendered.page_starts)
    assert stored == rendered.anchors and [n for n, p in stored.items() if starts_page(p)] == ["a", "b"]
    assert not any(starts_page(p) for p in anchor_pages({"a": 0, "b": 1}).values())  # an older manifest
    assert not starts_page(3)


def test_the_render_cache_keeps_the_flag(tmp_path):
    html = _PAGE.format(filler=75)
    first = RenderCache(None)
    rendered = first.render(html, SMALL)
    (tmp_path / ".dossier-cache").mkdir()
    for name, data in first.entries.items():
        (tmp_path / ".dossier-cache" / name).write_bytes(data)
    again = RenderCache(tmp_path)
    cached = again.render(html, SMALL)
    assert again.entries == first.entries
    assert cached.anchors == rendered.anchors and cached.page_starts == ["a", "b"]


def test_a_range_ends_before_a_chapter_that_starts_its_page():
    part = Part("document", "service_manual", "服务手册", "", 6, start=10,
                anchors={"ind-5-1-1": AnchorPage(0, True), "ind-5-1-2": AnchorPage(2), "ind-5-1-3": AnchorPage(3, True),
                         "annex-a": AnchorPage(5, True)})
    assert _range(part, "ind-5-1-1") == (10, 12)      # 5.1.2 shares page 12 with the end of 5.1.1
    assert _range(part, "ind-5-1-2") == (12, 12)      # 5.1.3 was pushed to the top of page 13
    assert _range(part, "ind-5-1-3") == (13, 14)
    plain = Part("document", "service_manual", "服务手册", "", 6, start=10,
                 anchors={"ind-5-1-2": 2, "ind-5-1-3": 3, "annex-a": 5})   # flags not known: shares
    assert _range(plain, "ind-5-1-2") == (12, 13)
    assert _range(plain, "ind-5-1-3") == (13, 14)
