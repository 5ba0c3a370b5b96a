"""The sample company: validates clean, and one wrong character of its USCC is caught at its line."""

from __future__ import annotations

import re

from conftest import EXAMPLE
from dossier.cli import main
from dossier.validation.fieldchecks import uscc_check_char


def test_sample_validates_with_only_the_missed_inspection_the_audit_found(runner):
    """No error; one warning: the 2026 Q3 inspection of the Jinjiang outlet never made (the audit's NC-03)."""
    result = runner.invoke(main, ["validate", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 2 and "outlets.yaml" in lines[0] and "泉州晋江服务站（委托）" in lines[0], result.output
    assert lines[1].endswith("共 1 个警告；可以继续，但建议处理警告。")


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
