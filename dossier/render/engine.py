"""weasyprint set up for the dossier's HTML: what it would otherwise redo for every document, done once.

- One font configuration per process, and for the processes forked from it: weasyprint makes a new one
  per document by default, and with it loads and parses the CJK font files again.
- A user-agent stylesheet of only the rules of weasyprint's HTML5 one that can apply to the elements the
  writers produce (``templates/html/user_agent.css``): weasyprint matches every rule of its own against
  every element.
- The HTML parsed by libxml2 (lxml, in C) into the ElementTree weasyprint lays out, instead of by its
  pure-Python HTML5 parser (a tenth of the time). The writers' HTML is regular, so both parsers build trees
  weasyprint lays out the same, to the byte (the writers never set a <base>); text libxml2 would not take as
  it is (a control character) goes to weasyprint's own parser.
- Compact font subsets (:mod:`.compact_fonts`): every PDF weasyprint writes for the dossier is written by
  :func:`pdf_bytes`, which labels them.

What a document's PDF holds never depends on what the process laid out before it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from functools import lru_cache

import cssselect2
from lxml import etree, html as lxml_html
from . import libraries  # noqa: F401 - before weasyprint: its libraries opened without searches (see there)
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from . import compact_fonts
from .html import HTML_TEMPLATES

__all__ = ["Html", "font_config", "lay_out", "pdf_bytes", "USER_AGENT"]

#: the user-agent stylesheet the documents are laid out with (see its head)
USER_AGENT = HTML_TEMPLATES / "user_agent.css"

_PARSER = lxml_html.HTMLParser(huge_tree=True, remove_comments=True)
#: characters XML has no place for, which libxml2 would replace: their text goes to weasyprint's parser
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@lru_cache(maxsize=1)
def font_config() -> FontConfiguration:
    """This process's one font configuration, made the first time it lays something out. A process forked
    after that uses it as it is: the faces it loaded are not loaded again (render.warm loads them before
    the documents' processes are forked)."""
    return FontConfiguration()


@lru_cache(maxsize=1)
def _user_agent() -> CSS:
    return CSS(filename=str(USER_AGENT))


def _tree(markup: str) -> ElementTree.Element | None:
    """``markup`` as the ElementTree weasyprint lays out, parsed in C; None where libxml2 would not take it
    as it is."""
    if _NOT_XML.search(markup):
        return None
    try:
        root = lxml_html.document_fromstring(markup, parser=_PARSER)
        return ElementTree.fromstring(etree.tostring(root, encoding="utf-8"))
    except (ValueError, etree.LxmlError, ElementTree.ParseError):
        return None


class Html(HTML):
    """weasyprint's HTML of a string the writers made, with the dossier's user-agent stylesheet."""

    def __init__(self, *, string: str, base_url: str, url_fetcher=None):
        tree = _tree(string)
        super().__init__(string=string if tree is None else "<html></html>", base_url=base_url,
                         url_fetcher=url_fetcher)
        if tree is not None:
            self.wrapper_element = cssselect2.ElementWrapper.from_html_root(tree, content_language=None)
            self.etree_element = self.wrapper_element.etree_element

    def _ua_stylesheets(self, forms=False):
        return [_user_agent()]


def lay_out(html: str, url_fetcher=None):
    """The weasyprint document of the writers' ``html``, laid out with the templates' folder as its base and this
    process's font configuration."""
    return Html(string=html, base_url=HTML_TEMPLATES.as_uri() + "/", url_fetcher=url_fetcher).render(
        font_config=font_config())


def pdf_bytes(document, identifier: bytes) -> bytes:
    """The PDF of a document weasyprint laid out, with compact font subsets and the file identifier
    ``identifier`` (weasyprint's would change with every run)."""
    return compact_fonts.write_pdf(document, identifier)
