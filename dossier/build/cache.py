"""The build cache kept in the output (``.dossier-cache/``): what each rendering read, and rendered PDFs by
the HTML they came from (the binder's front matter and stamps, and the passes of long documents)."""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import astuple
from pathlib import Path
from weakref import WeakKeyDictionary

from .fingerprint import tool_fingerprint
from ..model.tracking import Reads

__all__ = ["CACHE_DIR", "reads_bytes", "load_reads", "RenderCache", "passes_folder", "kept_passes"]

CACHE_DIR = ".dossier-cache"


#: the stored bytes of the reads loaded from a previous build's cache, which reads_bytes gives again rather than
#: serialise and compress them anew
_STORED: "WeakKeyDictionary[Reads, bytes]" = WeakKeyDictionary()


def reads_bytes(reads: Reads) -> bytes:
    stored = _STORED.get(reads)
    if stored is not None:
        return stored
    return gzip.compress(json.dumps(reads.to_json(), ensure_ascii=False).encode("utf-8"), compresslevel=6, mtime=0)


def load_reads(out: Path, stem: str) -> Reads | None:
    try:
        stored = (Path(out) / CACHE_DIR / f"{stem}.reads.json.gz").read_bytes()
        reads = Reads.from_json(json.loads(gzip.decompress(stored)))
    except (OSError, ValueError, EOFError):
        return None
    _STORED[reads] = stored      # written by this same tool (the build reads it only then): its own bytes
    return reads


class RenderCache:
    """Rendered PDFs kept from the previous build, by the HTML they came from and the tool's fingerprint.

    Reads from the previous output's cache folder (its subfolder ``folder``, for the passes of one
    document); what this build used or rendered is written into the new output (``entries``, named as
    they are stored under the cache folder), so the cache never grows stale files.
    """

    def __init__(self, previous: Path | None, folder: str = ""):
        self.folder = f"{folder}/" if folder else ""
        self.previous = Path(previous) / CACHE_DIR / folder if previous else None
        self.entries: dict[str, bytes] = {}

    @staticmethod
    def _key(html: str) -> str:
        return hashlib.sha256((tool_fingerprint() + html).encode("utf-8")).hexdigest()[:32]

    def holds(self, html: str) -> bool:
        """Whether the previous build kept a PDF of ``html`` (so that rendering it only reads two files)."""
        key = self._key(html)
        return self.previous is not None and all((self.previous / f"{key}.{ext}").is_file() for ext in ("json", "pdf"))

    def render(self, html: str, root: Path, pages: int | None = None):
        """The PDF of ``html``: from the cache when the same HTML was rendered by the same tool (with the
        warnings and the links into the binder its rendering gave). With ``pages``: only if it has that many
        pages (see render.pdf.html_to_pdf; OtherPageCount otherwise, and nothing kept)."""
        from ..render.page_numbers import NumberPlace
        from ..render.pdf import OtherPageCount, RenderedPdf, anchor_pages, html_to_pdf, stored_links

        key = self._key(html)
        meta, data = f"{key}.json", f"{key}.pdf"
        if self.previous is not None:
            try:
                described, pdf = (self.previous / meta).read_bytes(), (self.previous / data).read_bytes()
                info = json.loads(described)
                places = tuple(None if p is None else NumberPlace(*p) for p in info.get("number_places", ()))
                rendered = RenderedPdf(pdf, info["pages"], anchor_pages(info["anchors"], info.get("page_starts", ())),
                                       tuple(info.get("warnings", ())), stored_links(info.get("links", ())), places)
                if pages is not None and rendered.pages != pages:
                    raise OtherPageCount(rendered.pages)
                self.entries[self.folder + meta], self.entries[self.folder + data] = described, pdf
                return rendered
            except (OSError, ValueError, KeyError, TypeError):
                pass
        rendered = html_to_pdf(html, root, pages)
        self.entries[self.folder + data] = rendered.data
        self.entries[self.folder + meta] = json.dumps({
            "pages": rendered.pages, "anchors": rendered.anchors, "page_starts": rendered.page_starts,
            "warnings": list(rendered.warnings), "links": rendered.links,
            "number_places": [None if p is None else astuple(p) for p in rendered.number_places]},
            ensure_ascii=False).encode("utf-8")
        return rendered


def passes_folder(document: str) -> str:
    """The cache's subfolder for the passes of a long document (by its id)."""
    return f"passes/{document}"


def kept_passes(out: Path, document: str) -> dict[str, bytes]:
    """The passes of ``document`` the previous build in ``out`` kept, named as the cache stores them: what a
    document reused as it was hands on to the next build."""
    folder = passes_folder(document)
    try:
        files = sorted((Path(out) / CACHE_DIR / folder).iterdir())
        return {f"{folder}/{f.name}": f.read_bytes() for f in files if f.is_file() and not f.is_symlink()}
    except OSError:
        return {}
