"""Data written against an older format keeps working; `dossier upgrade` records the current format
version in each file, keeping its comments and order, and never touches a file it cannot parse."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import Company
from dossier.cli import main
from dossier.problems import format_problem
from dossier.schemas.versions import current_version
from dossier.validation import load_dossier

PURIFIER = Path(__file__).resolve().parent / "roots" / "purifier"


def _copy(tmp_path) -> Company:
    company = Company(tmp_path / "co")
    shutil.copytree(PURIFIER, company.root)
    return company


def test_the_current_format_is_the_third():
    assert current_version() == 3


def test_upgrade_adds_only_the_version_line(runner, tmp_path):
    company = _copy(tmp_path)
    before = {p.name: p.read_text(encoding="utf-8") for p in company.root.glob("*.yaml")}
    result = runner.invoke(main, ["upgrade", str(company.root)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        "company.yaml：数据格式第 1 版 → 第 3 版（本文件可用的新内容：新增 trade（行业模板及本行业要求的许可和人员资格）、"
        "permits（行政许可与备案）、vocabularies（扩展可选值））")
    stamp = "schema_version: 3                          # 数据格式版本（dossier upgrade 写入）\n\n"
    for name, text in before.items():
        after = company.path(name).read_text(encoding="utf-8")
        assert after.count(stamp) == 1 and after.replace(stamp, "", 1) == text, name   # nothing else changed
    assert load_dossier(company.root).problems == ()
    again = runner.invoke(main, ["upgrade", str(company.root)])
    assert again.output.splitlines()[0] == "company.yaml：已是第 3 版数据格式，未改动"


def test_a_file_that_does_not_parse_is_left_untouched(runner, tmp_path):
    company = _copy(tmp_path)
    company.path("self_assessment.yaml").write_text("judgements: [\n", encoding="utf-8")
    result = runner.invoke(main, ["upgrade", str(company.root)])
    assert result.exit_code == 1
    assert company.path("self_assessment.yaml").read_text(encoding="utf-8") == "judgements: [\n"
    assert [line for line in result.output.splitlines() if line.startswith("self_assessment.yaml")] == [
        "self_assessment.yaml：未改动，无法读取（第 2 行：YAML 语法错误：expected the node content, but found '<stream end>'。）"]
    assert company.path("company.yaml").read_text(encoding="utf-8").count("schema_version: 3") == 1
    assert result.output.splitlines()[-1] == "错误：部分文件未能升级（见上）；请修改后重新运行 dossier upgrade。"


def test_a_file_of_a_newer_format_is_refused_by_validate(tmp_path):
    company = _copy(tmp_path)
    company.edit("company.yaml", "name: 泉州清源净水设备服务有限公司", "schema_version: 4\nname: 泉州清源净水设备服务有限公司")
    line = company.line_of("company.yaml", "schema_version: 4")
    assert [format_problem(p) for p in load_dossier(company.root).problems] == [
        f"{company.shown('company.yaml')}:{line}: schema_version: 数据格式版本不能大于 3，现为 4。"]
