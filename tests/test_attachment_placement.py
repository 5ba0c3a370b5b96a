"""Attachment pages set on the binder's A4 sheets: sheet, scale, centring, clipping, rotation, links, stamps.

Each test writes a small PDF with pypdf, reads it back as the binder reads an attachment, appends it to
a writer as ``assemble_binder`` does and places its pages; no company is built.
"""

from __future__ import annotations

import io
import math
import re
import subprocess
from dataclasses import dataclass

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Highlight, Link
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject, RectangleObject

from dossier.binder.placement import place_on_a4
from dossier.render.stamp import Overlay, StampFont, stamp_page

A4_W, A4_H = 595.276, 841.89
PORTRAIT = [0, 0, A4_W, A4_H]
LANDSCAPE = [0, 0, A4_H, A4_W]
LETTER = (0, 0, 612, 792)
A3 = (0, 0, 841.89, 1190.55)
A0 = (0, 0, 2383.94, 3370.39)
A6 = (0, 0, 297.64, 419.53)


@dataclass(frozen=True)
class Sheet:
    """One page of a test attachment."""

    media: tuple[float, float, float, float]
    crop: tuple[float, float, float, float] | None = None
    rotate: int = 0
    marks: tuple[tuple[float, float, str], ...] = ()     # (x, y, text): a word drawn at x y
    drawing: bytes = b""                                  # more content, drawn before the marks
    link: tuple[float, float, float, float] | None = None
    highlight: tuple[float, ...] | None = None            # QuadPoints of a highlight annotation


def _attachment(*sheets: Sheet) -> PdfReader:
    """The sheets as a PDF file, read back."""
    writer = PdfWriter()
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    for number, sheet in enumerate(sheets):
        page = writer.add_blank_page(100, 100)
        page[NameObject("/MediaBox")] = RectangleObject(sheet.media)
        if sheet.crop is not None:
            page[NameObject("/CropBox")] = RectangleObject(sheet.crop)
        if sheet.rotate:
            page.rotate(sheet.rotate)
        stream = DecodedStreamObject()
        stream.set_data(sheet.drawing + b"".join(f"BT /F1 10 Tf {x} {y} Td ({text}) Tj ET\n".encode()
                                                 for x, y, text in sheet.marks))
        page[NameObject("/Contents")] = writer._add_object(stream)
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
            {NameObject("/F1"): font})})
        if sheet.link:
            writer.add_annotation(number, Link(rect=sheet.link, url="https://example.com/"))
        if sheet.highlight:
            xs, ys = sheet.highlight[0::2], sheet.highlight[1::2]
            writer.add_annotation(number, Highlight(rect=(min(xs), min(ys), max(xs), max(ys)),
                                                    quad_points=ArrayObject(FloatObject(v) for v in sheet.highlight)))
    buffer = io.BytesIO()
    writer.write(buffer)
    return PdfReader(io.BytesIO(buffer.getvalue()))


def _bound(*sheets: Sheet) -> PdfWriter:
    """The sheets appended to a new writer, as assemble_binder appends an attachment."""
    writer = PdfWriter()
    writer.append(_attachment(*sheets), import_outline=False)
    return writer


def _placed(*sheets: Sheet) -> PdfWriter:
    writer = _bound(*sheets)
    place_on_a4(writer, range(len(writer.pages)))
    return writer


def _written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _box(rectangle) -> list[float]:
    return [round(float(v), 3) for v in rectangle]


def _marks(page) -> dict[str, tuple[float, float]]:
    """Where each word starts on the page, in page space (the text matrix through the CTM)."""
    found = {}

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            x, y = tm[4], tm[5]
            found[text.strip()] = (round(cm[0] * x + cm[2] * y + cm[4], 2), round(cm[1] * x + cm[3] * y + cm[5], 2))

    page.extract_text(visitor_text=visit)
    return found


def _matrix(page) -> tuple[float, ...]:
    """The placement's cm operands (the first content stream of a placed page)."""
    first = page["/Contents"][0].get_object().get_data().decode("ascii")
    match = re.match(r"q ((?:\S+ ){6})cm ", first)
    assert match, first
    return tuple(float(v) for v in match.group(1).split())


def test_letter_portrait_is_narrowed_to_a4_and_centred_up_and_down():
    page = _placed(Sheet(LETTER, marks=((0, 0, "origin"), (612, 792, "corner"), (72, 720, "title")))).pages[0]
    scale = A4_W / 612                         # letter is wider than A4, not taller: its width decides
    margin = (A4_H - 792 * scale) / 2
    assert _box(page.mediabox) == _box(page.cropbox) == PORTRAIT
    assert _matrix(page) == pytest.approx((scale, 0, 0, scale, 0, margin), abs=1e-5)
    assert _marks(page) == {
        "origin": (0, pytest.approx(margin, abs=0.01)),
        "corner": (pytest.approx(A4_W, abs=0.01), pytest.approx(A4_H - margin, abs=0.01)),
        "title": (pytest.approx(72 * scale, abs=0.01), pytest.approx(720 * scale + margin, abs=0.01))}


@pytest.mark.parametrize("media", [(0, 0, A4_H, A4_W), (0, 0, 842, 595)], ids=["exact", "rounded"])
def test_an_a4_landscape_page_stays_as_it_is(media):
    writer = _bound(Sheet(media, marks=((100, 100, "word"),)))
    before = _written(writer)
    place_on_a4(writer, [0])
    assert _written(writer) == before
    assert _box(writer.pages[0].mediabox) == _box(media)


@pytest.mark.parametrize("media, sheet", [(A3, PORTRAIT), ((0, 0, 1190.55, 841.89), LANDSCAPE)],
                         ids=["portrait", "landscape"])
def test_a3_is_halved_onto_a4_of_its_orientation(media, sheet):
    page = _placed(Sheet(media, marks=((0, 0, "origin"),))).pages[0]
    assert _box(page.mediabox) == sheet
    scale = _matrix(page)[0]
    assert scale == pytest.approx(2 ** -0.5, abs=1e-4)                 # A3 → A4 is one halving of the area
    x, y = _marks(page)["origin"]
    assert (x * 2 + media[2] * scale, y * 2 + media[3] * scale) == (pytest.approx(sheet[2], abs=0.02),
                                                                    pytest.approx(sheet[3], abs=0.02))


def test_an_a0_drawing_shrinks_to_a_quarter_and_fits():
    page = _placed(Sheet(A0, marks=((0, 0, "origin"), (A0[2], A0[3], "corner")))).pages[0]
    assert _box(page.mediabox) == PORTRAIT
    a, b, c, d, e, f = _matrix(page)
    assert (b, c) == (0, 0) and a == d == pytest.approx(min(A4_W / A0[2], A4_H / A0[3]), abs=1e-6)
    assert a == pytest.approx(0.25, abs=0.001)
    (x0, y0), (x1, y1) = _marks(page)["origin"], _marks(page)["corner"]
    assert 0 <= x0 < x1 <= A4_W + 0.01 and 0 <= y0 < y1 <= A4_H + 0.01
    assert x0 == pytest.approx(A4_W - x1, abs=0.02) and y0 == pytest.approx(A4_H - y1, abs=0.02)   # centred


def test_an_a6_receipt_is_centred_not_enlarged():
    page = _placed(Sheet(A6, marks=((0, 0, "origin"), (100, 200, "total")))).pages[0]
    left, bottom = (A4_W - A6[2]) / 2, (A4_H - A6[3]) / 2
    assert _box(page.mediabox) == PORTRAIT
    assert _matrix(page) == pytest.approx((1, 0, 0, 1, left, bottom), abs=1e-5)
    assert _marks(page) == {"origin": (pytest.approx(left, abs=0.01), pytest.approx(bottom, abs=0.01)),
                            "total": (pytest.approx(100 + left, abs=0.01), pytest.approx(200 + bottom, abs=0.01))}


#: a 700 × 850 sheet cropped to 600 × 850 whose crop box runs past the sheet's top: the 600 × 750 that
#: shows is blue; the red strip below it is outside the crop box, but would reach into the A4 sheet's
#: bottom margin if it were not clipped
CROPPED = Sheet((0, 0, 700, 850), crop=(50, 100, 650, 950),
                drawing=b"1 0 0 rg 50 20 600 60 re f 0 0 1 rg 50 100 600 750 re f\n",
                marks=((10, 10, "hidden"), (50, 100, "shown")))


def test_a_cropped_page_shows_its_crop_box_only_clipped_and_centred():
    page = _placed(CROPPED).pages[0]
    scale = min(A4_W / 600, A4_H / 750)
    margin = (A4_H - 750 * scale) / 2
    assert _box(page.mediabox) == _box(page.cropbox) == PORTRAIT
    first = page["/Contents"][0].get_object().get_data()
    assert first.endswith(b" cm 50 100 600 750 re W n\n")              # clipped to the former view
    assert _marks(page)["shown"] == (pytest.approx(0, abs=0.01), pytest.approx(margin, abs=0.01))
    assert _marks(page)["hidden"] == (pytest.approx((10 - 50) * scale, abs=0.01),
                                      pytest.approx((10 - 100) * scale + margin, abs=0.01))   # off the view


def test_a_page_whose_origin_is_not_zero_is_moved_onto_the_sheet():
    page = _placed(Sheet((100, 200, 400, 600), marks=((100, 200, "origin"),))).pages[0]
    assert _box(page.mediabox) == PORTRAIT
    assert _marks(page)["origin"] == (pytest.approx((A4_W - 300) / 2, abs=0.01),
                                      pytest.approx((A4_H - 400) / 2, abs=0.01))


def _displayed(rotate: int, x: float, y: float, width: float, height: float) -> tuple[float, float]:
    """Where a point of an unrotated width × height page is seen once /Rotate turns it clockwise."""
    return {0: (x, y), 90: (y, width - x), 180: (width - x, height - y), 270: (height - y, x)}[rotate]


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_a_rotated_page_is_turned_as_it_was_shown(rotate):
    writer = _placed(Sheet(LETTER, rotate=rotate, marks=((72, 720, "title"), (500, 100, "foot"))))
    page = writer.pages[0]
    turned = rotate in (90, 270)
    seen_w, seen_h = (792, 612) if turned else (612, 792)
    scale = min(1, (A4_H if turned else A4_W) / seen_w, (A4_W if turned else A4_H) / seen_h)
    sheet = LANDSCAPE if turned else PORTRAIT
    left, bottom = (sheet[2] - seen_w * scale) / 2, (sheet[3] - seen_h * scale) / 2
    assert "/Rotate" not in page and _box(page.mediabox) == sheet
    for word, (x, y) in {"title": (72, 720), "foot": (500, 100)}.items():
        vx, vy = _displayed(rotate, x, y, 612, 792)
        assert _marks(page)[word] == (pytest.approx(left + vx * scale, abs=0.01),
                                      pytest.approx(bottom + vy * scale, abs=0.01)), word


def test_mixed_pages_of_one_file_each_get_their_own_sheet():
    writer = _bound(Sheet((0, 0, A4_W, A4_H), marks=((1, 1, "a4"),)), Sheet(LETTER), Sheet((0, 0, 1190.55, 841.89)),
                    Sheet(A6), Sheet(LETTER, rotate=90))
    a4_contents = writer.pages[0]["/Contents"]
    place_on_a4(writer, range(len(writer.pages)))
    assert [_box(p.mediabox) for p in writer.pages] == [PORTRAIT, PORTRAIT, LANDSCAPE, PORTRAIT, LANDSCAPE]
    assert writer.pages[0]["/Contents"] == a4_contents and "/CropBox" not in writer.pages[0]
    scales = [math.hypot(*_matrix(p)[:2]) for p in writer.pages[1:]]          # turned or not
    assert scales == pytest.approx([A4_W / 612, 2 ** -0.5, 1, A4_W / 612], abs=1e-4)


def test_an_a4_page_is_left_byte_for_byte():
    writer = _bound(Sheet((0, 0, 595, 842), marks=((72, 720, "scan"),)))
    page = writer.pages[0]
    contents, data, keys = page["/Contents"], page["/Contents"].get_object().get_data(), dict(page)
    place_on_a4(writer, [0])
    assert page["/Contents"] == contents and page["/Contents"].get_object().get_data() == data
    assert dict(page) == keys


def test_placing_only_the_given_pages():
    writer = _bound(Sheet(LETTER), Sheet(LETTER))
    place_on_a4(writer, [1])
    assert [_box(p.mediabox) for p in writer.pages] == [list(LETTER), PORTRAIT]


def test_annotations_follow_what_they_covered():
    quad = (72, 720, 200, 720, 72, 700, 200, 700)
    writer = _placed(Sheet(LETTER, link=(72, 700, 200, 720), highlight=quad, marks=((72, 700, "linked"),)),
                     Sheet(LETTER, rotate=90, link=(72, 700, 200, 720)))
    scale, margin = A4_W / 612, (A4_H - 792 * A4_W / 612) / 2
    link, highlight = (a.get_object() for a in writer.pages[0]["/Annots"])
    assert _box(link["/Rect"]) == pytest.approx([72 * scale, 700 * scale + margin, 200 * scale, 720 * scale + margin],
                                                abs=0.002)
    assert _box(highlight["/QuadPoints"]) == pytest.approx(
        [v * scale + (margin if i % 2 else 0) for i, v in enumerate(quad)], abs=0.002)
    assert _box(highlight["/Rect"]) == _box(link["/Rect"])
    assert _marks(writer.pages[0])["linked"] == pytest.approx(tuple(_box(link["/Rect"])[:2]), abs=0.01)
    # turned a quarter clockwise, a point (x, y) of the letter page is seen at (y, 612 - x)
    [turned] = (a.get_object() for a in writer.pages[1]["/Annots"])
    left = (A4_H - 792 * scale) / 2
    assert _box(turned["/Rect"]) == pytest.approx([left + 700 * scale, (612 - 200) * scale, left + 720 * scale,
                                                   (612 - 72) * scale], abs=0.002)


@pytest.fixture(scope="module")
def stamp_font() -> StampFont:
    return StampFont(["第 1 页 / 共 1 页", "附件 A1　证书"])


def _stamps(page, texts: list[str]) -> dict[str, tuple[float, float]]:
    marks = _marks(page)
    return {text: marks[text] for text in texts}


@pytest.mark.parametrize("sheet", [CROPPED, Sheet(LETTER, rotate=90), Sheet(A0), Sheet(A6)],
                         ids=["cropped", "rotated", "a0", "a6"])
def test_the_page_number_lands_inside_the_placed_page(stamp_font, sheet):
    number, caption = "第 1 页 / 共 1 页", "附件 A1　证书"
    writer = _placed(sheet)
    page = writer.pages[0]
    stamp_page(writer, page, [Overlay(number, 0.5, 14, size=9, plate=True),
                              Overlay(caption, 0.04, 20, size=9, align="left", from_top=True)], stamp_font)
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    for text, (x, y) in _stamps(page, [number, caption]).items():
        assert 0 <= x and x + stamp_font.width(text, 9) <= width and 0 <= y and y + 9 <= height, (text, x, y)
    assert _stamps(page, [number])[number][1] == pytest.approx(14, abs=0.01)    # drawn upright, unscaled


def test_unplaced_the_cropped_page_would_lose_its_page_number(stamp_font):
    """What placement is for: on the page as it came, the stamp falls below the crop box."""
    number = "第 1 页 / 共 1 页"
    writer = _bound(CROPPED)
    stamp_page(writer, writer.pages[0], [Overlay(number, 0.5, 14, size=9)], stamp_font)
    assert _stamps(writer.pages[0], [number])[number][1] < CROPPED.crop[1]


def _raster(data: bytes, tmp_path, name: str):
    from PIL import Image

    source = tmp_path / f"{name}.pdf"
    source.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "20", "-png", "-singlefile", str(source), str(tmp_path / name)], check=True)
    return Image.open(tmp_path / f"{name}.png").convert("RGB")


def _where(image, colour: str) -> tuple[int, int, int, int] | None:
    """Bounding box of the pixels of one pure colour (red or blue) in a rendered page."""
    pure = {"red": lambda r, g, b: r > 200 and g < 60 and b < 60,
            "blue": lambda r, g, b: b > 200 and r < 60 and g < 60}[colour]
    data = image.tobytes()
    pixels = zip(data[0::3], data[1::3], data[2::3])
    points = [(i % image.width, i // image.width) for i, pixel in enumerate(pixels) if pure(*pixel)]
    if not points:
        return None
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs) + 1, max(ys) + 1


#: an A6 receipt, all blue
RECEIPT = Sheet(A6, drawing=b"0 0 1 rg 0 0 297.64 419.53 re f\n")


@pytest.mark.parametrize("sheet, size", [(CROPPED, (600, 750)), (RECEIPT, (297.64, 419.53))], ids=["cropped", "a6"])
def test_a_placed_page_renders_whole_centred_and_clipped(tmp_path, sheet, size):
    """Rendered at 20 dpi: the sheet is A4, the crop box's blue shows whole in the middle, none of the red
    that lay outside the crop box shows."""
    image = _raster(_written(_placed(sheet)), tmp_path, "placed")
    assert image.size == (math.ceil(A4_W / 72 * 20), math.ceil(A4_H / 72 * 20))    # pdftoppm rounds up
    assert _where(image, "red") is None
    left, top, right, bottom = _where(image, "blue")
    scale = min(1, A4_W / size[0], A4_H / size[1])
    pixels = scale / 72 * 20
    assert (right - left, bottom - top) == pytest.approx((size[0] * pixels, size[1] * pixels), abs=2)
    assert left == pytest.approx(image.width - right, abs=1) and top == pytest.approx(image.height - bottom, abs=1)


def test_placement_is_deterministic():
    sheets = (CROPPED, Sheet(A0, link=(10, 10, 500, 500)), Sheet(LETTER, rotate=270))
    assert _written(_placed(*sheets)) == _written(_placed(*sheets))


def test_the_stamp_font_keeps_letters_that_would_join_in_a_ligature():
    """A caption such as "附件 E03　flow.pdf": "f" and "l" stay two glyphs, as the stamps draw them."""
    from dossier.render.stamp import StampFont

    font = StampFont(["附件 E03　workflow.pdf", "ffi fl"])
    assert {"f", "l", "i"} <= set(font.codes)
