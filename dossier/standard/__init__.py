"""A certification standard, read from ``dossier/standard/<id>.yaml`` and checked on load.

The engine knows no indicator by name: the tree, the points, the levels, the rule parameters, the
documents and the required materials all come from the standard file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from cerberus import Validator

from ..errors import StandardError
from ..packaged import read_yaml, trusted_schema

__all__ = ["Item", "Indicator", "Group", "Level", "Material", "DocumentSpec", "Section", "Scoring",
           "OperatingEvidence", "ScreeningRule", "Standard", "ConsistencyRules", "StandardError", "load_standard",
           "available_standards"]

_DIR = Path(__file__).parent


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    points: float
    source: str | None


@dataclass(frozen=True)
class Indicator:
    """A second-level indicator (二级指标): the unit of scoring, evidence and responsibility."""

    id: str
    name: str
    points: float
    group: str
    items: tuple[Item, ...]
    source: str | None
    topics: tuple[str, ...] = ()     # blocks of company data the manual's chapter presents
    samples: tuple[str, ...] = ()    # record populations scored by their nonconforming share
    exclusion: str = "never"         # whether it may be excluded (删减): allowed, warning or never

    @property
    def label(self) -> str:
        return f"{self.id} {self.name}"


@dataclass(frozen=True)
class Group:
    """A first-level indicator (一级指标)."""

    id: str
    name: str
    points: float
    children: tuple[Indicator, ...]
    source: str | None = None


@dataclass(frozen=True)
class Level:
    id: str
    name: str
    min: float
    stars: int


@dataclass(frozen=True)
class Material:
    id: str
    name: str
    required: bool
    document: str | None
    attachment_kinds: tuple[str, ...]
    required_by_trade: bool = False     # required where the company's trade requires licences (行政许可)
    stages: tuple[str, ...] = ("application",)   # the submissions whose pack must hold it
    fix: str = ""                       # what to do when it is missing, where the general advice does not fit


@dataclass(frozen=True)
class Section:
    id: str
    name: str


@dataclass(frozen=True)
class DocumentSpec:
    id: str
    section: str
    evidences: tuple[str, ...]
    #: the submissions whose pack holds the document (model.submission); the rectification submission also
    #: re-issues the documents its findings name
    stages: tuple[str, ...] = ("application",)
    rows: tuple[str, ...] = ()      # the dated records it reports (operating evidence when in the window)
    #: whether the document carries its own document control in the company's data (the manual and the
    #: procedures: service_system.yaml ``control``), rather than organisation.yaml's ``document_control``
    controlled: bool = False


@dataclass(frozen=True)
class Scoring:
    formula: str
    special_deduction_points: float
    special_bonus_points: float
    special_bonus_max: int
    max_special_deductions_for_level: int | None
    cap: float
    decimals: int
    points_label: str = "分值"      # how an indicator's points print (暂定分值 where they are provisional)
    score_label: str = "得分"       # how a self-assessed indicator score prints (预评得分)
    points_note: str = ""           # what the points are, where they are provisional (printed with them)


@dataclass(frozen=True)
class OperatingEvidence:
    """What counts as operating evidence of an indicator, beside record documents with rows in the window."""

    not_attachment_kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScreeningRule:
    """A rule screening the records for what may be a special deduction (``id`` names what it reads)."""

    id: str
    name: str
    basis: str | None               # a key of Standard.special_bases; None: given per hit (trade_category)
    categories: tuple[str, ...] = ()
    results: tuple[str, ...] = ()
    severities: tuple[str, ...] = ()


@dataclass(frozen=True)
class ConsistencyRules:
    """What check compares across the pack: the roles the organisation chart must show; how many consecutive
    surveys below the target call for a recorded corrective action."""

    key_roles: tuple[str, ...] = ()
    missed_target_surveys: int = 3


@dataclass(frozen=True)
class Standard:
    id: str
    code: str
    title: str
    note: str
    groups: tuple[Group, ...]
    scoring: Scoring
    levels: tuple[Level, ...]
    fail_name: str
    rules: Mapping[str, Mapping]
    sections: tuple[Section, ...]
    attachments_section: str
    documents: tuple[DocumentSpec, ...]
    materials: tuple[Material, ...]
    path: Path
    #: attachment kind → the indicators or items an attachment of that kind is evidence for, whatever the
    #: company declares (an 认证证书 evidences 5.1.6.3)
    attachment_evidence: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: what check compares across the pack
    consistency: "ConsistencyRules" = field(default_factory=lambda: ConsistencyRules())
    operating_evidence: OperatingEvidence = OperatingEvidence()
    #: the grounds of a special deduction (law, own_rules, trade, system) → how documents name them
    special_bases: Mapping[str, str] = field(default_factory=dict)
    screening: tuple[ScreeningRule, ...] = ()

    @property
    def full_title(self) -> str:
        return f"{self.code}《{self.title}》"

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        """The second-level indicators, in the standard's order."""
        return tuple(ind for group in self.groups for ind in group.children)

    def indicator(self, ident: str) -> Indicator:
        for ind in self.indicators:
            if ind.id == ident:
                return ind
        raise KeyError(ident)

    def indicator_of(self, ident: str) -> Indicator | None:
        """The second-level indicator that ``ident`` (a second-level or item id) belongs to."""
        for ind in self.indicators:
            if ind.id == ident or any(item.id == ident for item in ind.items):
                return ind
        return None

    @property
    def all_ids(self) -> frozenset[str]:
        ids = {group.id for group in self.groups}
        for ind in self.indicators:
            ids.add(ind.id)
            ids.update(item.id for item in ind.items)
        return frozenset(ids)

    def rule(self, name: str) -> Mapping:
        return self.rules[name]

    def materials_of(self, stage: str) -> tuple[Material, ...]:
        """The materials the pack of a submission (model.submission) must or may hold."""
        return tuple(m for m in self.materials if stage in m.stages)

    def document(self, ident: str) -> DocumentSpec:
        for spec in self.documents:
            if spec.id == ident:
                return spec
        raise KeyError(ident)

    def section(self, ident: str) -> Section:
        for section in self.sections:
            if section.id == ident:
                return section
        raise KeyError(ident)

    def level_for(self, score: float) -> Level | None:
        """The highest level whose (inclusive) minimum ``score`` reaches, or None."""
        reached = [level for level in self.levels if score >= level.min]
        return max(reached, key=lambda level: level.min) if reached else None

    def item(self, ident: str) -> Item | None:
        return next((item for ind in self.indicators for item in ind.items if item.id == ident), None)

    def level_named(self, name: str) -> Level | None:
        return next((level for level in self.levels if level.name == name), None)


def indicator_anchor(indicator_id: str) -> str:
    """The anchor of an indicator's chapter inside a document (``ind-5-1-2``): where the binder's evidence
    index points."""
    return "ind-" + indicator_id.replace(".", "-")


def available_standards() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in _DIR.glob("*.yaml") if not p.stem.startswith("_")))


@lru_cache(maxsize=None)
def load_standard(ident: str = "gbt27922_2011") -> Standard:
    path = _DIR / f"{ident}.yaml"
    if ident not in available_standards():
        raise StandardError(f"没有标准文件 {path.name}")
    raw = read_yaml(path)
    validator = Validator(trusted_schema(read_yaml(_DIR / "_schema.yaml")))
    if not validator.validate(raw):
        raise StandardError(f"{path.name} 不符合标准文件的格式：{validator.errors}")
    standard = _build(validator.document, path)
    _check_consistency(standard)
    return standard


def _build(raw: dict, path: Path) -> Standard:
    groups = tuple(
        Group(g["id"], g["name"], g["points"], tuple(
            Indicator(c["id"], c["name"], c["points"], g["id"],
                      tuple(Item(i["id"], i["text"], i["points"], i.get("source")) for i in c["items"]),
                      c.get("source"), tuple(c["topics"]), tuple(c["samples"]), c["exclusion"])
            for c in g["children"]), g.get("source"))
        for g in raw["indicators"])
    return Standard(
        id=raw["id"], code=raw["code"], title=raw["title"], note=raw.get("note", ""),
        groups=groups,
        scoring=Scoring(**raw["scoring"]),
        levels=tuple(sorted((Level(**lv) for lv in raw["levels"]), key=lambda lv: lv.min)),
        fail_name=raw["fail_name"],
        rules={k: dict(v) for k, v in raw["rules"].items()},
        sections=tuple(Section(**s) for s in raw["sections"]),
        attachments_section=raw["attachments_section"],
        documents=tuple(DocumentSpec(d["id"], d["section"], tuple(d["evidences"]),
                                     stages=tuple(d.get("stages", ("application",))), rows=tuple(d["rows"]),
                                     controlled=d.get("controlled", False))
                        for d in raw["documents"]),
        materials=tuple(Material(m["id"], m["name"], m["required"], m["satisfied_by"].get("document"),
                                 tuple(m["satisfied_by"].get("attachment_kinds", ())), m.get("required_by_trade", False),
                                 tuple(m.get("stages", ("application",))), m.get("fix", ""))
                        for m in raw["materials"]),
        path=path,
        attachment_evidence={kind: tuple(ids) for kind, ids in raw["attachment_evidence"].items()},
        consistency=ConsistencyRules(tuple(raw["consistency"].get("key_roles", ())),
                                     raw["consistency"].get("missed_target_surveys", 3)),
        operating_evidence=OperatingEvidence(tuple(raw["operating_evidence"].get("not_attachment_kinds", ()))),
        special_bases=dict(raw["special_bases"]),
        screening=tuple(ScreeningRule(r["id"], r["name"], r.get("basis"), tuple(r["categories"]),
                                      tuple(r["results"]), tuple(r["severities"])) for r in raw["screening"]),
    )


def _check_consistency(std: Standard) -> None:
    problems = []
    ids = [g.id for g in std.groups] + [i.id for i in std.indicators]
    ids += [item.id for ind in std.indicators for item in ind.items]
    if len(ids) != len(set(ids)):
        problems.append("指标编号重复")
    for group in std.groups:
        if abs(sum(c.points for c in group.children) - group.points) > 1e-9:
            problems.append(f"{group.id} 的二级指标分值之和不等于 {group.points}")
        for ind in group.children:
            if ind.items and abs(sum(i.points for i in ind.items) - ind.points) > 1e-9:
                problems.append(f"{ind.id} 的条目分值之和不等于 {ind.points}")
    sections = {s.id for s in std.sections}
    if std.attachments_section not in sections:
        problems.append(f"附件分册 {std.attachments_section} 未定义")
    for doc in std.documents:
        if doc.section not in sections:
            problems.append(f"文件 {doc.id} 的分册 {doc.section} 未定义")
        problems.extend(f"文件 {doc.id} 引用了不存在的指标 {e}" for e in doc.evidences if e not in ids)
    for name, params in std.rules.items():
        target = params.get("deducts")
        if target and std.indicator_of(target) is None:
            problems.append(f"规则 {name} 扣分的指标 {target} 不存在")
        elif target and std.indicator_of(target).exclusion != "never":
            problems.append(f"规则 {name} 扣 {target} 的分，该指标却可以删减")
    for kind, targets in std.attachment_evidence.items():
        problems.extend(f"{kind}类附件证明的指标 {t} 不存在" for t in targets if std.indicator_of(t) is None)
    documents = {d.id for d in std.documents}
    problems.extend(f"材料 {m.id} 引用了不存在的文件 {m.document}"
                    for m in std.materials if m.document and m.document not in documents)
    names = [r.name for r in std.screening]
    if len(names) != len(set(names)):
        problems.append("特别扣分筛查规则的名称重复")
    problems.extend(f"筛查规则 {r.name} 的依据 {r.basis} 未在 special_bases 中定义"
                    for r in std.screening if r.basis and r.basis not in std.special_bases)
    if problems:
        raise StandardError(f"{std.path.name}: " + "；".join(problems))
