"""Single-value checks: 统一社会信用代码 (GB 32100-2015), phones, e-mail, postcode."""

from __future__ import annotations

import pytest

from dossier.validation import fieldchecks as F


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91512081MA62K0260E", "91230184MA1BUFLT44",
                                  "92371000MA3MXH0E3W"])
def test_valid_uscc(code):
    assert F.check_uscc(code) is None


def test_uscc_check_character_from_the_standard_example():
    assert F.uscc_check_char("91350100M000100Y4") == "3"
    message = F.check_uscc("91350100M000100Y42")
    assert "应为“3”" in message and "现为“2”" in message


@pytest.mark.parametrize("code, fragment", [
    ("91350100M000100Y4", "18 位"),
    ("91350100M000100Y4Z", "不允许的字符“Z”"),
    ("91350100m000100y43", "大写"),
    ("913501A0M000100Y43", "行政区划"),
])
def test_invalid_uscc(code, fragment):
    assert fragment in F.check_uscc(code)


@pytest.mark.parametrize("value", ["13805912345", "+86 138 0591 2345", "0086-13805912345"])
def test_mobile_ok(value):
    assert F.check_mobile(value) is None


@pytest.mark.parametrize("value", ["12805912345", "1380591234", "0591-87654321"])
def test_mobile_bad(value):
    assert "手机号码" in F.check_mobile(value)


@pytest.mark.parametrize("value", ["0591-87654321", "(0591)87654321", "010-62345678", "0591-87654321-8001",
                                   "87654321", "400-800-1234", "4008001234", "13805912345", "95598"])
def test_phone_ok(value):
    assert F.check_phone(value) is None


@pytest.mark.parametrize("value", ["0591-0765432", "123", "400-80-1234", "电话"])
def test_phone_bad(value):
    assert "电话号码" in F.check_phone(value)


def test_landline_only():
    assert F.check_landline("0591-87654321") is None
    assert F.check_landline("13805912345") is not None


@pytest.mark.parametrize("value, ok", [("a.b@example.com", True), ("a@b", False), ("a b@c.com", False),
                                       ("服务@example.com", False)])
def test_email(value, ok):
    assert (F.check_email(value) is None) is ok


@pytest.mark.parametrize("value, ok", [("350001", True), ("35001", False), ("35000A", False)])
def test_postcode(value, ok):
    assert (F.check_postcode(value) is None) is ok
