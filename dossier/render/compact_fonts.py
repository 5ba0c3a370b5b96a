"""Compact font subsets in the PDFs weasyprint writes: the glyphs used, packed, in one HarfBuzz pass.

weasyprint subsets each face keeping the glyphs' original ids: HarfBuzz's RETAIN_GIDS, then a second pass
keeping every glyph up to the last one used, empty. With the 65,535 glyphs of Noto CJK that is 200 to 500
KB per face and document, two subset passes and its compression: about a third of writing a document's PDF.

Noto CJK's CFF is CID-keyed (Adobe-Identity-0) and weasyprint writes the glyph ids as CIDs. So a subset of
the used glyphs alone, whose CFF charset still gives each glyph its CID, shows the same glyphs when it is
embedded as the bare CFF program (``FontFile3`` of subtype ``CIDFontType0C``, which a viewer must read
through its charset; an OpenType wrapper would be read by glyph id). Each subset is checked to give every
used glyph id back as its CID; a face that does not (TrueType outlines, a name-keyed CFF, a font with
missing glyphs) keeps weasyprint's own subset. weasyprint also copies each face's whole file (26 MB for a
Noto CJK collection) when it meets the face, to subset it later: here the file is read only where a face
keeps weasyprint's subset. Only a PDF written by :func:`write_pdf` is subset so: weasyprint's own
``write_pdf`` stays as it is, elsewhere in the process too.
"""

from __future__ import annotations

import io
from contextlib import contextmanager

import pydyf
from fontTools.cffLib import CFFFontSet
from . import libraries  # noqa: F401 - before weasyprint: its libraries opened without searches (see there)
from weasyprint.pdf import fonts
from weasyprint.text.ffi import ffi, harfbuzz, harfbuzz_subset

__all__ = ["write_pdf", "bare_cff_name", "BARE_CFF"]

#: the FontFile3 subtype of a bare CFF program of a CID-keyed font
BARE_CFF = "/CIDFontType0C"
#: a CFF program's header (version 1.0, header size 4), which no OpenType file begins with
_CFF_HEADER = b"\x01\x00\x04"
#: tables HarfBuzz need not subset: only the CFF program is kept (GSUB dropped: no closure over it)
_DROP = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GDEF", b"GPOS", b"GSUB", b"JSTF", b"LTSH", b"PCLT",
         b"SVG ", b"VORG", b"vhea", b"vmtx", b"meta", b"hdmx", b"kern", b"cmap", b"name", b"post")


def _cff(font, glyphs: list[int]) -> bytes | None:
    """The CFF table of a subset of ``font``'s HarfBuzz face to ``glyphs``, or None where HarfBuzz fails."""
    request = ffi.gc(harfbuzz_subset.hb_subset_input_create_or_fail(), harfbuzz_subset.hb_subset_input_destroy)
    if request == ffi.NULL:
        return None
    wanted = ffi.new("hb_codepoint_t[]", glyphs)
    harfbuzz.hb_set_add_sorted_array(harfbuzz_subset.hb_subset_input_glyph_set(request), wanted, len(glyphs))
    drop = sorted(harfbuzz.hb_tag_from_string(tag, -1) for tag in _DROP)
    tags = ffi.new("hb_codepoint_t[]", drop)
    harfbuzz.hb_set_add_sorted_array(
        harfbuzz_subset.hb_subset_input_set(request, harfbuzz_subset.HB_SUBSET_SETS_DROP_TABLE_TAG), tags, len(drop))
    harfbuzz_subset.hb_subset_input_set_flags(request, harfbuzz_subset.HB_SUBSET_FLAGS_NO_HINTING)
    face = harfbuzz_subset.hb_subset_or_fail(font.hb_face, request)
    if face == ffi.NULL:
        return None
    face = ffi.gc(face, harfbuzz.hb_face_destroy)
    blob = ffi.gc(harfbuzz.hb_face_reference_table(face, harfbuzz.hb_tag_from_string(b"CFF ", -1)),
                  harfbuzz.hb_blob_destroy)
    length = ffi.new("unsigned int *")
    data = harfbuzz.hb_blob_get_data(blob, length)
    return bytes(ffi.buffer(data, length[0])) if length[0] else None


def _read(program: bytes):
    """The name and top dictionary of a bare CFF program's (first) font."""
    cff = CFFFontSet()
    cff.decompile(io.BytesIO(program), None)
    return cff.fontNames[0], cff[cff.fontNames[0]]


def _keeps_cids(program: bytes, glyphs: list[int]) -> bool:
    """Whether ``program`` is a CID-keyed CFF holding a glyph for each of the CIDs ``glyphs`` (HarfBuzz may
    add a few a used one refers to)."""
    try:
        _name, top = _read(program)
        if not hasattr(top, "ROS"):
            return False
        cids = {0 if name == ".notdef" else int(name.removeprefix("cid")) for name in top.charset}
        return cids.issuperset(glyphs)
    except Exception:  # noqa: BLE001 - a program fontTools cannot read is not one to embed
        return False


def _subset(self, to_unicode, hinting):
    """weasyprint's ``Font.subset``, compact where the face allows it (see the module's head)."""
    if to_unicode and not self.missing and "CFF " in self.tables and harfbuzz_subset is not None:
        glyphs = sorted(set(to_unicode) | {0})
        program = _cff(self, glyphs)
        if program is not None and _keeps_cids(program, glyphs):
            self.file_content = program
            return
    _WEASYPRINT_SUBSET(self, to_unicode, hinting)


def _type(self) -> str:
    """weasyprint's ``Font.type``, which takes a bare CFF program for a CFF font too."""
    return "otf" if self.file_content[:4] == b"OTTO" or self.file_content[:3] == _CFF_HEADER else "ttf"


class _Later:
    """A face's file, not read yet."""

    def __init__(self, face):
        self.face = face


def _later(hb_object, ot_color=None, glyph=None):
    return _Later(hb_object) if ot_color is None else _READ(hb_object, ot_color, glyph)


def _init(self, *args, **kwargs):
    """weasyprint's ``Font.__init__``, which leaves the face's file to be read when it is asked for."""
    fonts.get_hb_object_data = _later
    try:
        _WEASYPRINT_INIT(self, *args, **kwargs)
    finally:
        fonts.get_hb_object_data = _READ


def _file_content(self) -> bytes:
    if isinstance(self.__dict__["file_content"], _Later):
        self.__dict__["file_content"] = _READ(self.__dict__["file_content"].face)
    return self.__dict__["file_content"]


def _set_file_content(self, value) -> None:
    self.__dict__["file_content"] = value


_WEASYPRINT_INIT, _WEASYPRINT_SUBSET, _WEASYPRINT_TYPE = fonts.Font.__init__, fonts.Font.subset, fonts.Font.type
_READ = fonts.get_hb_object_data


@contextmanager
def _compact():
    """weasyprint's fonts subset compactly while the block runs (a PDF's fonts are made and written in it)."""
    font = fonts.Font
    font.__init__, font.subset, font.type = _init, _subset, property(_type)
    font.file_content = property(_file_content, _set_file_content)
    try:
        yield
    finally:
        font.__init__, font.subset, font.type = _WEASYPRINT_INIT, _WEASYPRINT_SUBSET, _WEASYPRINT_TYPE
        del font.file_content


def _label(_document, pdf: pydyf.PDF) -> None:
    """A ``finisher`` for weasyprint's ``write_pdf``: each font stream holding a bare CFF program, which
    weasyprint labels an OpenType one, labelled ``CIDFontType0C``."""
    for item in pdf.objects:
        if (isinstance(item, pydyf.Stream) and item.extra.get("Subtype") == "/OpenType" and item.stream
                and isinstance(item.stream[0], bytes) and item.stream[0][:3] == _CFF_HEADER):
            item.extra["Subtype"] = BARE_CFF


def write_pdf(document, identifier: bytes) -> bytes:
    """The PDF of a document weasyprint laid out, its CJK fonts subset compactly, with the file identifier
    ``identifier``."""
    with _compact():
        return document.write_pdf(pdf_identifier=identifier, finisher=_label)


def bare_cff_name(program: bytes) -> str | None:
    """The font name a bare CFF program gives itself, or None where it is not one."""
    if program[:3] != _CFF_HEADER:
        return None
    try:
        return _read(program)[0]
    except Exception:  # noqa: BLE001 - not a program we can read: leave it alone
        return None
