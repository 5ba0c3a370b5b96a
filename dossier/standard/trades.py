"""Trade profiles: what the law requires of a company of a trade, as data (``profiles/*.yaml``).

A profile names the licences (行政许可、备案) a company of the trade must hold, and those its entrusted
outlets' partners must hold; the qualifications that staff of a category or position must hold, each with
the law that requires it; and the values the trade adds to the open vocabularies (its complaint channels
and categories), with the complaint categories the trade treats as a possible special deduction (screened
by the self-assessment). A company picks a profile in ``company.yaml`` (``trade.profile``) and may add its own
requirements there; the generic profile requires nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from cerberus import Validator

from ..errors import StandardError
from ..packaged import read_yaml, trusted_schema
from .vocabularies import standard_vocabularies

__all__ = ["PermitRule", "QualificationRule", "ProductRule", "TradeProfile", "GENERIC", "trade_profiles", "trade_profile",
           "permit_rule", "qualification_rule"]

_DIR = Path(__file__).parent / "profiles"
#: the profile of a company that names none
GENERIC = "通用"


@dataclass(frozen=True)
class PermitRule:
    """A licence the company must hold (unless ``company`` is false) and, with ``partners``, every entrusted
    outlet's partner (a rescue partner's 道路运输经营许可证 that the company itself need not hold)."""

    kind: str
    aliases: tuple[str, ...]
    basis: str
    partners: bool = False
    company: bool = True            # the company itself must hold it (a partner-only licence: False)

    def names(self, kind: str) -> bool:
        return kind == self.kind or kind in self.aliases


@dataclass(frozen=True)
class QualificationRule:
    """A qualification every staff member of ``category`` (or holding one of ``positions``) must hold."""

    kind: str
    aliases: tuple[str, ...]
    basis: str
    category: str | None = None
    positions: tuple[str, ...] = ()

    def applies(self, category: str, position: str) -> bool:
        """Whether it binds a person of ``category`` holding ``position``."""
        return (self.category is not None and category == self.category) or position in self.positions

    def names(self, kind: str) -> bool:
        return kind == self.kind or kind in self.aliases

    @property
    def who(self) -> str:
        """Whom it applies to: 服务技术人员, 岗位为质检员的人员."""
        parts = [f"{self.category}人员"] if self.category else []
        if self.positions:
            parts.append(f"岗位为{'、'.join(self.positions)}的人员")
        return "和".join(parts)

    def title_of(self, person) -> str:
        """How messages name a person it applies to: by the category it names, or by the position."""
        return f"{person.category}人员" if self.category == person.category else person.position


@dataclass(frozen=True)
class ProductRule:
    """What the law requires of a company serving a regulated product (its category or description names
    ``match``): a regulation in its legal register naming each of ``laws``, the licences ``permits``, and at
    each of its own outlets a technician holding each of ``qualifications``."""

    match: str
    name: str
    laws: tuple[str, ...]
    law: str
    permits: tuple[PermitRule, ...]
    qualifications: tuple[QualificationRule, ...]

    def covers(self, *texts: str) -> bool:
        return any(self.match in (t or "") for t in texts)


@dataclass(frozen=True)
class TradeProfile:
    name: str
    title: str
    description: str
    permits: tuple[PermitRule, ...]
    qualifications: tuple[QualificationRule, ...]
    vocabularies: Mapping[str, tuple[str, ...]]
    key_roles: tuple[str, ...] = ()
    products: tuple[ProductRule, ...] = ()
    #: complaint category → the ground of a special deduction (the standard's special_bases key) its
    #: complaints may fall under
    screening_categories: Mapping[str, str] = field(default_factory=dict)


def _load(path: Path, validator: Validator) -> TradeProfile:
    raw = read_yaml(path)
    if not validator.validate(raw):
        raise StandardError(f"{path.name} 不符合行业模板的格式：{validator.errors}")
    raw = validator.document
    offered = set(standard_vocabularies()["complaint_categories"].values)
    offered.update(raw["vocabularies"].get("complaint_categories", ()))
    unknown = [c for c in raw["screening_categories"] if c not in offered]
    if unknown:
        raise StandardError(f"{path.name}: screening_categories 中的投诉类别 {'、'.join(unknown)} 不在投诉类别的可选值中")
    return TradeProfile(raw["name"], raw["title"], raw["description"], tuple(permit_rule(p) for p in raw["permits"]),
                        tuple(qualification_rule(q) for q in raw["qualifications"]),
                        {name: tuple(values) for name, values in raw["vocabularies"].items()},
                        tuple(raw["key_roles"]), tuple(_product_rule(p) for p in raw["products"]),
                        dict(raw["screening_categories"]))


def _product_rule(raw: Mapping) -> ProductRule:
    return ProductRule(raw["match"], raw["name"], tuple(raw["laws"]), raw.get("law", ""),
                       tuple(permit_rule(p) for p in raw["permits"]),
                       tuple(qualification_rule(q) for q in raw["qualifications"]))


@lru_cache(maxsize=None)
def trade_profiles() -> dict[str, TradeProfile]:
    """Every profile shipped, by the name company.yaml gives it, in the order of their names."""
    validator = Validator(trusted_schema(read_yaml(_DIR / "_schema.yaml")))
    profiles = [_load(path, validator) for path in sorted(_DIR.glob("*.yaml")) if not path.stem.startswith("_")]
    return {p.name: p for p in sorted(profiles, key=lambda p: p.name)}


def trade_profile(name: str | None) -> TradeProfile:
    """The profile named ``name`` (the generic one for None); names are checked by validation first."""
    return trade_profiles()[name or GENERIC]


def permit_rule(raw: Mapping) -> PermitRule:
    """A licence requirement as a profile or the company (company.yaml ``trade.permits``) states it."""
    return PermitRule(raw["kind"], tuple(raw.get("aliases") or ()), raw["basis"], bool(raw.get("partners")),
                      raw.get("company", True) is not False)


def qualification_rule(raw: Mapping) -> QualificationRule:
    """A qualification requirement as a profile or the company (``trade.qualifications``) states it."""
    return QualificationRule(raw["kind"], tuple(raw.get("aliases") or ()), raw["basis"], raw.get("category"),
                             tuple(raw.get("positions") or ()))
