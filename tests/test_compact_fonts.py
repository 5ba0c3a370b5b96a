"""The documents' PDFs embed compact CJK subsets (dossier.render.compact_fonts): bare CFF programs of the used
glyphs, which show every page exactly as weasyprint's own subsets do, text and pixels; faces it cannot subset
so keep weasyprint's; weasyprint's own write_pdf is left as it is; the binder still merges each face."""

from __future__ import annotations

import io
import subprocess

from pypdf import PdfReader, PdfWriter
from weasyprint import HTML

from conftest import SMALL
from dossier.render import compact_fonts
from dossier.render.engine import lay_out, pdf_bytes
from dossier.render.fontshare import share_fonts
from dossier.render.html import HTML_TEMPLATES
from dossier.render.pdf import html_to_pdf

PAGE = ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>字体</title>'
        '<link rel="stylesheet" href="style.css"></head><body><section class="page-portrait">'
        '<h2>售后服务承诺</h2><p class="body">本公司承诺：接到报修后 24 小时内上门，保修期 3 年，'
        '<b>投诉处理满意率 98.5%</b>。GB/T 27922-2011 SM2026-000001</p>'
        '<table><thead><tr><th>网点</th><th>电话</th></tr></thead><tbody><tr><td>福州服务中心</td>'
        '<td class="num">0591-87562311</td></tr></tbody></table></section></body></html>')


def _programs(data: bytes) -> list[tuple[str, str, int]]:
    """(base font, FontFile key and subtype, program length) of every font of a PDF."""
    out = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            key = next(k for k in ("/FontFile3", "/FontFile2", "/FontFile") if k in descriptor)
            stream = descriptor[key].get_object()
            out.append((str(font["/BaseFont"])[8:], f"{key} {stream.get('/Subtype')}", len(stream.get_data())))
    return sorted(set(out))


def _pixels(data: bytes, tmp_path, name: str) -> bytes:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftoppm", "-r", "110", "-gray", str(path)], capture_output=True, check=True).stdout


def _text(data: bytes, tmp_path, name: str) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout


def test_each_cjk_face_is_a_bare_program_of_the_glyphs_used():
    programs = _programs(pdf_bytes(lay_out(PAGE), b"0" * 32))
    assert [(name, kind) for name, kind, _ in programs] == [
        ("Noto-Sans-CJK-SC-Bold", "/FontFile3 /CIDFontType0C"), ("Noto-Serif-CJK-SC", "/FontFile3 /CIDFontType0C"),
        ("Noto-Serif-CJK-SC-Bold", "/FontFile3 /CIDFontType0C")]
    assert all(size < 40_000 for _, _, size in programs)


def test_pages_look_and_read_as_with_weasyprints_own_subsets(tmp_path):
    compact = pdf_bytes(lay_out(PAGE), b"0" * 32)
    own = lay_out(PAGE).write_pdf(pdf_identifier=b"0" * 32)
    assert {kind for _, kind, _ in _programs(own)} == {"/FontFile3 /OpenType"}
    assert _pixels(compact, tmp_path, "compact") == _pixels(own, tmp_path, "own")
    assert _text(compact, tmp_path, "compact") == _text(own, tmp_path, "own")
    assert "0591-87562311" in _text(compact, tmp_path, "compact")
    assert len(compact) < len(own) / 3


def test_weasyprints_own_write_pdf_is_left_as_it_is():
    pdf_bytes(lay_out(PAGE), b"0" * 32)
    stock = HTML(string="<p style=\"font-family: 'Noto Serif CJK SC'\">认证</p>").write_pdf()
    assert {kind for _, kind, _ in _programs(stock)} == {"/FontFile3 /OpenType"}


def test_a_truetype_face_keeps_weasyprints_subset(tmp_path):
    html = PAGE.replace("<h2>", "<h2 style=\"font-family: 'DejaVu Sans'\">").replace("售后服务承诺", "Service pledge")
    data = pdf_bytes(lay_out(html), b"0" * 32)
    kinds = {name: kind for name, kind, _ in _programs(data)}
    assert kinds["DejaVu-Sans-Bold"] == "/FontFile2 None"
    assert kinds["Noto-Serif-CJK-SC"] == "/FontFile3 /CIDFontType0C"
    assert _pixels(data, tmp_path, "compact") == _pixels(lay_out(html).write_pdf(), tmp_path, "own")


def test_a_face_with_a_glyph_missing_keeps_weasyprints_subset(tmp_path):
    html = PAGE.replace("售后服务承诺", "售后服务承诺\ue000")       # a private-use character no font has
    data = pdf_bytes(lay_out(html), b"0" * 32)
    assert {kind for _, kind, _ in _programs(data)} == {"/FontFile3 /OpenType", "/FontFile3 /CIDFontType0C"}
    assert _pixels(data, tmp_path, "compact") == _pixels(lay_out(html).write_pdf(), tmp_path, "own")


def test_the_binder_merges_a_face_whether_its_copies_are_compact_or_not(tmp_path):
    writer = PdfWriter()
    compact = pdf_bytes(lay_out(PAGE), b"0" * 32)
    own = HTML(string=PAGE, base_url=HTML_TEMPLATES.as_uri() + "/").write_pdf()   # as an attachment made elsewhere
    for data in (compact, own):
        writer.append(PdfReader(io.BytesIO(data)))
    assert share_fonts(writer) == 3
    out = io.BytesIO()
    writer.write(out)
    merged = out.getvalue()
    assert [(name, kind) for name, kind, _ in _programs(merged)] == [
        ("Noto-Sans-CJK-SC-Bold", "/FontFile3 /CIDFontType0C"), ("Noto-Serif-CJK-SC", "/FontFile3 /CIDFontType0C"),
        ("Noto-Serif-CJK-SC-Bold", "/FontFile3 /CIDFontType0C")]
    pages = subprocess.run(["pdftoppm", "-r", "110", "-gray", "-f", "2", "-l", "2", "-", ], input=merged,
                           capture_output=True, check=True).stdout
    assert pages == _pixels(own, tmp_path, "own")


def test_a_document_is_the_same_bytes_every_time():
    assert html_to_pdf(PAGE, SMALL).data == html_to_pdf(PAGE, SMALL).data
    assert compact_fonts.BARE_CFF.encode() in html_to_pdf(PAGE, SMALL).data


def test_a_face_s_whole_file_is_read_only_where_it_keeps_weasyprints_subset(monkeypatch):
    read = []
    real = compact_fonts._READ

    def counted(hb_object, ot_color=None, glyph=None):
        read.append(ot_color)
        return real(hb_object, ot_color, glyph)

    monkeypatch.setattr(compact_fonts, "_READ", counted)
    pdf_bytes(lay_out(PAGE), b"0" * 32)
    assert read == []                                   # three CJK faces, none of their 26 MB files copied
    latin = PAGE.replace("<h2>", "<h2 style=\"font-family: 'DejaVu Sans'\">").replace("售后服务承诺", "Service")
    data = pdf_bytes(lay_out(latin), b"0" * 32)
    assert read == [None]                               # the TrueType face, for weasyprint's own subset
    assert {kind for _, kind, _ in _programs(data)} == {"/FontFile2 None", "/FontFile3 /CIDFontType0C"}
