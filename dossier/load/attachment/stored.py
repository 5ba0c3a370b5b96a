"""What reading the attachments gave, kept in a build's output so that the next build does not read again the
files that have not changed (reading a company's scans in the sandbox is most of what validating it costs).

An answer is found by what was read: the file's content digest, the name it is shown by (its messages name
it) and the limits it was read under; and only when the same tool wrote it. Kept as an index (JSON) and
the bytes of what is bound in place of a file, each under its own digest, checked when read back.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import astuple
from pathlib import Path

from .limits import AttachmentLimits
from .prepared import Blob, Prepared

__all__ = ["Key", "answer_files", "StoredAnswers"]

#: an answer's key: (the file's sha256, the name it is shown by, the limits it was read under)
Key = tuple[str, str, AttachmentLimits]

FOLDER = "attachments"
_INDEX = f"{FOLDER}/index.json"


def _name(key: Key) -> str:
    digest, shown, limits = key
    return hashlib.sha256(json.dumps([digest, shown, astuple(limits)], ensure_ascii=False).encode("utf-8")).hexdigest()


def _blob_file(data: bytes) -> str:
    return f"{FOLDER}/{hashlib.sha256(data).hexdigest()}.bin"


def answer_files(answers: dict[Key, Prepared], tool: str) -> dict[str, bytes]:
    """The files keeping ``answers`` (relative to the build's cache folder), written by the tool ``tool``."""
    files: dict[str, bytes] = {}
    index = {}
    for key in sorted(answers, key=_name):
        answer = answers[key]
        for blob in answer.blobs:
            files[_blob_file(blob.data)] = blob.data
        index[_name(key)] = {"kind": answer.kind, "notes": list(answer.notes), "refusal": answer.refusal,
                             "size": list(answer.size) if answer.size else None,
                             "blobs": [[blob.mime, _blob_file(blob.data)] for blob in answer.blobs]}
    files[_INDEX] = json.dumps({"tool": tool, "answers": index}, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return files


class StoredAnswers:
    """The answers kept in the cache folders of earlier builds (read when asked for)."""

    def __init__(self, folders: list[Path], tool: str):
        self._entries: dict[str, tuple[Path, dict]] = {}
        for folder in folders:
            try:
                index = json.loads((Path(folder) / _INDEX).read_bytes())
                if index.get("tool") == tool:
                    for name, entry in index["answers"].items():
                        self._entries.setdefault(name, (Path(folder), entry))
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                continue

    def get(self, key: Key) -> Prepared | None:
        """The answer kept for ``key``, or None (none kept, or its files gone or not what they were)."""
        found = self._entries.get(_name(key))
        if found is None:
            return None
        folder, entry = found
        try:
            blobs = []
            for mime, file in entry["blobs"]:
                data = (folder / file).read_bytes()
                if _blob_file(data) != file:
                    return None
                blobs.append(Blob(mime, data))
            size = tuple(entry["size"]) if entry["size"] else None
            return Prepared(entry["kind"], tuple(blobs), tuple(entry["notes"]), entry["refusal"], size)
        except (OSError, ValueError, KeyError, TypeError):
            return None
