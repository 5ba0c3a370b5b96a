"""Which documents a build must render again, and why.

A document is reused when the previous build left it intact and nothing it depends on changed:
  * the tool: the fingerprint of the package's code, templates, schemas and standards;
  * its inputs: every value of the Dossier its rendering read (see :mod:`dossier.tracking`),
    evaluated again on the new data.
Otherwise it is rendered, with the reason: first build, --force, tool changed, or the first data
path whose value changed.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .builders import Builder, Rendered
from .model import Dossier
from .tracking import Reads, describe_path, replay

__all__ = ["CACHE_DIR", "Decision", "Replayed", "replay_contents", "RenderCache", "tool_fingerprint", "sources_digest",
           "reads_bytes", "load_reads", "decide"]

CACHE_DIR = ".dossier-cache"
_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def tool_fingerprint() -> str:
    """A digest of everything in the package that shapes an output: code, templates, schemas, standards."""
    hasher = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            hasher.update(path.relative_to(_PACKAGE).as_posix().encode("utf-8") + b"\0")
            hasher.update(hashlib.sha256(path.read_bytes()).digest())
    return hasher.hexdigest()


def sources_digest(root: Path) -> str:
    """A digest of every file of the company folder (data, tables, attachments)."""
    hasher = hashlib.sha256()
    root = Path(root)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        hasher.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        hasher.update(hashlib.sha256(path.read_bytes()).digest())
    return hasher.hexdigest()


def reads_bytes(reads: Reads) -> bytes:
    return gzip.compress(json.dumps(reads.to_json(), ensure_ascii=False).encode("utf-8"), mtime=0)


def load_reads(out: Path, stem: str) -> Reads | None:
    try:
        data = gzip.decompress((Path(out) / CACHE_DIR / f"{stem}.reads.json.gz").read_bytes())
        return Reads.from_json(json.loads(data))
    except (OSError, ValueError, EOFError):
        return None


@dataclass(frozen=True)
class Replayed:
    """What a document's previous rendering read, evaluated again on this build's data."""

    reads: Reads
    digest: str                  # of the content reads (its own version and revision rows left out)
    changed: tuple | None        # the changed path that best says why


def replay_contents(dossier: Dossier, previous_reads: dict[str, Reads]) -> dict[str, Replayed]:
    from .revisions import content_reads

    out = {}
    for ident, reads in previous_reads.items():
        digest, changed = replay(dossier, content_reads(reads))
        out[ident] = Replayed(reads, digest, changed)
    return out


@dataclass(frozen=True)
class Decision:
    builder: Builder
    reason: str | None          # why it is rendered; None when it is reused
    reused: Rendered | None = None


def decide(builders: list[Builder], dossier: Dossier, out: Path, previous: dict, replayed: dict[str, Replayed], *,
           force: bool, only: tuple[str, ...] = ()) -> list[Decision]:
    from .buildinfo import reuse_document
    from .revisions import controlled_versions

    entries = {e.get("id"): e for e in previous.get("documents", [])}
    tool = tool_fingerprint()
    decisions = []
    for builder in builders:
        entry = entries.get(builder.id)
        if force:
            decisions.append(Decision(builder, "--force"))
            continue
        if only and builder.id in only:
            decisions.append(Decision(builder, "--only"))
            continue
        if entry is None:
            decisions.append(Decision(builder, "首次生成"))
            continue
        if entry.get("tool") != tool:
            decisions.append(Decision(builder, "程序或模板已更新"))
            continue
        info = builder.info(dossier)
        again = replayed.get(builder.id)
        reused = reuse_document(out, previous, builder, dossier)
        if again is None or reused is None:
            decisions.append(Decision(builder, "上次的输出不完整"))
            continue
        if not only and again.digest != entry.get("inputs"):
            where = describe_path(again.changed) if again.changed else "数据"
            decisions.append(Decision(builder, f"数据变化：{where}"))
        elif controlled_versions(dossier, builder.id, info.code) != entry.get("revisions"):
            decisions.append(Decision(builder, "修订版本变化"))
        else:
            decisions.append(Decision(builder, None, Rendered(reused.info, reused.docx, reused.pdf, again.reads)))
    return decisions


class RenderCache:
    """Rendered PDFs kept from the previous build, by the HTML they came from and the tool's fingerprint.

    Reads from the previous output's cache folder; what this build used or rendered is written into the
    new output (``entries``), so the cache never grows stale files.
    """

    def __init__(self, previous: Path | None):
        self.previous = Path(previous) / CACHE_DIR if previous else None
        self.entries: dict[str, bytes] = {}

    @staticmethod
    def _key(html: str) -> str:
        return hashlib.sha256((tool_fingerprint() + html).encode("utf-8")).hexdigest()[:32]

    def render(self, html: str, root: Path):
        """The PDF of ``html``: from the cache when the same HTML was rendered by the same tool."""
        from .render.pdf import RenderedPdf, html_to_pdf

        key = self._key(html)
        meta, data = f"{key}.json", f"{key}.pdf"
        if self.previous is not None:
            try:
                described, pdf = (self.previous / meta).read_bytes(), (self.previous / data).read_bytes()
                info = json.loads(described)
                self.entries[meta], self.entries[data] = described, pdf
                return RenderedPdf(pdf, info["pages"], dict(info["anchors"]))
            except (OSError, ValueError, KeyError):
                pass
        rendered = html_to_pdf(html, root)
        self.entries[data] = rendered.data
        self.entries[meta] = json.dumps({"pages": rendered.pages, "anchors": rendered.anchors}).encode("utf-8")
        return rendered
