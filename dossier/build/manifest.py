"""manifest.json: what a build produced, so reviewers, diffs and later builds can rely on it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Sequence

from .. import __version__
from ..builders import Builder, Rendered
from ..builders.issue import Issue
from ..model import Dossier
from ..render.pdf import RenderedPdf, anchor_pages, stored_links
from .fingerprint import tool_fingerprint
from .kept import kept_reads
from .revisions import controlled_versions

__all__ = ["MANIFEST", "read_manifest", "output_intact", "manifest_bytes", "stored_output", "reused_document",
           "reuse_document"]

MANIFEST = "manifest.json"


def read_manifest(out: Path) -> dict:
    try:
        return json.loads((Path(out) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def output_intact(out: Path, manifest: dict) -> bool:
    """Every file the manifest lists is there with its recorded checksum."""
    try:
        files = [(manifest["binder"]["file"], manifest["binder"]["sha256"])]
        files += [(d[kind], d["sha256"][kind]) for d in manifest["documents"] for kind in ("docx", "pdf")]
        return (all(_sha((Path(out) / name).read_bytes()) == digest for name, digest in files)
                and (Path(out) / "revisions.json").is_file())
    except (OSError, KeyError, TypeError):
        return False


def manifest_bytes(dossier: Dossier, issue: Issue, documents: Sequence[Rendered], attachments, binder, source: str,
                   sources: str) -> bytes:
    tool = tool_fingerprint()
    parts = {(p.kind, p.id): p for p in binder.parts}
    entries = []
    for r in documents:
        part = parts[("document", r.info.id)]
        entries.append({
            "id": r.info.id, "number": r.info.number, "title": r.info.title, "code": r.info.code,
            "section": r.info.section, "indicators": [i.id for i in r.info.indicators],
            "docx": f"docx/{r.info.stem}.docx", "pdf": f"pdf/{r.info.stem}.pdf", "pages": r.pdf.pages,
            "binder_pages": [part.start, part.end], "anchors": r.pdf.anchors,
            "page_starts": r.pdf.page_starts,
            "links": [[page, list(rect), target] for page, rect, target in r.pdf.links],
            "sha256": {"docx": _sha(r.docx), "pdf": _sha(r.pdf.data)},
            "inputs": kept_reads(r.reads).inputs, "tool": tool,
            "revisions": controlled_versions(dossier, issue, r.info.id, r.info.code), "cited": r.cited,
        })
    files = []
    for item in attachments:
        part = parts[("attachment", item.attachment.id)]
        files.append({"id": item.attachment.id, "title": item.attachment.title, "file": item.attachment.file,
                      "kind": item.attachment.kind, "watermark": item.attachment.watermark,
                      "sha256": _sha(item.path.read_bytes()), "pages": len(item.pages),
                      "binder_pages": [part.start, part.end]})
    manifest = {
        "version": f"dossier {__version__}", "company": dossier.company.name, "uscc": dossier.company.uscc,
        "standard": dossier.standard.code, "source": source, "sources": sources, "tool": tool,
        "stage": dossier.submission.stage, "date": dossier.submission.date.isoformat(),
        "window": [dossier.submission.window.start.isoformat(), dossier.submission.window.end.isoformat()],
        "binder": {"file": "binder.pdf", "pages": binder.pages, "front_pages": binder.front_pages,
                   "sha256": _sha(binder.data)},
        "documents": entries, "attachments": files,
    }
    return (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def stored_output(out: Path, entry: dict) -> tuple[bytes, bytes] | None:
    """The (DOCX, PDF) bytes a previous build left for a document's manifest entry, when they are there and
    intact."""
    try:
        docx, pdf = (Path(out) / entry["docx"]).read_bytes(), (Path(out) / entry["pdf"]).read_bytes()
        intact = _sha(docx) == entry["sha256"]["docx"] and _sha(pdf) == entry["sha256"]["pdf"]
    except (OSError, KeyError, TypeError):
        return None
    return (docx, pdf) if intact else None


def reused_document(entry: dict, files: tuple[bytes, bytes], builder: Builder, dossier: Dossier,
                    issue: Issue) -> Rendered:
    """The document as the previous build left it (its ``entry`` and intact ``files``), in ``issue``'s edition.
    An entry without ``page_starts`` (an older manifest) has every anchor share its page."""
    docx, pdf = files
    anchors = anchor_pages(entry.get("anchors", {}), entry.get("page_starts", ()))
    return Rendered(builder.info(dossier, issue), docx,
                    RenderedPdf(pdf, entry["pages"], anchors, links=stored_links(entry.get("links", ()))))


def reuse_document(out: Path, previous: dict, builder: Builder, dossier: Dossier, issue: Issue) -> Rendered | None:
    """The document as the previous build left it, when its files are there and intact."""
    entry = next((e for e in previous.get("documents", []) if e.get("id") == builder.id), None)
    files = stored_output(out, entry) if entry is not None else None
    return reused_document(entry, files, builder, dossier, issue) if files else None
