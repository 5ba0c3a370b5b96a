"""Resolve file references from user data, strictly inside the company folder."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from ..errors import PathRefused

__all__ = ["PathRefused", "resolve_inside"]

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def resolve_inside(root: Path, reference: str) -> Path:
    """The file ``reference`` names, relative to ``root``; never anything outside ``root``.

    Refuses URLs, absolute paths, ``..`` components and symbolic links that lead out.
    """
    text = reference.strip().replace("\\", "/")
    if not text:
        raise PathRefused("文件路径为空。")
    if _URL.match(text) and not re.match(r"^[A-Za-z]:/", text):
        raise PathRefused(f"“{reference}”是网址；只能引用公司目录内的文件。")
    if text.startswith("/") or re.match(r"^[A-Za-z]:/", text):
        raise PathRefused(f"“{reference}”是绝对路径；请写成相对于公司目录的路径，如 attachments/营业执照.png。")
    parts = PurePosixPath(text).parts
    if ".." in parts:
        raise PathRefused(f"“{reference}”含有“..”，指向了公司目录之外；请把文件放进公司目录。")
    base = root.resolve()
    candidate = base.joinpath(*parts)
    try:
        resolved = candidate.resolve(strict=True)
    except FileNotFoundError:
        raise PathRefused(f"找不到文件“{reference}”（应位于 {root.as_posix()}/{text}）。") from None
    except (OSError, RuntimeError) as exc:  # symlink loops
        raise PathRefused(f"无法访问“{reference}”：{exc}。") from None
    if not resolved.is_relative_to(base):
        raise PathRefused(f"“{reference}”是指向公司目录之外的链接；请把文件本身复制进公司目录。")
    if not resolved.is_file():
        raise PathRefused(f"“{reference}”不是普通文件。")
    return resolved
