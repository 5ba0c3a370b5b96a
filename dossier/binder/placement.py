"""Attachment pages set on the binder's A4 sheets: whole, upright and centred.

An attachment PDF keeps whatever sheet its author chose: US letter, an A3 or A0 drawing, a landscape
certificate, a till receipt. Its /CropBox may show only part of its /MediaBox, its origin need not be
0 0, and /Rotate may turn it. Appended as they are, such pages break the binder's sheet size, and the
binder's page number, which is stamped relative to the media box, can fall in the part that the crop
box hides.

``place_on_a4`` redraws each such page on an A4 sheet:

- It draws what a reader sees of the page: the crop box clipped to the media box, turned as /Rotate
  turns it.
- The sheet is A4 portrait if that view is taller than it is wide (or square), and A4 landscape if it
  is wider. A landscape certificate stays landscape and the reader turns it, instead of being shrunk
  to fit across a portrait sheet.
- The view is scaled down only as far as it must be to fit. A page smaller than the sheet keeps its
  size (a receipt is not blown up), and every page is centred.
- The drawing is clipped to the view, so what the crop box hid stays hidden.

One matrix does the turning, scaling and centring. It goes in a ``cm`` in front of the page's own
content streams, which are not parsed or rewritten. pypdf's ``transfer_rotation_to_content`` would
re-serialise them and would move no annotation. The same matrix moves each annotation's /Rect and
/QuadPoints, so links stay on what they covered.

Pages that are already plain A4 sheets (either way round, origin 0 0, nothing cropped, not rotated)
are not touched at all, so a binder of A4 scans is the same bytes as before.
"""

from __future__ import annotations

from collections.abc import Iterable

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, FloatObject, IndirectObject, NameObject, RectangleObject

from ..render.stamp import wrap_content

__all__ = ["A4", "place_on_a4"]

#: A4 portrait, width × height in points (210 × 297 mm)
A4 = (595.276, 841.89)
#: producers round A4 to 595 × 842; within this many points a page counts as A4
_SIZE_TOLERANCE = 1.0
#: boxes this close (points) are the same box
_BOX_TOLERANCE = 0.01
#: the boxes a viewer or printer may use besides the media and crop boxes; on a placed page they
#: would describe the old sheet, so they go
_PRINT_BOXES = ("/TrimBox", "/BleedBox", "/ArtBox")

Box = tuple[float, float, float, float]                        # left, bottom, right, top
Matrix = tuple[float, float, float, float, float, float]       # a b c d e f, as in a cm operator


def place_on_a4(writer: PdfWriter, page_indexes: Iterable[int]) -> None:
    """Set each of these pages of ``writer`` on an A4 sheet (see the module docstring), in place."""
    moved: set[int] = set()      # annotation objects already moved: one may be listed on two pages
    for index in page_indexes:
        page = writer.pages[index]
        if not _is_plain_a4(page):
            _place(writer, page, moved)


def _is_plain_a4(page) -> bool:
    media = _normalised(page.mediabox)
    crop = _normalised(page["/CropBox"]) if "/CropBox" in page else media
    if _quarter_turns(page) or not _same_box(crop, media):
        return False
    left, bottom, right, top = media
    if abs(left) > _BOX_TOLERANCE or abs(bottom) > _BOX_TOLERANCE:
        return False
    short, long = sorted((right - left, top - bottom))
    return abs(short - A4[0]) <= _SIZE_TOLERANCE and abs(long - A4[1]) <= _SIZE_TOLERANCE


def _place(writer: PdfWriter, page, moved: set[int]) -> None:
    view = _visible_box(page)
    if view is None:                 # a page of no area shows nothing, wherever it goes
        return
    sheet, matrix = _fit(view, _quarter_turns(page))
    left, bottom, right, top = view
    clip = " ".join(_number(v) for v in (left, bottom, right - left, top - bottom))
    wrap_content(writer, page, f"q {' '.join(_number(v) for v in matrix)} cm {clip} re W n\n".encode("ascii"),
                 b"\nQ\n")
    page[NameObject("/MediaBox")] = RectangleObject([0, 0, *sheet])
    page[NameObject("/CropBox")] = RectangleObject([0, 0, *sheet])
    for key in (*_PRINT_BOXES, "/Rotate"):
        if key in page:
            del page[key]
    _move_annotations(page, matrix, moved)


def _visible_box(page) -> Box | None:
    """The crop box clipped to the media box (what a viewer shows); the media box if they do not meet."""
    media = _normalised(page.mediabox)
    crop = _normalised(page["/CropBox"]) if "/CropBox" in page else media
    box = (max(media[0], crop[0]), max(media[1], crop[1]), min(media[2], crop[2]), min(media[3], crop[3]))
    if box[2] - box[0] <= _BOX_TOLERANCE or box[3] - box[1] <= _BOX_TOLERANCE:
        box = media
    if box[2] - box[0] <= _BOX_TOLERANCE or box[3] - box[1] <= _BOX_TOLERANCE:
        return None
    return box


def _fit(view: Box, turns: int) -> tuple[tuple[float, float], Matrix]:
    """The sheet for ``view`` turned clockwise by ``turns`` quarter turns, and the matrix that draws it
    there: turned, scaled down to fit if it must be, centred."""
    left, bottom, right, top = view
    cos, sin = ((1, 0), (0, -1), (-1, 0), (0, 1))[turns]      # a clockwise turn is a negative angle
    corners = [(cos * x - sin * y, sin * x + cos * y) for x in (left, right) for y in (bottom, top)]
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    sheet = (A4[1], A4[0]) if width > height else A4
    scale = min(1.0, sheet[0] / width, sheet[1] / height)
    e = (sheet[0] - scale * width) / 2 - scale * min(xs)
    f = (sheet[1] - scale * height) / 2 - scale * min(ys)
    return sheet, (scale * cos, scale * sin, -scale * sin, scale * cos, e, f)


def _move_annotations(page, matrix: Matrix, moved: set[int]) -> None:
    annotations = page.get("/Annots")
    if annotations is None:
        return
    for reference in annotations.get_object():
        if isinstance(reference, IndirectObject):
            if reference.idnum in moved:
                continue
            moved.add(reference.idnum)
        annotation = reference.get_object()
        if "/Rect" in annotation:
            x1, y1, x2, y2 = (float(v) for v in annotation["/Rect"])
            corners = [_apply(matrix, x, y) for x in (x1, x2) for y in (y1, y2)]
            xs, ys = [x for x, _ in corners], [y for _, y in corners]
            annotation[NameObject("/Rect")] = RectangleObject([_rounded(v) for v in (min(xs), min(ys), max(xs),
                                                                                   max(ys))])
        if "/QuadPoints" in annotation:
            values = [float(v) for v in annotation["/QuadPoints"]]
            points = [_apply(matrix, x, y) for x, y in zip(values[0::2], values[1::2])]
            annotation[NameObject("/QuadPoints")] = ArrayObject(
                FloatObject(_rounded(v)) for point in points for v in point)


def _apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def _quarter_turns(page) -> int:
    """/Rotate as clockwise quarter turns, 0–3 (the standard allows only multiples of 90)."""
    return round(page.rotation / 90) % 4


def _normalised(rectangle) -> Box:
    x1, y1, x2, y2 = (float(v) for v in rectangle)
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)


def _same_box(one: Box, other: Box) -> bool:
    return all(abs(a - b) <= _BOX_TOLERANCE for a, b in zip(one, other))


def _rounded(value: float) -> float:
    return round(value, 3) + 0.0            # + 0.0: no "-0" in the output


def _number(value: float) -> str:
    """A number for a content stream: fixed precision, no trailing zeros, no exponent, no "-0"."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
