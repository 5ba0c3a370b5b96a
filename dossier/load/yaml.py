"""Safe, bounded YAML loading that keeps a line number for every node.

Decided here, once, for every data file:

* only plain data: mappings, sequences and scalars; any tag other than YAML's core ones is refused
  (no ``!!python/...``), so nothing is ever constructed from the file;
* every scalar stays text (or ``None`` for an empty value / ``null`` / ``~``). Values get their
  type from the schema (:mod:`dossier.schemas`), so ``no``/``on`` never turn into booleans, a
  phone number keeps its leading zero, and a date is a date only where the schema says so;
* duplicate keys are an error, at the line of the second one;
* bounded: file size, nesting depth, and the number of nodes aliases expand to (a
  "billion laughs" file fails at once instead of exploding when walked);
* the text must be UTF-8 (a BOM is allowed);
* a folded block (``>``) does not leave a space where it joined two lines of Chinese.

The events come from libyaml's parser when PyYAML has it (else PyYAML's pure-Python one) and are
assembled here with an explicit stack, so a deeply nested file cannot exhaust the Python or C stack.
The two parsers do not fail alike: recent libyaml stops deep nesting itself, with its own English
message, before our bound is reached, and its syntax messages are worded differently. So a file the
fast parser refuses is parsed again by the pure-Python one, whose failures (and our bounds) decide the
message: the same file gives the same line, code and message whichever parser PyYAML uses.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from ..errors import LoadError, ParserRefused
from .placeholders import marked_lines

__all__ = ["LoadError", "Loaded", "Limits", "LIMITS", "read_text", "parse_yaml", "load_yaml"]

#: the parser that decides what a refused file's message says (ours, in Python: no depth limit of its own)
REFERENCE_LOADER = yaml.SafeLoader
#: the parser that reads files: libyaml (much faster; PyYAML's wheels include it) where available
FAST_LOADER = getattr(yaml, "CSafeLoader", REFERENCE_LOADER)

_CORE_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary")
}
_NULLS = {"", "~", "null", "Null", "NULL"}
# A folded block (>) joins lines with a space; between two Chinese characters that space is an artefact.
_FOLDED_CJK_SPACE = re.compile(r"(?<=[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]) "
                               r"(?=[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef])")


@dataclass(frozen=True)
class Limits:
    """Bounds on what a data file may cost to read."""

    yaml_bytes: int = 10 * 1024 * 1024
    csv_bytes: int = 100 * 1024 * 1024
    depth: int = 40
    alias_nodes: int = 100_000
    nodes: int = 2_000_000


LIMITS = Limits()


@dataclass(frozen=True)
class Loaded:
    """A parsed file: plain data plus the line of every key and list item (keyed by path)."""

    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)
    #: keys of {…} mappings written without a colon → the entry before them (key, value as written)
    bare_keys: dict[tuple, tuple[str, str]] = field(default_factory=dict)
    #: the lines whose comment marks an example value of the init templates (see load.placeholders)
    marked: frozenset[int] = frozenset()


def read_text(path: Path, limit: int, *, allow_gb18030: bool = False) -> str:
    """Read a whole text file, refusing oversized and non-UTF-8 ones."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise LoadError(1, f"文件过大（{size / 1048576:.1f} MB），上限为 {limit / 1048576:.0f} MB；"
                               "请拆分文件或改用 CSV 表格。", "file.too_large")
        with path.open("rb") as fh:
            raw = fh.read(limit + 1)
    except OSError as exc:
        raise LoadError(1, f"无法读取文件：{exc.strerror or exc}。", "file.unreadable") from exc
    if len(raw) > limit:
        raise LoadError(1, f"文件过大，上限为 {limit / 1048576:.0f} MB。", "file.too_large")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if allow_gb18030:
            try:
                return raw.decode("gb18030")
            except UnicodeDecodeError:
                pass
        line = raw.count(b"\n", 0, exc.start) + 1
        raise LoadError(line, "文件不是 UTF-8 编码（第一个无法识别的字节在本行）；"
                              "请用文本编辑器另存为 UTF-8。", "file.encoding") from exc


def load_yaml(path: Path, limits: Limits = LIMITS) -> Loaded:
    """Read and parse one YAML data file."""
    text = read_text(path, limits.yaml_bytes)
    return replace(parse_yaml(text, limits), marked=marked_lines(text))


def parse_yaml(text: str, limits: Limits = LIMITS) -> Loaded:
    """Parse YAML text into plain data (dict/list/str/None) and a path → line map."""
    try:
        return _parse(text, limits, FAST_LOADER)
    except ParserRefused:
        if FAST_LOADER is REFERENCE_LOADER:
            raise
        # The fast parser refused the file: the reference parser says why, in the same words whatever
        # PyYAML's build. Should it accept the file after all, the fast parser's refusal stands.
        _parse(text, limits, REFERENCE_LOADER)
        raise


def _parse(text: str, limits: Limits, loader) -> Loaded:
    builder = _Builder(limits)
    try:
        for event in yaml.parse(text, Loader=loader):
            builder.feed(event)
    except yaml.reader.ReaderError as exc:
        # The reader's own position is off for text read in chunks: find the character again.
        found = yaml.reader.Reader.NON_PRINTABLE.search(text)
        line = text.count("\n", 0, found.start() if found else exc.position) + 1
        raise ParserRefused(line, f"文件含有不允许的控制字符（U+{exc.character:04X}）；请删除它。",
                             "yaml.character") from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise ParserRefused(line, _syntax_message(exc), "yaml.syntax") from exc
    except yaml.YAMLError as exc:
        raise ParserRefused(1, f"YAML 语法错误：{exc}", "yaml.syntax") from exc
    return Loaded(builder.root, builder.lines, builder.bare_keys)


class _Frame:
    __slots__ = ("value", "path", "anchor", "count", "key", "is_map", "flow", "key_end", "previous")

    def __init__(self, value, path, anchor, is_map, flow=False):
        self.value = value
        self.path = path
        self.anchor = anchor
        self.count = 1
        self.key = None
        self.is_map = is_map
        self.flow = flow                 # a {…} mapping
        self.key_end = -1                # where the current key ends in the text
        self.previous = None             # the last (key, text) of the mapping


class _Builder:
    """Turns parser events into plain data without recursion."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.lines: dict[tuple, int] = {}
        self.bare_keys: dict[tuple, tuple[str, str]] = {}
        self.root: Any = None
        self.documents = 0
        self.alias_nodes = 0
        self.nodes = 0

    def feed(self, event) -> None:
        line = event.start_mark.line + 1 if event.start_mark else 1
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise LoadError(line, "一个数据文件只能包含一个 YAML 文档（请删除多余的“---”分隔线）。",
                                "yaml.multiple_documents")
        elif isinstance(event, yaml.ScalarEvent):
            self._check_tag(event.tag, line)
            frame = self.stack[-1] if self.stack else None
            if frame is not None and frame.is_map and frame.key is None:
                self._take_key(frame, event, line)
            else:
                if frame is not None and frame.is_map:
                    self._note_flow_value(frame, event)
                self._attach(self._scalar(event), 1, line, event.anchor)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._check_tag(event.tag, line)
            if len(self.stack) >= self.limits.depth:
                raise LoadError(line, f"嵌套层次过深（超过 {self.limits.depth} 层）；数据文件的列表和字段"
                                      "不需要这么多层，请检查括号是否多写或缩进是否有误。", "yaml.too_deep")
            path = self._child_path(line)
            is_map = isinstance(event, yaml.MappingStartEvent)
            self.stack.append(_Frame({} if is_map else [], path, event.anchor, is_map, bool(event.flow_style)))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = self.stack.pop()
            self._finish(frame.value, frame.count, frame.anchor)
        elif isinstance(event, yaml.AliasEvent):
            self._alias(event, line)

    # -- pieces ---------------------------------------------------------------------------
    def _check_tag(self, tag, line):
        if tag is None or tag == "!" or tag in _CORE_TAGS:
            return
        raise LoadError(line, f"不允许使用 YAML 标签“{tag}”：数据文件只能包含文字、数字、列表和字段。",
                        "yaml.tag")

    @staticmethod
    def _scalar(event) -> Any:
        plain = not event.style and event.implicit[0]
        if plain and event.value in _NULLS:
            return None
        if event.style == ">":
            return _FOLDED_CJK_SPACE.sub("", event.value)
        return event.value

    def _take_key(self, frame: _Frame, event, line: int) -> None:
        key = event.value
        if not isinstance(key, str) or (not event.style and key in _NULLS):
            raise LoadError(line, "字段名不能为空。", "yaml.key")
        if key in frame.value:
            first = self.lines.get(frame.path + (key,), line)
            raise LoadError(line, f"字段“{key}”重复出现（第 {first} 行已有同名字段）；请删除或合并其中一个。",
                            "yaml.duplicate_key")
        frame.key = key
        frame.key_end = event.end_mark.index if event.end_mark else -1
        self.lines[frame.path + (key,)] = line

    def _note_flow_value(self, frame: _Frame, event) -> None:
        """In a {…} mapping, an entry without a colon (``{note: 约1,200平方米}``: the comma cut the value, and
        ``200平方米`` became a key of its own) is noted with the entry before it, for a message that says so."""
        bare = (frame.flow and event.value == "" and not event.style and event.start_mark is not None
                and event.start_mark.index == frame.key_end)
        if bare and frame.previous is not None:
            self.bare_keys[frame.path + (frame.key,)] = frame.previous
        frame.previous = (frame.key, event.value)

    def _child_path(self, line: int) -> tuple:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if frame.is_map:
            if frame.key is None:
                raise LoadError(line, "字段名必须是简单文字，不能是列表或映射。", "yaml.key")
            return frame.path + (frame.key,)
        path = frame.path + (len(frame.value),)
        self.lines[path] = line
        return path

    def _attach(self, value, count: int, line: int, anchor) -> None:
        if self.stack:
            frame = self.stack[-1]
            if not frame.is_map:
                self.lines[frame.path + (len(frame.value),)] = line
        self._finish(value, count, anchor)

    def _finish(self, value, count: int, anchor) -> None:
        self.nodes += count
        if self.nodes > self.limits.nodes:
            raise LoadError(1, f"文件内容过多（超过 {self.limits.nodes} 个节点）。", "yaml.too_large")
        if anchor is not None:
            self.anchors[anchor] = (value, count)
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        frame.count += count
        if frame.is_map:
            frame.value[frame.key] = value
            frame.key = None
        else:
            frame.value.append(value)

    def _alias(self, event, line: int) -> None:
        frame = self.stack[-1] if self.stack else None
        if frame is not None and frame.is_map and frame.key is None:
            raise LoadError(line, "别名（*）不能用作字段名。", "yaml.key")
        if event.anchor not in self.anchors:
            raise LoadError(line, f"引用了未定义的锚点“{event.anchor}”。", "yaml.alias")
        value, count = self.anchors[event.anchor]
        self.alias_nodes += count
        if self.alias_nodes > self.limits.alias_nodes:
            raise LoadError(line, f"别名（*）展开后的内容过多（超过 {self.limits.alias_nodes} 个节点），"
                                  "疑似恶意构造的文件。", "yaml.alias_bomb")
        self._attach(copy.deepcopy(value), count, line, None)


_SYNTAX_HINTS = {
    "mapping values are not allowed": "此处不能出现“键: 值”（常见原因：值中含有冒号却没有加引号，或缩进不对）",
    "could not find expected ':'": "缺少冒号“:”（常见原因：缩进不对或引号未闭合）",
    "found character '\\t' that cannot start any token": "YAML 不允许使用制表符（Tab）缩进，请改用空格",
    "found a tab character that violates indentation": "YAML 不允许使用制表符（Tab）缩进，请改用空格",
    "found unexpected end of stream": "文件意外结束（常见原因：引号或括号未闭合）",
    "did not find expected key": "缩进不对齐，找不到预期的字段",
    "did not find expected '-' indicator": "列表项缩进不对齐",
    "found undefined alias": "引用了未定义的锚点",
    "expected <block end>, but found": "缩进不对齐",
    "while scanning a quoted scalar": "引号未闭合",
    "found unknown escape character": "双引号内含有无法识别的转义字符（反斜杠），可改用单引号",
}


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    text = f"{exc.context or ''} {exc.problem or ''}"
    for needle, hint in _SYNTAX_HINTS.items():
        if needle in text:
            return f"YAML 语法错误：{hint}。"
    return f"YAML 语法错误：{(exc.problem or exc.context or '无法解析').strip()}。"
