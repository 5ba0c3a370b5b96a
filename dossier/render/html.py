"""The Jinja environment of the HTML templates: autoescaped, strict, with the shared filters."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .formatting import FILTERS

if TYPE_CHECKING:
    from jinja2 import Environment

__all__ = ["HTML_TEMPLATES", "html_environment", "render_html"]

HTML_TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "html"


@lru_cache(maxsize=None)
def html_environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined   # loaded when a page is rendered

    env = Environment(loader=FileSystemLoader(HTML_TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(FILTERS)
    return env


def render_html(template: str, context: dict) -> str:
    return html_environment().get_template(template).render(context)
