"""Masking of customers' personal data in every output (张** / 138****5678).

A customer is a person (个人), whose name is personal information and is masked, or an organisation (单位:
a property company, a hospital), whose name is printed in full while its contact person's is masked."""

from __future__ import annotations

import re

__all__ = ["mask_name", "mask_phone", "mask_customer", "ORGANISATION"]

#: the customer type of an organisation (``customer_type`` in the data); any other customer is a person
ORGANISATION = "单位"


def mask_name(name: str | None) -> str:
    """Keep the surname, hide the rest, and the length with it: 张三丰 → 张**."""
    text = (name or "").strip()
    return f"{text[0]}**" if text else ""


def mask_customer(name: str | None, customer_type: str | None) -> str:
    """A customer as every output shows it: an organisation's name in full, a person's masked."""
    return (name or "").strip() if customer_type == ORGANISATION else mask_name(name)


def mask_phone(phone: str | None) -> str:
    """Keep the first three and last four digits of a mobile, the area code of a landline."""
    text = (phone or "").strip()
    digits = re.sub(r"\D", "", text)
    if not digits:
        return ""
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    match = re.match(r"^(\(?0\d{2,3}\)?)[- ]?(\d+)", text)
    if match:
        return f"{match.group(1)}-****{match.group(2)[-4:]}"
    return f"****{digits[-4:]}" if len(digits) > 4 else "****"
