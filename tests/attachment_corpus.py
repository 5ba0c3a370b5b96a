"""Hostile and odd attachments, each made here from scratch, with what must become of it.

Every case is a file name, a function making its bytes, and the outcome: ``bound`` (with the number of
binder pages it gives, whether it is bound byte for byte, and a warning fragment if one is expected), or
``refused`` with a fragment of the one-line message. The cases mirror what reaches a consultant: PDFs
from portals (owner passwords), from broken tools (damaged cross-reference tables, wrong lengths), cut
short by a download, with active content; scans and photos in every format a phone or scanner writes.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[], bytes]
    pages: int | None = None            # bound: the binder pages it gives; None: refused
    as_is: bool = False                 # bound byte for byte
    warning: str | None = None          # a fragment of the warning it is bound with
    refusal: str | None = None          # a fragment of the refusal


# -- PDF ---------------------------------------------------------------------------------------------------

def _pdf_with_text(pages: int = 1, size=(595.28, 841.89), text: str = "Certificate") -> bytes:
    """A PDF whose pages carry a line of text in a content stream (as scanned or exported files do)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                                                NameObject("/Subtype"): NameObject("/Type1"),
                                                NameObject("/BaseFont"): NameObject("/Helvetica")}))
    for n in range(pages):
        page = writer.add_blank_page(*size)
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 24 Tf 72 {size[1] - 100:.0f} Td ({text} {n + 1}) Tj ET".encode())
        page[NameObject("/Contents")] = writer._add_object(stream)
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
            {NameObject("/F1"): font})})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _encrypted(user: str, owner: str, algorithm: str) -> Callable[[], bytes]:
    def make() -> bytes:
        from pypdf import PdfReader, PdfWriter
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf_with_text())))
        writer.encrypt(user, owner, algorithm=algorithm, permissions_flag=0)
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()
    return make


def _with_action(action: bytes) -> Callable[[], bytes]:
    def make() -> bytes:
        data = _pdf_with_text()
        return data.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction " + action, 1)
    return make


def _shifted_offsets() -> bytes:
    """Every cross-reference offset 40 bytes off (a tool that edited the file without rewriting them)."""
    return re.sub(rb"(\d{10}) 00000 n", lambda m: b"%010d 00000 n" % (int(m.group(1)) + 40), _pdf_with_text(2))


def _no_xref() -> bytes:
    """The cross-reference table and trailer lost, only %%EOF left (a broken writer)."""
    data = _pdf_with_text(2)
    trailer = data[data.rindex(b"trailer"):]
    root = re.search(rb"/Root (\d+ 0 R)", trailer).group(0)
    return data[: data.rindex(b"xref")] + b"trailer\n<< " + root + b" >>\n%%EOF\n"


def _wrong_startxref() -> bytes:
    data = _pdf_with_text(2)
    return re.sub(rb"startxref\s+\d+", b"startxref\n999999", data)


def _wrong_length() -> bytes:
    """A content stream whose /Length is 30 bytes short of its data."""
    data = _pdf_with_text()
    return re.sub(rb"/Length (\d+)", lambda m: b"/Length %d" % (int(m.group(1)) - 30), data, count=1)


def _junk_before_header() -> bytes:
    return b"\r\n\r\n<html>download</html>\r\n" + _pdf_with_text()


def _no_media_box() -> bytes:
    """A page that states no size (viewers assume US letter); the offsets are padded to stay right."""
    data = _pdf_with_text()
    box = re.search(rb"/MediaBox \[[^\]]*\]", data).group(0)
    return data.replace(box, b" " * len(box), 1)


def _cut_short() -> bytes:
    data = _pdf_with_text(3)
    return data[: len(data) * 2 // 3]


def _unknown_filter() -> bytes:
    data = _pdf_with_text()
    return data.replace(b"/Length", b"/Filter /PlateDecode /Length", 1)


def _zero_pages() -> bytes:
    from pypdf import PdfWriter
    buffer = io.BytesIO()
    PdfWriter().write(buffer)
    return buffer.getvalue()


def _self_referencing_prev() -> bytes:
    """An incremental update whose /Prev points at itself (a cross-reference loop)."""
    data = _pdf_with_text()
    start = int(re.search(rb"startxref\s+(\d+)", data).group(1))
    return data.replace(b"trailer\n<<", b"trailer\n<< /Prev %d" % start, 1)


def _deep_nesting() -> bytes:
    data = _pdf_with_text()
    return data.replace(b"/Type /Catalog", b"/Type /Catalog /Deep " + b"[" * 20000 + b"]" * 20000, 1)


def _flate_bomb() -> bytes:
    """A 250 kB content stream that inflates to 256 MB."""
    compressor = zlib.compressobj(9)
    chunk = b"0" * (1 << 20)
    bomb = b"".join(compressor.compress(chunk) for _ in range(256)) + compressor.flush()
    data = _pdf_with_text()
    match = re.search(rb"(\d+) 0 obj\s*<<\s*/Length \d+\s*>>\s*stream\n.*?\nendstream", data, re.S)
    number = match.group(1)
    replacement = (number + b" 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb
                   + b"\nendstream")
    return data[: match.start()] + replacement + data[match.end():]


def _object_streams() -> bytes:
    """PDF 1.5 with compressed object and cross-reference streams (current exporters)."""
    import pikepdf
    with pikepdf.open(io.BytesIO(_pdf_with_text(2))) as pdf:
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, deterministic_id=True)
        return out.getvalue()


def _too_many_pages() -> bytes:
    from pypdf import PdfWriter
    writer = PdfWriter()
    for _ in range(501):
        writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDFS = [
    Case("plain.pdf", _pdf_with_text, 1, as_is=True),
    Case("object-streams.pdf", _object_streams, 2, as_is=True),
    Case("letter.pdf", lambda: _pdf_with_text(1, (612, 792)), 1, as_is=True),
    Case("landscape.pdf", lambda: _pdf_with_text(2, (841.89, 595.28)), 2, as_is=True),
    Case("owner-rc4.pdf", _encrypted("", "portal", "RC4-128"), 1),
    Case("owner-aes128.pdf", _encrypted("", "portal", "AES-128"), 1),
    Case("owner-aes256.pdf", _encrypted("", "portal", "AES-256"), 1),
    Case("user-aes256.pdf", _encrypted("secret", "portal", "AES-256"), refusal="设有打开密码"),
    Case("user-rc4.pdf", _encrypted("secret", "portal", "RC4-40"), refusal="设有打开密码"),
    Case("shifted-offsets.pdf", _shifted_offsets, 2, warning="已按阅读软件的方式自动修复"),
    Case("no-xref.pdf", _no_xref, 2, warning="已按阅读软件的方式自动修复"),
    Case("wrong-startxref.pdf", _wrong_startxref, 2, warning="已按阅读软件的方式自动修复"),
    Case("wrong-length.pdf", _wrong_length, 1, warning="已按阅读软件的方式自动修复"),
    Case("junk-before-header.pdf", _junk_before_header, 1, warning="已按阅读软件的方式自动修复"),
    Case("xref-loop.pdf", _self_referencing_prev, 1, warning="已按阅读软件的方式自动修复"),
    Case("no-media-box.pdf", _no_media_box, 1, warning="已按阅读软件的方式自动修复"),
    Case("cut-short.pdf", _cut_short, 2, warning="已修复出 2 页后装订"),
    Case("cut-in-the-header.pdf", lambda: _pdf_with_text(3)[:120], refusal="文件被截断，无法修复"),
    Case("garbage.pdf", lambda: b"%PDF-1.7\n" + b"garbage " * 50 + b"\n%%EOF\n", refusal="无法修复"),
    Case("unknown-filter.pdf", _unknown_filter, refusal="/PlateDecode"),
    Case("zero-pages.pdf", _zero_pages, refusal="没有任何页面"),
    Case("501-pages.pdf", _too_many_pages, refusal="501 页"),
    Case("deep-nesting.pdf", _deep_nesting, refusal="PDF"),
    Case("flate-bomb.pdf", _flate_bomb, refusal="“flate-bomb.pdf”"),
    Case("javascript.pdf", _with_action(b"<< /S /JavaScript /JS (app.alert(1)) >>"), refusal="JavaScript"),
    Case("launch.pdf", _with_action(b"<< /S /Launch /F (cmd.exe) >>"), refusal="启动外部程序"),
    Case("submit-form.pdf", _with_action(b"<< /S /SubmitForm /F (http://x.example) >>"), refusal="提交表单"),
]


# -- images ------------------------------------------------------------------------------------------------

def _image(mode: str, size: tuple[int, int], fmt: str, colour=None, **options) -> Callable[[], bytes]:
    def make() -> bytes:
        from PIL import Image, ImageDraw
        image = Image.new(mode, size, colour if colour is not None else "white")
        if mode in ("RGB", "L", "CMYK", "P", "RGBA"):
            ImageDraw.Draw(image).rectangle([size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2],
                                            fill={"RGB": (200, 30, 30), "L": 60, "CMYK": (0, 255, 255, 0),
                                                  "P": 3, "RGBA": (200, 30, 30, 255)}[mode])
        buffer = io.BytesIO()
        if fmt in ("HEIF",):
            import pillow_heif
            pillow_heif.register_heif_opener()
        image.save(buffer, fmt, **options)
        return buffer.getvalue()
    return make


def _rotated_jpeg(orientation: int) -> Callable[[], bytes]:
    def make() -> bytes:
        from PIL import Image
        image = Image.new("RGB", (300, 200), (30, 120, 200))
        exif = image.getexif()
        exif[0x0112] = orientation
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", exif=exif)
        return buffer.getvalue()
    return make


def _multipage_tiff(pages: int, compression: str = "group4") -> Callable[[], bytes]:
    def make() -> bytes:
        from PIL import Image, ImageDraw
        frames = []
        for n in range(pages):
            frame = Image.new("1", (1240, 1754), 1)
            ImageDraw.Draw(frame).text((100, 100 + 40 * n), f"page {n + 1}", fill=0)
            frames.append(frame)
        buffer = io.BytesIO()
        frames[0].save(buffer, "TIFF", save_all=True, append_images=frames[1:], compression=compression)
        return buffer.getvalue()
    return make


def _animated_gif() -> bytes:
    from PIL import Image
    frames = [Image.new("RGB", (120, 90), colour) for colour in ("red", "green", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=200, loop=0)
    return buffer.getvalue()


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _apng_without_frames() -> bytes:
    """An APNG whose animation control chunk announces zero frames (crashed Pillow's reader once)."""
    plain = _image("RGB", (40, 30), "PNG")()
    header_end = 8 + 25                     # signature, IHDR
    return plain[:header_end] + _png_chunk(b"acTL", struct.pack(">II", 0, 0)) + plain[header_end:]


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge size (a decompression bomb's first step)."""
    plain = _image("L", (8, 8), "PNG")()
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return plain[:8] + _png_chunk(b"IHDR", ihdr) + plain[33:]


def _cut(make: Callable[[], bytes], keep: float) -> Callable[[], bytes]:
    return lambda: make()[: int(len(make()) * keep)]


IMAGES = [
    Case("scan.png", _image("RGB", (1240, 1754), "PNG"), 1, as_is=True),
    Case("scan.jpg", _image("RGB", (1240, 1754), "JPEG", quality=80), 1, as_is=True),
    Case("palette.png", _image("P", (600, 800), "PNG"), 1, as_is=True),
    Case("transparent.png", _image("RGBA", (600, 800), "PNG", colour=(0, 0, 0, 0)), 1, as_is=True),
    Case("phone-rotated-90.jpg", _rotated_jpeg(6), 1),
    Case("phone-rotated-180.jpg", _rotated_jpeg(3), 1),
    Case("phone-rotated-270.jpg", _rotated_jpeg(8), 1),
    Case("cmyk.jpg", _image("CMYK", (600, 800), "JPEG"), 1),
    Case("grey-16-bit.png", _image("I;16", (600, 800), "PNG", colour=30000), 1),
    Case("huge-photo.jpg", _image("RGB", (8000, 6000), "JPEG", quality=70), 1),
    Case("panorama.jpg", _image("RGB", (12000, 800), "JPEG", quality=70), 1),
    Case("one-pixel.png", _image("RGB", (1, 1), "PNG"), 1, as_is=True),
    Case("scanner-3-pages.tif", _multipage_tiff(3), 3),
    Case("scanner-lzw.tif", _image("RGB", (1240, 1754), "TIFF", compression="tiff_lzw"), 1),
    Case("scan.bmp", _image("RGB", (800, 600), "BMP"), 1),
    Case("animated.gif", _animated_gif, 1, warning="只装订第一帧"),
    Case("photo.webp", _image("RGB", (800, 600), "WEBP"), 1),
    Case("photo.avif", _image("RGB", (800, 600), "AVIF"), 1),
    Case("iphone.heic", _image("RGB", (800, 600), "HEIF"), 1),
    Case("scan.jp2", _image("RGB", (800, 600), "JPEG2000"), 1),
    Case("scanimage.pnm", _image("L", (850, 1100), "PPM"), 1),
    Case("saved-from-browser.jfif", _image("RGB", (800, 600), "JPEG"), 1, as_is=True),
    Case("apng-zero-frames.png", _apng_without_frames, 1),
    Case("claims-huge.png", lambda: _png_claiming(100_000, 100_000), refusal="百万像素"),
    Case("bilevel-bomb.png", _image("1", (10000, 10000), "PNG"), refusal="百万像素"),
    Case("101-pages.tif", _multipage_tiff(101), refusal="101 页"),
    Case("cut-short.jpg", _cut(_image("RGB", (600, 800), "JPEG"), 0.6), refusal="被截断"),
    Case("cut-short.png", _cut(_image("RGB", (600, 800), "PNG"), 0.6), refusal="不是完整可读的图片"),
    Case("heic-named.jpg", _image("RGB", (80, 60), "HEIF"), refusal="内容是 HEIC"),
    Case("drawing.eps", lambda: b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n", refusal="不是 PDF 或常见的图片格式"),
    Case("logo.svg", lambda: b'<svg xmlns="http://www.w3.org/2000/svg"/>', refusal="不是 PDF 或常见的图片格式"),
]

CASES = PDFS + IMAGES
