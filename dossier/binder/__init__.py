"""The indexed PDF evidence binder: cover, table of contents, evidence index, documents, attachments.

The names below are loaded on first use, so that a module of the package (``placement``, which the
attachment sandbox uses to try a PDF) can be imported without the whole binder and its renderer."""

from importlib import import_module

__all__ = ["WATERMARK", "Binder", "assemble_binder", "AttachmentPages", "load_attachments", "Part"]

_HOMES = {"WATERMARK": "assemble", "Binder": "assemble", "assemble_binder": "assemble",
          "AttachmentPages": "attachments", "load_attachments": "attachments", "Part": "parts"}


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_HOMES[name]}", __name__), name)
