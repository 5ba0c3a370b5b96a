"""Customers as documents print them: a person's name masked, an organisation's in full with its contact
person masked, and the project or equipment concerned; columns only for what some record uses."""

from __future__ import annotations

from typing import Iterable

from ..model.masking import ORGANISATION

__all__ = ["customer_cell", "customer_line", "any_organisation", "any_project", "masking_note"]


def customer_cell(record) -> str:
    """The customer in a table cell: the name, and an organisation's contact person below it."""
    return f"{record.customer}\n联系人 {record.contact}" if record.contact else record.customer


def customer_line(record) -> str:
    """The customer in a sentence: 苏**（138****5678） / 金色家园物业（联系人 王**，138****5678）."""
    details = "，".join(part for part in (f"联系人 {record.contact}" if record.contact else "", record.phone) if part)
    return f"{record.customer}（{details}）" if details else record.customer


def any_organisation(records: Iterable) -> bool:
    return any(r.customer_type == ORGANISATION for r in records)


def any_project(records: Iterable) -> bool:
    return any(r.project for r in records)


def masking_note(records: Iterable, phones: bool = False) -> str:
    """What the outputs mask, as the records hold it: 顾客姓名和电话已脱敏 / 个人顾客姓名、单位联系人姓名和电话已脱敏，
    单位名称照实列出 (no full stop: the caller ends the sentence)."""
    records = tuple(records)
    organisations = any_organisation(records)
    masked = ["个人顾客姓名" if organisations else "顾客姓名"]
    masked += ["单位联系人姓名"] if any(r.contact for r in records) else []
    masked += ["电话"] if phones else []
    listed = masked[0] if len(masked) == 1 else "、".join(masked[:-1]) + "和" + masked[-1]
    return f"{listed}已脱敏，单位名称照实列出" if organisations else f"{listed}已脱敏"
