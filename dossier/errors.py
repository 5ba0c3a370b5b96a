"""Errors users see: one root, each with its exit code and a one-line Chinese message."""

from __future__ import annotations

import click

__all__ = ["DossierError", "DataError", "BuildError", "InternalError"]


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
