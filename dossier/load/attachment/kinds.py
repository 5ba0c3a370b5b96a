"""What an attachment is, by its content rather than its name, and whether it is safe to bind.

Attachments are untrusted: a PDF that needs a password to open, a broken, zero-byte or truncated one,
an oversized or truncated image, or a file whose content is not what its name says is refused with one
sentence naming the file. A PDF encrypted with an owner password only (it restricts printing or editing;
every viewer opens it, as do certificates downloaded from official portals) is decrypted and bound.
A PDF that carries active content (JavaScript, launching programs, submitting forms) is refused
too: the binder is opened by reviewers on their own machines.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

__all__ = ["sniff", "KINDS", "AttachmentLimits", "ATTACHMENT_LIMITS", "check_kind", "inspect_attachment"]

KINDS = {"pdf": "PDF", "jpeg": "JPEG 图片", "png": "PNG 图片"}
_EXTENSIONS = {".pdf": "pdf", ".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png"}


@dataclass(frozen=True)
class AttachmentLimits:
    bytes: int = 60 * 1024 * 1024
    pdf_pages: int = 500
    pixels: int = 60_000_000          # e.g. 9000 × 6600, a 600 dpi A3 scan


ATTACHMENT_LIMITS = AttachmentLimits()


def sniff(head: bytes) -> str | None:
    """``pdf``, ``jpeg`` or ``png`` from a file's first bytes; None for anything else."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    return None


def check_kind(path: Path, shown: str) -> tuple[str | None, str | None]:
    """(kind, None) when the content is PDF/JPEG/PNG and matches the name, else (None, message)."""
    with path.open("rb") as fh:
        head = fh.read(1024)
    if not head:
        return None, f"“{shown}”是空文件（0 字节）。"
    kind = sniff(head)
    if kind is None:
        return None, f"“{shown}”的内容不是 PDF、JPEG 或 PNG；请提供扫描件的 PDF 或图片。"
    named = _EXTENSIONS.get(path.suffix.lower())
    if named is None:
        return None, f"“{shown}”的扩展名应为 .pdf、.jpg 或 .png（内容为 {KINDS[kind]}）。"
    if named != kind:
        return None, f"“{shown}”的扩展名是 {path.suffix}，但内容是 {KINDS[kind]}；请改正扩展名或换成正确的文件。"
    return kind, None


_ACTIVE_ACTIONS = {"/JavaScript": "JavaScript 脚本", "/Launch": "启动外部程序的动作",
                   "/SubmitForm": "提交表单的动作", "/ImportData": "导入数据的动作",
                   "/RichMediaExecute": "多媒体执行动作"}
_ACTIVE_KEYS = {"/JS": "JavaScript 脚本", "/JavaScript": "JavaScript 脚本", "/XFA": "XFA 动态表单"}
_MAX_VISITS = 200_000


def _active_content(reader) -> str | None:
    """What active content the PDF carries, found by walking every object reachable from its trailer."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    visits = 0
    while stack:
        node = stack.pop()
        visits += 1
        if visits > _MAX_VISITS:
            return "异常多的对象"
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            kind = node.get("/S")
            if kind in _ACTIVE_ACTIONS:
                return _ACTIVE_ACTIONS[kind]
            for key, value in node.items():
                if key in _ACTIVE_KEYS:
                    return _ACTIVE_KEYS[key]
                if key != "/Parent":
                    stack.append(value)
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return None


class NeedsPassword(ValueError):
    """A PDF that no viewer opens without its password (a user password)."""


def open_pdf(path: Path):
    """A PdfReader of an attachment, decrypted where it is encrypted with an owner password only (it
    restricts printing or editing, and every viewer opens it); a PDF that needs a password to open raises
    NeedsPassword."""
    from pypdf import PasswordType, PdfReader

    reader = PdfReader(path, strict=True)
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise NeedsPassword(path.name)
    return reader


def _inspect_pdf(path: Path, shown: str, limits: AttachmentLimits) -> str | None:
    from pypdf.errors import DependencyError, PdfReadError, PyPdfError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = open_pdf(path)
            pages = len(reader.pages)
            if pages == 0:
                return f"“{shown}”没有任何页面。"
            if pages > limits.pdf_pages:
                return f"“{shown}”有 {pages} 页，超过单个附件 {limits.pdf_pages} 页的上限；请拆分。"
            for page in reader.pages:
                page.get_contents()
            active = _active_content(reader)
            if active:
                return (f"“{shown}”含有 {active}，不能装订进申请材料；"
                        "请用扫描或“打印为 PDF”重新生成一个不含脚本的文件。")
    except NeedsPassword:
        return (f"“{shown}”设有打开密码，无法读取；请在设置密码的软件中取消打开密码后另存，"
                "或打开后“打印为 PDF”，再放入 attachments/。")
    except (PdfReadError, PyPdfError, DependencyError, ValueError, KeyError, TypeError, AttributeError,
            OSError) as exc:
        return f"“{shown}”不是完整可读的 PDF（文件可能已损坏或被截断：{type(exc).__name__}）；请重新扫描或导出。"
    return None


def _inspect_image(path: Path, shown: str, kind: str, limits: AttachmentLimits) -> str | None:
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if width * height > limits.pixels:
                    return (f"“{shown}”为 {width}×{height} 像素，超过 {limits.pixels // 1_000_000} 百万像素的上限；"
                            "请以 300 dpi 重新扫描或缩小后再提供。")
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return (f"“{shown}”的像素数量过大，超过 {limits.pixels // 1_000_000} 百万像素的上限"
                "（或为恶意构造的图片）；请以 300 dpi 重新扫描。")
    except (OSError, SyntaxError, ValueError) as exc:
        return f"“{shown}”不是完整可读的图片（{type(exc).__name__}）；请重新扫描或导出。"
    if kind == "jpeg":
        with path.open("rb") as fh:
            fh.seek(-2, 2)
            if fh.read(2) != b"\xff\xd9":
                return f"“{shown}”的 JPEG 数据不完整（文件被截断）；请重新扫描或导出。"
    return None


def inspect_attachment(path: Path, shown: str,
                       limits: AttachmentLimits = ATTACHMENT_LIMITS) -> tuple[str | None, str | None]:
    """(kind, None) for an attachment safe to bind, or (None, a Chinese sentence naming the file)."""
    size = path.stat().st_size
    if size > limits.bytes:
        return None, f"“{shown}”过大（{size / 1048576:.0f} MB），单个附件上限为 {limits.bytes // 1048576} MB。"
    kind, message = check_kind(path, shown)
    if message:
        return None, message
    message = (_inspect_pdf(path, shown, limits) if kind == "pdf"
               else _inspect_image(path, shown, kind, limits))
    return (None, message) if message else (kind, None)
