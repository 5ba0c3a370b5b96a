"""Regenerate dossier/templates/docx/*.docx:  python -m scripts.docx_templates [name ...]"""

from __future__ import annotations

import importlib
import io
import pkgutil
import sys
from pathlib import Path

from dossier.render.docx import stable_zip

from . import kit


def template_modules() -> list[str]:
    here = Path(__file__).parent
    return sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name not in {"kit"} and not m.name.startswith("_"))


def build_bytes(name: str) -> bytes:
    doc = importlib.import_module(f"scripts.docx_templates.{name}").build()
    buffer = io.BytesIO()
    doc.save(buffer)
    return stable_zip(buffer.getvalue())


def main(names: list[str]) -> None:
    kit.TARGET.mkdir(parents=True, exist_ok=True)
    for name in names or template_modules():
        path = kit.TARGET / f"{name}.docx"
        path.write_bytes(build_bytes(name))
        print(f"wrote {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")


if __name__ == "__main__":
    main(sys.argv[1:])
