"""The cerberus validator: typed coercion of text, field checks and the custom rules."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from cerberus import Validator
from cerberus.errors import CUSTOM, ValidationError

from ..load.attachment import prepare_attachment, read_mark
from ..errors import PathRefused
from ..load.paths import resolve_inside
from ..standard.vocabularies import EXTENSION_KEY, standard_vocabularies
from .fieldchecks import CHECKS

__all__ = ["DossierValidator", "parse_date", "parse_datetime"]

_INT = re.compile(r"^[+-]?\d+$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_DATETIME = re.compile(r"^(.+?)(?:[T\s]+)(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_TRUE = {"true", "yes", "y", "是", "1", "有"}
_FALSE = {"false", "no", "n", "否", "0", "无"}
_LONG_TERM = {"长期", "长期有效", "永久"}


def parse_date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = _DATE.match(str(value).strip())
    if not match:
        raise ValueError("应为日期，格式如 2026-03-15")
    y, m, d = (int(g) for g in match.groups())
    try:
        return date(y, m, d)
    except ValueError:
        raise ValueError("不是存在的日期") from None


def parse_boolean(value) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError("应为 是/否（true/false）")


def parse_datetime(value) -> datetime:
    if isinstance(value, datetime):
        return value
    match = _DATETIME.match(str(value).strip())
    if not match:
        raise ValueError("应为日期和时间，格式如 2026-03-15 09:30")
    day = parse_date(match.group(1))
    hh, mm, ss = int(match.group(2)), int(match.group(3)), int(match.group(4) or 0)
    try:
        return datetime(day.year, day.month, day.day, hh, mm, ss)
    except ValueError:
        raise ValueError("不是存在的时间") from None


def _day_of(value, other):
    """A time compared with a date compares by its day (a purchase date before a complaint's receipt)."""
    if isinstance(value, datetime) and isinstance(other, date) and not isinstance(other, datetime):
        return value.date()
    return value


class DossierValidator(Validator):
    """Validator for dossier data files.

    Extra constructor arguments: ``ids`` (reference kind → set of known ids), ``root`` (the
    company folder, against which attachment paths are resolved) and ``vocabularies`` (name → the
    :class:`~dossier.standard.vocabularies.Vocabulary` a ``vocabulary:`` field is checked against; the
    standard's lists when not given).
    """

    types_mapping = Validator.types_mapping.copy()

    # -- coercion: data files hold text; the schema gives it a type -----------------------
    def _normalize_coerce_integer(self, value):
        if isinstance(value, str) and _INT.match(value.strip()):
            return int(value.strip())
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise ValueError("应为整数")

    def _normalize_coerce_number(self, value):
        if isinstance(value, str) and _NUMBER.match(value.strip().replace(",", "")):
            number = float(value.strip().replace(",", ""))
            return int(number) if number.is_integer() and "." not in value else number
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
        raise ValueError("应为数字")

    _normalize_coerce_float = _normalize_coerce_number

    def _normalize_coerce_boolean(self, value):
        return parse_boolean(value)

    def _normalize_coerce_date(self, value):
        return parse_date(value)

    def _normalize_coerce_datetime(self, value):
        return parse_datetime(value)

    def _normalize_coerce_date_or_long_term(self, value):
        if isinstance(value, str) and value.strip() in _LONG_TERM:
            return None
        return parse_date(value)

    # -- field checks ---------------------------------------------------------------------
    def _run_check(self, field, value, name):
        if isinstance(value, str):
            message = CHECKS[name](value)
            if message:
                self._error_at((field,), name, name, value, message)

    def _check_with_uscc(self, field, value):
        self._run_check(field, value, "uscc")

    def _check_with_mobile(self, field, value):
        self._run_check(field, value, "mobile")

    def _check_with_phone(self, field, value):
        self._run_check(field, value, "phone")

    def _check_with_email(self, field, value):
        self._run_check(field, value, "email")

    def _check_with_postcode(self, field, value):
        self._run_check(field, value, "postcode")

    def _check_with_attachment(self, field, value):
        if not isinstance(value, str):
            return
        root = Path(self._config["root"])
        try:
            path = resolve_inside(root, value)
        except PathRefused as exc:
            self._error_at((field,), "attachment", None, value, str(exc))
            return
        prepared = prepare_attachment(path, value)
        if prepared.refusal:
            self._error_at((field,), "attachment", None, value, prepared.refusal)
        notices = self._config.get("notices")
        if notices is not None:
            notices.extend((self.document_path + (field,), note) for note in prepared.notes)

    def _check_with_mark_image(self, field, value):
        """An image of the seal or of a signature: PNG or JPEG, read in the sandbox like an attachment."""
        if not isinstance(value, str):
            return
        _image, refusal = read_mark(Path(self._config["root"]), value)
        if refusal:
            self._error_at((field,), "mark_image", None, value, refusal)

    # -- custom rules ---------------------------------------------------------------------
    def _validate_ref(self, kind, field, value):
        """{'type': 'string'}"""
        if value is None:
            return
        known = self._config.get("ids", {}).get(kind)
        if known is None or str(value) in known.ids:
            return
        self._error_at((field,), f"ref.{kind}", kind, value, f"“{value}”不存在：{known.describe()}中没有这个编号。")

    def _vocabularies(self) -> dict:
        return self._config.get("vocabularies") or standard_vocabularies()

    def _validate_vocabulary(self, name, field, value):
        """{'type': 'string'}"""
        vocabulary = self._vocabularies()[name]
        if not isinstance(value, str) or value in vocabulary.values:
            return
        label = ((self.schema.get(field) or {}).get("meta") or {}).get("label", field)
        listed = "、".join(vocabulary.values)
        if vocabulary.open:
            message = (f"{label}“{value}”不在可选值中（{listed}）；如为本公司的{vocabulary.label}，请在 company.yaml 的 "
                       f"{EXTENSION_KEY}.{name} 中添加。")
        else:
            message = f"{label}只能是 {listed} 之一，现为“{value}”。"
        self._error_at((field,), "vocabulary", name, value, message)

    def _validate_extends_vocabularies(self, enabled, field, value):
        """{'type': 'boolean'}"""
        if not enabled or not isinstance(value, dict):
            return
        vocabularies = standard_vocabularies()
        extensible = "、".join(f"{v.name}（{v.label}）" for v in vocabularies.values() if v.open)
        for name in value:
            known = vocabularies.get(name)
            if known is None:
                message = f"{name} 不是可扩展的可选值列表，请检查拼写；可扩展的有：{extensible}。"
            elif not known.open:
                message = f"{name}（{known.label}）的值有固定含义，不能扩展；可扩展的有：{extensible}。"
            else:
                continue
            self._error_at((field, name), "extends_vocabularies", enabled, name, message)

    def _validate_unique(self, key, field, value):
        """{'type': 'string'}"""
        if not isinstance(value, list):
            return
        seen: dict[str, int] = {}
        for index, item in enumerate(value):
            if not isinstance(item, dict) or item.get(key) is None:
                continue
            token = str(item[key])
            if token in seen:
                self._error_at((field, index, key), "unique", key, item[key],
                               f"“{token}”重复：与第 {seen[token] + 1} 项相同，同一列表中不能重复。")
            else:
                seen[token] = index

    def _validate_ascending(self, fields, field, value):
        """{'type': 'list'}"""
        if not isinstance(value, dict):
            return
        present = [(name, value.get(name)) for name in fields if value.get(name) is not None]
        for (a, va), (b, vb) in zip(present, present[1:]):
            try:
                wrong = _day_of(va, vb) > _day_of(vb, va)
            except TypeError:
                continue
            if wrong:
                self._error_at((field, b), "ascending", fields, vb, self._order_message(field, a, va, b, vb))

    def _validate_one_of(self, fields, field, value):
        """{'type': 'list'}"""
        if not isinstance(value, dict):
            return
        labels = self._field_labels(field)
        named = [f"“{labels(name)}”（{name}）" for name in fields]
        present = [name for name in fields if value.get(name) is not None]
        if not present:
            self._error_at((field,), "one_of", fields, value, f"请填写{'或'.join(named)}其中一项。")
        elif len(present) > 1:
            self._error_at((field, present[1]), "one_of", fields, value[present[1]],
                           f"{'和'.join(named)}只能填写其中一项。")

    def _validate_at_most_one(self, fields, field, value):
        """{'type': 'list'}"""
        if not isinstance(value, dict):
            return
        present = [name for name in fields if value.get(name) is not None]
        if len(present) > 1:
            labels = self._field_labels(field)
            named = [f"“{labels(name)}”（{name}）" for name in fields]
            self._error_at((field, present[1]), "at_most_one", fields, value[present[1]],
                           f"{'、'.join(named)}最多填写其中一项。")

    def _field_labels(self, field):
        """The label of a field of the dict ``field``, by name."""
        fields = (self.schema.get(field) or {}).get("schema") or {}
        return lambda name: ((fields.get(name) or {}).get("meta") or {}).get("label", name)

    def _order_message(self, field, a, va, b, vb) -> str:
        label = self._field_labels(field)
        word = "早于" if isinstance(va, (date, datetime)) else "小于"
        return f"{label(b)}（{_show(vb)}）不能{word}{label(a)}（{_show(va)}）。"

    def _error_at(self, relative_path, rule, constraint, value, message):
        error = ValidationError(self.document_path + tuple(relative_path),
                                self.schema_path + (relative_path[0], rule.split(".")[0]),
                                CUSTOM.code, rule, constraint, value, (message,))
        self._error([error])


def _show(value) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
