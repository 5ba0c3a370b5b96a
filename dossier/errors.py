"""Every error the package raises.

The user-facing ones have one root, ``DossierError`` (a click exception: exit code 1, one line
``错误：…``). The others are raised by a stage and turned into problems or user-facing errors by the
stage that calls it: a file that cannot be read as data, a reference out of the company folder, an
attachment that cannot be bound, a directory that is not a build, a broken standard file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import click

if TYPE_CHECKING:
    from .problems import Problem

__all__ = ["DossierError", "DataError", "BuildError", "InternalError", "ValidationFailed", "UnknownDocument",
           "LoadError", "ParserRefused", "PathRefused", "AttachmentError", "NotABuild", "StandardError"]


class DossierError(click.ClickException):
    """An expected, user-facing failure; printed as ``错误：message`` and exits with 1."""

    exit_code = 1

    def format_message(self) -> str:
        return self.message

    def show(self, file=None) -> None:
        click.echo(f"错误：{self.format_message()}", err=True, file=file)


class DataError(DossierError):
    """The company data is invalid or incomplete."""


class BuildError(DossierError):
    """A document or the binder could not be produced."""


class InternalError(DossierError):
    """A bug: reported in one line, with the traceback saved to a file."""


class ValidationFailed(DataError):
    """The data has errors; nothing was built."""

    def __init__(self, problems: Sequence["Problem"]):
        self.problems = tuple(problems)
        errors = sum(1 for p in problems if p.severity == "error")
        super().__init__(f"数据有 {errors} 个错误，未生成任何文件；请先修改（可运行 dossier validate 查看）。")

    def __reduce__(self):          # made again from its problems when it comes back from a forked process
        return type(self), (self.problems,), self.__dict__


class UnknownDocument(ValueError):
    """``--only`` named a document that does not exist."""


class LoadError(Exception):
    """A file that cannot be read as data; carries the 1-based line and a Chinese message."""

    def __init__(self, line: int, message: str, code: str):
        super().__init__(message)
        self.line = line
        self.message = message
        self.code = code


class ParserRefused(LoadError):
    """The YAML parser itself refused the text (not one of our bounds or rules)."""


class PathRefused(ValueError):
    """A reference that points outside the company folder or at nothing; the message is Chinese."""


class AttachmentError(Exception):
    """An attachment that cannot go into the binder; the message names the file."""


class NotABuild(ValueError):
    """A directory without a readable manifest.json."""


class StandardError(Exception):
    """A standard file that is not what the engine can use (a packaging bug, not user data)."""
