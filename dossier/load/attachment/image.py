"""A scan or photo made ready to bind: upright, in colours a PDF shows, no larger than the page needs.

- Every page of a multi-page TIFF (as scanners write them) becomes a page of the binder; of an animated
  GIF, WebP, PNG or AVIF only the first frame is bound, with a warning.
- Phone photos are turned by their EXIF orientation; CMYK, 16-bit, palette and transparent images are
  converted to 8-bit grey or RGB on white.
- An image larger than the binder's image frame at the stated resolution (``limits.dpi``, 300 dpi) is
  scaled down to it, so that a 48-megapixel photo does not make the binder hundreds of megabytes.
- A JPEG or PNG that needs none of this is bound byte for byte (JPEG data is placed without re-encoding).
  What is converted is encoded as PNG when it is line art (few colours, from a lossless format) and as
  JPEG otherwise.

Runs in the child process of :mod:`.sandbox`; every outcome is a :class:`~.prepared.Prepared`.
"""

from __future__ import annotations

import io
import math
import warnings
from pathlib import Path

from .kinds import PILLOW_FORMATS
from .limits import AttachmentLimits
from .prepared import Blob, Prepared

__all__ = ["prepare_image", "FRAME_MM"]

#: the image frame of a binder page (A4 less margins and the title line), in millimetres; see
#: templates/binder_images.html
FRAME_MM = (180, 236)
_MULTIPAGE = {"tiff"}
_LOSSLESS = {"png", "tiff", "bmp", "gif", "pnm"}
_AS_IS_MODES = {"jpeg": {"RGB", "L"}, "png": {"RGB", "L", "1", "P", "RGBA", "LA"}}
_JPEG_QUALITY = 85
_ORIENTATION = 0x0112


def _frame_pixels(dpi: int) -> tuple[int, int]:
    return tuple(round(mm / 25.4 * dpi) for mm in FRAME_MM)


def _fits(size: tuple[int, int], box: tuple[int, int]) -> bool:
    return size[0] <= box[0] and size[1] <= box[1]


def _decoded_size(image, box: tuple[int, int]) -> tuple[int, int]:
    """The size the stored image is scaled to (before it is turned upright), for JPEG's reduced decoding."""
    if image.getexif().get(_ORIENTATION, 1) in (5, 6, 7, 8):
        box = box[::-1]
    scale = min(1.0, box[0] / image.size[0], box[1] / image.size[1])
    return math.ceil(image.size[0] * scale), math.ceil(image.size[1] * scale)


def _upright(image):
    from PIL import ImageOps

    return ImageOps.exif_transpose(image)


def _eight_bit(image):
    """Grey or RGB (or 1-bit) at 8 bits, transparency flattened onto white."""
    from PIL import Image

    if image.mode in ("1", "L", "RGB"):
        return image
    if image.mode.startswith("I;16") or image.mode == "I":
        return image.convert("I").point(lambda v: v / 257).convert("L")
    if image.mode == "F":
        return image.convert("L")
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    elif image.mode == "PA":
        image = image.convert("RGBA")
    if image.mode in ("LA", "La"):
        white = Image.new("L", image.size, 255)
        white.paste(image.convert("L"), mask=image.getchannel("A"))
        return white
    if image.mode in ("RGBA", "RGBa"):
        white = Image.new("RGB", image.size, (255, 255, 255))
        white.paste(image.convert("RGB"), mask=image.getchannel("A"))
        return white
    return image.convert("RGB")


def _scaled(image, box: tuple[int, int]):
    from PIL import Image

    if _fits(image.size, box):
        return image
    if image.mode == "1":
        image = image.convert("L")
    scale = min(box[0] / image.size[0], box[1] / image.size[1])
    size = (max(1, round(image.size[0] * scale)), max(1, round(image.size[1] * scale)))
    return image.resize(size, Image.Resampling.LANCZOS)


def _encoded(image, kind: str) -> Blob:
    buffer = io.BytesIO()
    if image.mode == "1" or (kind in _LOSSLESS and image.getcolors(256) is not None):
        image.save(buffer, "PNG", optimize=False)
        return Blob("image/png", buffer.getvalue())
    image.save(buffer, "JPEG", quality=_JPEG_QUALITY, optimize=False, progressive=False)
    return Blob("image/jpeg", buffer.getvalue())


def _as_is(image, kind: str, box: tuple[int, int]) -> bool:
    orientation = image.getexif().get(_ORIENTATION, 1)
    return (image.mode in _AS_IS_MODES.get(kind, ()) and orientation == 1 and _fits(image.size, box)
            and image.info.get("bits", 8) == 8)


def _jpeg_complete(path: Path) -> bool:
    with path.open("rb") as fh:
        fh.seek(-2, 2)
        return fh.read(2) == b"\xff\xd9"


def _too_many_pixels(shown: str, limits: AttachmentLimits, size: tuple[int, int] | None = None) -> Prepared:
    measured = f"为 {size[0]}×{size[1]} 像素，" if size else "的像素数量过大，"
    return Prepared.refused(f"“{shown}”{measured}超过 {limits.pixels // 1_000_000} 百万像素的上限"
                            f"{'' if size else '（或为恶意构造的图片）'}；请以 300 dpi 重新扫描或缩小后再提供。")


def prepare_image(path: Path, shown: str, kind: str, limits: AttachmentLimits) -> Prepared:
    from PIL import Image, ImageFile

    # weasyprint, once imported (and the child is forked from a process that may have), makes Pillow
    # accept truncated images for the whole process; a scan cut short must be refused, not half bound
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    if kind == "heic":
        import pillow_heif
        pillow_heif.register_heif_opener()
    if kind == "jpeg" and not _jpeg_complete(path):
        return Prepared.refused(f"“{shown}”的 JPEG 数据不完整（文件被截断）；请重新扫描或导出。")
    Image.MAX_IMAGE_PIXELS = limits.pixels
    box = _frame_pixels(limits.dpi)
    try:
        with warnings.catch_warnings(record=True) as complaints:
            warnings.simplefilter("always")
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=PILLOW_FORMATS[kind]) as image:
                if image.size[0] * image.size[1] > limits.pixels:
                    return _too_many_pixels(shown, limits, image.size)
                frames = getattr(image, "n_frames", 1)
                if kind in _MULTIPAGE and frames > limits.frames:
                    return Prepared.refused(f"“{shown}”有 {frames} 页，超过单个图片附件 {limits.frames} 页的上限；"
                                            "请拆分或另存为 PDF。")
                notes = ()
                if kind not in _MULTIPAGE and frames > 1:
                    notes = (f"“{shown}”是动画图片（{frames} 帧），只装订第一帧。",)
                pages = frames if kind in _MULTIPAGE else 1
                if pages == 1 and _as_is(image, kind, box):
                    image.load()
                    if not complaints:      # else Pillow read it by working around damage: bind what it read
                        return Prepared("image", notes=notes, size=image.size)
                blobs, size = [], None
                for index in range(pages):
                    image.seek(index)
                    if kind == "jpeg":
                        image.draft(image.mode if image.mode in ("L", "RGB") else None, _decoded_size(image, box))
                    image.load()
                    bound = _scaled(_eight_bit(_upright(image)), box)
                    size = size or bound.size
                    blobs.append(_encoded(bound, kind))
                return Prepared("image", tuple(blobs), notes, size=size)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return _too_many_pixels(shown, limits)
    except Exception as exc:  # noqa: BLE001 - any failure of the image libraries on untrusted input
        return Prepared.refused(f"“{shown}”不是完整可读的图片（{_why(exc)}）；请重新扫描或导出。")


def _why(exc: Exception) -> str:
    text = str(exc).lower()
    if "truncated" in text:
        return "文件被截断"
    if isinstance(exc, MemoryError):
        return "解码所需内存过大"
    return "文件已损坏或格式不受支持"
