"""The sample company: validates clean, and one wrong character of its USCC is caught at its line."""

from __future__ import annotations

import re

from conftest import EXAMPLE
from dossier.cli import main
from dossier.validation.fieldchecks import uscc_check_char


def test_sample_validates_clean(runner):
    result = runner.invoke(main, ["validate", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert result.output.endswith("数据有效，没有发现问题。\n")


def test_one_character_of_the_uscc_changed(runner, example):
    text = example.path("company.yaml").read_text(encoding="utf-8")
    code = re.search(r"^uscc: (\S+)", text, re.M).group(1)
    assert uscc_check_char(code[:17]) == code[17]
    wrong = code[:17] + ("A" if code[17] != "A" else "B")
    example.edit("company.yaml", f"uscc: {code}", f"uscc: {wrong}")
    result = runner.invoke(main, ["validate", str(example.root)])
    assert result.exit_code == 1
    line = example.line_of("company.yaml", f"uscc: {wrong}")
    assert f"{example.shown('company.yaml')}:{line}: uscc: 统一社会信用代码校验位不正确" in result.output
