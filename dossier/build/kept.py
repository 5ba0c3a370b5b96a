"""What a rendering read, in the form the build keeps it (see :class:`KeptReads`)."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.tracking import Reads
from .cache import reads_bytes
from .revisions import content_reads

__all__ = ["KeptReads", "kept_reads"]


@dataclass(frozen=True)
class KeptReads:
    """What a rendering read, as the build keeps it: the bytes of its cache file and the digest of what of
    it the document's content depends on (the manifest's ``inputs``). A rendering process sends these back
    rather than the reads themselves, which are many small objects to rebuild and serialise in the parent."""

    data: bytes
    inputs: str


def kept_reads(reads: "Reads | KeptReads") -> KeptReads:
    if isinstance(reads, KeptReads):
        return reads
    return KeptReads(reads_bytes(reads), content_reads(reads).digest())
