"""The package's shape: its modules import one another without cycles (imports inside functions counted),
and no sentence of a document is written in two source files."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "dossier"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def import_graph() -> dict[str, set[str]]:
    """module → the package modules it imports, anywhere in its code. ``from package import submodule``
    imports the submodule (the package is initialised on the way, as for any submodule)."""
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}

    def known(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
                module = ".".join(base + ([node.module] if node.module else []))
                submodules = [f"{module}.{a.name}" for a in node.names if f"{module}.{a.name}" in modules]
                targets += submodules
                if len(submodules) < len(node.names):
                    targets.append(module)
            elif isinstance(node, ast.Import):
                targets += [a.name for a in node.names]
            for target in filter(None, map(known, targets)):
                if target != name:
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycles():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


#: a sentence of a document: 12 or more Chinese characters in a row (with Chinese punctuation)
_SENTENCE = re.compile(r"[\u3400-\u9fff，、；：“”《》（）]{12,}")


def test_no_sentence_is_written_in_two_source_files():
    """Every sentence of the documents is composed in one place: in the builders, the writers, the templates
    of the binder and the report, and the rest of the package, no 12-character sentence occurs in two files."""
    files = defaultdict(set)
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".html", ".css") and "__pycache__" not in path.parts:
            for sentence in set(_SENTENCE.findall(path.read_text(encoding="utf-8"))):
                files[sentence].add(path.relative_to(PACKAGE).as_posix())
    repeated = {sentence: sorted(where) for sentence, where in files.items() if len(where) > 1}
    assert repeated == {}

