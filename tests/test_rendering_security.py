"""User data is text: markup and template syntax print literally, and nothing is fetched."""

from __future__ import annotations

import os

import pytest

from dossier.builders import applicable_builders
from dossier.render import fetcher as fetcher_module
from dossier.render.fetcher import SafeFetcher
from dossier.render.html import HTML_TEMPLATES
from dossier.validation import load_dossier
from documents import docx_text, pdf_text, squeeze

HOSTILE_NAME = "<b>&amp;{{ 7*7 }}"
HOSTILE_TEXT = '<img src="file:///etc/hostname"><link rel="attachment" href="file:///etc/passwd">{% raw %}'


@pytest.fixture
def hostile(small_company):
    small_company.edit("company.yaml", "name: 示例家电服务有限公司", f"name: '{HOSTILE_NAME}'")
    small_company.edit("company.yaml", "profile: >-", f"profile: >-\n  {HOSTILE_TEXT}")
    small_company.edit("outlets.yaml", "coverage: 福州市五城区", f"coverage: '{HOSTILE_TEXT}'")
    validation = load_dossier(small_company.root)
    assert validation.ok, validation.errors
    return validation.dossier


def test_markup_prints_literally_and_nothing_is_fetched(hostile, monkeypatch):
    fetched = []
    original = SafeFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(fetcher_module.SafeFetcher, "fetch", spy)
    builders = applicable_builders(hostile)
    assert builders
    for builder in builders:
        rendered = builder.render(hostile)
        for text in (squeeze(pdf_text(rendered.pdf.data)), squeeze(docx_text(rendered.docx))):
            assert squeeze(HOSTILE_NAME) in text, builder.id
            assert "&amp;49" not in text and "<b>&49" not in text, builder.id  # never evaluated or unescaped
        assert not rendered.pdf.warnings, (builder.id, rendered.pdf.warnings)
    assert fetched and all(url.startswith("data:") or url == (HTML_TEMPLATES / "style.css").as_uri()
                           for url in fetched), fetched


def test_profile_with_markup_prints_as_text(hostile):
    builder = next(b for b in applicable_builders(hostile) if b.id == "application_form")
    rendered = builder.render(hostile)
    assert squeeze('<imgsrc="file:///etc/hostname">') in squeeze(pdf_text(rendered.pdf.data))
    assert squeeze('<imgsrc="file:///etc/hostname">') in squeeze(docx_text(rendered.docx))
    assert "{{7*7}}" in squeeze(docx_text(rendered.docx)) and "{{7*7}}" in squeeze(pdf_text(rendered.pdf.data))


@pytest.mark.parametrize("url", ["file:///etc/hostname", "http://example.com/x.png", "https://example.com/a.css",
                                 "ftp://example.com/x"])
def test_fetcher_refuses_everything_outside(tmp_path, url):
    fetcher = SafeFetcher([HTML_TEMPLATES, tmp_path])
    with pytest.raises(ValueError):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_fetcher_serves_templates_and_company_files(tmp_path):
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    fetcher = SafeFetcher([HTML_TEMPLATES, tmp_path])
    assert fetcher.fetch((HTML_TEMPLATES / "style.css").as_uri()).read().startswith(b"/*")
    assert fetcher.fetch((tmp_path / "logo.png").as_uri()).read().startswith(b"\x89PNG")
    assert fetcher.fetch("data:text/plain,hi").read() == b"hi"


def test_fetcher_does_not_follow_a_link_out(tmp_path):
    company = tmp_path / "co"
    company.mkdir()
    os.symlink("/etc/hostname", company / "host.png")
    fetcher = SafeFetcher([company])
    with pytest.raises(ValueError):
        fetcher.fetch((company / "host.png").as_uri())
