"""Data made for the self-assessment's cases: operating evidence for indicators, answers to the screening."""

from __future__ import annotations

import io

from PIL import Image


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "PNG")
    return buffer.getvalue()


def prove(company, indicators, ident: str = "E90", kind: str = "记录", title: str = "运行记录") -> None:
    """An attachment of ``company`` (a tests.conftest.Company whose evidence.yaml lists none) naming
    ``indicators``: operating evidence for each of them."""
    (company.root / "attachments" / f"{ident}.png").write_bytes(_png())
    listed = ", ".join(f'"{i}"' for i in indicators)
    text = company.path("evidence.yaml").read_text(encoding="utf-8")
    entry = (f"  - {{id: {ident}, file: attachments/{ident}.png, title: {title}, kind: {kind}, "
             f"indicators: [{listed}]}}\n")
    if "attachments: []" in text:
        text = text.replace("attachments: []", "attachments:\n" + entry.rstrip("\n"))
    else:
        text = text.rstrip("\n") + "\n" + entry
    company.path("evidence.yaml").write_text(text, encoding="utf-8")


def prove_all(company, standard) -> None:
    """Operating evidence for every second-level indicator of ``standard``."""
    prove(company, [i.id for i in standard.indicators])
