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
from collections.abc import Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
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
    if kind in ("list", "tuple"):                 # may hold a list: a fresh one each time
        return ast.literal_eval(text)
    if kind in _LITERALS:
        return _literal(text)
    if kind == "date":
        return date.fromisoformat(text)
    if kind == "datetime":
        return datetime.fromisoformat(text)
    if kind == "Decimal":
        return Decimal(ast.literal_eval(text.removeprefix("Decimal(").removesuffix(")")))
    raise ValueError(f"no plain form for a {kind}")


@lru_cache(maxsize=4096)
def _literal(text: str) -> Any:
    """A plain value written as a Python literal (keys and arguments repeat: each parsed once)."""
    return ast.literal_eval(text)


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


class _Node:
    """One step of the paths read: the token of the value reached there when it was noted (None when only
    longer paths through it were), the number of notes taken before it (reading order), the steps read
    from it. Paths share long prefixes (``staff[38]`` leads to each of its fields), kept once each here."""

    __slots__ = ("token", "order", "children")

    def __init__(self, token: str | None = None, order: int = -1):
        self.token = token
        self.order = order
        self.children: dict[tuple, _Node] = {}


class Reads:
    """The (path → value token) pairs one rendering read, kept as a tree of their steps (a replay then
    evaluates each shared prefix once, and the stored form names each once)."""

    def __init__(self) -> None:
        self._root = _Node()
        self._count = 0
        self._skip: frozenset = frozenset()      # steps left out (see excluding)

    def note(self, path: tuple, value: Any) -> None:
        node = self._root
        for step in path:
            child = node.children.get(step)
            if child is None:
                child = node.children[step] = _Node()
            node = child
        if node.order < 0:
            node.order = self._count
            self._count += 1
        node.token = _token(value)

    @property
    def notes(self) -> dict[tuple, str]:
        """Every path noted and its token, in reading order (a fresh mapping)."""
        found = []
        pending = [((), self._root)]
        while pending:
            path, node = pending.pop()
            if node.token is not None:
                found.append((node.order, path, node.token))
            pending.extend((path + (step,), child) for step, child in node.children.items()
                           if step not in self._skip)
        return {path: token for _order, path, token in sorted(found, key=lambda entry: entry[0])}

    def excluding(self, attributes: Iterable[str]) -> "Reads":
        """The reads without those through any of the named attributes (at any depth): a view of these
        reads, to evaluate or digest, not to note more."""
        view = Reads()
        view._root, view._count = self._root, self._count
        view._skip = self._skip | {("a", name) for name in attributes}
        return view

    def digest(self) -> str:
        """A digest of the notes (each path with its token), walked as a tree."""
        parts: list[str] = []
        skip = self._skip
        pending: list = [iter(self._root.children.items())]
        while pending:
            entry = next(pending[-1], None)
            if entry is None:
                pending.pop()
                parts.append(")")
                continue
            step, node = entry
            if step in skip:
                continue
            token = node.token or ""
            parts.append(f"({step!r}{len(token)}:{token}")        # the length keeps any token unambiguous
            pending.append(iter(node.children.items()))
        return hashlib.sha256("".join(parts).encode("utf-8")).hexdigest()

    def to_json(self) -> list:
        """The tree as plain lists, ``[token, order, [step, subtree, step, subtree, ...]]``; a step as
        :func:`_step_json` writes it."""
        skip = self._skip
        top: list = [self._root.token, self._root.order, []]
        pending = [(self._root, top)]
        while pending:
            node, out = pending.pop()
            for step, child in node.children.items():
                if step not in skip:
                    entry = [child.token, child.order, []]
                    out[2] += (_step_json(step), entry)
                    pending.append((child, entry))
        return top

    @classmethod
    def from_json(cls, data: list) -> "Reads":
        """The reads :meth:`to_json` gave; a ValueError for anything else (a damaged cache)."""
        reads = cls()
        try:
            reads._root, reads._count = _tree_from_json(data)
        except (TypeError, KeyError, IndexError, ValueError) as exc:
            raise ValueError(f"not a tree of reads: {exc}") from None
        return reads


def _step_json(step: tuple) -> Any:
    """A step as stored: an attribute by its name, an item by its index, any other as a list."""
    if step[0] == "a":
        return step[1]
    if step[0] == "i":
        return step[1]
    return list(step)


def _step_from_json(data: Any) -> tuple:
    if isinstance(data, str):
        return ("a", data)
    if isinstance(data, int) and not isinstance(data, bool):
        return ("i", data)
    if data[0] == "c":
        return ("c", tuple(data[1]), tuple(tuple(kv) for kv in data[2]))
    return tuple(data)


def _tree_from_json(data: list) -> tuple[_Node, int]:
    token, order, children = data
    root = _checked_node(token, order)
    count = root.order + 1
    attributes: dict[str, tuple] = {}        # one ("a", name) step a name: the same attributes recur
    pending = [(root, children)]
    while pending:
        node, listed = pending.pop()
        if len(listed) % 2:
            raise ValueError("a step without its subtree")
        for index in range(0, len(listed), 2):
            step = listed[index]
            token, order, grandchildren = listed[index + 1]
            if type(order) is not int or not (token is None or type(token) is str):
                raise TypeError("a node holds a token (text) and an order (a number)")
            if type(step) is str:
                key = attributes.get(step) or attributes.setdefault(step, ("a", step))
            else:
                key = _step_from_json(step)
            child = node.children[key] = _Node(token, order)
            if order >= count:
                count = order + 1
            if grandchildren:
                pending.append((child, grandchildren))
    return root, count


def _checked_node(token, order) -> _Node:
    if not (token is None or isinstance(token, str)) or not isinstance(order, int) or isinstance(order, bool):
        raise TypeError("a node holds a token (text) and an order (a number)")
    return _Node(token, order)


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


def _child_value(parent: Any, step: tuple, order: list, root: Any) -> Any:
    """The value one step below ``parent``; ``order`` holds the parent's iteration order once computed
    (a set is sorted once, however many of its items were read)."""
    if parent is _MISSING:
        return _MISSING
    try:
        if step[0] in _COMPARE and len(step) == 3:      # compared with another read: evaluate that one too
            other = _value_at(root, _decode_path_json(step[2]))
            if other is _MISSING:
                return _MISSING
            return _COMPARE[step[0]](parent, other)
        if step[0] != "i" or isinstance(parent, Sequence):
            return _step(parent, step)
        if not order:
            order.append(_in_order(parent))
        return order[0][step[1]]
    except UnreplayableRead:
        raise
    except Exception:  # noqa: BLE001 - the path no longer exists in the new data: that is a change
        return _MISSING


def _value_at(root: Any, path: tuple) -> Any:
    value = root
    for step in path:
        value = _child_value(value, step, [], root)
    return value


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
    """Evaluate every recorded path on ``root``, each step of the tree once, in the order
    :meth:`Reads.digest` walks it (so the digest of the new values is taken on the way)."""
    skip = reads._skip
    parts: list[str] = []
    changed: list[tuple[int, tuple]] = []
    # (the steps below it, its value, the step that reached it, its iteration order once computed)
    pending: list = [(iter(reads._root.children.items()), root, None, [])]
    while pending:
        top = pending[-1]
        entry = next(top[0], None)
        if entry is None:
            pending.pop()
            parts.append(")")
            continue
        step, child = entry
        if step in skip:
            continue
        value = top[1]
        if step[0] == "a" and value is not _MISSING:          # most steps: an attribute of the model
            try:
                found = getattr(value, step[1])
            except UnreplayableRead:
                raise
            except Exception:  # noqa: BLE001 - no longer there in the new data: a change
                found = _MISSING
        else:
            found = _child_value(value, step, top[3], root)
        token = ""
        if child.token is not None:
            token = "<missing>" if found is _MISSING else _token(found)
            if token != child.token:
                changed.append((child.order, tuple(p[2] for p in pending[1:]) + (step,)))
        parts.append(f"({step!r}{len(token)}:{token}")
        pending.append((iter(child.children.items()), found, step, []))
    digest = hashlib.sha256("".join(parts).encode("utf-8")).hexdigest()
    return Replay(digest, tuple(path for _order, path in sorted(changed)))


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
