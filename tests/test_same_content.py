"""Both formats say the same thing: every sentence the PDF prints is in the DOCX, and the DOCX has no body
sentence the PDF lacks. Checked on every document of the sample and of the small company.

A sentence here is a run of Chinese characters and Chinese punctuation holding at least 8 characters
(figures, codes and Latin letters end a run, so a table row's cells are compared cell by cell). The PDF is
read line by line, the running header and the words its charts draw aside (the PDF sets a chart's words as
text, the DOCX shows the same chart as a picture); a DOCX sentence is looked for in the PDF's text allowing the
line breaks of a wrapped table cell, where the PDF puts the other cells of the row in between.
"""

from __future__ import annotations

import dataclasses
import re
from xml.etree import ElementTree

import pytest

from documents import EXAMPLE, _stage_of, docx_text, dossier_of, pdf_pages_text, squeeze
from dossier.builders import BUILDERS
from dossier.render.content import Figure

_RUN = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2014\u2026\u201c\u201d\u300a\u300b]+")
_CJK = re.compile(r"[\u3400-\u9fff]")
#: how far apart (in characters of the PDF's text) the pieces of one wrapped cell's sentence may lie
_WRAP_GAP = 160


def sentences(value: str) -> list[str]:
    return [run for run in _RUN.findall(squeeze(value)) if len(_CJK.findall(run)) >= 8]


def _body_lines(rendered, drawn: tuple[str, ...] = ()) -> list[str]:
    """The PDF's lines without the running header (company, document number, page) and without the lines made
    of the words its charts draw (``drawn``) only."""
    lines = []
    for page in pdf_pages_text(rendered.pdf.data):
        lines.extend(line for line in page.splitlines()
                     if not re.search(r"第\s*\d+\s*页", line) and not _drawn_only(line, drawn))
    return lines


def _drawn_only(line: str, drawn: tuple[str, ...]) -> bool:
    rest = squeeze(line)
    for word in drawn:
        rest = rest.replace(word, "")
    return bool(drawn) and not _CJK.search(rest)


def _figures(value):
    if isinstance(value, Figure):
        yield value
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _figures(item)
    elif dataclasses.is_dataclass(value):
        for item in dataclasses.fields(value):
            yield from _figures(getattr(value, item.name))


def _drawn_words(root, ident: str) -> tuple[str, ...]:
    """The words the document's charts draw (their SVG's text elements), longest first."""
    builder, d = BUILDERS[ident](), dossier_of(str(root), _stage_of(ident))
    figures = _figures(builder.composed(d, builder.info(d)).sections)
    words = {squeeze(node.text or "") for figure in figures
             for node in ElementTree.fromstring(figure.chart.svg).iter("{http://www.w3.org/2000/svg}text")}
    return tuple(sorted(words - {""}, key=len, reverse=True))


def _found_wrapped(sentence: str, text: str) -> bool:
    """``sentence`` in ``text``, its characters in order, allowing gaps where a cell wrapped."""
    for start in (m.start() for m in re.finditer(re.escape(sentence[0]), text)):
        position, ok = start, True
        for char in sentence[1:]:
            position = text.find(char, position + 1, position + 1 + _WRAP_GAP)
            if position < 0:
                ok = False
                break
        if ok:
            return True
    return False


def _documents(result):
    return {r.info.id: r for r in result.documents}


@pytest.fixture(scope="module", params=["sample", "small"])
def built(request, example_build, small_company_build):
    if request.param == "small":
        return _documents(small_company_build[0]), small_company_build[2]
    from documents import example_rectification_build      # the sample's 整改报告 is in its rectification

    return {**_documents(example_rectification_build()[0]), **_documents(example_build[0])}, EXAMPLE


@pytest.mark.parametrize("ident", sorted(BUILDERS))
def test_every_pdf_sentence_is_in_the_docx(built, ident):
    documents, root = built
    if ident not in documents:
        pytest.skip(f"the company has no {ident}")
    rendered = documents[ident]
    word = squeeze(docx_text(rendered.docx))
    missing = [s for line in _body_lines(rendered, _drawn_words(root, ident)) for s in sentences(line) if s not in word]
    assert missing == []


@pytest.mark.parametrize("ident", sorted(BUILDERS))
def test_every_docx_sentence_is_in_the_pdf(built, ident):
    documents, _root = built
    if ident not in documents:
        pytest.skip(f"the company has no {ident}")
    rendered = documents[ident]
    pdf = squeeze("".join(_body_lines(rendered)))
    paragraphs = docx_text(rendered.docx, headers=False).splitlines()
    missing = [s for line in paragraphs for s in sentences(line) if s not in pdf and not _found_wrapped(s, pdf)]
    assert missing == []
