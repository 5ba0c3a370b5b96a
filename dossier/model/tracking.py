"""Record exactly which values of the Dossier a document reads, and check them again later.

A builder renders from a ``tracked(dossier)`` view: every attribute, item, length, call, comparison and
truth test that reaches a plain value (text, number, date, None) is noted with its path from the root,
e.g. ``(("a","training"),("a","sessions"),("i",3),("a","hours"))`` → ``float:3.5``. The document's inputs
are those notes; its fingerprint is their digest. On the next build the same paths are evaluated on
the new Dossier: if every value is the same, the document would render the same bytes and is reused;
otherwise the changed paths say why it is rebuilt. No list of "data this builder reads" has to be kept
in sync by hand.

Every step the view records can be evaluated again (``replay``): the n-th element of whatever was
iterated (a list, a dict view, a set in its canonical order), a key, a call whose arguments are plain
values. A read that could not be (iterating a generator, calling with an argument that has no plain
form) raises :class:`UnreplayableRead` when it happens, instead of counting as "changed" on every build.
"""

from __future__ import annotations

import ast
import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence, Set
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePath
from typing import Any

__all__ = ["Reads", "Replay", "UnreplayableRead", "tracked", "untracked", "replay", "describe_path"]

_LEAVES = (str, int, float, bool, type(None), date, datetime, Decimal, bytes, PurePath)
_LITERALS = ("str", "int", "float", "bool", "NoneType", "tuple", "list", "bytes")
_COMPARISONS = ("eq", "lt", "le", "gt", "ge")


class UnreplayableRead(TypeError):
    """A builder read the Dossier in a way the tracker could not evaluate again (a bug of the builder)."""


def _token(value: Any) -> str:
    if isinstance(value, (date, datetime)):
        return f"{type(value).__name__}:{value.isoformat()}"
    return f"{type(value).__name__}:{value!r}"


def _untoken(token: str) -> Any:
    kind, _, text = token.partition(":")
    if kind in _LITERALS:
        return ast.literal_eval(text)
    if kind == "date":
        return date.fromisoformat(text)
    if kind == "datetime":
        return datetime.fromisoformat(text)
    if kind == "Decimal":
        return Decimal(ast.literal_eval(text.removeprefix("Decimal(").removesuffix(")")))
    raise ValueError(f"no plain form for a {kind}")


def _plain_token(value: Any, what: str) -> str:
    """The token of a value that a replay must rebuild (a call's argument, a key, an operand): it must
    read back as the same value, or the read is refused now rather than counted as changed forever."""
    token = _token(value)
    try:
        if _token(_untoken(token)) == token:
            return token
    except (ValueError, SyntaxError):
        pass
    raise UnreplayableRead(f"{what} {value!r} has no plain form to evaluate again; pass a plain value")


def _in_order(value: Any) -> Sequence:
    """What iterating ``value`` yields, as a sequence in a fixed order: a sequence as it is, a set in
    the order of its elements' tokens (a set's own order changes from one process to the next), any
    other finite collection (a dict view) in its iteration order."""
    if isinstance(value, Sequence):
        return value
    if isinstance(value, Set):
        return sorted(value, key=_token)
    if isinstance(value, Iterator):
        raise UnreplayableRead(f"iterating a {type(value).__name__} cannot be evaluated again; "
                               "return a tuple from the model instead")
    return list(value)


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


def _encode_path_json(path: tuple) -> str:
    return json.dumps(_path_json(path), ensure_ascii=False)


def _decode_path_json(text: str) -> tuple:
    return _path_from_json(json.loads(text))


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
        return self._child(value[key], ("k", _plain_token(key, "a key")))

    def __iter__(self):
        value = object.__getattribute__(self, "_value")
        if isinstance(value, Mapping):
            self._note(("len",), len(value))
            for key in value:
                yield self._child(key, ("key", _plain_token(key, "a key")))
            return
        items = _in_order(value)
        self._note(("len",), len(items))
        for index, item in enumerate(items):
            yield self._child(item, ("i", index))

    def __len__(self) -> int:
        return self._note(("len",), len(object.__getattribute__(self, "_value")))

    def __bool__(self) -> bool:
        return self._note(("bool",), bool(object.__getattribute__(self, "_value")))

    def __contains__(self, item: Any) -> bool:
        item = _plain(item)
        return self._note(("in", _plain_token(item, "a member")), item in object.__getattribute__(self, "_value"))

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        args = tuple(_plain(a) for a in args)
        kwargs = {k: _plain(v) for k, v in kwargs.items()}
        step = ("c", tuple(_plain_token(a, "an argument") for a in args),
                tuple((k, _plain_token(v, "an argument")) for k, v in sorted(kwargs.items())))
        return self._child(object.__getattribute__(self, "_value")(*args, **kwargs), step)

    def __str__(self) -> str:
        return self._note(("str",), str(object.__getattribute__(self, "_value")))

    def _compare(self, kind: str, other: Any) -> Any:
        """A comparison with a plain value, or with another read of the same Dossier (by its path)."""
        result = _COMPARE[kind](object.__getattribute__(self, "_value"), _plain(other))
        if isinstance(other, Tracked) and object.__getattribute__(other, "_reads") is object.__getattribute__(self, "_reads"):
            return self._note((kind, "", _encode_path_json(object.__getattribute__(other, "_path"))), result)
        return self._note((kind, _plain_token(other, "an operand")), result)

    def __eq__(self, other: Any) -> bool:
        return self._compare("eq", other)

    def __ne__(self, other: Any) -> bool:
        return not self._compare("eq", other)

    def __lt__(self, other: Any) -> bool:
        return self._compare("lt", other)

    def __le__(self, other: Any) -> bool:
        return self._compare("le", other)

    def __gt__(self, other: Any) -> bool:
        return self._compare("gt", other)

    def __ge__(self, other: Any) -> bool:
        return self._compare("ge", other)

    def __hash__(self) -> int:
        return hash(object.__getattribute__(self, "_value"))

    def __repr__(self) -> str:
        return f"tracked({object.__getattribute__(self, '_value')!r})"


_COMPARE = {"eq": lambda a, b: a == b, "lt": lambda a, b: a < b, "le": lambda a, b: a <= b,
            "gt": lambda a, b: a > b, "ge": lambda a, b: a >= b}


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


# -- evaluating the recorded paths again ------------------------------------------------------

def _step(value: Any, step: tuple) -> Any:
    kind = step[0]
    if kind == "a":
        return getattr(value, step[1])
    if kind == "k":
        return value[_untoken(step[1])]
    if kind == "i":
        return _in_order(value)[step[1]]
    if kind == "key":
        key = _untoken(step[1])
        if key not in value:
            raise KeyError(key)
        return key
    if kind == "len":
        return len(value)
    if kind == "bool":
        return bool(value)
    if kind == "str":
        return str(value)
    if kind == "in":
        return _untoken(step[1]) in value
    if kind in _COMPARE:
        return _COMPARE[kind](value, _untoken(step[1]))
    if kind == "c":
        return value(*(_untoken(a) for a in step[1]), **{k: _untoken(v) for k, v in step[2]})
    raise UnreplayableRead(f"unknown step {step!r}")


class _Missing:
    """A path that no longer leads anywhere in the new data (a record removed, a key gone)."""


_MISSING = _Missing()


class _Evaluator:
    """Evaluates paths on one root, each prefix once (paths share long prefixes), and each iterated
    collection's order once."""

    def __init__(self, root: Any):
        self.values: dict[tuple, Any] = {(): root}
        self.orders: dict[tuple, Sequence] = {}

    def value(self, path: tuple) -> Any:
        known = self.values.get(path, None)
        if known is not None or path in self.values:
            return known
        parent = self.value(path[:-1])
        if parent is _MISSING:
            found = _MISSING
        else:
            try:
                found = self._step(path[:-1], parent, path[-1])
            except UnreplayableRead:
                raise
            except Exception:  # noqa: BLE001 - the path no longer exists in the new data: that is a change
                found = _MISSING
        self.values[path] = found
        return found

    def _step(self, parent_path: tuple, parent: Any, step: tuple) -> Any:
        if step[0] in _COMPARE and len(step) == 3:      # compared with another read: evaluate that one too
            other = self.value(_decode_path_json(step[2]))
            if other is _MISSING:
                raise LookupError(step[2])
            return _COMPARE[step[0]](parent, other)
        if step[0] != "i" or isinstance(parent, Sequence):
            return _step(parent, step)
        order = self.orders.get(parent_path)
        if order is None:
            order = self.orders[parent_path] = _in_order(parent)
        return order[step[1]]


@dataclass(frozen=True)
class Replay:
    """The recorded paths evaluated on new data: the digest of their values, the paths whose value changed
    (in reading order), and the one of them that best says why (a field rather than a derived figure)."""

    digest: str
    changed: tuple[tuple, ...]

    @property
    def best(self) -> tuple | None:
        return min(self.changed, key=lambda p: (p[:1] == (("a", "figures"),), len(p)), default=None)


def replay(root: Any, reads: Reads) -> Replay:
    """Evaluate every recorded path on ``root``."""
    fresh = Reads()
    changed: list[tuple] = []
    evaluator = _Evaluator(root)
    for path, token in reads.notes.items():
        value = evaluator.value(path)
        new = "<missing>" if value is _MISSING else _token(value)
        fresh.notes[path] = new
        if new != token:
            changed.append(path)
    return Replay(fresh.digest(), tuple(changed))


def describe_path(path: tuple) -> str:
    """A path as a reader sees it: ``training.sessions[3].hours``."""
    out = "d"
    for step in path:
        kind = step[0]
        if kind == "a":
            out += f".{step[1]}"
        elif kind == "i":
            out += f"[{step[1]}]"
        elif kind == "k":
            out += f"[{_shown(step[1])}]"
        elif kind == "key":
            out += f"[{_shown(step[1])}]"
        elif kind == "c":
            out += "(" + ", ".join(_shown(a) for a in step[1]) + ")"
        elif kind == "len":
            out += " 的条数"
        elif kind == "in":
            out += f" 是否含 {_shown(step[1])}"
    return out.removeprefix("d.")


def _shown(token: str) -> str:
    value = _untoken(token)
    return repr(value) if isinstance(value, str) else str(value)
