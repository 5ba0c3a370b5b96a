"""Stages 4–6, build: decide what is outdated, render the documents (builders), bind them (binder), and
publish the output directory in one swap; with the machinery that makes rebuilds incremental
(``tracking``, ``fingerprint``, ``cache``, ``outdated``, ``revisions``, ``manifest``) and ``diff`` beside.

``run`` (in ``pipeline``) names the stages in order.
"""

from .pipeline import BuildResult, default_out, run

__all__ = ["BuildResult", "default_out", "run"]
