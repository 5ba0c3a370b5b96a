"""The dossier's own user-agent stylesheet lays out every element the writers and templates produce exactly as
weasyprint's HTML5 one does: a page holding all of them gives the same bytes either way."""

from __future__ import annotations

import re
from pathlib import Path

from weasyprint import HTML

from conftest import SMALL
from dossier.render import pdf
from dossier.render.html import HTML_TEMPLATES

PACKAGE = Path(pdf.__file__).resolve().parent.parent
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


def test_every_element_is_laid_out_as_by_weasyprints_own_stylesheet():
    html = _page(_tags())
    config = pdf._font_config()
    base = HTML_TEMPLATES.as_uri() + "/"
    ours = pdf._Html(string=html, base_url=base).render(font_config=config).write_pdf(pdf_identifier=b"0" * 32)
    stock = HTML(string=html, base_url=base).render(font_config=config).write_pdf(pdf_identifier=b"0" * 32)
    assert ours == stock
    assert pdf.html_to_pdf(html, SMALL).pages == 1
