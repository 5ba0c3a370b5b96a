"""The fill-in workbook: ``dossier init --xlsx``, ``dossier export-xlsx``, and the round trip back to the
same documents; problems from workbooks shown at their cell, whoever finds them."""

from __future__ import annotations

import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from dossier.cli import main
from dossier.export import LISTS_SHEET, NOTES_SHEET, WORKBOOK_NAME, export_workbook, link_sheets, sheet_specs
from dossier.load.sources import load_sources
from dossier.problems import format_problem
from dossier.validation import load_dossier
from conftest import SMALL

# -- the template --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A folder written by ``dossier init --xlsx`` (read only)."""
    from click.testing import CliRunner

    folder = tmp_path_factory.mktemp("init") / "co"
    result = CliRunner().invoke(main, ["init", str(folder), "--xlsx"])
    assert result.exit_code == 0, result.output
    assert f"已创建 {(folder / WORKBOOK_NAME).as_posix()}" in result.output
    return folder


def _validations(sheet, column: str) -> list:
    return [v for v in sheet.data_validations.dataValidation if any(
        str(r).startswith(f"{column}3:") for r in v.sqref.ranges)]


def test_init_xlsx_yaml_names_the_sheets_and_the_folder_validates_with_placeholders_only(template):
    assert "staff: 数据表.xlsx#人员" in (template / "personnel.yaml").read_text(encoding="utf-8")
    training = (template / "training.yaml").read_text(encoding="utf-8")
    assert "  items: 数据表.xlsx#计划项目\n" in training and "sessions: 数据表.xlsx#培训记录\n" in training
    result = load_dossier(template)
    assert not result.errors, [format_problem(p) for p in result.errors]
    assert {p.code for p in result.warnings} == {"data.placeholder"}
    shown = [format_problem(p) for p in result.warnings]
    assert f"{template.as_posix()}/数据表.xlsx#人员:3: staff[0].name (B3): [警告] 仍是模板的占位内容“〔待填：姓名〕”；" \
           "请改为本公司的实际内容。" in shown


def test_one_sheet_per_table_headed_by_labels_under_a_notes_row(template):
    workbook = openpyxl.load_workbook(template / WORKBOOK_NAME)
    assert workbook.sheetnames == [NOTES_SHEET] + [s.title for s in sheet_specs()] + [LISTS_SHEET]
    assert workbook[LISTS_SHEET].sheet_state == "hidden"
    staff = workbook["人员"]
    assert [c.value for c in staff[2]][:4] == ["人员编号", "姓名", "性别", "所属部门"]
    notes = {h.value: n.value for h, n in zip(staff[2], staff[1])}
    assert notes["人员编号"] == "必填；字母、数字、下划线或连字符"
    assert notes["入职日期"] == "选填；日期，如 2026-03-15"
    assert notes["人员类别"] == "必填；从下拉列表中选择：服务管理、服务技术、客户服务、职能支持"
    assert notes["所在服务网点"].startswith("选填；从下拉列表中选择：“服务网点”表中的网点编号")
    qualifications = workbook["资格证书"]
    assert qualifications["A2"].value == "人员编号" and qualifications["A3"].value == "S02"
    outlets = {h.value: n.value for h, n in zip(workbook["服务网点"][2], workbook["服务网点"][1])}
    assert outlets["合作方名称"].startswith("填写委托合作方时必填")
    answers = [c.value for c in workbook["答卷"][2]]
    assert answers[0] == "调查编号" and answers[-3:] == ["Q1", "Q2", "Q3"]


def test_formats_dates_as_dates_and_ids_phones_as_text(template, tmp_path):
    workbook = openpyxl.load_workbook(template / WORKBOOK_NAME)
    staff = workbook["人员"]
    header = {c.value: c.column_letter for c in staff[2]}
    assert staff[f"{header['入职日期']}3"].number_format == "yyyy-mm-dd"
    assert staff[f"{header['入职日期']}3"].value == "2020-01-01 〔待填〕"        # the template's example
    export_workbook(SMALL, tmp_path / WORKBOOK_NAME)
    hired = openpyxl.load_workbook(tmp_path / WORKBOOK_NAME)["人员"][f"{header['入职日期']}3"]
    assert hired.is_date and hired.number_format == "yyyy-mm-dd"
    assert staff.column_dimensions[header["手机"]].number_format == "@"
    assert staff[f"{header['手机']}400"].number_format == "@"              # a row still to fill
    complaints = workbook["投诉记录"]
    received = {c.value: c.column_letter for c in complaints[2]}["受理时间"]
    assert complaints[f"{received}3"].number_format == "yyyy-mm-dd hh:mm"


def test_drop_down_lists_for_closed_values_and_ids_defined_elsewhere(template):
    workbook = openpyxl.load_workbook(template / WORKBOOK_NAME)
    staff = workbook["人员"]
    header = {c.value: c.column_letter for c in staff[2]}
    (category,) = _validations(staff, header["人员类别"])
    assert category.type == "list" and category.errorStyle == "stop"
    lists = workbook[LISTS_SHEET]
    cells = category.formula1.split("!")[1].replace("$", "").split(":")
    assert [c.value for row in lists[cells[0]:cells[1]] for c in row] == ["服务管理", "服务技术", "客户服务", "职能支持"]
    (outlet,) = _validations(staff, header["所在服务网点"])
    assert outlet.formula1 == "'服务网点'!$A$3:$A$5002"
    (department,) = _validations(staff, header["所属部门"])
    assert department.errorStyle == "warning"           # departments live in organisation.yaml
    cells = department.formula1.split("!")[1].replace("$", "").split(":")
    assert [c.value for row in lists[cells[0]:cells[1]] for c in row] == ["GM", "SVC"]
    attendance = workbook["培训签到"]
    (staff_id,) = _validations(attendance, "B")
    assert staff_id.formula1 == "'人员'!$A$3:$A$5002"
    (session,) = _validations(attendance, "A")
    assert session.formula1 == "'培训记录'!$A$3:$A$5002"
    (channel,) = _validations(workbook["投诉记录"], "C")
    assert channel.errorStyle == "warning"              # an open vocabulary: the company may extend it


def _placeholders(folder: Path) -> list:
    result = load_dossier(folder)
    assert not result.errors, [format_problem(p) for p in result.errors]
    assert {p.code for p in result.warnings} == {"data.placeholder"}
    return result.warnings


def test_example_values_keep_their_mark_in_the_workbook(template, runner, tmp_path):
    """A value the YAML template marks ``# 〔待填〕`` is written ``value 〔待填〕`` in its cell: left unfilled,
    it is warned about at its cell, like every example value of the YAML template; typed over, it is not."""
    plain = tmp_path / "yaml"
    assert runner.invoke(main, ["init", str(plain)]).exit_code == 0
    tables = {(spec.file, spec.path[0]) for spec in sheet_specs() if spec.parent is None}
    in_tables = {p.path for p in _placeholders(plain) if (Path(p.file).stem, p.path.split("[")[0].split(".")[0])
                 in tables}
    assert "attendance[0]" in in_tables and "staff[0].hired" in in_tables
    shown = {p.path.split(" (")[0]: format_problem(p) for p in _placeholders(template)}    # less its cell
    assert all(any(path == p or p.startswith((f"{path}.", f"{path}[")) for p in shown) for path in in_tables)
    attendance = {path: line for path, line in shown.items() if path.startswith("attendance")}
    assert len(attendance) == 4 * 3                         # every cell of the four example rows
    assert attendance["attendance[0].score"] == (
        f"{template.as_posix()}/数据表.xlsx#培训签到:3: attendance[0].score (C3): [警告] "
        "仍是模板的示例值（单元格中标有〔待填〕）；请改为本公司的实际值并删去该标记。")
    workbook = openpyxl.load_workbook(template / WORKBOOK_NAME)
    sheet = workbook["培训签到"]
    assert [c.value for c in sheet[3]][:3] == ["T01 〔待填〕", "S03 〔待填〕", "85 〔待填〕"]
    folder = tmp_path / "filled"
    shutil.copytree(template, folder)
    for row in sheet.iter_rows(min_row=3, max_row=6, max_col=3):
        for cell in row:
            cell.value = cell.value.removesuffix(" 〔待填〕")       # what the company types in
        row[2].value = int(row[2].value)
    workbook.save(folder / WORKBOOK_NAME)
    assert not [p for p in _placeholders(folder) if p.path.startswith("attendance")]
    assert len(_placeholders(folder)) == len(shown) - 12
    assert load_sources(folder).files["training"].data["attendance"][0] == {"session": "T01", "staff": "S03",
                                                                            "score": "85"}


def test_init_xlsx_for_a_trade_validates_with_placeholders_only(runner, tmp_path):
    folder = tmp_path / "lift"
    result = runner.invoke(main, ["init", str(folder), "--xlsx", "--trade", "电梯"])
    assert result.exit_code == 0, result.output
    shown = [format_problem(p) for p in _placeholders(folder)]
    assert f"{folder.as_posix()}/数据表.xlsx#资格证书:4: staff[2].qualifications[0].number (C4): [警告] " \
           "仍是模板的占位内容“〔待填：证书编号〕”；请改为本公司的实际内容。" in shown
    workbook = openpyxl.load_workbook(folder / WORKBOOK_NAME)
    assert [c.value for c in workbook["资格证书"][4]][:2] == ["S03", "特种设备作业人员证 〔待填〕"]
    channels = workbook[LISTS_SHEET]
    assert "96333电梯应急处置平台转办" in {c.value for column in channels.iter_cols() for c in column}


def test_the_same_tables_give_the_same_workbook_bytes(template, runner, tmp_path):
    """No clock and no folder name in the workbook: fixed document properties and zip member times."""
    first, second = tmp_path / "a" / WORKBOOK_NAME, tmp_path / "b" / WORKBOOK_NAME
    export_workbook(SMALL, first)
    export_workbook(SMALL, second)
    assert first.read_bytes() == second.read_bytes()
    assert runner.invoke(main, ["init", str(tmp_path / "again"), "--xlsx"]).exit_code == 0
    assert (tmp_path / "again" / WORKBOOK_NAME).read_bytes() == (template / WORKBOOK_NAME).read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    properties = openpyxl.load_workbook(first).properties
    assert properties.created == properties.modified == datetime(2026, 12, 1, 9, 0)   # the application date


# -- export and round trip -----------------------------------------------------------------------

def _relinked(tmp: Path) -> Path:
    folder = tmp / "book"
    shutil.copytree(SMALL, folder)
    (folder / "attachments").mkdir(exist_ok=True)
    link_sheets(folder, export_workbook(folder, folder / WORKBOOK_NAME), WORKBOOK_NAME)
    return folder


def test_exported_tables_read_back_as_the_same_data(tmp_path):
    folder = _relinked(tmp_path)
    assert "outlets: 数据表.xlsx#服务网点" in (folder / "outlets.yaml").read_text(encoding="utf-8")
    original, back = load_sources(SMALL), load_sources(folder)
    assert original.files["personnel"].data == back.files["personnel"].data
    assert original.files["complaints"].data == back.files["complaints"].data
    assert load_dossier(folder).problems == ()


def test_export_xlsx_command(runner, tmp_path):
    out = tmp_path / "out" / "表.xlsx"
    result = runner.invoke(main, ["export-xlsx", str(SMALL), str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == (f"已写入 {out.as_posix()}：11 个表格（人员、服务网点、计划项目、培训记录、培训签到、调查项目、"
                             "满意度调查、投诉记录、服务回访统计、内部审核、管理评审）\n")
    assert openpyxl.load_workbook(out)["培训签到"]["B3"].value == "S04"


def test_a_list_item_with_a_comma_is_written_one_a_line(small_company):
    small_company.edit("satisfaction.yaml", "findings: [个别顾客反映上门时间不够准时]",
                       "findings: [个别顾客反映，上门时间不够准时, 第二项]")
    link_sheets(small_company.root, export_workbook(small_company.root, small_company.path(WORKBOOK_NAME)),
                WORKBOOK_NAME)
    surveys = load_sources(small_company.root).files["satisfaction"].data["surveys"]
    assert surveys[0]["findings"] == ["个别顾客反映，上门时间不够准时", "第二项"]


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The small company built from its YAML, and from its tables exported to a workbook."""
    from dossier.build import run

    tmp = tmp_path_factory.mktemp("roundtrip")
    original = tmp / "yaml"
    shutil.copytree(SMALL, original)
    (original / "attachments").mkdir(exist_ok=True)
    folder = _relinked(tmp)
    run(original, tmp / "out-yaml", jobs=2)
    run(folder, tmp / "out-book", jobs=2)
    return tmp / "out-yaml", tmp / "out-book"


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_documents_built_from_the_workbook_are_byte_identical(builds, kind):
    from_yaml, from_book = builds
    names = sorted(p.name for p in (from_yaml / kind).iterdir())
    assert names and names == sorted(p.name for p in (from_book / kind).iterdir())
    differing = [n for n in names if (from_yaml / kind / n).read_bytes() != (from_book / kind / n).read_bytes()]
    assert differing == []


# -- problems from a workbook: one place adds the cell; a refused table is one problem ---------------

def test_a_rule_problem_from_a_workbook_names_its_cell(tmp_path):
    folder = _relinked(tmp_path)
    workbook = openpyxl.load_workbook(folder / WORKBOOK_NAME)
    answers = workbook["答卷"]
    column = {c.value: c.column_letter for c in answers[2]}["Q1"]
    answers[f"{column}3"] = 7                  # the schema allows up to 10; the scale is 5
    workbook.save(folder / WORKBOOK_NAME)
    shown = [format_problem(p) for p in load_dossier(folder).problems]
    assert shown == [f"{folder.as_posix()}/数据表.xlsx#答卷:3: surveys[0].responses[0].scores.Q1 ({column}3): "
                     "评分 7 超出范围：应为 1～5。"]


def test_a_refused_table_file_is_its_only_problem(small_company):
    text = small_company.path("satisfaction.yaml").read_text(encoding="utf-8")
    start = text.index("    responses:")
    small_company.path("satisfaction.yaml").write_text(text[:start] + "    responses: satisfaction/答卷.xlsx\n",
                                                       encoding="utf-8")
    small_company.path("satisfaction").mkdir()
    small_company.path("satisfaction/答卷.xlsx").write_text("no,date\n001,2026-07-10\n", encoding="utf-8")
    found = load_dossier(small_company.root).problems
    assert [(p.file, p.line, p.path, p.code) for p in found] == [
        (small_company.shown("satisfaction/答卷.xlsx"), 1, "surveys[0].responses", "table.format")]
