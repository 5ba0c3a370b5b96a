"""Tables from workbooks (.xlsx): the same rows, rules and documents as from YAML or CSV, errors by cell."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from dossier.builders import BUILDERS
from dossier.load.sources import load_sources
from dossier.validation import load_dossier
from validation_helpers import assert_clean, problems

COMPLAINT_LABELS = {"id": "投诉编号", "received": "受理时间", "channel": "投诉渠道", "customer": "顾客姓名或单位名称",
                    "phone": "顾客电话", "product": "商品", "outlet": "服务网点", "category": "投诉类别",
                    "issue": "投诉内容", "responded": "首次响应时间", "resolved": "处理完毕时间", "handler": "处理人",
                    "outcome": "处理结果", "visit_date": "回访日期", "visit_method": "回访方式",
                    "visit_result": "回访结果"}
STAFF_LABELS = {"id": "人员编号", "name": "姓名", "gender": "性别", "department": "所属部门", "position": "岗位",
                "category": "人员类别", "outlet": "所在服务网点", "hired": "入职日期", "education": "学历",
                "mobile": "手机"}


# -- helpers -------------------------------------------------------------------------------------

def _rows_of(company, file: str, field_path: tuple) -> list[dict]:
    """The rows of a list in one of the company's YAML files, as loaded (text)."""
    data = load_sources(company.root).files[file].data
    for step in field_path:
        data = data[step]
    return data


def _typed(value: str, kind: str):
    """A YAML text as a spreadsheet program would keep it: dates as dates, digits as numbers."""
    if kind == "datetime":
        return datetime.strptime(value, "%Y-%m-%d %H:%M")
    if kind == "date":
        return datetime.strptime(value, "%Y-%m-%d")
    if kind == "number" and re.fullmatch(r"\d+(\.\d+)?", value):
        return float(value)                       # Excel keeps every number as a float
    return value


def _save(path: Path, sheets: dict[str, list[list]], *, hidden=(), title: str | None = None) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        if title and name == next(iter(sheets)):
            sheet.append([title])
            sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=5)
        for row in rows:
            sheet.append(row)
        if name in hidden:
            sheet.sheet_state = "hidden"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def _replace_list(company, file: str, key: str, reference: str) -> None:
    """``key:`` and the lines under it in ``file`` replaced by ``key: reference``."""
    lines = company.path(file).read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith(f"{key}:"))
    indent = _indent(lines[start])
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > indent):
        end += 1
    lines[start:end] = [" " * indent + f"{key}: {reference}\n"]
    company.path(file).write_text("".join(lines), encoding="utf-8")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _complaint_sheet(company, headers=COMPLAINT_LABELS) -> list[list]:
    kinds = {"received": "datetime", "responded": "datetime", "resolved": "datetime", "visit_date": "date"}
    rows = _rows_of(company, "complaints", ("complaints",))
    fields = list(headers)[::-1]                    # any column order
    body = []
    for row in rows:
        cells = [_typed(row[f], kinds.get(f, "")) if f in row else None for f in fields]
        cells[fields.index("phone")] = int(row["phone"])         # a phone number typed in: a number
        body.append(cells)
    return [[headers[f] for f in fields]] + body


def _more_complaints(company, n: int) -> None:
    """``n`` more complaints in complaints.yaml, copies of the first with their own ids."""
    text = company.path("complaints.yaml").read_text(encoding="utf-8")
    first = text[text.index("  - id: C2026-001"):text.index("\nvisits:")]
    copies = "".join(first.replace("C2026-001", f"C2026-10{i}") for i in range(n))
    company.path("complaints.yaml").write_text(text.replace(first, first + copies), encoding="utf-8")


def _content(company, builder: str):
    dossier = load_dossier(company.root).dossier
    assert dossier is not None, [p for p in problems(company)]
    made = BUILDERS[builder]()
    return made.content(dossier, made.info(dossier))


def _twin(company, tmp_path):
    """A copy of the company as it is now (the YAML/CSV original), to compare with."""
    twin = tmp_path / "yaml"
    shutil.copytree(company.root, twin)
    return type(company)(twin)


# -- the same model as from YAML and CSV -----------------------------------------------------------

def _assert_same(company, original, part: str, document: str) -> None:
    """``company`` validates clean and gives ``original``'s part of the model and ``document``'s content."""
    assert_clean(company)
    assert getattr(load_dossier(company.root).dossier, part) == getattr(load_dossier(original.root).dossier, part)
    assert _content(company, document) == _content(original, document)


def test_complaints_from_a_workbook_with_chinese_headers_give_the_same_document(small_company, tmp_path):
    _more_complaints(small_company, 3)
    original = _twin(small_company, tmp_path)
    _save(small_company.path("complaints/complaints.xlsx"), {"投诉记录": _complaint_sheet(small_company)},
          title="2026 年投诉登记表")
    _replace_list(small_company, "complaints.yaml", "complaints", "complaints/complaints.xlsx")
    _assert_same(small_company, original, "complaints", "complaints")


def test_attendance_from_a_named_sheet_with_field_names(small_company, tmp_path):
    original = _twin(small_company, tmp_path)
    rows = _rows_of(small_company, "training", ("attendance",))
    body = [["staff", "score", "session", "retake"]]
    body += [[r["staff"], float(r["score"]), r["session"], False] for r in rows]
    _save(small_company.path("training/签到.xlsx"), {"封面": [["培训签到表"]], "签到": body, "名单": [["x"]]},
          hidden=("名单",))
    _replace_list(small_company, "training.yaml", "attendance", "training/签到.xlsx#签到")
    _assert_same(small_company, original, "training", "training")


def test_survey_answers_keep_text_numbers_and_read_serial_dates(small_company, tmp_path):
    original = _twin(small_company, tmp_path)
    rows = _rows_of(small_company, "satisfaction", ("surveys", 0, "responses"))
    header = ["答卷编号", "调查日期", "顾客姓名或单位名称", "顾客电话", "服务网点", "Q1", "Q2", "Q3", "意见建议", None, None]
    body = [header]
    for r in rows:
        serial = (date.fromisoformat(r["date"]) - date(1899, 12, 30)).days    # a date column formatted as a number
        body.append([r["no"], serial, r["customer"], int(r["phone"]), r["outlet"],
                     *(int(r["scores"][q]) for q in ("Q1", "Q2", "Q3")), r.get("comment"), None, None])
    body += [[None] * len(header)] * 3                                      # trailing empty rows
    _save(small_company.path("satisfaction/2026Q3.xlsx"), {"答卷": body})
    small_company.path("satisfaction.yaml").write_text(re.sub(
        r"    responses:\n(      - .*\n)+", "    responses: satisfaction/2026Q3.xlsx\n",
        small_company.path("satisfaction.yaml").read_text(encoding="utf-8")), encoding="utf-8")
    assert_clean(small_company)
    answers = load_dossier(small_company.root).dossier.satisfaction
    assert answers == load_dossier(original.root).dossier.satisfaction
    assert _content(small_company, "satisfaction") == _content(original, "satisfaction")


def test_staff_and_their_qualifications_from_two_sheets(small_company, tmp_path):
    original = _twin(small_company, tmp_path)
    staff = _rows_of(small_company, "personnel", ("staff",))
    fields = list(STAFF_LABELS)
    roster = [[STAFF_LABELS[f] for f in fields]]
    qualifications = [["人员编号", "资格名称", "证书编号", "发证机构", "发证日期", "有效期至"]]
    for person in staff:
        roster.append([_typed(person[f], "date" if f == "hired" else "") if f in person else None for f in fields])
        if "mobile" in person:
            roster[-1][fields.index("mobile")] = int(person["mobile"])
        for q in person.get("qualifications", []):
            qualifications.append([person["id"], q["kind"], q["number"], q.get("issuer"), _typed(q["issued"], "date"),
                                   _typed(q["valid_until"], "date")])
    _save(small_company.path("personnel.xlsx"), {"人员": roster, "资格证书": qualifications})
    _replace_list(small_company, "personnel.yaml", "staff", "personnel.xlsx")
    _assert_same(small_company, original, "staff", "personnel")


# -- errors by cell ----------------------------------------------------------------------------------

def test_a_bad_cell_is_reported_by_file_row_path_and_cell(small_company):
    _more_complaints(small_company, 3)
    sheet = [["投诉编号", "受理时间"] + [COMPLAINT_LABELS[f] for f in COMPLAINT_LABELS if f not in ("id", "received")]]
    for row in _rows_of(small_company, "complaints", ("complaints",)):
        sheet.append([row["id"], _typed(row["received"], "datetime")] + [row.get(f) for f in COMPLAINT_LABELS
                                                                      if f not in ("id", "received")])
    sheet[4][1] = "上周三"                                   # row 5 of the sheet: the fourth complaint
    _save(small_company.path("complaints/complaints.xlsx"), {"投诉记录": sheet})
    _replace_list(small_company, "complaints.yaml", "complaints", "complaints/complaints.xlsx")
    lines = [f"{p.file}:{p.line}: {p.path}: {p.message}" for p in problems(small_company) if p.severity == "error"]
    assert lines == [f"{small_company.shown('complaints/complaints.xlsx')}:5: complaints[3].received (B5): "
                     "受理时间应为日期和时间，格式如 2026-03-15 09:30，现为“上周三”。"]


def test_a_sheet_is_named_when_the_workbook_has_several(small_company):
    roster = [["人员编号", "姓名", "所属部门", "岗位", "人员类别", "入职日期"]]
    for person in _rows_of(small_company, "personnel", ("staff",)):
        roster.append([person["id"], person["name"], person["department"], person["position"], person["category"],
                       _typed(person["hired"], "date")])
    roster[3][5] = "去年"
    _save(small_company.path("personnel.xlsx"), {"人员": roster, "资格证书": [["人员编号", "资格名称"], ["S99", "电工证"]]})
    _replace_list(small_company, "personnel.yaml", "staff", "personnel.xlsx#人员")
    shown = small_company.shown("personnel.xlsx")
    found = {(p.file, p.line, p.path, p.code) for p in problems(small_company) if p.severity == "error"}
    assert (f"{shown}#人员", 4, "staff[2].hired (F4)", "schema.coerce") in found
    assert (f"{shown}#资格证书", 2, "staff", "table.parent") in found


def test_formulas_give_their_saved_result_and_one_without_is_an_error_at_its_cell(small_company):
    rows = _rows_of(small_company, "training", ("attendance",))
    body = [["培训编号", "人员编号", "考核成绩"]] + [[r["session"], r["staff"], f"={r['score']}"] for r in rows]
    path = _save(small_company.path("attendance.xlsx"), {"签到": body})
    _with_cached_values(path, {"C2": "88", "C3": "82"})        # the others: saved without a result
    _replace_list(small_company, "training.yaml", "attendance", "attendance.xlsx")
    errors = [p for p in problems(small_company) if p.severity == "error"]
    assert {(p.line, p.path) for p in errors} == {(n, f"attendance[{n - 2}].score (C{n})") for n in range(4, 9)}
    assert errors[0].message == "公式（=95）在文件中没有保存计算结果；请在 Excel 或 WPS 中打开并保存后再试，或直接填写数值。"
    assert load_sources(small_company.root).files["training"].data["attendance"][0]["score"] == "88"


def _with_cached_values(path: Path, values: dict[str, str]) -> None:
    """Give some formula cells of the first sheet a saved result, as Excel would (openpyxl writes none)."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    xml = members["xl/worksheets/sheet1.xml"].decode()
    for ref, value in values.items():
        xml = re.sub(rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)(<v\s*/>|<v></v>)?', rf"\1\2<v>{value}</v>", xml)
    members["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def test_unknown_columns_are_ignored_with_a_warning(small_company):
    rows = _rows_of(small_company, "training", ("attendance",))
    body = [["培训编号", "人员编号", "考核成绩", "签名"]] + [[r["session"], r["staff"], int(r["score"]), "✓"] for r in rows]
    _save(small_company.path("attendance.xlsx"), {"签到": body})
    _replace_list(small_company, "training.yaml", "attendance", "attendance.xlsx")
    [warning] = problems(small_company)
    assert (warning.file, warning.line, warning.code, warning.severity) == (
        small_company.shown("attendance.xlsx"), 1, "xlsx.column", "warning")
    assert warning.message.startswith("列“签名”（D1）不是培训签到的字段，已忽略；可用的列名有：培训编号（session）")


def test_a_header_in_two_rows_of_merged_cells(small_company):
    rows = _rows_of(small_company, "training", ("attendance",))
    body = [["培训编号", "人员", None], [None, "人员编号", "考核成绩"]]
    body += [[r["session"], r["staff"], int(r["score"])] for r in rows]
    path = _save(small_company.path("attendance.xlsx"), {"签到": body})
    workbook = openpyxl.load_workbook(path)
    workbook["签到"].merge_cells("A1:A2")
    workbook["签到"].merge_cells("B1:C1")
    workbook.save(path)
    _replace_list(small_company, "training.yaml", "attendance", "attendance.xlsx")
    assert_clean(small_company)


def test_a_gb18030_csv_with_chinese_headers_still_reads(small_company):
    rows = _rows_of(small_company, "training", ("attendance",))
    text = "培训编号,人员编号,考核成绩\n" + "".join(f"{r['session']},{r['staff']},{r['score']}\n" for r in rows)
    small_company.path("attendance.csv").write_bytes(text.encode("gb18030"))
    _replace_list(small_company, "training.yaml", "attendance", "attendance.csv")
    assert_clean(small_company)


def test_several_sheets_and_none_named_is_a_clear_error(small_company):
    _save(small_company.path("attendance.xlsx"), {"一月": [["培训编号"]], "二月": [["培训编号"]]})
    _replace_list(small_company, "training.yaml", "attendance", "attendance.xlsx")
    [problem] = [p for p in problems(small_company) if p.code == "xlsx.sheet"]
    assert problem.message == ("工作簿有多个工作表（“一月”、“二月”），请在文件名后用 # 写明读取哪一个，如 "
                               "attendance: 文件名.xlsx#一月。")


# -- a real spreadsheet program ------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_workbooks_saved_by_libreoffice_calc(small_company, tmp_path):
    """LibreOffice Calc opens CSV files with Chinese headers and saves them as .xlsx: dates become date cells,
    phone numbers numbers, a formula is saved with its result; the tables read back as from YAML."""
    _more_complaints(small_company, 2)
    original = _twin(small_company, tmp_path)
    fields = list(COMPLAINT_LABELS)
    complaints = [[COMPLAINT_LABELS[f] for f in fields]]
    complaints += [[row.get(f, "") for f in fields] for row in _rows_of(small_company, "complaints", ("complaints",))]
    attendance = [["培训编号", "人员编号", "考核成绩"]]
    attendance += [[r["session"], r["staff"], f"=80+{int(r['score']) - 80}"]
                   for r in _rows_of(small_company, "training", ("attendance",))]
    folder = tmp_path / "calc"
    folder.mkdir()
    for name, rows in (("complaints", complaints), ("attendance", attendance)):
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        (folder / f"{name}.csv").write_text(out.getvalue(), encoding="utf-8")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", str(folder),
                    str(folder / "complaints.csv"), str(folder / "attendance.csv")],
                   check=True, capture_output=True, timeout=180)
    sheet = openpyxl.load_workbook(folder / "complaints.xlsx", read_only=True).active
    first = [cell.value for cell in next(sheet.iter_rows(min_row=2, max_row=2))]
    assert isinstance(first[fields.index("received")], datetime) and isinstance(first[fields.index("phone")], int)
    for name, key, file in (("complaints", "complaints", "complaints.yaml"), ("attendance", "attendance", "training.yaml")):
        shutil.copy(folder / f"{name}.xlsx", small_company.path(f"{name}.xlsx"))
        _replace_list(small_company, file, key, f"{name}.xlsx")
    assert_clean(small_company)
    ours, theirs = load_dossier(small_company.root).dossier, load_dossier(original.root).dossier
    assert (ours.complaints, ours.training) == (theirs.complaints, theirs.training)
