"""The standard as data, and an engine that names no indicator."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from dossier.standard import load_standard

PACKAGE = Path(__file__).resolve().parent.parent / "dossier"


def test_tree_shape_and_points():
    std = load_standard("gbt27922_2011")
    assert [g.name for g in std.groups] == ["售后服务体系", "商品服务", "顾客服务"]
    assert [len(g.children) for g in std.groups] == [7, 6, 2]
    assert [g.points for g in std.groups] == [40, 35, 25]
    assert sum(i.points for i in std.indicators) == 100
    assert std.indicator("5.1.2").items[1].points == 5


@pytest.mark.parametrize("score, level", [(69.9, None), (70, "达标级"), (79.99, "达标级"), (80, "三星级"),
                                          (90, "四星级"), (94.9, "四星级"), (95, "五星级"), (100, "五星级")])
def test_levels_are_inclusive(score, level):
    found = load_standard().level_for(score)
    assert (found.name if found else None) == level


def test_materials_point_at_documents_of_the_standard():
    std = load_standard()
    documents = {d.id for d in std.documents}
    assert all(m.document in documents for m in std.materials if m.document)
    assert any(m.required and m.attachment_kinds == ("营业执照",) for m in std.materials)


def test_the_engine_names_no_indicator():
    """Indicator ids and names live in the standard file, never in code: no string of the code is an indicator's
    id or a second-level indicator's name (the words may occur in the documents' prose, as in 投诉处理概况, and
    售后服务体系, the first group's name, is also what a department belongs to)."""
    std = load_standard()
    names = {i.name for i in std.indicators}
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                value = node.value.strip()
                if re.fullmatch(r"5\.[123](\.\d+)*", value) or value in names:
                    offenders.append(f"{path.name}:{node.lineno}: {value}")
    assert not offenders


def test_material_attachment_kinds_exist_in_the_evidence_schema():
    from dossier.schemas import load_schema, rules_at
    from dossier.standard.vocabularies import standard_vocabularies
    vocabulary = rules_at(load_schema("evidence"), ("attachments", 0, "kind"))["vocabulary"]
    kinds = set(standard_vocabularies()[vocabulary].values)
    assert {k for m in load_standard().materials for k in m.attachment_kinds} <= kinds


def test_the_standard_as_now_known():
    """5.1.6 has four items and 5.1.7 three (one source); 5.1.1–5.1.5 are quoted by two (tag A), with the
    corrected wording of 5.1.2.2 and 5.1.5.1."""
    std = load_standard()
    items = {i.id: [(item.id, item.source) for item in i.items] for i in std.indicators}
    assert items["5.1.6"] == [("5.1.6.1", "B"), ("5.1.6.2", "B"), ("5.1.6.3", "B"), ("5.1.6.4", "B")]
    assert items["5.1.7"] == [("5.1.7.1", "B"), ("5.1.7.2", "B"), ("5.1.7.3", "B")]
    assert {source for i in std.indicators if i.id < "5.1.6" for _, source in items[i.id]} == {"A"}
    assert std.item("5.1.2.2").text == "按服务管理人员总数的10%配置售后服务管理师，负责对售后服务工作的管理和对售后服务活动的指导"
    assert std.item("5.1.5.1").text.startswith("设立服务监督机构，由专职人员负责")
    assert [g.source for g in std.groups] == ["A", "A", "A"]


def test_certificates_are_evidence_of_improvement(example):
    """An attachment of kind 认证证书 evidences 5.1.6 (its item 6.3), whatever the company declared for it."""
    from dossier.builders.evidence import evidence_map
    from dossier.validation import load_dossier

    d = load_dossier(example.root, "application").dossier
    certificates = {a.id for a in d.attachments if a.kind == "认证证书"}
    assert certificates
    assert certificates <= {ref.id for ref in evidence_map(d)["5.1.6"] if ref.kind == "attachment"}
