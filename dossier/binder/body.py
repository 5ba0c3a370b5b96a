"""The binder's body: the documents' pages in their order, then the attachments' set on A4, appended as each
part is there (a rebuild appends the documents it reuses while it renders the others)."""

from __future__ import annotations

import io
from typing import Iterable

from pypdf import PdfReader, PdfWriter

from ..builders import Rendered
from .attachments import AttachmentPages
from .placement import place_on_a4

__all__ = ["Body"]


class Body:
    """The pages appended so far to a new writer, and the documents' readers (their outlines go into the
    binder's). The same documents appended in the same order give the same body, in one go or in several."""

    def __init__(self):
        self.writer = PdfWriter()
        self.readers: list[PdfReader] = []
        self._appended: list[str] = []

    def append(self, documents: Iterable[Rendered]) -> None:
        """The documents' pages after those appended so far."""
        for rendered in documents:
            reader = PdfReader(io.BytesIO(rendered.pdf.data))
            self.writer.append(reader, import_outline=False)
            self.readers.append(reader)
            self._appended.append(rendered.info.id)

    def completed(self, documents: list[Rendered],
                  attachments: list[AttachmentPages]) -> tuple[PdfWriter, list[PdfReader]]:
        """The whole body: the ``documents`` (the first of them those appended already), then the attachments'
        pages; with the documents' readers."""
        done = len(self._appended)
        if [r.info.id for r in documents[:done]] != self._appended:
            raise ValueError(f"the body holds {self._appended}, not the first documents of the binder")
        self.append(documents[done:])
        first_attachment_page = len(self.writer.pages)
        for item in attachments:
            self.writer.append(item.reader, pages=list(item.pages), import_outline=False)
        place_on_a4(self.writer, range(first_attachment_page, len(self.writer.pages)))
        return self.writer, self.readers
