"""The build cache kept in the output (``.dossier-cache/``): what each rendering read, rendered PDFs by the
HTML they came from, and the binder's pieces by what they were made from."""

from __future__ import annotations

import gzip
import hashlib
import json
import weakref
from pathlib import Path
from typing import Callable, TypeVar

from .fingerprint import tool_fingerprint
from ..model.tracking import Reads

__all__ = ["CACHE_DIR", "reads_bytes", "load_reads", "loaded_unchanged", "Stored", "RenderCache"]

CACHE_DIR = ".dossier-cache"
T = TypeVar("T")

#: the stored bytes each Reads was loaded from (and how many notes it had), so that a document reused
#: unchanged writes its reads back as they were instead of encoding and compressing them again
_LOADED: "weakref.WeakKeyDictionary[Reads, tuple[int, bytes]]" = weakref.WeakKeyDictionary()


def loaded_unchanged(reads: Reads) -> bool:
    """Whether ``reads`` are the previous build's, as load_reads loaded them (nothing noted since)."""
    loaded = _LOADED.get(reads)
    return loaded is not None and loaded[0] == len(reads.notes)


def reads_bytes(reads: Reads) -> bytes:
    if loaded_unchanged(reads):
        return _LOADED[reads][1]
    return gzip.compress(json.dumps(reads.to_json(), ensure_ascii=False).encode("utf-8"), mtime=0)


def load_reads(out: Path, stem: str) -> Reads | None:
    try:
        stored = (Path(out) / CACHE_DIR / f"{stem}.reads.json.gz").read_bytes()
        reads = Reads.from_json(json.loads(gzip.decompress(stored)))
    except (OSError, ValueError, EOFError):
        return None
    _LOADED[reads] = (len(reads.notes), stored)
    return reads


class Stored(bytes):
    """The bytes of a file of the previous output's cache, which the new output can link to (``source``)
    instead of writing them again."""

    source: Path

    def __new__(cls, data: bytes, source: Path):
        self = super().__new__(cls, data)
        self.source = source
        return self

    def __reduce__(self):
        return Stored, (bytes(self), self.source)


def _checked(data: bytes) -> bytes:
    return data + hashlib.sha256(data).digest()


def _unchecked(data: bytes) -> bytes | None:
    body, digest = data[:-32], data[-32:]
    return body if len(data) >= 32 and hashlib.sha256(body).digest() == digest else None


class RenderCache:
    """What the previous build rendered or made, kept in its output's cache folder, by a key of everything
    it was made from and the tool's fingerprint.

    Reads from the previous output's cache folder; what this build used or made is written into the new
    output (``entries``: name → bytes, a ``Stored`` one linked from the previous output), so the cache
    never grows stale files. A damaged entry is not used: it is made again.
    """

    def __init__(self, previous: Path | None):
        self.previous = Path(previous) / CACHE_DIR if previous else None
        self.entries: dict[str, bytes] = {}

    @staticmethod
    def key(*parts: str | bytes) -> str:
        """The cache key of a thing made from ``parts`` by this version of the tool."""
        hasher = hashlib.sha256(tool_fingerprint().encode("ascii"))
        for part in parts:
            data = part.encode("utf-8") if isinstance(part, str) else part
            hasher.update(b"%d:" % len(data))
            hasher.update(data)
        return hasher.hexdigest()[:32]

    @staticmethod
    def _key(html: str) -> str:
        return hashlib.sha256((tool_fingerprint() + html).encode("utf-8")).hexdigest()[:32]

    def _read(self, name: str) -> Stored | None:
        if self.previous is None:
            return None
        try:
            path = self.previous / name
            return Stored(path.read_bytes(), path)
        except OSError:
            return None

    def get(self, name: str, decode: Callable[[bytes], T | None]) -> T | None:
        """What the previous build stored under ``name``, ``decode``-d (None: not there, or not whole); kept
        for the next build."""
        data = self._read(name)
        value = decode(data) if data is not None else None
        if value is not None:
            self.entries[name] = data
        return value

    def put(self, name: str, data: bytes) -> None:
        self.entries[name] = data

    def made(self, name: str, make: Callable[[], bytes | None]) -> bytes | None:
        """The bytes stored under ``name`` (checked against a digest), or ``make()``-d and stored."""
        found = self.get(name, _unchecked)
        if found is not None:
            return found
        data = make()
        if data is not None:
            self.put(name, _checked(data))
        return data

    def lookup(self, html: str):
        """The PDF rendered from ``html`` by the same tool, when the previous build kept it; else None."""
        from ..render.pdf import RenderedPdf, anchor_pages

        key = self._key(html)
        meta, data = f"{key}.json", f"{key}.pdf"
        described, pdf = self._read(meta), self._read(data)
        if described is None or pdf is None:
            return None
        try:
            info = json.loads(described)
            rendered = RenderedPdf(pdf, info["pages"], anchor_pages(info["anchors"], info.get("page_starts", ())))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        if info.get("sha256") != hashlib.sha256(pdf).hexdigest():
            return None
        self.entries[meta], self.entries[data] = described, pdf
        return rendered

    def keep(self, html: str, rendered) -> None:
        """Store the PDF rendered from ``html`` for the next build."""
        key = self._key(html)
        self.entries[f"{key}.pdf"] = rendered.data
        self.entries[f"{key}.json"] = json.dumps({"pages": rendered.pages, "anchors": rendered.anchors,
                                                  "page_starts": rendered.page_starts,
                                                  "sha256": hashlib.sha256(rendered.data).hexdigest()}).encode("utf-8")

    def render(self, html: str, root: Path):
        """The PDF of ``html``: from the cache when the same HTML was rendered by the same tool."""
        from ..render.pdf import html_to_pdf

        rendered = self.lookup(html)
        if rendered is None:
            rendered = html_to_pdf(html, root)
            self.keep(html, rendered)
        return rendered

    def pdf(self, html: str, identifier: bytes) -> bytes:
        """weasyprint's PDF of a small self-contained ``html`` (the stamp font's, the seal's), written
        with ``identifier``: from the cache when the previous build wrote the same."""
        def write() -> bytes:
            from weasyprint import HTML

            return HTML(string=html).write_pdf(pdf_identifier=identifier)

        return self.made(f"pdf-{self.key('pdf', html, identifier)}.bin", write)
