"""The lists of values a data field may take (词表), read from ``_vocabularies.yaml`` beside this module.

The standard's lists are the defaults; an open list is extended by the trade profile a company picks and
by the company's own ``vocabularies`` in company.yaml (:func:`compose`). A schema field names its list
with ``vocabulary: <name>``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from ..packaged import read_yaml

__all__ = ["Vocabulary", "standard_vocabularies", "compose", "extension_in", "EXTENSION_KEY"]

_FILE = Path(__file__).parent / "_vocabularies.yaml"

#: the key of company.yaml (and of a trade profile) that extends the open lists
EXTENSION_KEY = "vocabularies"


@dataclass(frozen=True)
class Vocabulary:
    """One list of values: its name (the key that extends it), its label in messages, whether a company may
    extend it, and its values in the order they are offered."""

    name: str
    label: str
    open: bool
    values: tuple[str, ...]


@lru_cache(maxsize=None)
def _load() -> tuple[Vocabulary, ...]:
    raw = read_yaml(_FILE)
    return tuple(Vocabulary(name, entry["label"], bool(entry["open"]), tuple(entry["values"]))
                 for name, entry in raw.items())


def standard_vocabularies() -> dict[str, Vocabulary]:
    """The standard's lists, by name (a fresh mapping: callers compose it)."""
    return {vocabulary.name: vocabulary for vocabulary in _load()}


def compose(defaults: Mapping[str, Vocabulary],
            extensions: Iterable[Mapping[str, Sequence[str]]]) -> dict[str, Vocabulary]:
    """The lists a company's data is checked against: the defaults, then each extension's new values in
    order (a trade profile's before the company's). Repeated values are kept once.

    An extension may only name open lists of ``defaults``: anything else is a ValueError (a company's own
    extension is checked by its schema first, see :func:`extension_in`)."""
    composed = dict(defaults)
    for extension in extensions:
        for name, values in extension.items():
            vocabulary = composed.get(name)
            if vocabulary is None or not vocabulary.open:
                raise ValueError(f"vocabulary {name!r} is not an open vocabulary")
            added = tuple(dict.fromkeys(v for v in (_clean(value) for value in values) if v))
            composed[name] = replace(vocabulary, values=tuple(dict.fromkeys(vocabulary.values + added)))
    return composed


def extension_in(data, defaults: Mapping[str, Vocabulary]) -> dict[str, tuple[str, ...]]:
    """The extension a data file (company.yaml, as read and not yet validated) declares under
    ``vocabularies``: only its lists of text that name open vocabularies, the rest being the schema's to
    report."""
    declared = data.get(EXTENSION_KEY) if isinstance(data, dict) else None
    if not isinstance(declared, dict):
        return {}
    return {name: tuple(v for v in values if isinstance(v, str)) for name, values in declared.items()
            if isinstance(values, list) and name in defaults and defaults[name].open}


def _clean(value) -> str:
    return value.strip() if isinstance(value, str) else ""
