"""Loading YAML: safe, bounded, line-precise; typed only by the schema."""

from __future__ import annotations

import time

import pytest

from dossier.loading import LIMITS, Limits, LoadError, load_yaml, parse_yaml


def _error(text: str, limits: Limits = LIMITS) -> LoadError:
    with pytest.raises(LoadError) as info:
        parse_yaml(text, limits)
    return info.value


def test_every_key_and_item_keeps_its_line():
    loaded = parse_yaml("a: 1\nb:\n  - x\n  - {c: 2}\nd:\n  e: f\n")
    assert loaded.data == {"a": "1", "b": ["x", {"c": "2"}], "d": {"e": "f"}}
    assert loaded.lines[("a",)] == 1
    assert loaded.lines[("b", 0)] == 3
    assert loaded.lines[("b", 1, "c")] == 4
    assert loaded.lines[("d", "e")] == 6


def test_scalars_stay_text_until_the_schema_types_them():
    data = parse_yaml("a: no\nb: on\nc: 2026-01-01\nd: 0591\ne: 1.50\nf: ~\ng:\nh: 'null'\n").data
    assert data == {"a": "no", "b": "on", "c": "2026-01-01", "d": "0591", "e": "1.50", "f": None, "g": None,
                    "h": "null"}


def test_duplicate_key_is_reported_at_the_second_one():
    error = _error("name: a\nuscc: b\nname: c\n")
    assert (error.line, error.code) == (3, "yaml.duplicate_key")
    assert "第 1 行" in error.message


@pytest.mark.parametrize("text", [
    "a: !!python/object/apply:os.system ['echo pwned']\n",
    "a: !!python/name:os.system\n",
    "a: !custom x\n",
])
def test_foreign_tags_are_refused(text):
    assert _error(text).code == "yaml.tag"


def test_billion_laughs_fails_fast():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, prev in zip("bcdefghi", "abcdefgh"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    error = _error("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 0.5
    assert error.code == "yaml.alias_bomb"


def test_small_aliases_are_fine():
    data = parse_yaml("x: &x {a: 1}\ny: *x\n").data
    assert data["y"] == {"a": "1"} and data["y"] is not data["x"]


def test_deep_nesting_is_bounded_without_recursion():
    error = _error("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert error.code == "yaml.too_deep"


def test_only_one_document():
    assert _error("a: 1\n---\nb: 2\n").line == 2


def test_syntax_error_gets_a_line_and_a_chinese_hint():
    error = _error("a: 1\nb: c: d\n")
    assert error.line == 2 and "YAML 语法错误" in error.message


def test_control_character_is_located():
    error = _error("a: 1\nb: x\x07y\n")
    assert (error.line, error.code) == (2, "yaml.character")


def test_non_utf8_file_is_refused_with_its_line(tmp_path):
    path = tmp_path / "company.yaml"
    path.write_bytes("name: 公司\nlegal: 张三\n".encode("utf-8") + "address: 福州\n".encode("gbk"))
    with pytest.raises(LoadError) as info:
        load_yaml(path)
    assert (info.value.line, info.value.code) == (3, "file.encoding")


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xef\xbb\xbfname: x\n")
    assert load_yaml(path).data == {"name": "x"}


def test_a_50_mb_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.yaml"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    started = time.perf_counter()
    with pytest.raises(LoadError) as info:
        load_yaml(path)
    assert time.perf_counter() - started < 0.5
    assert info.value.code == "file.too_large" and "MB" in info.value.message


def test_node_count_is_bounded():
    error = _error("a: [" + ", ".join(["1"] * 200) + "]\n", Limits(nodes=100))
    assert error.code == "yaml.too_large"


def test_folded_chinese_lines_join_without_a_space():
    data = parse_yaml("a: >-\n  第一行文字\n  第二行文字，\n  English words\n  joined\nb: |-\n  第一段\n  第二段\n").data
    assert data["a"] == "第一行文字第二行文字， English words joined"
    assert data["b"] == "第一段\n第二段"
