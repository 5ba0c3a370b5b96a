"""Where a line may not break: a version, a number with its unit, an identifier, a URL or an e-mail stay
whole in both formats; short table values stay on one line, their column widened from its neighbours;
signatures never stand alone on a page."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import docx
import pytest

from documents import pdf_pages_text
from dossier.render.content import Column, Document, Paragraph, Section, Signatures, table, text
from dossier.render.docx_writer import document_docx
from dossier.render.html_writer import Meta, document_html
from dossier.render.pdf import html_to_pdf
from dossier.render.typesetting import ADDRESS, TOKEN, pieces, table_layout

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.mark.parametrize("value, kept", [
    ("版本 A/0", ["A/0"]),
    ("额定速度 6.0 m/s，载重 1,000 kg", ["6.0 m/s", "1,000 kg"]),
    ("保修 30天，服务 120.5 万元", ["30天", "120.5 万元"]),
    ("证书编号 SM2026-000001、T350500000001号", ["SM2026-000001", "T350500000001"]),
    ("依据 GB/T 27922-2011 的要求", ["GB/T 27922-2011"]),
    ("5.1.2 人员配置", ["5.1.2"]),                 # an indicator's id is no number: 人 is not its unit
    ("第 3 项，共 12 人次", ["3 项", "12 人次"]),
])
def test_tokens_that_stay_whole(value, kept):
    assert [piece for piece, kind in pieces(value) if kind == TOKEN] == kept
    assert "".join(piece for piece, _kind in pieces(value)) == value


def test_an_address_breaks_only_after_a_slash_of_its_path():
    assert pieces("网站 https://www.minan.example.com/service/policy 与 kefu@minan-service.example.com") == (
        ("网站 ", None), ("https://www.minan.example.com/", ADDRESS), ("service/", ADDRESS),
        ("policy", ADDRESS), (" 与 ", None), ("kefu@minan-service.example.com", ADDRESS))


def test_short_values_keep_their_column_wide_enough():
    """A status column given 6% of a table would wrap 已过期 to 已过 | 期, a device column of 7% 乘客电梯 to
    乘客电 | 梯: both are widened from the wide column, in both formats."""
    block = table((Column("设备", 7), Column("说明"), Column("状态", 6, "center")),
                  (("乘客电梯", "额定速度 6.0 m/s，每半月维保一次，年度检验合格后使用。" * 2, "已过期"),
                   ("杂物电梯", "载重 100 kg", "有效")))
    layout = table_layout(block, 172.0)
    assert sum(layout.widths) == pytest.approx(100.0)
    pdf, data = _rendered([block])
    lines = [line.strip() for page in pdf_pages_text(pdf) for line in page.split("\n")]
    assert [any(word in line for line in lines) for word in ("乘客电梯", "杂物电梯", "已过期")] == [True] * 3
    grid = [int(c.get(f"{_W}w")) for c in docx.Document(io.BytesIO(data)).element.body.iter(f"{_W}gridCol")]
    assert [round(100 * w / sum(grid)) for w in grid] == [round(w) for w in layout.widths]


def _rendered(blocks) -> tuple[bytes, bytes]:
    document = Document((Section(tuple(blocks)),))
    pdf = html_to_pdf(document_html(document, Meta("排版", "某公司", "X-01", "", "", "test")), Path(__file__).parent)
    return pdf.data, document_docx(document, company="某公司", code="X-01", title="排版", subject="", keywords="",
                                   when=datetime(2026, 1, 1, 9, 0))


def test_no_token_is_broken_across_lines_in_the_pdf():
    words = "设备额定速度为 6.0 m/s，证书编号 SM2026-000001，版本 A/0，咨询 kefu@minan-service.example.com。"
    narrow = table((Column("甲", 18), Column("乙", 82)), [(words, words)], size=8)
    pdf, _docx = _rendered([Paragraph(text(words * 3)), narrow])
    lines = [line.strip() for page in pdf_pages_text(pdf) for line in page.split("\n")]
    for token in ("6.0 m/s", "SM2026-000001", "A/0", "kefu@minan-service.example.com"):
        broken = [line for line in lines if _ends_inside(line, token)]
        assert broken == [], token


def _ends_inside(line: str, token: str) -> bool:
    """Whether a line ends with a proper beginning of ``token`` (the token broken after it)."""
    return any(line.endswith(token[:cut]) and not line.endswith(token) for cut in range(2, len(token)))


def test_the_docx_joins_a_token_with_word_s_own_characters():
    _pdf, data = _rendered([Paragraph(text("证书编号 SM2026-000001，额定速度 6.0 m/s。"))])
    body = docx.Document(io.BytesIO(data)).element.body
    runs = [r for r in body.iter(f"{_W}r")]
    xml = "".join(_xml(r) for r in runs)
    assert "<w:t xml:space=\"preserve\">证书编号 SM2026</w:t><w:noBreakHyphen/><w:t xml:space=\"preserve\">000001" in xml
    assert "6.0\u00a0m/s" in xml
    assert "\u2060" not in xml                       # nothing invisible to hinder a search in Word


def _xml(element) -> str:
    from lxml import etree

    return etree.tostring(element, encoding="unicode").replace(f' xmlns:w="{_W[1:-1]}"', "")


def test_signatures_never_stand_alone_on_a_page():
    """A long table that ends at the foot of a page, then the signature line: the line goes over with the
    table's last row, in the PDF; in the DOCX the row before it is kept with it."""
    rows = [(str(i), "整改措施已落实，记录已归档。" * 3) for i in range(1, 200)]
    for count in (30, 31, 32, 33, 34):      # 31–33 rows end at the foot of the page: the line would stand alone
        blocks = [table((Column("序号", 10), Column("内容")), rows[:count]), Signatures((("管理者代表", ""), ("日期", "")))]
        pdf, data = _rendered(blocks)
        pages = pdf_pages_text(pdf)
        assert "管理者代表" not in pages[-1] or str(count) in pages[-1], count
    tables = docx.Document(io.BytesIO(data)).element.body.findall(f"{_W}tbl")
    last_row = tables[0].findall(f"{_W}tr")[-1]
    assert last_row.find(f".//{_W}keepNext") is not None
