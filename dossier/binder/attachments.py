"""Attachments as binder pages: images set on A4 pages with their titles, PDFs taken as they are.

Images go through weasyprint's <img>, which places JPEG bytes unchanged (no re-encoding, no quality
loss). Watermarks are stamped later, on every page of an attachment that asks for one, as real text.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from ..errors import AttachmentError
from ..load.filetypes import inspect_attachment, open_pdf
from ..load.paths import resolve_inside
from ..model import Dossier
from ..model.records import Attachment

__all__ = ["AttachmentPages", "load_attachments"]


@dataclass(frozen=True)
class AttachmentPages:
    attachment: Attachment
    path: Path
    reader: PdfReader
    pages: tuple[int, ...]      # indexes into reader.pages


def _images_html(dossier: Dossier, images: list[tuple[Attachment, Path]]) -> str:
    from ..render.html import render_html

    return render_html("binder_images.html", {"company": dossier.company, "images": [
        {"attachment": a, "uri": path.as_uri()} for a, path in images]})


def load_attachments(dossier: Dossier) -> list[AttachmentPages]:
    """Every attachment of the dossier as pages ready to append, in the order of evidence.yaml."""
    from ..render.pdf import html_to_pdf

    resolved: list[tuple[Attachment, Path, str]] = []
    for attachment in dossier.attachments:
        path = resolve_inside(dossier.root, attachment.file)
        kind, message = inspect_attachment(path, attachment.file)
        if message:
            raise AttachmentError(message)
        resolved.append((attachment, path, kind))
    images = [(a, p) for a, p, kind in resolved if kind != "pdf"]
    image_reader = None
    if images:
        rendered = html_to_pdf(_images_html(dossier, images), dossier.root)
        image_reader = PdfReader(io.BytesIO(rendered.data))
        if len(image_reader.pages) != len(images):
            raise AttachmentError("图片附件排版后页数与图片数量不一致（某张图片过高而被分页）。")
    out, image_index = [], 0
    for attachment, path, kind in resolved:
        if kind == "pdf":
            reader = open_pdf(path)
            out.append(AttachmentPages(attachment, path, reader, tuple(range(len(reader.pages)))))
        else:
            out.append(AttachmentPages(attachment, path, image_reader, (image_index,)))
            image_index += 1
    return out
