"""Open what the builders produce: text, fonts and pages of the PDFs, text of the DOCX files."""

from __future__ import annotations

import fcntl
import io
import os
import re
import shutil
import tempfile
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import docx
from pypdf import PdfReader

from dossier.builders import BUILDERS
from dossier.validation import load_dossier

EXAMPLE = Path(__file__).resolve().parent.parent / "company_data" / "example"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def shared_root() -> Path:
    """Where this test run keeps the builds its worker processes share: one folder per run, keyed by the
    process that started it (pytest-xdist's controller, whose workers are its children)."""
    owner = os.getppid() if os.environ.get("PYTEST_XDIST_WORKER") else os.getpid()
    return Path(tempfile.gettempdir()) / f"dossier-tests-{owner}"


def shared_build(name: str, company: Path, stage: str | None = None):
    """``company``'s pack of ``stage`` (default: the one its data is in) built once per test run, whichever
    worker asks first (the others wait, then find the output current and take it as it is): (BuildResult
    with each document's reads, output directory)."""
    from dossier.build import run
    from dossier.build.cache import load_reads
    from dossier.model.tracking import Reads

    root = shared_root() / name
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)        # released when the file closes
        out = root / "out" / name
        result = run(company, out, jobs=2, stage=stage)   # the first build, or the unchanged output of an earlier one
    documents = tuple(r if isinstance(r.reads, Reads) else replace(r, reads=load_reads(out, r.info.stem))
                      for r in result.documents)
    return replace(result, documents=documents), out


def shared_company(name: str, source: Path) -> Path:
    """A copy of ``source`` for this test run to build, made once (read only: tests copy it to edit)."""
    target = shared_root() / name / "company" / name
    with open(_lock(target.parent), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not target.exists():
            shutil.copytree(source, target)
            (target / "attachments").mkdir(exist_ok=True)
    return target


def _lock(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder / ".lock"


@lru_cache(maxsize=None)
def example_build():
    """The sample company built once per test run: (BuildResult, output directory). Its documents are what
    ``render`` returns for the sample, so the run lays the sample out once."""
    return shared_build("example", EXAMPLE, "application")


@lru_cache(maxsize=None)
def example_rectification_build():
    """The sample company's rectification submission built once per test run: (BuildResult, output directory)."""
    return shared_build("example-rectification", EXAMPLE, "rectification")


@lru_cache(maxsize=None)
def dossier_of(root: str, stage: str = "application"):
    """The pack of the company at ``root`` for the submission ``stage`` (by default its application)."""
    validation = load_dossier(Path(root), stage)
    assert validation.ok, [p for p in validation.errors]
    return validation.dossier


def _stage_of(ident: str) -> str:
    """The submission whose pack holds the document (the application's, unless it is the rectification's only)."""
    from dossier.standard import load_standard

    stages = load_standard().document(ident).stages
    return "application" if "application" in stages else stages[0]


@lru_cache(maxsize=None)
def render(root: str, ident: str):
    """The rendered document ``ident`` of the company at ``root``, in the pack that holds it (rendered once
    per test session; the sample's come from its session builds, whose documents are the same bytes and
    reads)."""
    stage = _stage_of(ident)
    if Path(root).resolve() == EXAMPLE:
        result, _out = example_build() if stage == "application" else example_rectification_build()
        return next(r for r in result.documents if r.info.id == ident)
    return BUILDERS[ident]().render(dossier_of(str(root), stage))


@lru_cache(maxsize=64)
def pdf_pages_text(data: bytes) -> tuple[str, ...]:
    """The text of each page of a PDF."""
    return tuple(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def pdf_text(data: bytes) -> str:
    return "\n".join(pdf_pages_text(data))


def squeeze(text: str) -> str:
    """Text without whitespace, for matching across line breaks of justified CJK text."""
    return re.sub(r"\s+", "", text)


@lru_cache(maxsize=64)
def element_text(element, line_break: str = "") -> str:
    """The text of a DOCX element as a reader sees it: a no-break hyphen as a hyphen, a no-break space as a
    space, a line break as ``line_break``."""
    marks = {f"{{{_W}}}noBreakHyphen": "-", f"{{{_W}}}br": line_break}
    return "".join(t.text or "" if t.tag == f"{{{_W}}}t" else marks[t.tag]
                   for t in element.iter(f"{{{_W}}}t", *marks)).replace("\u00a0", " ")


def docx_text(data: bytes, headers: bool = True) -> str:
    """The text of a DOCX in reading order: its body's paragraphs and table cells (a cell spanning several
    columns once), then (unless ``headers`` is false) its headers."""
    document = docx.Document(io.BytesIO(data))
    parts: list[str] = []

    def walk(container):
        for child in container.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                parts.append(element_text(child))
            elif tag == "tbl":
                for tr in child.iterchildren(f"{{{_W}}}tr"):
                    for tc in tr.iterchildren(f"{{{_W}}}tc"):
                        walk(tc)
            elif tag in ("sdt", "sdtContent", "hyperlink"):
                walk(child)

    walk(document.element.body)
    for section in document.sections if headers else ():
        parts.extend(p.text for p in section.header.paragraphs)
    return "\n".join(parts)


def approval_text(approval) -> str:
    """The 编制/审核/批准 table of a document (a records.Approval) as its text reads, without whitespace."""
    from dossier.render.formatting import cn_date

    offs = approval.sign_offs
    return squeeze("".join(s.duty for s in offs) + "签名" + "".join(s.name for s in offs) + "日期"
                   + "".join(cn_date(s.date) for s in offs))


def signed_sign_offs(dossier, ident: str) -> list:
    """The sign-offs of a document whose signer's signature image the company gives (each an inline picture)."""
    return [s for s in dossier.approval(ident).sign_offs if dossier.company.signing.signature(s.staff)]


def docx_tables(data: bytes) -> list[list[list[str]]]:
    """Every table of a DOCX body in order, as rows of cell texts (a cell spanning columns once, a line
    break inside a cell as a newline)."""
    document = docx.Document(io.BytesIO(data))
    return [[[element_text(tc, "\n") for tc in tr.iterchildren(f"{{{_W}}}tc")]
             for tr in tbl.iterchildren(f"{{{_W}}}tr")]
            for tbl in document.element.body.iter(f"{{{_W}}}tbl")]


def pdf_lines(data: bytes) -> list[str]:
    """The lines of a PDF's text, each stripped."""
    return [line.strip() for line in pdf_text(data).splitlines()]


def pdf_fonts(data: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(data))
    fonts = set()
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")))
    return fonts


def assert_cjk_pdf(data: bytes) -> None:
    """Every font of the PDF is an embedded subset of Noto CJK SC."""
    fonts = pdf_fonts(data)
    assert fonts, "no fonts"
    for name in fonts:
        assert re.match(r"/[A-Z]{6}\+Noto-(Serif|Sans)-CJK-SC", name), fonts


def docx_fonts(data: bytes) -> set[str]:
    """The east-Asian fonts named in the DOCX styles."""
    document = docx.Document(io.BytesIO(data))
    names = set()
    for element in document.styles.element.iter():
        value = element.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        if value and element.tag.endswith("rFonts"):
            names.add(value)
    return names


def body_paragraphs(data: bytes, line_break: str = "\n") -> list[str]:
    """The non-empty paragraphs of a DOCX body outside its tables (headings included), in order; a line break
    inside one as ``line_break``."""
    body = docx.Document(io.BytesIO(data)).element.body
    return [t for t in (element_text(p, line_break) for p in body.iterchildren(f"{{{_W}}}p")) if t]


def docx_rows(data: bytes, header: str) -> list[list[str]]:
    """The rows (header row first) of the DOCX's first table whose first row holds the cell ``header``."""
    for table in docx.Document(io.BytesIO(data)).tables:
        rows = [[cell.text.replace("\u00a0", " ") for cell in row.cells] for row in table.rows]
        if header in rows[0]:
            return rows
    raise AssertionError(f"no table with the column {header}")
