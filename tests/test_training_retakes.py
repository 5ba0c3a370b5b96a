"""Training records of any trade: a session names the scans of its sign-in sheet and assessment papers
(attachments of evidence.yaml, evidence for the indicator that presents the training), and a
re-assessment (补考) is recorded as such: the person counts once, the result is the last attempt's.
Each case is a copy of the purifier edited for it; the training record is read back from its DOCX."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pytest

from conftest import Company
from documents import element_text, pdf_text, squeeze
from dossier.builders import BUILDERS
from dossier.builders.evidence import evidence_map
from dossier.validation import load_dossier
from validation_helpers import problems

PURIFIER = Path(__file__).resolve().parent / "roots" / "purifier"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

SCANS = """attachments:
  - {id: E07, file: attachments/t01_signin.png, title: 培训签到表（T01）, kind: 记录}
  - {id: E08, file: attachments/t01_papers.png, title: 实操考核记录（T01）, kind: 记录}
"""


def _png() -> bytes:
    from PIL import Image
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "PNG")
    return buffer.getvalue()


def _copy(root: Path) -> Company:
    shutil.copytree(PURIFIER, root)
    (root / "attachments").mkdir(exist_ok=True)
    return Company(root)


def _with_scans(company: Company) -> None:
    for name in ("t01_signin.png", "t01_papers.png"):
        company.path(f"attachments/{name}").write_bytes(_png())
    company.edit("evidence.yaml", "attachments: []\n", SCANS)
    company.edit("training.yaml", "    assessment: 实操考核\n",
                 "    assessment: 实操考核\n    sign_in_scans: [E07]\n    assessment_scans: [E08]\n")


def _dossier(company: Company):
    validation = load_dossier(company.root)
    assert validation.ok, validation.errors
    return validation.dossier


def _text(element) -> str:
    """An element's text as a reader sees it, its line breaks as newlines."""
    return element_text(element, "\n")


def _texts(data: bytes) -> list[str]:
    return [_text(p) for p in docx.Document(io.BytesIO(data)).element.body.iter(f"{_W}p")]


def _signin_rows(data: bytes, session: str) -> list[list[str]]:
    """The sign-in table after the heading line of ``session``, its rows of cell texts."""
    body = list(docx.Document(io.BytesIO(data)).element.body.iterchildren())
    start = next(i for i, child in enumerate(body) if child.tag == f"{_W}p" and _text(child).startswith(session + "　"))
    table = next(child for child in body[start:] if child.tag == f"{_W}tbl")
    return [[_text(tc) for tc in tr.iter(f"{_W}tc")] for tr in table.iter(f"{_W}tr")]


@pytest.fixture(scope="module")
def retaken(tmp_path_factory):
    """The purifier with the scans of T01 attached and 林伟 (S05) failing T01 at 58, then passing the 补考 at 82."""
    company = _copy(tmp_path_factory.mktemp("retaken") / "co")
    _with_scans(company)
    company.edit("training.yaml", "  - {session: T01, staff: S05, score: 82}\n",
                 "  - {session: T01, staff: S05, score: 58}\n")
    company.append("training.yaml", "  - {session: T01, staff: S05, score: 82, retake: true}\n")
    d = _dossier(company)
    return d, BUILDERS["training"]().render(d)


def test_a_retaken_assessment_counts_the_person_once_and_passes(retaken):
    d, _rendered = retaken
    t01 = next(x for x in d.figures.training.per_session if x.session.id == "T01")
    assert (t01.attendees, t01.person_hours, t01.assessed, t01.passed) == (2, 8, 2, 2)
    t = d.figures.training
    assert (t.attendances, t.person_hours, t.assessed, t.passed, t.failed) == (7, 18, 7, 7, 0)


def test_the_sign_in_table_shows_both_attempts(retaken):
    _d, rendered = retaken
    assert _signin_rows(rendered.docx, "T01") == [
        ["姓名", "部门", "成绩", "结果"] * 3,
        ["陈刚", "售后服务部", "88.0", "合格", "林伟", "售后服务部", "58.0 /\n补考 82.0", "合格", "", "", "", ""]]
    assert "58.0/补考82.0" in squeeze(pdf_text(rendered.pdf.data))


def test_the_record_says_who_retook_and_names_the_scans(retaken):
    _d, rendered = retaken
    texts = _texts(rendered.docx)
    line = texts.index("T01　2026-03-15　净水设备安装维修技术")
    assert texts[line + 1:line + 3] == [
        "类别：技术业务；讲师：陈刚；课时：4.0 学时；考核方式：实操考核（合格分 60.0）；签到 2 人，合格 2 人，补考 1 人。",
        "签到表扫描件：E07 培训签到表（T01）；考核资料扫描件：E08 实操考核记录（T01）。"]
    assert texts[texts.index("四、培训签到及考核记录") + 1] == (
        "以下按培训场次列出签到人员、所在部门、考核成绩和考核结果；成绩“首次 / 补考”依次为首次考核和补考的成绩，"
        "结果按最后一次考核判定；“—”表示该场培训不考核或未记录成绩。")
    assert "参训 7 人次" in texts[texts.index("一、培训概况") + 1]


def test_a_record_without_retakes_or_scans_says_neither():
    texts = _texts(BUILDERS["training"]().docx(_dossier(Company(PURIFIER))))
    assert texts[texts.index("四、培训签到及考核记录") + 1] == (
        "以下按培训场次列出签到人员、所在部门、考核成绩和考核结果；“—”表示该场培训不考核或未记录成绩。")
    assert [t for t in texts if "扫描件" in t or "补考" in t] == []


def test_the_scans_are_evidence_for_the_training_indicator(retaken):
    d, _rendered = retaken
    found = {ident: {ref.id for ref in refs if ref.kind == "attachment"} for ident, refs in evidence_map(d).items()}
    assert {ident for ident, ids in found.items() if ids} == {"5.1.3"}
    assert found["5.1.3"] == {"E07", "E08"}


# -- validation --------------------------------------------------------------------------------------------

def _located(company: Company):
    return [(p.file, p.line, p.path, p.message) for p in problems(company)]


def test_a_second_row_without_the_mark_is_still_a_duplicate(tmp_path):
    company = _copy(tmp_path / "co")
    company.append("training.yaml", "  - {session: T01, staff: S05, score: 90}\n")
    assert _located(company) == [(company.shown("training.yaml"), company.line_of("training.yaml", "T01, staff: S05, score: 90"),
                                  "attendance[7]", "人员 S05 在培训 T01 中重复签到（与第 2 条相同）。")]


def test_a_retake_without_a_first_attempt_names_its_row(tmp_path):
    company = _copy(tmp_path / "co")
    company.append("training.yaml", "  - {session: T01, staff: S06, score: 75, retake: true}\n")
    assert _located(company) == [
        (company.shown("training.yaml"), company.line_of("training.yaml", "retake: true"), "attendance[7]",
         "第 8 条是人员 S06 在培训 T01 中的补考记录（retake），但没有该人员在这次培训中的首次签到记录；"
         "请补上首次签到，或去掉补考标记。")]


def test_a_csv_table_takes_the_retake_column(tmp_path):
    company = _copy(tmp_path / "co")
    rows = "session,staff,score,retake\nT01,S04,88,\nT01,S05,58,\nT01,S05,82,是\nT02,S06,75,是\n"
    (company.root / "training").mkdir()
    company.path("training/attendance.csv").write_text(rows, encoding="utf-8")
    text = company.path("training.yaml").read_text(encoding="utf-8")
    company.path("training.yaml").write_text(text[:text.index("attendance:\n")] + "attendance: training/attendance.csv\n",
                                             encoding="utf-8")
    assert _located(company) == [
        (company.shown("training/attendance.csv"), 5, "attendance[3]",
         "第 4 条是人员 S06 在培训 T02 中的补考记录（retake），但没有该人员在这次培训中的首次签到记录；"
         "请补上首次签到，或去掉补考标记。")]
    company.edit("training/attendance.csv", "T02,S06,75,是\n", "T02,S06,75,\n")
    t01 = next(s for s in _dossier(company).training.sessions if s.id == "T01")
    assert [(a.staff, a.score, a.retakes, a.passed) for a in t01.attendees] == [
        ("S04", 88, (), True), ("S05", 58, (82,), True)]


def test_a_scan_must_be_an_attachment_of_evidence_yaml(tmp_path):
    company = _copy(tmp_path / "co")
    company.edit("training.yaml", "    assessment: 实操考核\n", "    assessment: 实操考核\n    sign_in_scans: [E07]\n")
    found = _located(company)
    assert [(file, line, path) for file, line, path, _message in found] == [
        (company.shown("training.yaml"), company.line_of("training.yaml", "sign_in_scans"), "sessions[0].sign_in_scans[0]")]
    assert found[0][3].startswith("签到表扫描件 第 1 项：“E07”不存在：")
