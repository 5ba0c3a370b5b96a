"""Loading YAML: safe, bounded, line-precise; typed only by the schema."""

from __future__ import annotations

import pytest
import yaml

from dossier.load import yaml as loading
from dossier.errors import LoadError
from dossier.load.yaml import LIMITS, Limits, load_yaml, parse_yaml

#: the parsers PyYAML may use: libyaml's (when the build has it) and the pure-Python one
PARSERS = [pytest.param(yaml.SafeLoader, id="python")]
if hasattr(yaml, "CSafeLoader"):
    PARSERS.append(pytest.param(yaml.CSafeLoader, id="libyaml"))


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


def test_billion_laughs_is_refused_where_the_expansion_passes_the_bound():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, prev in zip("bcdefghi", "abcdefgh"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    error = _error("\n".join(lines) + "\n")
    # each level holds nine copies of the one before: the aliases of f (9 × 9**4 lists of the 10 nodes of a)
    # pass 100,000 expanded nodes, at its line
    assert (error.line, error.code) == (6, "yaml.alias_bomb")
    assert error.code == "yaml.alias_bomb"


def test_small_aliases_are_fine():
    data = parse_yaml("x: &x {a: 1}\ny: *x\n").data
    assert data["y"] == {"a": "1"} and data["y"] is not data["x"]


#: deeply nested files: (text, the line where the 41st level opens; the file itself is the first)
DEEP = {
    "flow-on-one-line": ("a: 1\nb: " + "[" * 100_000 + "]" * 100_000 + "\n", 2),
    "flow-one-per-line": ("a:\n" + "  [\n" * 2000 + "  " + "]" * 2000 + "\n", 41),
    "block-mappings": ("".join(f"{' ' * i}k{i}:\n" for i in range(1500)) + " " * 1500 + "v\n", 41),
    "block-sequences": ("x:\n  " + "- " * 3000 + "v\n", 2),
    "just-over-the-bound": ("a: " + "[" * 41 + "]" * 41 + "\n", 1),
}


@pytest.mark.parametrize("loader", PARSERS)
@pytest.mark.parametrize("case", DEEP)
def test_deep_nesting_is_refused_alike_by_either_parser(case, loader, monkeypatch):
    """Recent libyaml stops deep nesting itself, in English, before our bound: the message is ours anyway."""
    monkeypatch.setattr(loading, "FAST_LOADER", loader)
    text, line = DEEP[case]
    error = _error(text)
    assert (error.line, error.code) == (line, "yaml.too_deep")
    assert error.message == ("嵌套层次过深（超过 40 层）；数据文件的列表和字段不需要这么多层，"
                             "请检查括号是否多写或缩进是否有误。")


@pytest.mark.parametrize("loader", PARSERS)
def test_nesting_at_the_bound_is_accepted(loader, monkeypatch):
    monkeypatch.setattr(loading, "FAST_LOADER", loader)
    data = parse_yaml("a: " + "[" * 39 + "x" + "]" * 39 + "\n").data
    depth = 0
    value = data["a"]
    while isinstance(value, list):
        value, depth = value[0], depth + 1
    assert (depth, value) == (39, "x")


#: syntax errors whose libyaml and Python wording differ
SYNTAX = {
    "value-with-colon": ("a: 1\nb: c: d\n", 2, "YAML 语法错误：此处不能出现“键: 值”（常见原因：值中含有冒号却没有加引号，或缩进不对）。"),
    "unclosed-quote": ("a: 1\nb: \"abc\n", 3, "YAML 语法错误：文件意外结束（常见原因：引号或括号未闭合）。"),
    "tab-indentation": ("a:\n\tb: 1\n", 2, "YAML 语法错误：YAML 不允许使用制表符（Tab）缩进，请改用空格。"),
}


@pytest.mark.parametrize("loader", PARSERS)
@pytest.mark.parametrize("case", SYNTAX)
def test_syntax_errors_read_alike_by_either_parser(case, loader, monkeypatch):
    monkeypatch.setattr(loading, "FAST_LOADER", loader)
    text, line, message = SYNTAX[case]
    error = _error(text)
    assert (error.line, error.code, error.message) == (line, "yaml.syntax", message)


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


def test_a_50_mb_file_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.yaml"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(type(path), "open", no_reading)
    with pytest.raises(LoadError) as info:
        load_yaml(path)
    assert (info.value.line, info.value.code, info.value.message) == (
        1, "file.too_large", "文件过大（50.0 MB），上限为 10 MB；请拆分文件或改用 CSV 表格。")


def test_node_count_is_bounded():
    error = _error("a: [" + ", ".join(["1"] * 200) + "]\n", Limits(nodes=100))
    assert error.code == "yaml.too_large"


def test_folded_chinese_lines_join_without_a_space():
    data = parse_yaml("a: >-\n  第一行文字\n  第二行文字，\n  English words\n  joined\nb: |-\n  第一段\n  第二段\n").data
    assert data["a"] == "第一行文字第二行文字， English words joined"
    assert data["b"] == "第一段\n第二段"
