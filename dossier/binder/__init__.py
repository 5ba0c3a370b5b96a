"""The indexed PDF evidence binder: cover, table of contents, evidence index, documents, attachments."""

from .assemble import WATERMARK, Binder, assemble_binder
from .attachments import AttachmentPages, load_attachments
from .parts import Part

__all__ = ["WATERMARK", "Binder", "assemble_binder", "AttachmentPages", "load_attachments",
           "Part"]
