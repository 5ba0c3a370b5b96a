"""Run `dossier` and kill it with SIGKILL at a named point of its work, as a power cut or ``kill -9`` would.

Usage: killed_build.py EVENT PATTERN NTH ARGS...

The point is the NTH (1-based) Python audit event EVENT (``open``, ``os.fork``, ``os.chmod``,
``shutil.rmtree``…) of the build's main process whose arguments match the regular expression PATTERN
(searched in their repr): for instance the
opening of ``binder.pdf`` in the temporary output tree, or the removal of that tree once it has been
swapped with the previous output. The build itself carries no test hook.
"""

from __future__ import annotations

import os
import re
import signal
import sys


def main() -> None:
    event, pattern, nth = sys.argv[1], re.compile(sys.argv[2]), int(sys.argv[3])
    parent = os.getpid()
    seen = 0

    def hook(name, args):
        nonlocal seen
        if name != event or os.getpid() != parent or not pattern.search(repr(args)):
            return
        seen += 1
        if seen == nth:
            os.kill(parent, signal.SIGKILL)

    sys.addaudithook(hook)
    from dossier.cli import main as dossier
    dossier(sys.argv[4:], prog_name="dossier")


if __name__ == "__main__":
    main()
