"""What changed between two builds: documents, revisions, pages, binder ranges, and the text itself."""

from __future__ import annotations

import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import NotABuild
from .manifest import read_manifest

__all__ = ["DocumentChange", "BuildDiff", "diff_builds", "NotABuild"]

_PAGE_LINE = re.compile(r"第\s*\d+\s*页\s*/\s*共\s*\d+\s*页")


@dataclass(frozen=True)
class DocumentChange:
    id: str
    title: str
    pages: tuple[int, int]
    binder_pages: tuple[tuple[int, int], tuple[int, int]]
    revisions: dict                   # 文件编号 → (before, after), only those that changed
    text: tuple[str, ...]             # unified diff lines of the document's text (shortened)


@dataclass(frozen=True)
class BuildDiff:
    company: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[DocumentChange, ...]
    moved: tuple[DocumentChange, ...]          # same content, other binder pages
    unchanged: tuple[str, ...]
    attachments: dict = field(default_factory=dict)   # added / removed / changed attachment ids
    binder_pages: tuple[int, int] = (0, 0)

    @property
    def identical(self) -> bool:
        return not (self.added or self.removed or self.changed or self.moved or any(self.attachments.values())
                    or self.binder_pages[0] != self.binder_pages[1])

    def as_dict(self) -> dict:
        def change(c: DocumentChange) -> dict:
            return {"id": c.id, "title": c.title, "pages": list(c.pages),
                    "binder_pages": [list(c.binder_pages[0]), list(c.binder_pages[1])],
                    "revisions": {k: list(v) for k, v in c.revisions.items()}, "text_diff": list(c.text)}
        return {"company": self.company, "identical": self.identical,
                "documents": {"added": list(self.added), "removed": list(self.removed),
                              "changed": [change(c) for c in self.changed], "moved": [change(c) for c in self.moved],
                              "unchanged": list(self.unchanged)},
                "attachments": {k: list(v) for k, v in self.attachments.items()},
                "binder": {"pages": list(self.binder_pages)}}


def _manifest(out: Path) -> dict:
    manifest = read_manifest(out)
    if not manifest.get("documents"):
        raise NotABuild(str(out))
    return manifest


def _text(out: Path, entry: dict) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO((Path(out) / entry["pdf"]).read_bytes()))
    lines = []
    for page in reader.pages:
        for line in (page.extract_text() or "").splitlines():
            line = line.strip()
            if line and not _PAGE_LINE.search(line):
                lines.append(line)
    return lines


def _text_diff(a_out: Path, a: dict, b_out: Path, b: dict, limit: int) -> tuple[str, ...]:
    before, after = _text(a_out, a), _text(b_out, b)
    lines = [line for line in difflib.unified_diff(before, after, lineterm="", n=0)
             if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))]
    if len(lines) > limit:
        lines = lines[:limit] + [f"…（另有 {len(lines) - limit} 行变化）"]
    return tuple(lines)


def diff_builds(a_out: Path, b_out: Path, *, text_lines: int = 12) -> BuildDiff:
    a, b = _manifest(Path(a_out)), _manifest(Path(b_out))
    docs_a = {d["id"]: d for d in a["documents"]}
    docs_b = {d["id"]: d for d in b["documents"]}
    added = tuple(i for i in docs_b if i not in docs_a)
    removed = tuple(i for i in docs_a if i not in docs_b)
    changed, moved, unchanged = [], [], []
    for ident, new in docs_b.items():
        old = docs_a.get(ident)
        if old is None:
            continue
        revisions = {code: (old.get("revisions", {}).get(code), version)
                     for code, version in new.get("revisions", {}).items()
                     if old.get("revisions", {}).get(code) != version}
        same = old["sha256"] == new["sha256"]
        entry = DocumentChange(ident, new["title"], (old["pages"], new["pages"]),
                               (tuple(old["binder_pages"]), tuple(new["binder_pages"])), revisions,
                               () if same else _text_diff(Path(a_out), old, Path(b_out), new, text_lines))
        if not same:
            changed.append(entry)
        elif old["binder_pages"] != new["binder_pages"]:
            moved.append(entry)
        else:
            unchanged.append(ident)
    att_a = {x["id"]: x for x in a.get("attachments", [])}
    att_b = {x["id"]: x for x in b.get("attachments", [])}
    attachments = {
        "added": tuple(i for i in att_b if i not in att_a),
        "removed": tuple(i for i in att_a if i not in att_b),
        "changed": tuple(i for i in att_b if i in att_a and att_a[i]["sha256"] != att_b[i]["sha256"]),
        "moved": tuple(i for i in att_b if i in att_a and att_a[i]["sha256"] == att_b[i]["sha256"]
                       and att_a[i]["binder_pages"] != att_b[i]["binder_pages"]),
    }
    return BuildDiff(b.get("company", ""), added, removed, tuple(changed), tuple(moved), tuple(unchanged),
                     attachments, (a["binder"]["pages"], b["binder"]["pages"]))
