"""Checks of single values: 统一社会信用代码, phone numbers, e-mail, postcode.

Each returns None when the value is good, or one Chinese sentence saying what is wrong.
"""

from __future__ import annotations

import re

__all__ = ["CHECKS", "uscc_check_char", "check_uscc", "check_mobile", "check_landline", "check_phone",
           "check_email", "check_postcode"]

# GB 32100-2015: 31 symbols (no I, O, S, V, Z); weights 3^(i-1) mod 31; check = 31 - sum mod 31.
_USCC_SET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
_USCC_SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^(\(?0\d{2,3}\)?[- ]?)?[2-9]\d{6,7}([-转]\d{1,5})?$")
_HOTLINE = re.compile(r"^(400|800)[- ]?\d{3}[- ]?\d{4}$")
_SHORT = re.compile(r"^(95|96)\d{3,6}$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_POSTCODE = re.compile(r"^\d{6}$")


def uscc_check_char(first17: str) -> str:
    """The check character of the first 17 characters of a 统一社会信用代码."""
    total = sum(_USCC_SET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS))
    return _USCC_SET[(31 - total % 31) % 31]


def check_uscc(value: str) -> str | None:
    code = value.strip()
    if len(code) != 18:
        return f"统一社会信用代码应为 18 位，现为 {len(code)} 位；请对照营业执照填写。"
    if code != code.upper():
        return "统一社会信用代码中的字母应为大写。"
    bad = sorted({c for c in code if c not in _USCC_SET})
    if bad:
        return (f"统一社会信用代码含有不允许的字符“{''.join(bad)}”（代码中不使用 I、O、S、V、Z）；"
                "请核对是否把数字 0、1 误写成字母 O、I。")
    if not _USCC_SHAPE.match(code):
        return "统一社会信用代码第 3～8 位应为行政区划代码（6 位数字）；请对照营业执照核对。"
    expected = uscc_check_char(code[:17])
    if expected != code[17]:
        return (f"统一社会信用代码校验位不正确：按 GB 32100-2015 计算第 18 位应为“{expected}”，"
                f"现为“{code[17]}”；请对照营业执照逐位核对。")
    return None


def _digits(value: str) -> str:
    text = re.sub(r"[\s-]", "", value.strip())
    for prefix in ("+86", "0086"):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


def check_mobile(value: str) -> str | None:
    if _MOBILE.match(_digits(value)):
        return None
    return f"“{value}”不是有效的手机号码：应为 1 开头的 11 位数字，如 13805912345。"


def check_landline(value: str) -> str | None:
    if _LANDLINE.match(value.strip()):
        return None
    return f"“{value}”不是有效的固定电话：应为“区号-号码”，如 0591-87654321。"


def check_phone(value: str) -> str | None:
    text = value.strip()
    if (_MOBILE.match(_digits(text)) or _LANDLINE.match(text) or _HOTLINE.match(text)
            or _SHORT.match(text)):
        return None
    return (f"“{value}”不是有效的电话号码：可填写手机（13805912345）、固定电话（0591-87654321）"
            "或服务热线（400-123-4567）。")


def check_email(value: str) -> str | None:
    if _EMAIL.match(value.strip()):
        return None
    return f"“{value}”不是有效的电子邮箱地址，如 service@example.com。"


def check_postcode(value: str) -> str | None:
    if _POSTCODE.match(value.strip()):
        return None
    return f"“{value}”不是有效的邮政编码：应为 6 位数字。"


#: the field checks a schema names with ``check_with``, by name
CHECKS = {"uscc": check_uscc, "mobile": check_mobile, "landline": check_landline, "phone": check_phone,
          "email": check_email, "postcode": check_postcode}
