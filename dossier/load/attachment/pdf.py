"""A PDF attachment made ready to bind: read as a viewer reads it, or refused in one sentence.

- Read strictly with pypdf first; a file that reads cleanly and is not encrypted is bound as it is.
- A file encrypted with an owner password only (it restricts printing or editing; every viewer opens it,
  as with certificates downloaded from official portals) is decrypted by qpdf (pikepdf) and bound.
- A file pypdf cannot read strictly (a broken cross-reference table, wrong offsets, bad stream lengths) is
  repaired the way viewers repair it, by qpdf, and bound with a warning naming it; what qpdf cannot
  repair is refused. A file cut short (no end-of-file marker, a download that stopped) is repaired too,
  as viewers show what is left, but its warning says it was cut and how many pages were recovered:
  what was cut is lost.
- A file that needs a password to open, or that carries active content (JavaScript, launching programs,
  submitting forms), is refused: the binder is opened by reviewers on their own machines.

Runs in the child process of :mod:`.sandbox`, so library errors, warnings and log lines never reach the
user: every outcome is a :class:`~.prepared.Prepared`.
"""

from __future__ import annotations

import io
import logging
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from pypdf.errors import LimitReachedError

from .limits import AttachmentLimits
from .prepared import Blob, Prepared

__all__ = ["prepare_pdf"]

_ACTIVE_ACTIONS = {"/JavaScript": "JavaScript 脚本", "/Launch": "启动外部程序的动作",
                   "/SubmitForm": "提交表单的动作", "/ImportData": "导入数据的动作",
                   "/RichMediaExecute": "多媒体执行动作"}
_ACTIVE_KEYS = {"/JS": "JavaScript 脚本", "/JavaScript": "JavaScript 脚本", "/XFA": "XFA 动态表单"}
_MAX_VISITS = 200_000
_TAIL = 1024                   # %%EOF may be followed by a little padding


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


class _Unreadable(Exception):
    """pypdf cannot read the file strictly, or could only by repairing it on the fly."""


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _pypdf_complaints():
    """What pypdf logs while it reads (it repairs some damage silently even when strict, and says so only
    in its log: "Object ID 3,0 ref repaired", "Circular xref chain detected")."""
    logger = logging.getLogger("pypdf")
    records = _Records()
    logger.addHandler(records)
    try:
        yield records.records
    finally:
        logger.removeHandler(records)


class _Reading(NamedTuple):
    encrypted: bool             # with an owner password only (a user password is a refusal)
    pages: int
    refusal: str | None = None


def _read_strictly(data: bytes | Path, shown: str, limits: AttachmentLimits, repairs: bool = False) -> _Reading:
    """What a strict reading found: owner-only encryption, the pages, or why the file is refused; raises
    _Unreadable where pypdf cannot read it strictly or, unless ``repairs``, only by repairing it."""
    with _pypdf_complaints() as complaints:
        found = _strict_reading(data, shown, limits, contents=not repairs)
    if complaints and not repairs:
        raise _Unreadable("文件结构有误")
    return found


def _strict_reading(data: bytes | Path, shown: str, limits: AttachmentLimits, contents: bool = True) -> _Reading:
    """``contents``: parse every page's content streams; else only decode them. A file qpdf has repaired
    is held to the lesser check: a viewer shows what it can of a page whose drawing data is damaged, the
    binder copies the streams without reading them, and the file's warning asks the user to look at its
    pages. What no viewer can show (an unknown filter) or should be made to inflate (a stream past
    pypdf's output limits) is refused either way."""
    from pypdf import PasswordType, PdfReader

    try:
        reader = PdfReader(io.BytesIO(data) if isinstance(data, bytes) else data, strict=True)
        encrypted = reader.is_encrypted
        if encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            return _Reading(True, 0, _needs_password(shown))
        pages = len(reader.pages)
        if pages == 0:
            return _Reading(encrypted, pages, f"“{shown}”没有任何页面。")
        if pages > limits.pdf_pages:
            return _Reading(encrypted, pages,
                            f"“{shown}”有 {pages} 页，超过单个附件 {limits.pdf_pages} 页的上限；请拆分。")
        for page in reader.pages:
            if contents:
                page.get_contents()
            else:
                _decode_contents(page)
        active = _active_content(reader)
        if not active:
            _trial_binding(reader)
    except NotImplementedError as exc:
        raise _Unreadable(f"使用了无法识别的压缩方式 {_filter_named(exc)}") from exc
    except LimitReachedError as exc:
        raise _Unreadable("数据量或结构层次超出上限，如页面树过深、数据解压后过大") from exc
    except Exception as exc:  # noqa: BLE001 - any failure of the library on untrusted input is "unreadable"
        raise _Unreadable("文件已损坏，无法修复") from exc
    if active:
        return _Reading(encrypted, pages, f"“{shown}”含有{' ' if active[0].isascii() else ''}{active}，"
                        "不能装订进申请材料；请用扫描或“打印为 PDF”重新生成一个不含脚本的文件。")
    return _Reading(encrypted, pages)


def _decode_contents(page) -> None:
    """Decode the page's content streams (without parsing them), tolerating damaged data but not an
    unknown filter or a decompression bomb."""
    from pypdf.generic import ArrayObject

    contents = page.get("/Contents")
    if contents is None:
        return
    contents = contents.get_object()
    for stream in contents if isinstance(contents, ArrayObject) else [contents]:
        try:
            stream.get_object().get_data()
        except (NotImplementedError, LimitReachedError):
            raise
        except Exception:  # noqa: BLE001, S112 - damaged drawing data: shown in part, as viewers do
            continue


def _trial_binding(reader) -> None:
    """What the binder will do with the pages (append them to a writer, set them on A4 sheets, write),
    done here in the sandbox, so that a file that breaks it (a page without a media box, pages written
    directly into the page tree) is repaired or refused now, never an internal error in the binder."""
    from pypdf import PdfWriter

    from ...binder.placement import place_on_a4

    writer = PdfWriter()
    writer.append(reader, import_outline=False)
    place_on_a4(writer, range(len(writer.pages)))
    writer.write(io.BytesIO())


def _filter_named(exc: Exception) -> str:
    words = [word for word in str(exc).split() if word.startswith("/")]
    return words[0] if words else ""


def _needs_password(shown: str) -> str:
    return (f"“{shown}”设有打开密码，无法读取；请在设置密码的软件中取消打开密码后另存，"
            "或打开后“打印为 PDF”，再放入 attachments/。")


def _unreadable(shown: str, why: str) -> str:
    return f"“{shown}”不是完整可读的 PDF（{why}）；请重新扫描或导出。"


#: the page size viewers assume for a page that states none (US letter, in points)
_DEFAULT_MEDIA_BOX = (0, 0, 612, 792)


class _NeedsPassword(Exception):
    """qpdf cannot open the file without its user password."""


def _rewritten(path: Path) -> tuple[bytes, bool]:
    """The file as qpdf reads it, decrypted, every page with its inherited attributes and a media box,
    and whether qpdf had to repair it; raises _NeedsPassword, or what else pikepdf raises. (pikepdf is
    imported only here: most files never need it, and it takes a third of a second to load.)"""
    import pikepdf

    try:
        pdf = pikepdf.open(path, attempt_recovery=True, suppress_warnings=True, inherit_page_attributes=True)
    except pikepdf.PasswordError as exc:
        raise _NeedsPassword from exc
    with pdf:
        repaired = bool(pdf.get_warnings())
        for page in pdf.pages:
            box = page.obj.get(pikepdf.Name.MediaBox)
            if not (isinstance(box, pikepdf.Array) and len(box) == 4):
                page.obj.MediaBox = pikepdf.Array(_DEFAULT_MEDIA_BOX)
                repaired = True
        out = io.BytesIO()
        pdf.save(out, encryption=False, deterministic_id=True)
        return out.getvalue(), repaired


def _cut_short(path: Path) -> bool:
    with path.open("rb") as fh:
        fh.seek(0, 2)
        fh.seek(max(0, fh.tell() - _TAIL))
        return b"%%EOF" not in fh.read()


def _repaired_note(shown: str, cut: bool, pages: int) -> str:
    if cut:
        return (f"“{shown}”不完整（文件被截断，缺少结尾标记），已修复出 {pages} 页后装订；"
                "请核对是否缺页，最好重新下载或导出完整的文件。")
    return f"“{shown}”有损坏（文件结构错误），已按阅读软件的方式自动修复后装订；请核对装订后的这几页是否完整。"


def prepare_pdf(path: Path, shown: str, limits: AttachmentLimits) -> Prepared:
    cut = _cut_short(path)
    damaged, why = True, "文件被截断，无法修复" if cut else "文件已损坏，无法修复"
    if not cut:
        try:
            reading = _read_strictly(path, shown, limits)
            if reading.refusal:
                return Prepared.refused(reading.refusal)
            if not reading.encrypted:
                return Prepared("pdf")
            damaged = False
        except _Unreadable as exc:
            why = str(exc)
    try:
        data, repaired = _rewritten(path)
    except _NeedsPassword:
        return Prepared.refused(_needs_password(shown))
    except Exception:  # noqa: BLE001 - qpdf could not make sense of it either
        return Prepared.refused(_unreadable(shown, why))
    try:
        reading = _read_strictly(data, shown, limits, repairs=True)
    except _Unreadable as exc:
        return Prepared.refused(_unreadable(shown, "文件被截断，无法修复" if cut else str(exc)))
    if reading.refusal:
        return Prepared.refused(reading.refusal)
    notes = ()
    if damaged or repaired:
        notes = (_repaired_note(shown, cut, reading.pages),)
    return Prepared("pdf", (Blob("application/pdf", data),), notes)
