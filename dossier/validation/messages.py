"""Cerberus errors as Problems with Chinese messages and exact locations."""

from __future__ import annotations

from cerberus import errors as E

from ..problems import ERROR, Problem, dotted
from ..schemas import field_label, rules_at

__all__ = ["problems_from_errors"]

_TYPE_NAMES = {
    "string": "文字", "integer": "整数", "number": "数字", "float": "数字", "boolean": "是/否",
    "date": "日期（如 2026-03-15）", "datetime": "日期时间（如 2026-03-15 09:30）",
    "list": "列表（每项以“- ”开头）", "dict": "若干“字段: 值”",
}


def problems_from_errors(errors, source, schema) -> list[Problem]:
    """A Problem for each error, except those of a table whose file was refused: that refusal is its only
    problem (the list it leaves empty is not also "too short")."""
    leaves = [e for e in _leaves(errors) if tuple(e.document_path) not in source.emptied]
    coerced = {e.document_path for e in leaves if e.code == E.COERCION_FAILED.code}
    problems = []
    for error in leaves:
        if error.code == E.BAD_TYPE.code and error.document_path in coerced:
            continue  # the coercion failure already says it
        path = error.document_path
        label = field_label(schema, path)
        problems.append(Problem.at(source.locate(path), dotted(path), _code(error),
                                   _message(error, label, schema, source), ERROR))
    return problems


def _leaves(errors):
    for error in errors:
        if error.is_group_error or error.is_logic_error:
            yield from _leaves(error.child_errors)
        else:
            yield error


def _code(error) -> str:
    if error.code == E.UNKNOWN_FIELD.code:
        return "schema.unknown"
    return f"schema.{error.rule}" if error.rule else "schema.custom"


def _show(value) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _message(error, label: str, schema, source) -> str:
    code, value, constraint = error.code, error.value, error.constraint
    if code == E.CUSTOM.code:
        message = str(error.info[0]) if error.info else "数据不符合要求。"
        return message if message.startswith(label) else f"{label}：{message}"
    if code == E.REQUIRED_FIELD.code:
        return f"缺少必填项“{label}”（{error.document_path[-1]}）。"
    if code == E.UNKNOWN_FIELD.code:
        return _unknown(error, schema, source)
    if code == E.DEPENDENCIES_FIELD.code:
        needed = "、".join(f"“{field_label(schema, error.document_path[:-1] + (name,))}”（{name}）"
                          for name in error.info)
        return f"填写了“{label}”（{error.document_path[-1]}）时还须填写{needed}。"
    if code == E.COERCION_FAILED.code:
        reason = error.info[0] if error.info else "格式不正确"
        return f"{label}{reason}，现为“{_show(value)}”。"
    if code == E.BAD_TYPE.code:
        return f"{label}应为{_TYPE_NAMES.get(constraint, constraint)}，现为“{_show(value)}”。"
    if code in (E.EMPTY_NOT_ALLOWED.code, E.NOT_NULLABLE.code):
        return f"{label}不能为空。"
    if code == E.UNALLOWED_VALUE.code:
        return f"{label}只能是 {'、'.join(map(str, constraint))} 之一，现为“{_show(value)}”。"
    if code == E.REGEX_MISMATCH.code:
        meta = (rules_at(schema, error.document_path) or {}).get("meta") or {}
        hint = f"（{meta['format']}）" if meta.get("format") else ""
        return f"{label}格式不正确{hint}，现为“{_show(value)}”。"
    if code == E.MIN_VALUE.code:
        return f"{label}不能小于 {constraint}，现为 {_show(value)}。"
    if code == E.MAX_VALUE.code:
        return f"{label}不能大于 {constraint}，现为 {_show(value)}。"
    if code == E.MIN_LENGTH.code:
        unit = "项" if isinstance(value, list) else "个字"
        return f"{label}至少需要 {constraint} {unit}。"
    if code == E.MAX_LENGTH.code:
        unit = "项" if isinstance(value, list) else "个字"
        return f"{label}最多 {constraint} {unit}，现有 {len(value)} {unit}。"
    return f"{label}不符合要求（{error.rule}）。"


def _unknown(error, schema, source) -> str:
    field = error.document_path[-1]
    cut = source.bare_keys.get(tuple(error.document_path))
    if cut is not None:
        key, value = cut
        return (f"“{field}”被当成了一个字段：在 {{…}} 中英文逗号用来分隔字段，“{key}: {value},{field}”里的逗号把"
                f"“{key}”的值断开了；请给这个值加上引号，如 {key}: \"{value},{field}\"。")
    parent = rules_at(schema, error.document_path[:-1]) if len(error.document_path) > 1 else None
    mapping = schema if parent is None else parent.get("schema")
    known = "、".join(mapping) if isinstance(mapping, dict) else ""
    hint = f"；此处可用的字段有：{known}" if known else ""
    return f"未知字段“{field}”，请检查拼写{hint}。"
