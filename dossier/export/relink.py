"""Point a company folder's YAML at a workbook's sheets: each table's block becomes ``key: file.xlsx#sheet``.

The rest of each file (its comments, order and other fields) is kept line for line; the comment on the
table's own key line stays too. Block style only: a table written inside a flow mapping (``plan: {items:
[...]}``) is refused with a message.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DataError
from .workbook import SheetRef

__all__ = ["link_sheets"]


def link_sheets(root: Path, refs: list[SheetRef], workbook: str) -> list[Path]:
    """Rewrite the YAML files of ``root`` so each table of ``refs`` names its sheet of ``workbook`` (a
    path relative to ``root``); returns the files changed."""
    changed = []
    for file in dict.fromkeys(ref.file for ref in refs):
        path = Path(root) / f"{file}.yaml"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        for ref in (r for r in refs if r.file == file):
            lines = _replace_block(lines, ref.path, f"{workbook}#{ref.sheet}", path.name)
        path.write_text("".join(lines), encoding="utf-8")
        changed.append(path)
    return changed


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _replace_block(lines: list[str], path: tuple, reference: str, name: str) -> list[str]:
    start, end, indent = 0, len(lines), -1
    for step in path:
        found = None
        for number in range(start, end):
            line = lines[number]
            if _content(line) and _indent(line) > indent and line.strip().startswith(f"{step}:"):
                if found is None or _indent(line) < _indent(lines[found]):
                    found = number
        if found is None:
            raise DataError(f"{name} 中找不到字段 {'.'.join(path)}（须为块格式“字段:”另起一行），无法改写为工作表。")
        indent = _indent(lines[found])
        start, end = found, _block_end(lines, found, indent)
    key_line = lines[start]
    comment = ""
    value = key_line.strip()[len(path[-1]) + 1:]
    if value.strip().startswith("#"):
        comment = "  " + value.strip()
    new = " " * indent + f"{path[-1]}: {reference}{comment}\n"
    return lines[:start] + [new] + lines[end:]


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """The line after the block of the key at ``start``: the next content line indented no deeper
    (a list's items may sit at the key's own indent), trailing comments and blank lines left outside."""
    end = start + 1
    last = start
    while end < len(lines):
        line = lines[end]
        if _content(line):
            deeper = _indent(line) > indent or (_indent(line) == indent and line.strip().startswith("- "))
            if not deeper:
                break
            last = end
        end += 1
    return last + 1
