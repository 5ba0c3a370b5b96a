"""Text stamped onto finished PDF pages: page numbers (the binder's, and those of a document laid out in
passes), watermarks, attachment captions; and the company's seal on licence copies.

Merging a rendered overlay page onto every page is slow and bloats the file. Instead, weasyprint
renders every glyph the stamps need once, in one line of text; its embedded CJK subset font (with its
ToUnicode map and widths) is copied into the binder once, and each page gets a few bytes of content
stream drawing its text with that font. Stamped text stays real, extractable text. A seal is an image
weasyprint places once on a page of its size; that page becomes a form XObject each stamped page draws.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
from dataclasses import dataclass
from html import escape
from typing import Callable

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, IndirectObject,
                           NameObject)

__all__ = ["Layout", "Overlay", "StampFont", "SealEmblem", "Emblem", "stamp_page", "wrap_content"]

FONT_NAME = NameObject("/FDossierStamp")
SEAL_NAME = NameObject("/XDossierSeal")
_PT_PER_MM = 72 / 25.4
_GS_NAME = "/GSDossier{}"


@dataclass(frozen=True)
class Overlay:
    """One line of text to draw on a page, positioned in the page's visible (rotated) frame."""

    text: str
    x: float                   # 0–1 across the visible page width
    y: float                   # points from the visible bottom edge
    size: float = 9
    align: str = "center"      # left / center / right
    angle: float = 0           # degrees, counter-clockwise
    gray: float = 0.2
    opacity: float = 1.0
    from_top: bool = False     # y measured from the visible top edge instead
    y_fraction: float | None = None   # y as a fraction of the visible height (overrides y)
    plate: bool = False        # draw a white plate behind the text, so it reads over any content


#: lays out a line of HTML into PDF bytes: weasyprint here, or a build's cache of what it laid out before
Layout = Callable[[str], bytes]


def _laid_out(html: str) -> bytes:
    from .engine import lay_out, pdf_bytes

    return pdf_bytes(lay_out(html), hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii"))


class StampFont:
    """A subset CJK font holding exactly the glyphs of the given texts, ready to draw with (``layout``: how
    the line of those glyphs is laid out; the binder passes its render cache). ``name``: the name pages know
    it by, one per kind of stamp: a document's page numbers, stamped when its passes were joined, keep their
    own font under the binder's stamps."""

    def __init__(self, texts: list[str], family: str = "Noto Sans CJK SC", layout: Layout | None = None,
                 name: str = FONT_NAME):
        self.name = NameObject(name)
        chars = "".join(sorted(set("".join(texts)) | set("0123456789 /")))
        # no ligatures: stamps draw glyph by glyph, so "f" and "l" side by side must stay two glyphs
        html = (f'<html lang="zh-CN"><body style="font-family: \'{family}\'; font-size: 10pt">'
                f'<p style="white-space: pre; font-variant-ligatures: none">x{escape(chars)}x</p></body></html>')
        reader = PdfReader(io.BytesIO((layout or _laid_out)(html)))
        fonts = reader.pages[0]["/Resources"]["/Font"]
        if len(fonts) != 1:
            raise RuntimeError(f"stamp glyphs came out in {len(fonts)} fonts: {family} lacks some characters")
        self._font = next(iter(fonts.values())).get_object()
        self.codes = _unicode_to_codes(self._font["/ToUnicode"].get_object().get_data().decode("latin-1"))
        missing = set(chars) - set(self.codes)
        if missing:
            raise RuntimeError(f"no glyph for {''.join(sorted(missing))!r} in {family}")
        self.widths = _widths(self._font["/DescendantFonts"][0].get_object().get("/W", ArrayObject()))
        self._refs: dict[int, IndirectObject] = {}

    def reference(self, writer: PdfWriter) -> IndirectObject:
        """The font as an object of ``writer`` (copied in once per writer)."""
        key = id(writer)
        if key not in self._refs:
            self._refs[key] = self._font.clone(writer).indirect_reference
        return self._refs[key]

    def encode(self, text: str) -> str:
        return "".join(f"{self.codes[ch]:04x}" for ch in text)

    def width(self, text: str, size: float) -> float:
        return sum(self.widths.get(self.codes[ch], 1000) for ch in text) * size / 1000


def _unicode_to_codes(cmap: str) -> dict[str, int]:
    """Invert a ToUnicode CMap (bfchar and bfrange entries) into character → code."""
    codes: dict[str, int] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, uni in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            codes.setdefault(bytes.fromhex(uni).decode("utf-16-be"), int(code, 16))
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, uni in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            start = ord(bytes.fromhex(uni).decode("utf-16-be"))
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                codes.setdefault(chr(start + offset), code)
    return codes


def _widths(array) -> dict[int, float]:
    """CID → width from a CIDFont /W array (``c [w1 w2 …]`` and ``c_first c_last w`` forms)."""
    widths: dict[int, float] = {}
    items = list(array)
    i = 0
    while i < len(items):
        first = int(items[i])
        following = items[i + 1]
        if isinstance(following, (list, ArrayObject)):
            for offset, width in enumerate(following):
                widths[first + offset] = float(width)
            i += 2
        else:
            for cid in range(first, int(following) + 1):
                widths[cid] = float(items[i + 2])
            i += 3
    return widths


def _visible_frame(page) -> tuple[float, float, float, float, int]:
    box = page.mediabox
    return float(box.left), float(box.bottom), float(box.width), float(box.height), int(page.get("/Rotate", 0)) % 360


def _visible_size(page) -> tuple[float, float]:
    _left, _bottom, width, height, rotate = _visible_frame(page)
    return (height, width) if rotate in (90, 270) else (width, height)


def _placement(page, overlay: Overlay, text_width: float) -> tuple[float, float, float]:
    """Page-space origin and angle of the text, so it reads upright on the page as displayed."""
    vis_w, vis_h = _visible_size(page)
    vx = overlay.x * vis_w
    vx -= {"left": 0, "center": text_width / 2, "right": text_width}[overlay.align] * math.cos(
        math.radians(overlay.angle))
    if overlay.y_fraction is not None:
        vy = overlay.y_fraction * vis_h
    else:
        vy = (vis_h - overlay.y) if overlay.from_top else overlay.y
    if overlay.align == "center" and overlay.angle:
        vy -= text_width / 2 * math.sin(math.radians(overlay.angle))
    x, y, rotate = _to_page(page, vx, vy)
    return x, y, overlay.angle + rotate


def _to_page(page, vx: float, vy: float) -> tuple[float, float, int]:
    """Visible coordinates (from the displayed page's bottom left) → page coordinates, and the page's
    rotation; /Rotate turns the displayed page clockwise."""
    left, bottom, width, height, rotate = _visible_frame(page)
    if rotate == 0:
        px, py = vx, vy
    elif rotate == 90:
        px, py = width - vy, vx
    elif rotate == 180:
        px, py = width - vx, height - vy
    else:  # 270
        px, py = vy, height - vx
    return left + px, bottom + py, rotate


class SealEmblem:
    """The company's seal (a records' MarkImage: PNG or JPEG), ``size_mm`` across at most, as a form XObject
    to draw on pages: weasyprint places the image once, on a page of its size."""

    def __init__(self, image, size_mm: float = 40.0, layout: Layout | None = None):
        import base64

        scale = size_mm / max(image.width, image.height)
        self.width_mm, self.height_mm = image.width * scale, image.height * scale
        uri = f"data:{image.mime};base64,{base64.b64encode(image.data).decode('ascii')}"
        html = (f"<html><head><style>@page {{ size: {self.width_mm:.3f}mm {self.height_mm:.3f}mm; margin: 0 }} "
                f"body {{ margin: 0 }} img {{ display: block; width: {self.width_mm:.3f}mm; "
                f"height: {self.height_mm:.3f}mm }}</style></head><body><img src=\"{uri}\" alt=\"\"></body></html>")
        self._page = PdfReader(io.BytesIO((layout or _laid_out)(html))).pages[0]
        self._refs: dict[int, IndirectObject] = {}

    @property
    def size_pt(self) -> tuple[float, float]:
        return self.width_mm * _PT_PER_MM, self.height_mm * _PT_PER_MM

    def reference(self, writer: PdfWriter) -> IndirectObject:
        """The seal as a form XObject of ``writer`` (copied in once per writer)."""
        key = id(writer)
        if key not in self._refs:
            page = self._page
            form = DecodedStreamObject()
            form.set_data(page.get_contents().get_data())
            box = page.mediabox
            form.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                         NameObject("/BBox"): ArrayObject([FloatObject(float(v)) for v in
                                                           (box.left, box.bottom, box.right, box.top)]),
                         NameObject("/Resources"): page["/Resources"].get_object().clone(writer)})
            self._refs[key] = writer._add_object(form)
        return self._refs[key]

    def at(self, x: float, y: float) -> "Emblem":
        """The seal centred ``x`` (0–1) across the visible page and ``y`` points above its bottom edge."""
        return Emblem(self, x, y)


@dataclass(frozen=True)
class Emblem:
    seal: SealEmblem
    x: float
    y: float


def stamp_page(writer: PdfWriter, page, overlays: list[Overlay], font: StampFont, emblems=()) -> None:
    """Draw ``overlays``, then ``emblems`` (a seal over the words it certifies), on top of ``page`` (a page
    already in ``writer``)."""
    shared = page.get("/Resources")        # pages often share one resources object: it is added to in place
    resources = DictionaryObject() if shared is None else shared.get_object()
    _member(resources, "/Font")[font.name] = font.reference(writer)
    ops = ["Q", "q"]
    for overlay in overlays:
        x, y, angle = _placement(page, overlay, font.width(overlay.text, overlay.size))
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        if overlay.opacity < 1:
            name = _GS_NAME.format(int(overlay.opacity * 100))
            _member(resources, "/ExtGState")[NameObject(name)] = DictionaryObject({
                NameObject("/Type"): NameObject("/ExtGState"), NameObject("/ca"): FloatObject(overlay.opacity),
                NameObject("/CA"): FloatObject(overlay.opacity)})
            ops.append(f"{name} gs")
        ops.append(f"q {cos:.5f} {sin:.5f} {-sin:.5f} {cos:.5f} {x:.2f} {y:.2f} cm")
        if overlay.plate:
            pad = overlay.size * 0.35
            width = font.width(overlay.text, overlay.size)
            ops.append(f"1 g {-pad:.2f} {-pad:.2f} {width + 2 * pad:.2f} {overlay.size + pad:.2f} re f")
        ops.append(f"{overlay.gray:.3f} g BT {font.name} {overlay.size:g} Tf 0 0 Td "
                   f"<{font.encode(overlay.text)}> Tj ET Q")
    if emblems:     # this page's own copies: pages may share their resources, and only this one draws the seal
        resources, shared = DictionaryObject(resources), None
        objects = resources.get("/XObject")
        objects = DictionaryObject() if objects is None else DictionaryObject(objects.get_object())
        for emblem in emblems:
            objects[SEAL_NAME] = emblem.seal.reference(writer)
            width, height = emblem.seal.size_pt
            x, y, rotate = _to_page(page, emblem.x * _visible_size(page)[0], emblem.y)
            cos, sin = math.cos(math.radians(rotate)), math.sin(math.radians(rotate))
            ops.append(f"q {cos:.5f} {sin:.5f} {-sin:.5f} {cos:.5f} {x:.2f} {y:.2f} cm "
                       f"1 0 0 1 {-width / 2:.2f} {-height / 2:.2f} cm {SEAL_NAME} Do Q")
        resources[NameObject("/XObject")] = objects
    ops.append("Q")
    if not isinstance(shared, IndirectObject):   # a page's own resources (written once, in the page)
        page[NameObject("/Resources")] = resources
    _append_content(writer, page, " ".join(ops).encode("ascii"))


def _member(resources: DictionaryObject, key: str) -> DictionaryObject:
    """The dictionary ``resources`` holds at ``key``, made there if it has none; one it refers to stays where it
    is (other pages and forms may share it), and is added to in place."""
    held = resources.get(key)
    if held is None:
        held = resources[NameObject(key)] = DictionaryObject()
    return held.get_object()


def _append_content(writer: PdfWriter, page, ops: bytes) -> None:
    """Wrap the page's own content in q … Q and draw ``ops`` after it, in the identity matrix."""
    wrap_content(writer, page, b"q\n", b"\n" + ops + b"\n")


def wrap_content(writer: PdfWriter, page, before: bytes, after: bytes) -> None:
    """Draw ``before`` ahead of the page's own content and ``after`` behind it, leaving that content's
    streams as they are: they become members of a /Contents array between two new small streams, so no
    stream of the page is decoded, parsed or rewritten (stamps and placement on A4 share this)."""
    first = DecodedStreamObject()
    first.set_data(before)
    last = DecodedStreamObject()
    last.set_data(after)
    contents = page.get("/Contents")
    # pypdf has no public way to add a loose object; _add_object is what its own page methods use
    parts = ArrayObject([writer._add_object(first)])
    if contents is not None:
        existing = contents.get_object()
        if isinstance(existing, ArrayObject):
            parts.extend(existing)
        else:
            parts.append(contents if isinstance(contents, IndirectObject) else writer._add_object(existing))
    parts.append(writer._add_object(last))
    page[NameObject("/Contents")] = parts
