"""weasyprint as the dossier sets it up (dossier.render.engine) lays out every element the writers and templates
produce exactly as stock weasyprint does, to the byte; one font configuration per process, shared with
the processes forked from it; a document's bytes never depend on what the process laid out before it."""

from __future__ import annotations

import multiprocessing
import re
from pathlib import Path

from weasyprint import HTML

from conftest import SMALL
from dossier.render import engine
from dossier.render.html import HTML_TEMPLATES
from dossier.render.pdf import html_to_pdf
from dossier.render.warm import warm_up

PACKAGE = Path(engine.__file__).resolve().parent.parent
#: the tags the HTML writer builds from a name (headings by level, a cell by kind, a list by order)
COMPUTED = {"h1", "h2", "h3", "h4", "th", "td", "ol", "ul"}


def _tags() -> set[str]:
    """Every tag written literally in the HTML writer, the binder's pages and the templates."""
    sources = [PACKAGE / "render" / "html_writer.py", *(PACKAGE / "binder").glob("*.py"),
               *HTML_TEMPLATES.glob("*.html")]
    found = set()
    for source in sources:
        found |= set(re.findall(r"<([a-z][a-z0-9]*)[\s>/{]", source.read_text(encoding="utf-8")))
    return (found | COMPUTED) - {"html", "head", "body", "meta", "title", "link", "style"}


_IMAGE = ("data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='40' height='20'>"
          "<rect width='40' height='20' fill='%23456'/></svg>")
_TABLE = {"table", "colgroup", "col", "thead", "tbody", "tr", "th", "td", "caption"}


def _page(tags: set[str]) -> str:
    flow = []
    for tag in sorted(tags - _TABLE - {"li", "br", "img", "a"}):
        inner = "<li>第一项<ul><li>下一级<ul><li>再下一级</li></ul></li></ul></li><li>第二项</li>" if tag in ("ul", "ol") \
            else f"{tag} 元素的文字，12.5 万元，SM2026-000001"
        flow.append(f'<{tag} id="id-{tag}">{inner}</{tag}>')
    flow.append(f'<p>换行<br>之后 <a href="https://example.com/">链接</a> <img src="{_IMAGE}" alt=""></p>')
    flow.append('<table class="compact"><colgroup><col style="width:30%"><col></colgroup><thead><tr><th>项目</th>'
                '<th>说明</th></tr></thead><tbody><tr><td>甲</td><td>一段较长的说明文字，需要换行显示在单元格里'
                '面。</td></tr></tbody></table>')
    return ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>元素</title>'
            '<link rel="stylesheet" href="style.css"></head><body><section class="page-portrait">'
            '<div class="running" data-company="某公司" data-code="QD-01"></div>'
            + "".join(flow) + "</section></body></html>")


def test_the_writers_use_the_tags_the_page_covers():
    tags = _tags()
    assert {"section", "div", "p", "span", "b", "br", "a", "img", "table", "colgroup", "col", "thead", "tbody",
            "tr", "th", "td", "figure", "figcaption", "nav", "h2", "ul", "ol", "li"} <= tags


def _bytes(kind, html: str) -> bytes:
    document = kind(string=html, base_url=HTML_TEMPLATES.as_uri() + "/").render(font_config=engine.font_config())
    return document.write_pdf(pdf_identifier=b"0" * 32)


def test_every_element_is_laid_out_as_by_stock_weasyprint():
    html = _page(_tags())
    assert engine._tree(html) is not None                   # parsed by libxml2, not by the fallback
    assert _bytes(engine.Html, html) == _bytes(HTML, html)
    assert html_to_pdf(html, SMALL).pages == 1


def test_text_libxml2_refuses_goes_to_weasyprints_own_parser():
    html = _page({"p"}).replace("p 元素的文字", "控制字符\x01之后")
    assert engine._tree(html) is None
    assert _bytes(engine.Html, html) == _bytes(HTML, html)


FIRST = _page({"h2", "p"})
OTHER = _page({"h3", "b", "td"}).replace("元素的文字", "顾客投诉处理程序")


def test_a_document_laid_out_after_others_has_the_same_bytes():
    alone = html_to_pdf(FIRST, SMALL).data
    html_to_pdf(OTHER, SMALL)
    assert html_to_pdf(FIRST, SMALL).data == alone
    assert html_to_pdf(OTHER, SMALL).data != alone


def test_the_process_keeps_one_font_configuration():
    assert engine.font_config() is engine.font_config()


_PARENT: list = []


def _child_layout(queue):
    queue.put((engine.font_config() is _PARENT[0], html_to_pdf(OTHER, SMALL).data))


def test_a_process_forked_after_the_warm_up_uses_its_parents_fonts_and_lays_out_the_same_bytes():
    warm_up()
    _PARENT[:] = [engine.font_config()]
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_child_layout, args=(queue,))
    child.start()
    shared, data = queue.get(timeout=60)
    child.join(30)
    assert shared is True
    assert data == html_to_pdf(OTHER, SMALL).data
