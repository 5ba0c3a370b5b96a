"""`dossier init`: trade-neutral commented templates for every file, whose placeholders validate lists one
by one and check refuses to call ready; `--trade` adds what that trade's profile requires."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from dossier.cli import main
from dossier.problems import format_problem
from dossier.schemas import data_files
from dossier.validation import load_dossier

#: words that would name a trade (the sample's, the profiles')
TRADE_WORDS = ("家电", "空调", "洗衣机", "冰箱", "电梯", "汽车", "4S", "净水")


def _init(runner, target: Path, *options: str) -> None:
    result = runner.invoke(main, ["init", str(target), *options])
    assert result.exit_code == 0, result.output


def _filled(root: Path) -> None:
    """Every placeholder replaced by its hint and every example mark removed, as a user would."""
    for path in root.glob("*.yaml"):
        text = re.sub(r"〔待填：([^〔〕]*)〕", r"\1", path.read_text(encoding="utf-8"))
        path.write_text(text.replace("# 〔待填〕", "#"), encoding="utf-8")


def test_every_file_is_written_commented(runner, tmp_path):
    _init(runner, tmp_path / "co")
    names = sorted(p.name for p in (tmp_path / "co").iterdir())
    assert names == sorted([spec.filename for spec in data_files()] + ["attachments"])
    for path in (tmp_path / "co").glob("*.yaml"):
        assert path.read_text(encoding="utf-8").startswith("# "), path.name


def test_no_value_names_a_trade(runner, tmp_path):
    _init(runner, tmp_path / "co")
    values = []
    for path in (tmp_path / "co").glob("*.yaml"):
        values += re.findall(r"[^\s:{},\[\]]+", yaml.safe_dump(yaml.safe_load(path.read_text(encoding="utf-8")),
                                                                allow_unicode=True))
    assert [v for v in values if any(word in v for word in TRADE_WORDS)] == []


def test_each_placeholder_is_a_warning_and_check_is_not_ready(runner, tmp_path):
    _init(runner, tmp_path / "co")
    validation = load_dossier(tmp_path / "co")
    assert validation.errors == ()
    assert {p.code for p in validation.problems} == {"data.placeholder"}
    assert format_problem(validation.problems[0]) == (
        f"{(tmp_path / 'co').as_posix()}/company.yaml:7: name: [警告] 仍是模板的占位内容“〔待填：申请单位全称，与营业执照一致〕”；"
        "请改为本公司的实际内容。")
    result = runner.invoke(main, ["check", str(tmp_path / "co")])
    assert result.exit_code == 1
    assert f"数据中仍有 {len(validation.problems)} 处模板的占位内容或示例值（首处：" in result.output


def test_a_filled_in_template_has_no_placeholder_left_but_the_one_forgotten(runner, tmp_path):
    root = tmp_path / "co"
    _init(runner, root)
    _filled(root)
    path = root / "training.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2026-06-20                       #",
                                                             "date: 2026-06-20                       # 〔待填〕"),
                    encoding="utf-8")
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "〔待填〕" in text)
    assert [format_problem(p) for p in load_dossier(root).problems] == [
        f"{root.as_posix()}/training.yaml:{line}: sessions[1].date: [警告] 仍是模板的示例值（行尾注释标有〔待填〕）；"
        "请改为本公司的实际值并删去该标记。"]


@pytest.mark.parametrize("trade", ["电梯", "汽车"])
def test_a_trade_brings_its_requirements(runner, tmp_path, trade):
    root = tmp_path / "co"
    _init(runner, root, "--trade", trade)
    _filled(root)
    d = load_dossier(root).dossier
    assert d.company.trade.profile == trade
    assert [p.kind for p in d.company.permits] == [r.kind for r in d.company.trade.permits]
    assert [format_problem(p) for p in d.problems if p.severity == "error"] == []


def test_an_unknown_trade_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(main, ["init", str(tmp_path / "co"), "--trade", "餐饮"])
    assert result.exit_code == 2
    assert not (tmp_path / "co").exists()
