"""weasyprint imported without searching for its C libraries under names this system does not use.

weasyprint opens each of its C libraries (GObject, Pango, HarfBuzz, fontconfig…) by trying six names in
turn, most of them other systems' (``libgobject-2.0-0``, a ``.dylib``, a ``.dll``), and cffi looks every name
the dynamic loader does not open up with ``ctypes.util.find_library``, which on Linux runs ``ldconfig``,
``gcc`` and ``ld`` for it: 16 fruitless searches, about a sixth of a second before any work. On Linux the
names weasyprint tries include each library's soname (``libgobject-2.0.so.0``), which the loader opens
itself, so weasyprint is first imported with those searches answered "not found" at once; where that
leaves a library unopened (one installed under another name), it is imported again as it would be.

Importing this module imports weasyprint so; a module that imports weasyprint imports this first.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import io
import sys

__all__: list[str] = []


def _not_searched(_name: str) -> None:
    return None


def _import_weasyprint() -> None:
    """Import weasyprint, on Linux without the searches (see the module's head)."""
    if not sys.platform.startswith("linux"):
        import weasyprint  # noqa: F401
        return
    search = ctypes.util.find_library
    ctypes.util.find_library = _not_searched
    try:
        with contextlib.redirect_stdout(io.StringIO()):   # weasyprint prints its advice before it gives up
            import weasyprint  # noqa: F401
        return
    except OSError:
        pass            # a library not found by its soname: imported again below, with the searches
    finally:
        ctypes.util.find_library = search
    import weasyprint  # noqa: F401,F811


_import_weasyprint()
