"""The build: validate, render the documents, publish the output directory in one swap."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from . import __version__
from .builders import Rendered, applicable_builders, builders_for
from .errors import DataError
from .problems import Problem
from .publish import Staging
from .scheduler import default_jobs, render_documents
from .validation import load_dossier

__all__ = ["BuildResult", "ValidationFailed", "UnknownDocument", "run", "default_out"]


class ValidationFailed(DataError):
    """The data has errors; nothing was built."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = tuple(problems)
        errors = sum(1 for p in problems if p.severity == "error")
        super().__init__(f"数据有 {errors} 个错误，未生成任何文件；请先修改（可运行 dossier validate 查看）。")


class UnknownDocument(ValueError):
    """``--only`` named a document that does not exist."""


@dataclass(frozen=True)
class BuildResult:
    out: Path
    documents: tuple[Rendered, ...]
    warnings: tuple[Problem, ...]
    seconds: float
    rendering_warnings: tuple[str, ...] = field(default=())

    @property
    def pages(self) -> int:
        return sum(r.pdf.pages for r in self.documents)


def default_out(data: Path) -> Path:
    return Path("build") / Path(data).resolve().name


def read_manifest(out: Path) -> dict:
    try:
        return json.loads((Path(out) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _manifest(dossier, documents: Sequence[Rendered], files: dict[str, bytes], kept: Sequence[dict]) -> bytes:
    entries = list(kept)
    for r in documents:
        docx_name, pdf_name = f"docx/{r.info.stem}.docx", f"pdf/{r.info.stem}.pdf"
        entries.append({"id": r.info.id, "number": r.info.number, "title": r.info.title, "code": r.info.code,
                        "section": r.info.section, "indicators": [i.id for i in r.info.indicators],
                        "pages": r.pdf.pages, "docx": docx_name, "pdf": pdf_name,
                        "sha256": {"docx": hashlib.sha256(files[docx_name]).hexdigest(),
                                   "pdf": hashlib.sha256(files[pdf_name]).hexdigest()}})
    entries.sort(key=lambda e: e["number"])
    manifest = {"tool": f"dossier {__version__}", "company": dossier.company.name, "uscc": dossier.company.uscc,
                "standard": dossier.standard.code, "documents": entries}
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def run(data: Path, out: Path | None = None, *, only: Sequence[str] = (), jobs: int | None = None,
        on_done: Callable[[Rendered], None] | None = None) -> BuildResult:
    started = time.perf_counter()
    validation = load_dossier(Path(data))
    if not validation.ok:
        raise ValidationFailed(validation.problems)
    dossier = validation.dossier
    known = {b.id for b in builders_for(dossier.standard)}
    unknown = [ident for ident in only if ident not in known]
    if unknown:
        raise UnknownDocument("、".join(unknown))
    builders = [b for b in applicable_builders(dossier) if not only or b.id in only]
    out = Path(out) if out else default_out(data)
    rendered = render_documents(dossier, builders, jobs or default_jobs(), on_done)
    previous = read_manifest(out) if only else {}
    with Staging(out) as staging:
        files: dict[str, bytes] = {}
        for r in rendered:
            files[f"docx/{r.info.stem}.docx"] = r.docx
            files[f"pdf/{r.info.stem}.pdf"] = r.pdf.data
        for name, content in files.items():
            staging.write(name, content)
        done = {r.info.id for r in rendered}
        kept = [entry for entry in previous.get("documents", [])
                if entry["id"] not in done and entry["id"] in {b.id for b in applicable_builders(dossier)}
                and staging.keep(entry["docx"]) and staging.keep(entry["pdf"])]
        staging.write("manifest.json", _manifest(dossier, rendered, files, kept))
        staging.commit()
    warnings = tuple(p for p in validation.problems if p.severity != "error")
    notes = tuple(f"{r.info.stem}: {w}" for r in rendered for w in r.pdf.warnings)
    return BuildResult(out, tuple(rendered), warnings, time.perf_counter() - started, notes)
