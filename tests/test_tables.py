"""Large tables as CSV: rows located at their own line in the CSV file."""

from __future__ import annotations

from dossier.errors import LoadError
from dossier.load.tables import load_csv
from validation_helpers import assert_clean, find

import pytest

ATTENDANCE = "session,staff,score\nT01,S04,88\nT01,S05,82\nT02,S02,95\n"


def _use_csv(company, text: str, encoding="utf-8"):
    (company.root / "training").mkdir()
    (company.root / "training" / "attendance.csv").write_bytes(text.encode(encoding))
    company.edit("training.yaml", "attendance:\n", "attendance: training/attendance.csv\nunused:\n")
    # drop the inline rows that followed
    text_yaml = company.path("training.yaml").read_text(encoding="utf-8")
    company.path("training.yaml").write_text(text_yaml.split("unused:\n")[0], encoding="utf-8")


def test_csv_table_validates(small_company):
    _use_csv(small_company, ATTENDANCE)
    assert_clean(small_company)


def test_csv_errors_point_at_the_csv_line(small_company):
    _use_csv(small_company, ATTENDANCE + "T02,S99,90\nT02,S03,九十\n")
    [ref] = find(small_company, "schema.ref.staff", file="training/attendance.csv", line=5)
    assert ref.path == "attendance[3].staff"
    find(small_company, "schema.coerce", file="training/attendance.csv", line=6)


def test_multiline_record_is_located_at_its_first_line(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('a,b\n1,"two\nlines"\n3,x\n', encoding="utf-8")
    table = load_csv(path)
    assert table.data == [{"a": "1", "b": "two\nlines"}, {"a": "3", "b": "x"}]
    assert table.lines[(0,)] == 2 and table.lines[(1,)] == 4


def test_excel_gb18030_csv_is_accepted(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("姓名,分数\n张三,90\n".encode("gb18030"))
    assert load_csv(path).data == [{"姓名": "张三", "分数": "90"}]


def test_too_many_cells(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2\n1,2,3\n", encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load_csv(path)
    assert (info.value.line, info.value.code) == (3, "csv.columns")


def test_duplicate_header(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,a\n1,2\n", encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load_csv(path)
    assert info.value.code == "csv.header"


def test_extra_columns_fold_into_scores(small_company):
    (small_company.root / "responses.csv").write_text(
        "no,date,customer,phone,outlet,Q1,Q2,Q3\n001,2026-08-01,陈先生,13900000001,O01,5,4,5\n"
        "002,2026-08-02,林女士,13900000002,O01,4,4,6\n", encoding="utf-8")
    text = small_company.path("satisfaction.yaml").read_text(encoding="utf-8")
    head, _rows = text.split("    responses:\n")
    small_company.path("satisfaction.yaml").write_text(head + "    responses: responses.csv\n", encoding="utf-8")
    [problem] = find(small_company, "data.survey_responses", file="responses.csv", line=3)
    assert problem.path == "surveys[0].responses[1].scores.Q3"
