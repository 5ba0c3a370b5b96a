"""One font configuration per process: weasyprint's fonts are loaded once and reused across documents, and
what a document's PDF holds never depends on what the process laid out before it."""

from __future__ import annotations

import multiprocessing

from conftest import SMALL
from dossier.render import pdf
from dossier.render.pdf import html_to_pdf

_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="style.css"></head><body><section class="page-portrait">
<h2>{title}</h2><p class="body">{text}</p><table><tr><th>编号</th><td><b>{code}</b></td></tr></table>
</section></body></html>"""

FIRST = _PAGE.format(title="售后服务承诺", text="本公司承诺在 24 小时内响应客户报修。", code="SC-01")
OTHER = _PAGE.format(title="顾客投诉处理程序", text="投诉受理、调查、处理、回访，逐项记录。", code="TS2026-001")


def test_a_document_laid_out_after_others_has_the_same_bytes():
    alone = html_to_pdf(FIRST, SMALL).data
    html_to_pdf(OTHER, SMALL)
    assert html_to_pdf(FIRST, SMALL).data == alone
    assert html_to_pdf(OTHER, SMALL).data != alone


def test_the_process_keeps_one_font_configuration():
    assert pdf._font_config() is pdf._font_config()


def _child_config(queue):
    queue.put(pdf._font_config() is not _PARENT[0] and list(pdf._FONTS) == [multiprocessing.current_process().pid])


_PARENT: list = []


def test_a_forked_worker_makes_its_own():
    _PARENT[:] = [pdf._font_config()]
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_child_config, args=(queue,))
    child.start()
    child.join(30)
    assert queue.get(timeout=5) is True
