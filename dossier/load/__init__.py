"""Stage 1, load: a company folder read safely into plain data with the line of every value.

``yaml`` (bounded, tag-free YAML), ``tables`` (CSV tables the YAML names), ``paths`` (references kept
inside the company folder), ``attachment`` (what an attachment really is, made safe to bind), ``sources`` (the whole folder).
"""

from .sources import Sources, load_sources

__all__ = ["Sources", "load_sources"]
