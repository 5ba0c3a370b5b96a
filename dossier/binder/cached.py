"""The binder's segments and merged font programs, made once and kept in the build cache by a key of
what they are made from (and the tool's version), so that a rebuild makes only those of changed parts."""

from __future__ import annotations

import hashlib
import json
from typing import Callable

from ..render.fontshare import subset_program, system_font_identity
from ..render.links import attachment_of
from . import pieces
from .output import encode_face
from .segment import Segment

__all__ = ["Segments"]


class Segments:
    """Segments and programs from ``cache`` (a build.cache.RenderCache, or None: everything is made)."""

    def __init__(self, cache):
        self.cache = cache

    def _segment(self, kind: str, key: tuple, make: Callable[[], Segment]) -> Segment:
        if self.cache is None:
            return make()
        name = f"seg-{self.cache.key(pieces.FORMAT, kind, *key)}.bin"
        found = self.cache.get(name, Segment.decode)
        if found is not None:
            return found
        segment = make()
        self.cache.put(name, segment.encode())
        return segment

    def document(self, pdf: bytes, links: tuple) -> Segment:
        """``links``: the document's links to attachments the binder holds (page, rectangle, target)."""
        described = json.dumps([[page, list(rect), target] for page, rect, target in links])
        return self._segment("document", (_sha(pdf), described), lambda: pieces.document_segment(
            pdf, [(page, rect, attachment_of(target)) for page, rect, target in links]))

    def attachment(self, item, sealed: bool, opacities) -> Segment:
        """An attachment (binder.attachments.AttachmentPages), watermarked as it asks."""
        watermark = item.attachment.watermark
        key = (item.digest, json.dumps(list(item.pages)), str(watermark), str(sealed), json.dumps(list(opacities)),
               str(item.shared))
        return self._segment("attachment", key, lambda: pieces.attachment_segment(
            item.reader, item.pages, watermark, sealed, opacities, item.shared))

    def stamp_font(self, font) -> Segment:
        return self._segment("stamp-font", (_sha(font.pdf),),
                             lambda: pieces.object_segment(lambda writer, _placeholder: font.reference(writer)))

    def seal(self, emblem) -> Segment:
        return self._segment("seal", (_sha(emblem.pdf),),
                             lambda: pieces.object_segment(lambda writer, _placeholder:
                                                           writer._add_object(emblem.form(writer))))

    def outline(self, items: list) -> Segment:
        from .outline import outline_segment

        return self._segment("outline", (json.dumps(items, ensure_ascii=False),), lambda: outline_segment(items))

    def faces(self, faces: dict) -> dict:
        """``faces`` (output.Face by name), each with its merged program, ToUnicode map and widths encoded
        (output.encode_face), from the cache when an earlier binder used the same glyphs."""
        for face in faces.values():
            def make(face=face) -> bytes:
                glyphs = sorted(set(face.widths) | set(face.unicode) | {0})
                program = subset_program(face.postscript, glyphs)
                if not program:
                    raise RuntimeError(f"HarfBuzz cannot subset the font {face.postscript}")
                return encode_face(face, program)

            if self.cache is None:
                encoded = make()
            else:
                key = self.cache.key("face", face.postscript, system_font_identity(face.postscript),
                                     json.dumps(sorted(face.widths.items())), json.dumps(sorted(face.unicode.items())))
                encoded = self.cache.made(f"face-{key}.bin", make)
            face.encoded = encoded
        return faces


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
