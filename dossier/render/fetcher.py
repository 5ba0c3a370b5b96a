"""The only way weasyprint may read anything: files of the templates or the company folder, and data: URLs.

No network, no redirects, nothing else on disk. User text is escaped before it reaches HTML, so no
data can ask for a URL; this fetcher is the second wall behind that.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from . import libraries  # noqa: F401 - before weasyprint: its libraries opened without searches (see there)
from weasyprint.urls import URLFetcher, URLFetcherResponse

__all__ = ["SafeFetcher"]

LOGGER = logging.getLogger("dossier.render")


class SafeFetcher(URLFetcher):
    def __init__(self, roots: list[Path]):
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, timeout=1)
        self.roots = [Path(root).resolve() for root in roots]
        self.refused: list[str] = []

    def fetch(self, url: str, headers=None):
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(url2pathname(urlsplit(url).path)).resolve()
            if any(path.is_relative_to(root) for root in self.roots) and path.is_file():
                kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": kind})
        self.refused.append(url)
        LOGGER.warning("refused to fetch %s", url)
        raise ValueError(f"dossier does not fetch {url}")
