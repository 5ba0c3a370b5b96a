"""Approvals, signatures and seals: who signs off each document (organisation.yaml document_control), the
company's seal and signature images (company.yaml signing), and what is left to seal and sign by hand."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date

import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader

from conftest import SMALL, _copy
from documents import approval_text, docx_text, pdf_pages_text, pdf_text, squeeze
from dossier.build import run
from dossier.builders import BUILDERS
from dossier.cli import main
from dossier.problems import format_problem
from dossier.render.formatting import cn_date
from dossier.validation import load_dossier
from validation_helpers import assert_clean

#: the small company's people (tests/roots/small/personnel.yaml) and its application date
NAMES = {"S01": "张明", "S02": "李华", "S03": "王强", "S06": "赵敏"}
APPLIED = date(2026, 12, 1)

CONTROL = """
document_control:
  defaults:
    owner: ADM
    prepared_by: 部门负责人
    reviewed_by: 管理者代表
    approved_by: 总经理
  documents:
    - {document: training, prepared_by: S03, approved_by: 管理者代表, prepared: 2026-11-20, reviewed: 2026-11-22, approved: 2026-11-25}
"""


def _sign_offs(approval) -> list[tuple[str, str, date]]:
    return [(s.duty, s.name, s.date) for s in approval.sign_offs]


def _dossier(company):
    validation = load_dossier(company.root)
    assert validation.ok, [format_problem(p) for p in validation.errors]
    return validation.dossier


def _errors(company) -> list[str]:
    return [format_problem(p) for p in load_dossier(company.root).errors]


# -- who signs off, and when -------------------------------------------------------------------------------

def test_without_document_control_the_built_in_roles_sign(small_company):
    d = _dossier(small_company)
    for ident in ("application_form", "outlets", "complaints"):       # owner: the top department (GM, head S01)
        assert _sign_offs(d.approval(ident)) == [("编制", NAMES["S01"], APPLIED), ("审核", NAMES["S02"], APPLIED),
                                                 ("批准", NAMES["S01"], APPLIED)]
    assert d.approval("service_manual") is None and d.approval("procedures") is None   # their own control


def test_defaults_by_role_and_an_override_resolve_and_print(small_company):
    small_company.append("organisation.yaml", CONTROL)
    assert_clean(small_company)
    d = _dossier(small_company)
    # the head of the owning department (ADM: S06) prepares, the 管理者代表 (S02) reviews, the 总经理 (S01) approves
    assert _sign_offs(d.approval("outlets")) == [("编制", NAMES["S06"], APPLIED), ("审核", NAMES["S02"], APPLIED),
                                                 ("批准", NAMES["S01"], APPLIED)]
    assert d.approval("outlets").owner_name == "综合部"
    assert _sign_offs(d.approval("training")) == [("编制", NAMES["S03"], date(2026, 11, 20)),
                                                  ("审核", NAMES["S02"], date(2026, 11, 22)),
                                                  ("批准", NAMES["S02"], date(2026, 11, 25))]
    for ident in ("outlets", "training"):
        rendered = BUILDERS[ident]().render(d)
        for text in (squeeze(pdf_text(rendered.pdf.data)), squeeze(docx_text(rendered.docx))):
            assert approval_text(d.approval(ident)) in text
    word = squeeze(docx_text(BUILDERS["training"]().render(d).docx))
    assert "编制审核批准签名王强李华李华日期2026年11月20日2026年11月22日2026年11月25日" in word


def test_a_missing_date_is_the_next_given_one(small_company):
    small_company.append("organisation.yaml", CONTROL.replace(
        "prepared: 2026-11-20, reviewed: 2026-11-22, approved: 2026-11-25", "reviewed: 2026-11-22"))
    d = _dossier(small_company)
    assert [s.date for s in d.approval("training").sign_offs] == [date(2026, 11, 22), date(2026, 11, 22), APPLIED]


@pytest.mark.parametrize("old, new, needle, message", [
    ("reviewed: 2026-11-22", "reviewed: 2026-11-18", "{document: training",
     "document_control.documents[0].reviewed: 审核日期（2026-11-18）不能早于编制日期（2026-11-20）。"),
    ("approved: 2026-11-25", "approved: 2026-12-02", "{document: training",
     "document_control.documents[0].approved: 批准日期（2026-12-02）不能晚于本次提交材料的日期（2026-12-01）："
     "文件在提交前编制、审核和批准。"),
    ("approved_by: 总经理", "approved_by: 董事长", "approved_by: 董事长",
     "document_control.defaults.approved_by: 批准人：“董事长”既不是人员编号，也不是关键岗位（roles）的岗位名称或“部门负责人”。"),
    ("prepared_by: S03", "prepared_by: S99", "{document: training",
     "document_control.documents[0].prepared_by: 文件“training”的编制人：“S99”既不是人员编号，也不是关键岗位（roles）的"
     "岗位名称或“部门负责人”。"),
    ("{document: training,", "{document: service_manual,", "{document: service_manual",
     "document_control.documents[0].document: “service_manual”的编制、审核和批准写在 service_system.yaml 的 control 中，"
     "不在这里写。"),
])
def test_bad_document_control_is_one_error_at_its_line(small_company, old, new, needle, message):
    small_company.append("organisation.yaml", CONTROL.replace(old, new))
    line = small_company.line_of("organisation.yaml", needle)
    assert _errors(small_company) == [f"{small_company.shown('organisation.yaml')}:{line}: {message}"]


def test_a_role_two_people_hold_must_be_named_by_staff_id(small_company):
    small_company.edit("organisation.yaml", "  - {role: 服务监督员, staff: S03}",
                       "  - {role: 服务监督员, staff: S03}\n  - {role: 服务监督员, staff: S04}")
    small_company.append("organisation.yaml", CONTROL.replace("reviewed_by: 管理者代表", "reviewed_by: 服务监督员"))
    line = small_company.line_of("organisation.yaml", "reviewed_by: 服务监督员")
    assert _errors(small_company) == [
        f"{small_company.shown('organisation.yaml')}:{line}: document_control.defaults.reviewed_by: "
        "审核人：岗位“服务监督员”有 2 人任职（S03、S04），请改写为其中一人的人员编号。"]


# -- seal and signature images ------------------------------------------------------------------------------

def _seal_png() -> bytes:
    """A red ring on a transparent background."""
    image = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse([10, 10, 290, 290], outline=(200, 30, 30, 255), width=14)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _signature_jpeg() -> bytes:
    image = Image.new("RGB", (240, 80), "white")
    ImageDraw.Draw(image).line([(10, 60), (80, 15), (150, 55), (230, 20)], fill=(20, 30, 120), width=6)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


SIGNING = """
signing:
  seal: attachments/seal.png
  legal_representative: S01
  signatures:
    - {staff: S01, file: attachments/sign_S01.jpg}
"""


def _bad(kind: str) -> tuple[str, bytes]:
    png = _seal_png()
    if kind == "truncated":
        return "seal.png", png[:len(png) // 2]
    if kind == "pixels":
        buffer = io.BytesIO()
        Image.new("RGB", (3000, 2500), "white").save(buffer, "PNG")
        return "seal.png", buffer.getvalue()
    if kind == "text":
        return "seal.png", "不是图片".encode("utf-8")
    if kind == "tiff":
        buffer = io.BytesIO()
        Image.new("RGB", (40, 40), "white").save(buffer, "TIFF")
        return "seal.tif", buffer.getvalue()
    return "seal.png", png + b"\0" * (6 * 1024 * 1024)       # bytes: over the 5 MB a seal may have


@pytest.mark.parametrize("kind, message", [
    ("truncated", "“attachments/seal.png”不是完整可读的图片（文件被截断）；请重新扫描或导出。"),
    ("pixels", "“attachments/seal.png”的像素数量过大，超过 6 百万像素的上限（或为恶意构造的图片）；请以 300 dpi 重新扫描或缩小后再提供。"),
    ("text", "“attachments/seal.png”不是 PNG 或 JPEG 图片（内容不是图片）；公章和签名图片只接受这两种格式，公章宜为透明背景的 PNG。"),
    ("tiff", "“attachments/seal.tif”不是 PNG 或 JPEG 图片（内容为 TIFF 图片）；公章和签名图片只接受这两种格式，公章宜为透明背景的 PNG。"),
    ("bytes", "“attachments/seal.png”过大（6 MB），单个附件上限为 5 MB。"),
])
def test_a_bad_seal_file_is_one_error_naming_it(small_company, kind, message):
    name, data = _bad(kind)
    small_company.path(f"attachments/{name}").write_bytes(data)
    small_company.append("company.yaml", f"\nsigning:\n  seal: attachments/{name}\n")
    line = small_company.line_of("company.yaml", "  seal: attachments/")
    assert _errors(small_company) == [f"{small_company.shown('company.yaml')}:{line}: signing.seal: 公章图片：{message}"]


def test_a_signature_of_someone_not_on_staff_is_an_error(small_company):
    small_company.path("attachments/sign_S01.jpg").write_bytes(_signature_jpeg())
    small_company.path("attachments/seal.png").write_bytes(_seal_png())
    small_company.append("company.yaml", SIGNING.replace("{staff: S01", "{staff: S77"))
    line = small_company.line_of("company.yaml", "{staff: S77")
    assert _errors(small_company) == [
        f"{small_company.shown('company.yaml')}:{line}: signing.signatures[0].staff: "
        f"人员编号：“S77”不存在：{small_company.shown('personnel.yaml')} 的“人员”中没有这个编号。"]


def _binder_page_with(binder: bytes, words: str) -> int:
    """The 1-based binder page whose text holds ``words`` (the one page that does)."""
    found = [n for n, text in enumerate(pdf_pages_text(binder), 1) if squeeze(words) in squeeze(text)]
    assert len(found) == 1, found
    return found[0]


def _checklist(binder: bytes) -> str:
    """The rows of the binder's materials checklist, as one text without whitespace."""
    page = next(text for text in pdf_pages_text(binder) if "申请材料核查表" in text)
    return squeeze(page).split("在本汇编中的位置签字盖章", 1)[1]


@pytest.fixture(scope="module")
def sealed_build(tmp_path_factory):
    """The small company with a seal, the legal representative's signature and a licence copy, built."""
    company = _copy(SMALL, tmp_path_factory.mktemp("sealed") / "co")
    company.path("attachments/seal.png").write_bytes(_seal_png())
    company.path("attachments/sign_S01.jpg").write_bytes(_signature_jpeg())
    licence = io.BytesIO()
    Image.new("RGB", (900, 640), (246, 240, 226)).save(licence, "JPEG", quality=80)
    company.path("attachments/licence.jpg").write_bytes(licence.getvalue())
    company.edit("evidence.yaml", "attachments: []", "attachments:\n  - {id: E01, file: attachments/licence.jpg, "
                 "title: 营业执照副本, kind: 营业执照, indicators: [\"5.1.1\"], watermark: true}")
    company.append("company.yaml", SIGNING)
    out = company.root.parent / "out"
    return company, out, run(company.root, out, jobs=1)


def test_a_given_seal_and_signature_are_on_the_pages(sealed_build):
    company, out, result = sealed_build
    form = next(r for r in result.documents if r.info.id == "application_form")
    reader = PdfReader(io.BytesIO(form.pdf.data))
    page = next(p for p in reader.pages if "申请单位（盖章）" in p.extract_text())
    assert sorted(image.image.mode for image in page.images) == ["RGB", "RGBA"]     # the signature, the seal
    assert page.get_contents().get_data().count(b" Do") == 2
    drawn = b"".join(p.get_contents().get_data() for p in reader.pages).count(b" Do")
    assert drawn == 4               # and in the 编制 and 批准 cells: S01 heads the top department and is 总经理
    with zipfile.ZipFile(io.BytesIO(form.docx)) as archive:
        media = sorted(n for n in archive.namelist() if n.startswith("word/media/"))
        assert [archive.read(n)[:8] == b"\x89PNG\r\n\x1a\n" for n in media].count(True) == 1
        assert len(media) == 2                                  # the seal (PNG) and the signature (JPEG), once each
        body = archive.read("word/document.xml").decode("utf-8")
    cells = re.findall(r"<w:tc>.*?</w:tc>", body)
    assert any("申请单位（盖章）：" in c and "<w:drawing>" in c for c in cells)
    assert any("法定代表人（签字）：" in c and "<w:drawing>" in c for c in cells)


def test_a_licence_copy_is_certified_under_the_seal(sealed_build):
    company, out, result = sealed_build
    binder = (out / "binder.pdf").read_bytes()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    number = next(a["binder_pages"][0] for a in manifest["attachments"] if a["id"] == "E01")
    page = PdfReader(io.BytesIO(binder)).pages[number - 1]
    assert "与原件一致" in page.extract_text() and "（盖章）" not in page.extract_text()
    modes = sorted(image.image.mode for image in page.images)
    assert modes == ["RGB", "RGBA"]           # the licence scan and the seal over 与原件一致
    checklist = _checklist(binder)
    assert "认证申请书（加盖公章）必备有01商品售后服务评价体系认证申请书第" in checklist
    assert checklist.count("已盖章已签字") == 1 and checklist.count("已盖章") == 2      # the form; the licence copy
    assert "须加盖公章" not in checklist and "须签字" not in checklist


def test_check_finds_nothing_left_to_sign_when_images_fill_every_place(sealed_build, runner):
    _company, out, _result = sealed_build
    result = runner.invoke(main, ["check", str(out)])
    assert "须在打印后" not in result.output


def test_without_images_the_checklist_and_check_name_the_pages_to_seal_and_sign(small_company_build, runner):
    _result, out, _company = small_company_build
    binder = (out / "binder.pdf").read_bytes()
    page = _binder_page_with(binder, "申请单位（盖章）")
    assert squeeze("法定代表人（签字）：") in squeeze(pdf_pages_text(binder)[page - 1])
    checklist = _checklist(binder)
    assert f"须加盖公章：第{page}页须签字：第{page}页" in checklist
    assert "已盖章" not in checklist and "已签字" not in checklist
    result = runner.invoke(main, ["check", str(out)])
    lines = [line.strip() for line in result.output.splitlines()]
    assert f"[警告] 申请材料中有 1 处须在打印后加盖公章：01　商品售后服务评价体系认证申请书（第 {page} 页）。" in lines
    assert f"[警告] 申请材料中有 1 处须在打印后签字：01　商品售后服务评价体系认证申请书（第 {page} 页）。" in lines


def test_check_of_the_data_names_the_documents_to_seal_and_sign(small_company, runner):
    result = runner.invoke(main, ["check", str(small_company.root)])
    lines = [line.strip() for line in result.output.splitlines()]
    assert "[警告] 申请材料中有 1 处须在打印后加盖公章：01　商品售后服务评价体系认证申请书。" in lines
    assert "[警告] 申请材料中有 1 处须在打印后签字：01　商品售后服务评价体系认证申请书。" in lines


def test_the_sign_off_date_is_the_submission_date_in_words(small_company):
    d = _dossier(small_company)
    rendered = BUILDERS["outlets"]().render(d)
    assert squeeze(f"日期{cn_date(APPLIED) * 3}") in squeeze(pdf_text(rendered.pdf.data))


def test_the_sample_pack_is_sealed_and_signed_by_its_images(example_build):
    _result, out = example_build
    binder = (out / "binder.pdf").read_bytes()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    checklist = _checklist(binder)
    assert "须加盖公章" not in checklist and "须签字" not in checklist
    assert "认证申请书（加盖公章）必备有01商品售后服务评价体系认证申请书第" in checklist
    assert checklist.split("认证申请书（加盖公章）", 1)[1].split("2营业执照复印件", 1)[0].endswith("已盖章已签字")
    reader = PdfReader(io.BytesIO(binder))
    licence = next(a for a in manifest["attachments"] if a["id"] == "E01")["binder_pages"][0]
    page = reader.pages[licence - 1]
    assert "与原件一致" in page.extract_text() and "/XDossierSeal" in page["/Resources"]["/XObject"]


def test_a_new_seal_image_is_a_change_to_the_documents_that_print_it(small_company):
    from dossier.model.tracking import describe_path, replay

    small_company.path("attachments/seal.png").write_bytes(_seal_png())
    small_company.append("company.yaml", "\nsigning:\n  seal: attachments/seal.png\n")
    form, outlets = (BUILDERS[ident]().render(_dossier(small_company)) for ident in ("application_form", "outlets"))
    image = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse([5, 5, 195, 195], outline=(180, 20, 20, 255), width=9)
    image.save(small_company.path("attachments/seal.png"))
    again = _dossier(small_company)
    assert {describe_path(p) for p in replay(again, form.reads).changed} == {
        "company.signing.seal.image.digest", "company.signing.seal.image.width", "company.signing.seal.image.height"}
    assert replay(again, outlets.reads).changed == ()
