"""The service area the company claims against the service ranges its outlets state."""

from __future__ import annotations

from ...builders.blocks import joined
from ...model import Dossier
from ..findings import ERROR, WARNING, Finding
from . import statements as S
from .areas import PART, WHOLE, ranges, relation, units

__all__ = ["service_area_covered"]

CATEGORY = "consistency"


def _claim_places(d: Dossier, index: int) -> tuple:
    return (S.company(d, "service_area", index), S.manual(d, "profile", "0.4 企业概况", "company", "service_area", index))


def service_area_covered(d: Dossier) -> list[Finding]:
    """Each area claimed that no outlet's range covers whole: none at all (an error), or only parts of it (a
    warning: the names alone cannot tell whether the parts make the whole)."""
    served = [(o, ranges(o.coverage, o.region) or (units(o.region),)) for o in d.outlets]
    findings = []
    for index, claim in enumerate(d.company.service_area):
        chain = units(claim)
        if not chain:
            continue
        parts: dict[str, list[str]] = {}
        whole = False
        for outlet, chains in served:
            for place in chains:
                how = relation(chain, place)
                whole = whole or how == WHOLE
                if how == PART:
                    parts.setdefault(outlet.id, []).append(place[place.index(chain[-1]) + 1])
        if whole:
            continue
        if not parts:
            findings.append(Finding(
                CATEGORY, ERROR, claim,
                f"服务区域写明“{claim}”，但没有一个服务网点的服务范围包括这一地区。",
                "增设或委托覆盖该地区的服务网点并写明其服务范围（outlets.yaml 的 coverage），"
                "或从 company.yaml 的 service_area 中删去该地区。",
                (*_claim_places(d, index), S.outlet(d.outlets[0], "coverage"))))
            continue
        outlets = [d.outlet(ident) for ident in parts]
        named = "；".join(f"{o.name}：{joined(dict.fromkeys(parts[o.id]))}" for o in outlets)
        findings.append(Finding(
            CATEGORY, WARNING, claim,
            f"服务区域写明“{claim}”（整个{chain[-1]}），服务网点的服务范围只列出其中的一部分（{named}）。",
            f"把 company.yaml 的 service_area 改为网点实际覆盖的区县；网点确已覆盖{chain[-1]}全境的，"
            f"在其服务范围（outlets.yaml 的 coverage）中写明，如“{chain[-1]}全境”。",
            (*_claim_places(d, index), *(S.outlet(o, "coverage") for o in outlets))))
    return findings
