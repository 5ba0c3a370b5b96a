"""weasyprint imported through dossier.render.libraries opens its C libraries without ctypes.util.find_library's
searches, and with them where a library is not opened by its soname; the search is the system's own again
afterwards. Each case runs in a fresh interpreter: weasyprint is imported once per process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: counts the searches, then imports weasyprint through dossier.render.libraries; ``REFUSED``: names the
#: loader is made to refuse as they are given (a system where that soname does not exist)
_PROBE = """
import ctypes.util, json, sys
import cffi.api
searched = []
system_search = ctypes.util.find_library
def counted(name):
    searched.append(name)
    return system_search(name)
ctypes.util.find_library = counted
opened = cffi.api._load_backend_lib
def refusing(backend, name, flags):
    if name in REFUSED:
        raise OSError(f"refused: {name}")
    return opened(backend, name, flags)
cffi.api._load_backend_lib = refusing
import dossier.render.libraries
from weasyprint.text.ffi import gobject, pango
print(json.dumps({"searched": searched, "restored": ctypes.util.find_library is counted,
                  "loaded": "weasyprint" in sys.modules}))
"""


def _probe(refused: set[str]) -> tuple[dict, str]:
    done = subprocess.run([sys.executable, "-c", f"REFUSED = {sorted(refused)!r}\n{_PROBE}"], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    *printed, last = done.stdout.splitlines()
    return json.loads(last), "\n".join(printed)


def test_weasyprint_is_imported_without_a_single_library_search():
    seen, printed = _probe(set())
    assert seen == {"searched": [], "restored": True, "loaded": True}
    assert printed == ""


def test_a_library_not_opened_by_its_soname_is_searched_for_as_weasyprint_would():
    seen, printed = _probe({"libgobject-2.0.so.0"})
    assert seen["loaded"] and seen["restored"]
    assert seen["searched"][:3] == ["libgobject-2.0-0", "gobject-2.0-0", "gobject-2.0"]   # its own order, again
    assert printed == ""           # the advice weasyprint prints on the first, searchless attempt is not shown
