"""One font subset per face for a merged PDF (the binder, a document rendered in parts), instead of one per piece.

Every PDF weasyprint writes embeds its own subset of each CJK face (a compact one, see
:mod:`.compact_fonts`, or weasyprint's own, which keeps the original glyph ids: about half a megabyte per
face and document with the 65,535 glyphs of Noto CJK). Merged as they are, a dozen documents carry a dozen
copies of each face.

Noto CJK's CFF is CID-keyed, and weasyprint writes the glyph ids as CIDs. So the binder can replace
every copy of a face by one compact subset of the system font holding the union of the glyphs used,
made by HarfBuzz (uharfbuzz): its CFF charset keeps each glyph's CID while the glyphs themselves are
packed, and the pages' content streams stay untouched. Widths and ToUnicode maps are merged alike.
Faces that cannot be matched to a system font, or fonts of other kinds, are left as they are.
"""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject, NumberObject

from .compact_fonts import BARE_CFF, bare_cff_name

__all__ = ["share_fonts"]

_TAG = re.compile(r"^/[A-Z]{6}\+")
_DROP = ("GSUB", "GPOS", "BASE", "JSTF", "DSIG", "meta", "vhea", "vmtx", "VORG")


@dataclass
class _Face:
    postscript: str
    fonts: list = field(default_factory=list)         # Type0 font dictionaries using this face
    widths: dict = field(default_factory=dict)        # CID → width
    unicode: dict = field(default_factory=dict)       # CID → text


@lru_cache(maxsize=None)
def _system_fonts() -> dict[str, tuple[str, int]]:
    """PostScript name → (file, index) of the fonts fontconfig knows."""
    listing = subprocess.run(["fc-list", "--format", "%{file}|%{index}|%{postscriptname}\n"],
                             capture_output=True, text=True, check=False).stdout
    found = {}
    for line in listing.splitlines():
        path, _, rest = line.partition("|")
        index, _, name = rest.partition("|")
        if name and index.isdigit():
            found.setdefault(name, (path, int(index)))
    return found


def _postscript_name(font_file: bytes) -> str | None:
    """The name of an OpenType font's CFF program (what a bare program of it is named too: the faces of a
    collection share one program and its name), or of the font itself."""
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(io.BytesIO(font_file), lazy=True)
        if "CFF " in font:
            return bare_cff_name(font.getTableData("CFF "))
        name = font["name"].getDebugName(6)
    except Exception:  # noqa: BLE001 - not a font we can read: leave it alone
        return None
    return name


def _cid_widths(array) -> dict[int, float]:
    widths, items, i = {}, list(array), 0
    while i < len(items):
        first, following = int(items[i]), items[i + 1]
        if isinstance(following, ArrayObject):
            widths.update({first + k: float(w) for k, w in enumerate(following)})
            i += 2
        else:
            widths.update({cid: float(items[i + 2]) for cid in range(first, int(following) + 1)})
            i += 3
    return widths


def _to_unicode(cmap: str) -> dict[int, str]:
    found = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            found[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            start = ord(bytes.fromhex(text).decode("utf-16-be", "replace")[0])
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                found[code] = chr(start + offset)
    return found


def _collect(writer: PdfWriter) -> dict[str, _Face]:
    faces: dict[str, _Face] = {}
    seen: set[int] = set()
    for page in writer.pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.get_object().values():
            font = ref.get_object()
            if id(font) in seen or font.get("/Subtype") != "/Type0" or not _TAG.match(str(font.get("/BaseFont", ""))):
                continue
            seen.add(id(font))
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            stream = descriptor.get("/FontFile3")
            if descendant.get("/Subtype") != "/CIDFontType0" or stream is None:
                continue
            stream = stream.get_object()
            if stream.get("/Subtype") == "/OpenType":
                name = _postscript_name(stream.get_data())
            elif stream.get("/Subtype") == BARE_CFF:
                name = bare_cff_name(stream.get_data())
            else:
                continue
            if name is None or name not in _system_fonts():
                continue
            face = faces.setdefault(name, _Face(name))
            face.fonts.append(font)
            face.widths.update(_cid_widths(descendant.get("/W", ArrayObject())))
            if "/ToUnicode" in font:
                face.unicode.update(_to_unicode(font["/ToUnicode"].get_object().get_data().decode("latin-1")))
    return faces


def _subset(face: _Face) -> bytes | None:
    import uharfbuzz as hb

    path, index = _system_fonts()[face.postscript]
    source = hb.Face(hb.Blob.from_file_path(path), index)
    request = hb.SubsetInput()
    for cid in sorted(set(face.widths) | set(face.unicode) | {0}):
        request.glyph_set.add(cid)
    drop = request.sets(hb.SubsetInputSets.DROP_TABLE_TAG)
    for tag in _DROP:
        drop.add(int.from_bytes(tag.ljust(4).encode("ascii"), "big"))
    request.flags = hb.SubsetFlags.NO_HINTING
    result = hb.subset(source, request)
    if result is None:
        return None
    # the bare CFF program: in FontFile3 /CIDFontType0C a viewer must map CIDs through its charset
    table = result.reference_table("CFF ")
    return table.data if table is not None and len(table.data) else None


def _width_array(widths: dict[int, float]) -> ArrayObject:
    array, run = ArrayObject(), []
    for cid in sorted(widths):
        if run and cid == run[-1][0] + 1:
            run.append((cid, widths[cid]))
        else:
            if run:
                array += [NumberObject(run[0][0]), ArrayObject(FloatObject(w) for _, w in run)]
            run = [(cid, widths[cid])]
    if run:
        array += [NumberObject(run[0][0]), ArrayObject(FloatObject(w) for _, w in run)]
    return array


def _cmap(unicode: dict[int, str]) -> bytes:
    entries = [f"<{cid:04x}> <{text.encode('utf-16-be').hex()}>" for cid, text in sorted(unicode.items())]
    blocks = []
    for start in range(0, len(entries), 100):
        chunk = entries[start:start + 100]
        blocks.append(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar")
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <ffff>\n"
            "endcodespacerange\n" + "\n".join(blocks) + "\nendcmap\nCMapName currentdict /CMap defineresource pop\n"
            "end\nend\n").encode("ascii")


def _stream(writer: PdfWriter, data: bytes, extra: dict | None = None):
    stream = DecodedStreamObject()
    stream.set_data(data)
    for key, value in (extra or {}).items():
        stream[NameObject(key)] = value
    stream = stream.flate_encode()
    return writer._add_object(stream)


def _merged_font(writer: PdfWriter, face: _Face, program: bytes):
    """One Type0 font for the face: the first copy's dictionaries with the merged program, widths, map."""
    tag = "".join(chr(65 + b % 26) for b in hashlib.sha256(program).digest()[:6])
    model = face.fonts[0]
    base = NameObject("/" + tag + "+" + str(model["/BaseFont"])[8:])
    descendant_model = model["/DescendantFonts"][0].get_object()
    descriptor = DictionaryObject({k: v for k, v in descendant_model["/FontDescriptor"].get_object().items()})
    descriptor[NameObject("/FontName")] = base
    descriptor[NameObject("/FontFile3")] = _stream(writer, program, {"/Subtype": NameObject("/CIDFontType0C")})
    descendant = DictionaryObject({k: v for k, v in descendant_model.items()})
    descendant[NameObject("/BaseFont")] = base
    descendant[NameObject("/FontDescriptor")] = writer._add_object(descriptor)
    descendant[NameObject("/W")] = _width_array(face.widths)
    font = DictionaryObject({k: v for k, v in model.items()})
    font[NameObject("/BaseFont")] = base
    font[NameObject("/DescendantFonts")] = ArrayObject([writer._add_object(descendant)])
    font[NameObject("/ToUnicode")] = _stream(writer, _cmap(face.unicode))
    return writer._add_object(font)


def share_fonts(writer: PdfWriter) -> int:
    """Replace every page's copies of a CJK face by one merged subset; the number of faces merged."""
    merged = 0
    replacements: dict[int, object] = {}
    for face in _collect(writer).values():
        if len(face.fonts) < 2:
            continue
        program = _subset(face)
        if not program:
            continue
        reference = _merged_font(writer, face, program)
        replacements.update({id(font): reference for font in face.fonts})
        merged += 1
    if not replacements:
        return 0
    for page in writer.pages:
        fonts = (page.get("/Resources") or {}).get("/Font")
        if fonts is None:
            continue
        fonts = fonts.get_object()
        for key in list(fonts):
            target = replacements.get(id(fonts[key].get_object()))
            if target is not None:
                fonts[NameObject(key)] = target
    return merged
