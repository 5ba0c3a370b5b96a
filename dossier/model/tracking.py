"""Record exactly which values of the Dossier a document reads, and check them again later.

A builder renders from a ``tracked(dossier)`` view: every attribute, item, length, call and truth test
that reaches a plain value (text, number, date, None) is noted with its path from the root, e.g.
``(("a","training"),("a","sessions"),("i",3),("a","hours"))`` → ``float:3.5``. The document's inputs
are those notes; its fingerprint is their digest. On the next build the same paths are evaluated on
the new Dossier: if every value is the same, the document would render the same bytes and is reused;
otherwise the first differing path says why it is rebuilt. No list of "data this builder reads" has
to be kept in sync by hand.
"""

from __future__ import annotations

import ast
import hashlib
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePath
from typing import Any

__all__ = ["Reads", "tracked", "untracked", "replay", "describe_path"]

_LEAVES = (str, int, float, bool, type(None), date, datetime, Decimal, bytes, PurePath)


def _token(value: Any) -> str:
    if isinstance(value, (date, datetime)):
        return f"{type(value).__name__}:{value.isoformat()}"
    return f"{type(value).__name__}:{value!r}"


class Reads:
    """The (path → value token) pairs one rendering read."""

    def __init__(self) -> None:
        self.notes: dict[tuple, str] = {}

    def note(self, path: tuple, value: Any) -> None:
        self.notes[path] = _token(value)

    def digest(self) -> str:
        """A digest of the notes in the order they were read (a rendering reads in a fixed order, and a
        replay keeps it), so no sort of a possibly huge list is needed."""
        hasher = hashlib.sha256()
        for path, token in self.notes.items():
            hasher.update(_encode_path(path).encode("utf-8"))
            hasher.update(b"\0")
            hasher.update(token.encode("utf-8"))
            hasher.update(b"\n")
        return hasher.hexdigest()

    def to_json(self) -> list:
        return [[_path_json(path), token] for path, token in self.notes.items()]

    @classmethod
    def from_json(cls, data: list) -> "Reads":
        reads = cls()
        for path, token in data:
            reads.notes[_path_from_json(path)] = token
        return reads


def _path_json(path: tuple) -> list:
    return [list(step) for step in path]


def _path_from_json(data: list) -> tuple:
    steps = []
    for step in data:
        if step[0] == "c":
            steps.append(("c", tuple(step[1]), tuple(tuple(kv) for kv in step[2])))
        else:
            steps.append(tuple(step))
    return tuple(steps)


def _encode_path(path: tuple) -> str:
    return repr(path)   # paths hold only str/int tuples: repr is stable, and much cheaper than JSON


def _plain(value: Any) -> Any:
    """A call argument as it is recorded: plain values as they are, tracked values by their value."""
    if isinstance(value, Tracked):
        return object.__getattribute__(value, "_value")
    return value


class Tracked:
    """A read-only view of a model object that notes every read reaching a plain value."""

    __slots__ = ("_value", "_path", "_reads")

    def __init__(self, value: Any, path: tuple, reads: Reads):
        object.__setattr__(self, "_value", value)
        object.__setattr__(self, "_path", path)
        object.__setattr__(self, "_reads", reads)

    def _child(self, value: Any, step: tuple) -> Any:
        return _wrap(value, object.__getattribute__(self, "_path") + (step,), object.__getattribute__(self, "_reads"))

    def _note(self, step: tuple, value: Any) -> Any:
        object.__getattribute__(self, "_reads").note(object.__getattribute__(self, "_path") + (step,), value)
        return value

    def __getattr__(self, name: str) -> Any:
        return self._child(getattr(object.__getattribute__(self, "_value"), name), ("a", name))

    def __setattr__(self, name, value):
        raise AttributeError("the tracked Dossier is read-only")

    def __getitem__(self, key: Any) -> Any:
        key = _plain(key)
        value = object.__getattribute__(self, "_value")
        if isinstance(key, slice):   # a plain list of the tracked items, each at its index in the whole
            self._note(("len",), len(value))
            return [self._child(value[i], ("i", i)) for i in range(*key.indices(len(value)))]
        return self._child(value[key], ("k", key))

    def __iter__(self):
        value = object.__getattribute__(self, "_value")
        self._note(("len",), len(value))
        if isinstance(value, dict):
            for key in value:
                yield self._child(key, ("key", _token(key)))
        else:
            for index, item in enumerate(value):
                yield self._child(item, ("i", index))

    def __len__(self) -> int:
        return self._note(("len",), len(object.__getattribute__(self, "_value")))

    def __bool__(self) -> bool:
        return self._note(("bool",), bool(object.__getattribute__(self, "_value")))

    def __contains__(self, item: Any) -> bool:
        item = _plain(item)
        return self._note(("in", _token(item)), item in object.__getattribute__(self, "_value"))

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        args = tuple(_plain(a) for a in args)
        kwargs = {k: _plain(v) for k, v in kwargs.items()}
        result = object.__getattribute__(self, "_value")(*args, **kwargs)
        return self._child(result, ("c", tuple(_token(a) for a in args),
                                    tuple((k, _token(v)) for k, v in sorted(kwargs.items()))))

    def __str__(self) -> str:
        return self._note(("str",), str(object.__getattribute__(self, "_value")))

    def __eq__(self, other: Any) -> bool:
        return object.__getattribute__(self, "_value") == _plain(other)

    def __hash__(self) -> int:
        return hash(object.__getattribute__(self, "_value"))

    def __lt__(self, other: Any) -> bool:
        return object.__getattribute__(self, "_value") < _plain(other)

    def __repr__(self) -> str:
        return f"tracked({object.__getattribute__(self, '_value')!r})"


def _wrap(value: Any, path: tuple, reads: Reads) -> Any:
    if isinstance(value, _LEAVES):
        reads.note(path, value)
        return value
    return Tracked(value, path, reads)


def tracked(root: Any, reads: Reads) -> Any:
    return Tracked(root, (), reads)


def untracked(value: Any) -> Any:
    """The real object behind a tracked view (for code that needs the object itself)."""
    return object.__getattribute__(value, "_value") if isinstance(value, Tracked) else value


def _step(value: Any, step: tuple) -> Any:
    kind = step[0]
    if kind == "a":
        return getattr(value, step[1])
    if kind == "k":
        return value[step[1]]
    if kind == "i":
        return value[step[1]] if not isinstance(value, dict) else list(value)[step[1]]
    if kind == "key":
        return next(key for key in value if _token(key) == step[1])
    if kind == "len":
        return len(value)
    if kind == "bool":
        return bool(value)
    if kind == "str":
        return str(value)
    if kind == "in":
        return any(_token(item) == step[1] for item in value)
    raise ValueError(f"unknown step {step!r}")


def replay(root: Any, reads: Reads) -> tuple[str, tuple | None]:
    """Evaluate every recorded path on ``root``: the new digest, and the changed path that best says why
    (a field of the data rather than a derived figure, the shortest first)."""
    fresh = Reads()
    changed: list[tuple] = []
    parent_path, parent = None, None       # consecutive paths mostly share their parent: evaluate it once
    for path, token in reads.notes.items():
        try:
            if path[:-1] == parent_path:
                value = _evaluate(parent, path[-1:])
            else:
                parent = _evaluate(root, path[:-1])
                parent_path = path[:-1]
                value = _evaluate(parent, path[-1:])
            new = _token(value)
        except Exception:  # noqa: BLE001 - the path no longer exists: that is a change
            new = "<missing>"
            parent_path = None
        fresh.notes[path] = new
        if new != token:
            changed.append(path)
    best = min(changed, key=lambda p: (p[:1] == (("a", "figures"),), len(p)), default=None)
    return fresh.digest(), best


def _evaluate(root: Any, path: tuple) -> Any:
    value = root
    for step in path:
        if step[0] == "c":
            args = tuple(_untoken(a) for a in step[1])
            kwargs = {k: _untoken(v) for k, v in step[2]}
            value = value(*args, **kwargs)
        else:
            value = _step(value, step)
    return value


def _untoken(token: str) -> Any:
    kind, _, text = token.partition(":")
    if kind in ("str", "int", "float", "bool", "NoneType"):
        return ast.literal_eval(text)
    if kind == "date":
        return date.fromisoformat(text)
    if kind == "datetime":
        return datetime.fromisoformat(text)
    raise ValueError(f"cannot replay a call with a {kind} argument")


def describe_path(path: tuple) -> str:
    """A path as a reader sees it: ``training.sessions[3].hours``."""
    out = "d"
    for step in path:
        kind = step[0]
        if kind == "a":
            out += f".{step[1]}"
        elif kind in ("i", "k"):
            out += f"[{step[1]!r}]" if kind == "k" else f"[{step[1]}]"
        elif kind == "c":
            out += "(" + ", ".join(a.partition(":")[2] for a in step[1]) + ")"
        elif kind == "len":
            out += " 的条数"
        elif kind == "in":
            out += f" 是否含 {step[1].partition(':')[2]}"
    return out.removeprefix("d.")
