"""A finding of the reviewer's check: what is wrong or missing, how serious, and what to do about it."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Finding", "ERROR", "WARNING", "INFO"]

ERROR, WARNING, INFO = "error", "warning", "info"


@dataclass(frozen=True)
class Finding:
    category: str       # placeholder / material / evidence / staleness / requirement / expiry / responsibility /
                        # rectification / screening / bonus
    severity: str       # error (blocks submission) / warning / info
    subject: str
    message: str
    fix: str
