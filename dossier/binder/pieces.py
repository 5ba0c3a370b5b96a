"""The binder's parts as segments (:mod:`.segment`): each appended with pypdf to a PDF of its own, as it
would be to the whole binder (pages, annotations, named destinations, forms, articles), set on A4 if it
is an attachment, given its links and what its stamps draw with; then written out with every reference to
something outside the part left open: the page tree, another part's page, the stamps, a shared font.

What a part's segment holds depends only on the part (its PDF, its links, whether it is watermarked and
sealed), never on where it lands, so the segment of an unchanged part is taken from the build cache.
"""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.generic import (ArrayObject, DictionaryObject, IndirectObject, NameObject, NullObject,
                           TextStringObject)

from ..render.fontshare import face_use
from .objects import Templater
from .placement import place_on_a4
from .segment import Segment
from .stamp import stamp_resources, visible_frame

__all__ = ["document_segment", "attachment_segment", "front_segment", "object_segment", "PLACEHOLDER",
           "FORMAT"]

#: the version of what a segment holds; part of every cache key of segments
FORMAT = "1"
#: how the front matter's HTML links to a page of the binder: binder:page/N
LINK_SCHEME = "binder:page/"
#: the key of a placeholder object: an object standing for something the binder supplies
PLACEHOLDER = NameObject("/DossierBinderRef")

#: markers of what the binder supplies: the same in every binder (``:``), or placed (``@``)
PARENT, OPENING_MARK, STAMP_FONT, SEAL = "@parent", ":opening", ":stampfont", ":seal"


def stamp_mark(index: int) -> str:
    return f"@stamp/{index}"


def page_mark(number: int) -> str:
    return f"@page/{number}"


def attachment_mark(ident: str) -> str:
    return f"@attachment/{ident}"


def face_mark(postscript: str) -> str:
    return f":font/{postscript}"


class _Piece:
    """A pypdf writer holding one part, and the placeholders it refers to."""

    def __init__(self):
        self.writer = PdfWriter()
        self._placeholders: dict[str, IndirectObject] = {}

    def placeholder(self, name: str) -> IndirectObject:
        if name not in self._placeholders:
            self._placeholders[name] = self.writer._add_object(
                DictionaryObject({PLACEHOLDER: TextStringObject(name)}))
        return self._placeholders[name]

    def prepare_stamps(self, opacities=(), sealed: bool = False) -> None:
        """Each page drawn between the binder's opening stream and its stamp stream, with the stamp font
        (and the seal) in its resources; the page's own content streams are left as they are."""
        for index, page in enumerate(self.writer.pages):
            stamp_resources(page, self.placeholder(STAMP_FONT), opacities,
                            self.placeholder(SEAL) if sealed else None)
            contents = page.get("/Contents")
            parts = ArrayObject([self.placeholder(OPENING_MARK)])
            if contents is not None:
                existing = contents.get_object()
                if isinstance(existing, ArrayObject):
                    parts.extend(existing)
                else:
                    parts.append(contents if isinstance(contents, IndirectObject)
                                 else self.writer._add_object(existing))
            parts.append(self.placeholder(stamp_mark(index)))
            page[NameObject("/Contents")] = parts

    def segment(self, meta: dict, roots=(), compress: bool = False) -> Segment:
        """The part as a segment; ``roots``: more objects (references) it holds, whose markers go into
        its meta ``roots``; ``compress``: streams written without a filter are compressed."""
        writer = self.writer
        tree = writer.root_object["/Pages"].get_object()
        faces: dict[str, dict] = {}
        seen: dict[int, str | None] = {}
        templater: Templater

        def classify(obj):
            if not isinstance(obj, DictionaryObject):
                return None
            if obj is tree:
                return PARENT
            name = obj.get(PLACEHOLDER)
            if name is not None:
                return str(name)
            key = id(obj)
            if key not in seen:
                seen[key] = _face(obj, faces, templater)
            return seen[key]

        templater = Templater(classify, compress=compress)
        pages = [templater.number(page.get_object()) for page in writer.pages]
        root = writer.root_object
        names = []
        dests = root.get("/Names", DictionaryObject()).get_object().get("/Dests")
        if dests is not None:
            array = dests.get_object().get("/Names", ArrayObject()).get_object()
            for title, dest in zip(array[0::2], array[1::2]):
                names.append([str(title), templater.value(dest).decode("latin-1")])
        meta = dict(meta, names=names, frames=[list(visible_frame(p)) for p in writer.pages])
        form = root.get("/AcroForm")
        if form is not None:
            form = form.get_object()
            fields = form.get("/Fields", ArrayObject()).get_object()
            meta["acroform"] = [[NameObject(k).renumber().decode("latin-1"), templater.value(v).decode("latin-1")]
                                for k, v in form.items() if k != "/Fields"]
            meta["fields"] = [templater.number(f.get_object()) for f in fields if isinstance(f, IndirectObject)]
        threads = root.get("/Threads")
        if threads is not None:
            meta["threads"] = [templater.number(t.get_object()) for t in threads.get_object()
                               if isinstance(t, IndirectObject)]
        if roots:
            meta["roots"] = [templater.reference(ref)[1:-1].decode("ascii") for ref in roots]
        templater.flush()
        meta["faces"] = faces
        return Segment(templater.objects, pages, meta)


#: the keys of a face's dictionaries that the binder's merged face gives its own values
_MERGED = {"font": ("/BaseFont", "/DescendantFonts", "/ToUnicode"),
           "descendant": ("/BaseFont", "/FontDescriptor", "/W"),
           "descriptor": ("/FontName", "/FontFile3")}


def _face(font, faces: dict, templater) -> str | None:
    """The marker of ``font`` when it is a copy of a system face the binder merges, its glyphs added to
    ``faces``; the first copy's dictionaries are kept there as the merged face's model."""
    use = face_use(font)
    if use is None:
        return None
    entry = faces.get(use.postscript)
    if entry is None:
        descendant = font["/DescendantFonts"][0].get_object()
        dictionaries = {"font": font, "descendant": descendant,
                        "descriptor": descendant["/FontDescriptor"].get_object()}
        model = {kind: [[str(k), None if k in _MERGED[kind] else templater.value(v).decode("latin-1")]
                        for k, v in d.items()] for kind, d in dictionaries.items()}
        entry = faces[use.postscript] = {"basefont": str(font["/BaseFont"]), "model": model, "widths": {},
                                         "unicode": {}}
    entry["widths"].update({str(k): v for k, v in use.widths.items()})
    entry["unicode"].update({str(k): v for k, v in use.unicode.items()})
    return face_mark(use.postscript)


def _outline_of(reader: PdfReader, outline) -> list:
    """A document's own outline as [title, 0-based page, children] items: an item whose destination is not
    a page of the document is left out, and its children go to the item before it."""
    items: list = []
    last = None
    for item in outline:
        if isinstance(item, list):
            if last is not None:
                last[2].extend(_outline_of(reader, item))
            continue
        page = reader.get_destination_page_number(item)
        if page is None or page < 0:
            continue
        last = [str(item.title), page, []]
        items.append(last)
    return items


def document_segment(pdf: bytes, links) -> Segment:
    """A rendered document, with its links to attachments (``links``: (page, rect, attachment id), only to
    attachments the binder holds) pointing at their first pages."""
    reader = PdfReader(io.BytesIO(pdf))
    piece = _Piece()
    piece.writer.append(reader, import_outline=False)
    for page, rect, ident in links:
        added = piece.writer.add_annotation(page, Link(rect=rect, target_page_index=0))
        added[NameObject("/Dest")][0] = piece.placeholder(attachment_mark(ident))
    piece.prepare_stamps()
    return piece.segment({"outline": _outline_of(reader, reader.outline)})


def attachment_segment(reader: PdfReader, pages, watermark: bool, sealed: bool, opacities=(),
                       shared: bool = False) -> Segment:
    """An attachment's pages, set on A4; a watermarked one's pages also given the watermark's graphics
    states (``opacities``) and, when ``sealed``, the seal. ``shared``: the reader's pages belong to several
    attachments (the page of image attachments, whose pages share one resource dictionary naming every
    image): each page keeps only the images it draws, so that a segment holds its own images alone."""
    piece = _Piece()
    piece.writer.append(reader, pages=list(pages), import_outline=False)
    if shared:
        for page in piece.writer.pages:
            _keep_drawn_images(page)
    place_on_a4(piece.writer, range(len(piece.writer.pages)))
    piece.prepare_stamps(opacities if watermark else (), sealed and watermark)
    return piece.segment({})


def _keep_drawn_images(page) -> None:
    """Give ``page`` resources of its own whose XObjects are those its content draws (``Do``)."""
    resources = page.get("/Resources")
    objects = resources.get_object().get("/XObject") if resources is not None else None
    if objects is None:
        return
    drawn = {str(operands[0]) for operands, operator in page.get_contents().operations
             if operator == b"Do" and operands}
    own = DictionaryObject(resources.get_object())
    own[NameObject("/XObject")] = DictionaryObject({k: v for k, v in objects.get_object().items() if k in drawn})
    page[NameObject("/Resources")] = own


def front_segment(pdf: bytes, meta: dict) -> Segment:
    """The front matter (written uncompressed), its ``binder:page/N`` links turned into links to page N of
    the binder, its own streams compressed."""
    piece = _Piece()
    piece.writer.append(PdfReader(io.BytesIO(pdf)), import_outline=False)
    for page in piece.writer.pages:
        for annotation in page.get("/Annots", ArrayObject()):
            annotation = annotation.get_object()
            action = annotation.get("/A")
            uri = action.get_object().get("/URI") if action is not None else None
            if uri is not None and str(uri).startswith(LINK_SCHEME):
                target = piece.placeholder(page_mark(int(str(uri)[len(LINK_SCHEME):])))
                annotation[NameObject("/A")] = DictionaryObject({
                    NameObject("/S"): NameObject("/GoTo"),
                    NameObject("/D"): ArrayObject([target, NameObject("/XYZ"), NullObject(), NullObject(),
                                                   NullObject()])})
    piece.prepare_stamps()
    return piece.segment(meta, compress=True)


def object_segment(build) -> Segment:
    """A segment of loose objects: ``build(writer, placeholder)`` adds them to a new writer and returns the
    reference of the one the binder refers to (meta ``roots``: its marker)."""
    piece = _Piece()
    root = build(piece.writer, piece.placeholder)
    return piece.segment({}, [root])
