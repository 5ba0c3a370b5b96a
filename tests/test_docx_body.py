"""The DOCX writer's WordprocessingML goes into the template's body as it is written: every table keeps the
grid the writer gave it (a frame holding a table keeps its one column), a text in the template's header is
still filled in, and the same document gives the same bytes."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import docx
from lxml import etree

from dossier.render.content import Box, Column, Document, Halves, Paragraph, Section, table, text
from dossier.render.docx_writer import document_docx

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_INNER = table((Column("项目", 30), Column("说明")), (("甲", "一段说明"), ("乙", "另一段说明")))
DOCUMENT = Document((Section((Paragraph(text("正文第一段。")), Box((Paragraph(text("框内文字")), _INNER), "verdict"),
                              Halves(Paragraph(text("左半")), _INNER))),))


def _docx(document: Document = DOCUMENT) -> bytes:
    return document_docx(document, company="某公司", code="QD-01", title="正文", subject="", keywords="",
                         when=datetime(2026, 1, 1, 9, 0))


def _document_xml(data: bytes) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))


def test_each_table_keeps_the_grid_the_writer_gave_it():
    body = _document_xml(_docx()).find(f"{_W}body")
    outer = [t for t in body.findall(f"{_W}tbl")]
    grids = [len(t.find(f"{_W}tblGrid").findall(f"{_W}gridCol")) for t in outer]
    cells = [max(len(r.findall(f"{_W}tc")) for r in t.findall(f"{_W}tr")) for t in outer]
    assert grids == cells == [1, 2]            # the frame, one column around its table; the halves' table
    inner = [t for t in body.iter(f"{_W}tbl") if t.getparent().tag == f"{_W}tc"]
    assert [len(t.find(f"{_W}tblGrid").findall(f"{_W}gridCol")) for t in inner] == [2]


def test_the_document_reads_in_python_docx_with_its_text_and_header():
    opened = docx.Document(io.BytesIO(_docx()))
    assert [p.text for p in opened.paragraphs][:1] == ["正文第一段。"]
    header = "".join(p.text for p in opened.sections[0].header.paragraphs)
    assert "某公司" in header and "{{" not in header
    assert "dossier:body" not in zipfile.ZipFile(io.BytesIO(_docx())).read("word/document.xml").decode()


def test_the_same_document_gives_the_same_bytes():
    assert _docx() == _docx()
