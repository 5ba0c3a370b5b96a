"""The indexed PDF evidence binder: cover, table of contents, evidence index, documents, attachments."""

from .assemble import WATERMARK, Binder, assemble_binder
from .attachments import AttachmentError, AttachmentPages, load_attachments
from .parts import Part

__all__ = ["WATERMARK", "Binder", "assemble_binder", "AttachmentError", "AttachmentPages", "load_attachments",
           "Part"]
