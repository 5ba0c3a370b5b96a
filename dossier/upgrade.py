"""``dossier upgrade``: record the current data-format version in each data file of a company folder,
keeping the file's comments and order (the line ``schema_version: N`` is written after the file's opening
comments, or its value replaced). A file that does not parse is left untouched and named; each file is
replaced at once (written beside it, then renamed), so none is ever half-written."""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import LoadError
from .load.yaml import load_yaml
from .schemas import data_files
from .schemas.versions import VERSION_KEY, current_version, format_versions

__all__ = ["Upgraded", "upgrade_folder"]

_VERSION_LINE = re.compile(rf"^{VERSION_KEY}\s*:.*$", re.MULTILINE)


@dataclass(frozen=True)
class Upgraded:
    """What upgrading one file did: its name, the version it had and has, or why it was left alone."""

    file: str
    before: int | None
    after: int | None
    refused: str = ""

    def describe(self) -> str:
        if self.refused:
            return f"{self.file}：未改动，{self.refused}"
        if self.before == self.after:
            return f"{self.file}：已是第 {self.after} 版数据格式，未改动"
        changes = [c for v in format_versions() if self.before < v.version <= self.after for c in v.changes
                   if c.startswith(self.file)]
        added = f"（本文件可用的新内容：{'；'.join(c.split('：', 1)[1] for c in changes)}）" if changes else ""
        return f"{self.file}：数据格式第 {self.before} 版 → 第 {self.after} 版{added}"


def _stamped(text: str, version: int) -> str:
    """``text`` stating ``version``: its own version line replaced, or a line after its opening comments."""
    line = f"{VERSION_KEY}: {version}                          # 数据格式版本（dossier upgrade 写入）"
    if _VERSION_LINE.search(text):
        return _VERSION_LINE.sub(line, text, count=1)
    lines = text.splitlines(keepends=True)
    head = 0
    while head < len(lines) and (lines[head].lstrip().startswith("#") or not lines[head].strip()):
        head += 1
    newline = "\r\n" if "\r\n" in text else "\n"
    return "".join(lines[:head]) + line + newline + ("" if head == len(lines) else newline) + "".join(lines[head:])


def _replace(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _upgrade_file(path: Path, target: int) -> Upgraded:
    try:
        loaded = load_yaml(path)
    except LoadError as exc:
        return Upgraded(path.name, None, None, f"无法读取（第 {exc.line} 行：{exc.message}）")
    data = loaded.data if isinstance(loaded.data, dict) else {}
    written = str(data.get(VERSION_KEY, 1)).strip()          # data files hold text: the schema types it
    if not written.isdigit() or int(written) < 1:
        return Upgraded(path.name, None, None, f"{VERSION_KEY} 的值“{written}”不是数据格式版本号")
    stated = int(written)
    if stated > target:
        return Upgraded(path.name, stated, stated, f"按第 {stated} 版数据格式编写，新于本程序支持的第 {target} 版")
    if loaded.data is None or stated == target and VERSION_KEY in data:
        return Upgraded(path.name, stated, stated)
    _replace(path, _stamped(path.read_text(encoding="utf-8"), target))
    return Upgraded(path.name, stated, target)


def upgrade_folder(root: Path) -> list[Upgraded]:
    """Upgrade every data file present in ``root`` to the current format version."""
    target = current_version()
    return [_upgrade_file(Path(root) / spec.filename, target) for spec in data_files()
            if (Path(root) / spec.filename).is_file()]
