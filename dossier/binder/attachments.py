"""Attachments as binder pages: images set on A4 pages with their titles, PDFs page by page.

What is bound is what :mod:`dossier.load.attachment` made of each file: the file itself when it needed
nothing, else its repaired or decrypted PDF, or its scan pages turned upright and scaled to the page.
Images go through weasyprint's <img>, which places JPEG bytes unchanged (no re-encoding, no quality
loss). PDF pages are set on A4 sheets later (:mod:`.placement`). Watermarks are stamped later, on every page of an attachment that asks for one, as real text.
"""

from __future__ import annotations

import base64
import io
import logging
from dataclasses import dataclass
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
    reader: PdfReader
    pages: tuple[int, ...]      # indexes into reader.pages


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


def _pdf_reader(path: Path, prepared: Prepared) -> PdfReader:
    return PdfReader(path if prepared.as_is else io.BytesIO(prepared.blobs[0].data))


def load_attachments(dossier: Dossier, cache=None) -> list[AttachmentPages]:
    """Every attachment of the dossier as pages ready to append, in the order of evidence.yaml; ``cache``: a
    RenderCache, so that the image attachments' pages are not laid out again when they have not changed."""
    from ..render.pdf import html_to_pdf

    resolved: list[tuple[Attachment, Path, Prepared]] = []
    for attachment in bound_attachments(dossier):
        path = resolve_inside(dossier.root, attachment.file)
        prepared = prepare_attachment(path, attachment.file)
        if prepared.refusal:
            raise AttachmentError(prepared.refusal)
        resolved.append((attachment, path, prepared))
    images = [(a, _image_uris(p, prepared)) for a, p, prepared in resolved if prepared.kind == "image"]
    image_reader = None
    if images:
        rendered = (cache.render if cache is not None else html_to_pdf)(_images_html(dossier, images), dossier.root)
        image_reader = PdfReader(io.BytesIO(rendered.data))
        if len(image_reader.pages) != sum(len(uris) for _, uris in images):
            raise AttachmentError("图片附件排版后页数与图片数量不一致（某张图片过高而被分页）。")
    out, image_index = [], 0
    for attachment, path, prepared in resolved:
        if prepared.kind == "pdf":
            reader = _pdf_reader(path, prepared)
            out.append(AttachmentPages(attachment, path, reader, tuple(range(len(reader.pages)))))
        else:
            count = 1 if prepared.as_is else len(prepared.blobs)
            out.append(AttachmentPages(attachment, path, image_reader, tuple(range(image_index, image_index + count))))
            image_index += count
    return out
