"""The documents the pack refers to against the documents it has or lists; the distribution numbers of its
controlled copies."""

from __future__ import annotations

import re
from typing import Iterable

from ...builders import builders_for
from ...builders.blocks import joined
from ...model import Dossier
from ..findings import ERROR, WARNING, Finding, Place
from . import statements as S

__all__ = ["known_documents", "references_resolved", "distribution_numbers"]

CATEGORY = "consistency"
_TITLE = re.compile(r"《([^》]+)》")
_SPACE = re.compile(r"\s+")
#: a name this short is matched whole only (a part of a longer name may be any word)
_SHORTEST_PART = 4


def _clean(name: str) -> str:
    return _SPACE.sub("", name.replace("《", "").replace("》", ""))


def known_documents(d: Dossier) -> tuple[frozenset[str], frozenset[str]]:
    """(names, numbers) of every document the pack holds or lists: the manual, the procedures and the record
    forms they name, the documents the company issues (in either submission) and its attachments, the standard, the legal register and
    the other documents the company lists (service_system.yaml other_documents)."""
    system = d.system
    names = [system.manual.title, *(p.title for p in system.procedures),
             *(r for p in system.procedures for r in p.records), *(b.title for b in builders_for(d.standard) if b.applies(d)),
             *(a.title for a in d.attachments), d.standard.title, *(law.name for law in system.laws),
             *(x.name for x in system.other_documents)]
    numbers = [system.manual.control.code, *(p.control.code for p in system.procedures), d.standard.code,
               *(law.number for law in system.laws), *(x.number for x in system.other_documents)]
    return (frozenset(_clean(n) for n in names if n), frozenset(_clean(n) for n in numbers if n))


def _known(reference: str, names: frozenset[str], numbers: frozenset[str]) -> bool:
    """Whether a reference (``售后服务手册 MA/SC-01``, ``《服务质量通报》``, ``GB/T 27922-2011``) names a
    known document: by its number, by a known name it contains, or as a part of a known name."""
    ref = _clean(reference)
    if not ref or ref in names or ref in numbers:
        return True
    if any(len(n) >= _SHORTEST_PART and n in ref for n in (*numbers, *names)):
        return True
    return len(ref) >= _SHORTEST_PART and any(_within(ref, n) for n in names)


def _within(ref: str, name: str) -> bool:
    """Whether ``ref`` reads as a shortening of ``name``: its characters in ``name``, in order (人员名册 of
    a register named 人员及……名册, 服务质量通报 of 月度服务质量通报)."""
    rest = iter(name)
    return all(ch in rest for ch in ref)


def _references(d: Dossier) -> Iterable[tuple[str, Place, bool]]:
    """(document named, where, whether a record form) for every reference of the pack."""
    for p in d.system.procedures:
        for i, ref in enumerate(p.references):
            yield ref, S.procedure(p, "references", i), False
    for statement in S.free_texts(d):
        for title in _TITLE.findall(statement.text or ""):
            yield title, statement.place, False
    for x in d.system.practices:
        for i, record in enumerate(x.records):
            yield record, S.practice(d, x.indicator, "records", i), True


def references_resolved(d: Dossier) -> list[Finding]:
    """Each document the pack refers to that it neither holds nor lists: a procedure's reference or a 《…》
    in its texts (an error), a record a practice names that no procedure provides for (a warning)."""
    names, numbers = known_documents(d)
    missing: dict[str, tuple[list[Place], bool]] = {}
    for ref, place, record in _references(d):
        if not _known(ref, names, numbers):
            places, _ = missing.setdefault(_clean(ref), ([], record))
            places.append(place)
    findings = []
    for ref, (places, record) in missing.items():
        where = joined(dict.fromkeys(p.label for p in places))
        if record:
            findings.append(Finding(
                CATEGORY, WARNING, ref,
                f"{where}列出记录“{ref}”，但没有一份程序文件规定这种记录（各程序文件的“记录”中都没有）。",
                "在规定该项工作的程序文件的 records 中列出这种记录，或改用程序文件中已有的记录名称。", tuple(places)))
        else:
            findings.append(Finding(
                CATEGORY, ERROR, ref,
                f"{where}引用了《{ref}》，但申请材料中没有这份文件，适用法律法规清单和其他文件清单中也没有。",
                "把该文件编入程序文件（service_system.yaml 的 procedures），或在 service_system.yaml 的 other_documents "
                "中登记（名称、编号、保存部门），或改正引用的文件名称。", tuple(places)))
    return findings


def distribution_numbers(d: Dossier) -> list[Finding]:
    """Controlled copies printing no distribution number (分发号 —)."""
    lacking = []
    manual = d.system.manual
    if manual.control.status == "受控" and not manual.control.copy_number:
        lacking.append((f"《{manual.title}》", S.manual(d, "control", "0.3 手册管理", "service_system", "manual",
                                                        "control", "copy_number")))
    lacking += [(f"《{p.title}》", S.procedure(p, "control", "copy_number")) for p in d.system.procedures
                if p.control.status == "受控" and not p.control.copy_number]
    if not lacking:
        return []
    return [Finding(
        CATEGORY, WARNING, "分发号",
        f"受控文件{joined((name for name, _ in lacking))}没有分发号，文件控制信息中印为“—”。",
        "在 service_system.yaml 中写 distribution: {copy_number: \"01\"}（装订进申请材料的受控文件的分发号，写一次即可），"
        "或在各文件的 control 中写 copy_number。",
        tuple(place for _, place in lacking))]
