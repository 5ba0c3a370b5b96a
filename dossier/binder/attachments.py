"""Attachments as binder pages: images set on A4 pages with their titles, PDFs page by page.

What is bound is what :mod:`dossier.load.attachment` made of each file: the file itself when it needed
nothing, else its repaired or decrypted PDF, or its scan pages turned upright and scaled to the page.
Images go through weasyprint's <img>, which places JPEG bytes unchanged (no re-encoding, no quality
loss). PDF pages are set on A4 sheets later (:mod:`.placement`). Watermarks are stamped later, on every page of an attachment that asks for one, as real text.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pypdf import PdfReader

from ..errors import AttachmentError
from ..load.attachment import Blob, Prepared, prepare_attachment, sniff
from ..load.paths import resolve_inside
from ..model import Dossier
from ..model.records import Attachment
from ..model.reporting import bound_attachments

__all__ = ["AttachmentPages", "load_attachments"]

# pypdf logs the quirks it tolerates ("Xref table not zero-indexed") in files the sandbox has already read
# and judged; they are not the user's business, and logging's last resort would print them on the terminal
_PDF_LOG = logging.getLogger("pypdf")
_PDF_LOG.addHandler(logging.NullHandler())
_PDF_LOG.propagate = False


@dataclass(frozen=True)
class AttachmentPages:
    attachment: Attachment
    path: Path
    source: bytes = field(repr=False)     # the PDF the pages are taken from
    pages: tuple[int, ...] = ()           # indexes into its pages
    digest: str = ""                      # sha256 of ``source`` (what the binder's cache keys on)
    shared: bool = False                  # ``source`` holds other attachments' pages too (the laid-out images)

    @cached_property
    def reader(self) -> PdfReader:
        """``source`` read, on first use: a binder whose pieces are all in the cache never parses it."""
        return PdfReader(io.BytesIO(self.source))


def _image_uris(path: Path, prepared: Prepared) -> list[str]:
    """Data URIs, never file URIs: weasyprint names an image by its URL, and a name taken from the company
    folder's location would make two builds of the same data in two folders differ."""
    if prepared.as_is:
        data = path.read_bytes()
        blobs = [Blob(f"image/{sniff(data[:1024])}", data)]
    else:
        blobs = prepared.blobs
    return [f"data:{blob.mime};base64,{base64.b64encode(blob.data).decode('ascii')}" for blob in blobs]


def _images_html(dossier: Dossier, images: list[tuple[Attachment, list[str]]]) -> str:
    from ..render.html import render_html

    pages = [{"attachment": a, "uri": uri, "page": n, "pages": len(uris)}
             for a, uris in images for n, uri in enumerate(uris, 1)]
    return render_html("binder_images.html", {"company": dossier.company, "images": pages})


def _pdf_source(path: Path, prepared: Prepared) -> bytes:
    return path.read_bytes() if prepared.as_is else prepared.blobs[0].data


def load_attachments(dossier: Dossier, cache=None) -> list[AttachmentPages]:
    """Every attachment of the dossier as pages ready to append, in the order of evidence.yaml. ``cache``: a
    build.cache.RenderCache, so that the page of image attachments is laid out only when they change."""
    from ..render.pdf import html_to_pdf

    resolved: list[tuple[Attachment, Path, Prepared]] = []
    for attachment in bound_attachments(dossier):
        path = resolve_inside(dossier.root, attachment.file)
        prepared = prepare_attachment(path, attachment.file)
        if prepared.refusal:
            raise AttachmentError(prepared.refusal)
        resolved.append((attachment, path, prepared))
    images = [(a, _image_uris(p, prepared)) for a, p, prepared in resolved if prepared.kind == "image"]
    laid_out = None
    if images:
        html = _images_html(dossier, images)
        laid_out = cache.render(html, dossier.root) if cache is not None else html_to_pdf(html, dossier.root)
        if laid_out.pages != sum(len(uris) for _, uris in images):
            raise AttachmentError("图片附件排版后页数与图片数量不一致（某张图片过高而被分页）。")
        image_digest = hashlib.sha256(laid_out.data).hexdigest()
    out, image_index = [], 0
    for attachment, path, prepared in resolved:
        if prepared.kind == "pdf":
            data = _pdf_source(path, prepared)
            digest = hashlib.sha256(data).hexdigest()
            out.append(AttachmentPages(attachment, path, data, tuple(range(_page_count(data, digest, cache))), digest))
        else:
            count = 1 if prepared.as_is else len(prepared.blobs)
            out.append(AttachmentPages(attachment, path, laid_out.data, tuple(range(image_index, image_index + count)),
                                       image_digest, shared=True))
            image_index += count
    return out


def _page_count(data: bytes, digest: str, cache) -> int:
    """How many pages the PDF ``data`` has: from the cache when an earlier build counted them (counting means
    reading its whole page tree)."""
    def count() -> bytes:
        return str(len(PdfReader(io.BytesIO(data)).pages)).encode("ascii")

    found = cache.made(f"pages-{cache.key('pages', digest)}.bin", count) if cache is not None else count()
    return int(found)
