"""The command line: output format, exit codes, JSON, init, and no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from dossier.cli import main


def test_validate_clean(runner, small_company):
    result = runner.invoke(main, ["validate", str(small_company.root)])
    assert result.exit_code == 0, result.output
    assert result.output == f"{small_company.root.as_posix()}：数据有效，没有发现问题。\n"


def test_validate_prints_file_line_path_message_sorted(runner, small_company):
    small_company.edit("personnel.yaml", "outlet: O01 ", "outlet: O09 ")
    small_company.edit("company.yaml", "uscc: 91350100M000100Y43", "uscc: 91350100M000100Y42")
    small_company.edit("company.yaml", 'mobile: "13800000000"', 'mobile: "1380000000"')
    result = runner.invoke(main, ["validate", str(small_company.root)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    root = small_company.root.as_posix()
    assert lines[0].startswith(f"{root}/company.yaml:{small_company.line_of('company.yaml', 'uscc:')}: uscc: 统一社会信用代码校验位不正确")
    assert lines[1].startswith(f"{root}/company.yaml:{small_company.line_of('company.yaml', '1380000000')}: contact.mobile: ")
    assert lines[2].startswith(f"{root}/personnel.yaml:{small_company.line_of('personnel.yaml', 'O09')}: staff[3].outlet: ")
    assert lines[3] == f"{root}：共 3 个错误；请修改后重新检查。"


def test_validate_json(runner, small_company):
    small_company.edit("company.yaml", "uscc: 91350100M000100Y43", "uscc: 91350100M000100Y42")
    result = runner.invoke(main, ["validate", "--json", str(small_company.root)])
    assert result.exit_code == 1
    [problem] = json.loads(result.output)
    assert problem == {"file": f"{small_company.root.as_posix()}/company.yaml",
                       "line": small_company.line_of("company.yaml", "uscc:"), "path": "uscc", "code": "schema.uscc",
                       "severity": "error",
                       "message": "统一社会信用代码校验位不正确：按 GB 32100-2015 计算第 18 位应为“3”，现为“2”；"
                                  "请对照营业执照逐位核对。"}


def test_validate_json_clean_is_an_empty_list(runner, small_company):
    result = runner.invoke(main, ["validate", "--json", str(small_company.root)])
    assert (result.exit_code, json.loads(result.output)) == (0, [])


def test_missing_file_is_a_problem_not_a_crash(runner, small_company):
    small_company.path("outlets.yaml").unlink()
    result = runner.invoke(main, ["validate", str(small_company.root)])
    assert result.exit_code == 1
    assert f"{small_company.root.as_posix()}/outlets.yaml:1: -: 缺少数据文件 outlets.yaml" in result.output


def test_usage_errors_exit_2(runner, tmp_path):
    assert runner.invoke(main, ["validate", str(tmp_path / "nope")]).exit_code == 2
    assert runner.invoke(main, ["frobnicate"]).exit_code == 2
    assert runner.invoke(main, ["validate"]).exit_code == 2


def test_init_refuses_a_non_empty_directory(runner, tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "keep.txt").write_text("mine")
    result = runner.invoke(main, ["init", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert (tmp_path / "x" / "keep.txt").read_text() == "mine"
    assert sorted(p.name for p in (tmp_path / "x").iterdir()) == ["keep.txt"]


def test_unexpected_exception_is_one_line(runner, small_company, monkeypatch):
    import dossier.validation

    def boom(root, stage=None):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(dossier.validation, "load_dossier", boom)
    result = runner.invoke(main, ["validate", str(small_company.root)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    [line] = result.output.strip().splitlines()
    assert line.startswith("错误：内部错误（RuntimeError: kaboom）")


def test_python_dash_m_works(small_company):
    done = subprocess.run([sys.executable, "-m", "dossier", "validate", str(small_company.root)],
                          capture_output=True, text=True)
    assert done.returncode == 0 and "没有发现问题" in done.stdout


def test_every_command_has_help(runner):
    for name, command in main.commands.items():
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0 and command.help and "Example" in command.help, name


def test_every_command_is_in_the_readme():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"dossier {name}" in readme, name
