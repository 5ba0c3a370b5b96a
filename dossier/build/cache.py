"""The build cache kept in the output (``.dossier-cache/``): what each rendering read, and rendered PDFs by
the HTML they came from."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from weakref import WeakKeyDictionary

from .fingerprint import tool_fingerprint
from ..model.tracking import Reads

__all__ = ["CACHE_DIR", "reads_bytes", "load_reads", "RenderCache"]

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
        from ..render.pdf import RenderedPdf, anchor_pages, html_to_pdf

        key = self._key(html)
        meta, data = f"{key}.json", f"{key}.pdf"
        if self.previous is not None:
            try:
                described, pdf = (self.previous / meta).read_bytes(), (self.previous / data).read_bytes()
                info = json.loads(described)
                self.entries[meta], self.entries[data] = described, pdf
                return RenderedPdf(pdf, info["pages"], anchor_pages(info["anchors"], info.get("page_starts", ())))
            except (OSError, ValueError, KeyError):
                pass
        rendered = html_to_pdf(html, root)
        self.entries[data] = rendered.data
        self.entries[meta] = json.dumps({"pages": rendered.pages, "anchors": rendered.anchors,
                                         "page_starts": rendered.page_starts}).encode("utf-8")
        return rendered
