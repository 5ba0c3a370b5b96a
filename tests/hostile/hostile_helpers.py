"""What every refused input must show: exit 1, one-line messages naming the file, no traceback, and
the previous output untouched."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from dossier.cli import main

# A validation problem (`path:LINE: field: message`) or a one-line error (`错误：…`).
_PROBLEM = re.compile(r"^\S+?:\d+: ")
_ERROR = "错误："


def snapshot(root: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``root``, hidden ones included: its digest and modification time."""
    return {path.relative_to(root).as_posix(): (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
            for path in sorted(root.rglob("*")) if path.is_file()}


class Output:
    """A copy of a good earlier build; ``assert_untouched`` proves a refused build left it alone."""

    def __init__(self, path: Path):
        self.path = path
        self.before = snapshot(path)

    def assert_untouched(self) -> None:
        assert snapshot(self.path) == self.before, "the previous output was changed"
        assert [p.name for p in self.path.parent.iterdir()] == [self.path.name], "a temporary tree was left behind"


@dataclass
class Refusal:
    exit_code: int
    lines: list[str]

    def naming(self, text: str) -> list[str]:
        return [line for line in self.lines if text in line]


def build(company, out: Path, *extra: str) -> Refusal:
    result = CliRunner().invoke(main, ["build", str(company.root), "-o", str(out), *extra])
    return Refusal(result.exit_code, [line for line in result.output.splitlines() if line.strip()])


def assert_refused(refusal: Refusal, shown_file: str, line: int | None = None, fragment: str | None = None) -> None:
    """Exit 1; every line a complete message; one of them names the file (at the line) and says ``fragment``."""
    text = "\n".join(refusal.lines)
    assert refusal.exit_code == 1, text
    assert "Traceback" not in text and "内部错误" not in text, text
    for message in refusal.lines:
        assert _PROBLEM.match(message) or message.startswith(_ERROR), f"not a one-line message: {message!r}"
    where = f"{shown_file}:{line}: " if line is not None else shown_file
    named = refusal.naming(where)
    assert named, f"no message names {where}:\n{text}"
    if fragment is not None:
        assert any(fragment in message for message in named), f"{fragment!r} not in {named}"
