"""The import graph of the ``annotator`` package, read from the source with ``ast``.

The architecture tests ask it which modules import which; nothing is imported to find out,
so a rule is checked even for modules that would fail to import.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2] / "annotator"


@dataclass(frozen=True, slots=True)
class Import:
    module: str  # the importing module, dotted
    target: str  # the imported module or name, dotted (``a.b.C`` for ``from a.b import C``)
    line: int
    type_checking: bool  # inside ``if TYPE_CHECKING:``


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE_ROOT.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_files() -> list[Path]:
    return sorted(PACKAGE_ROOT.rglob("*.py"))


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in source_files()}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(path: Path) -> Iterator[Import]:
    """Every import statement in the file, at any depth (lazy imports in functions too)."""
    name = module_name(path)
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))

    def walk(node: ast.AST, guarded: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for sub in child.body:
                    yield from walk_one(sub, True)
                for sub in child.orelse:
                    yield from walk_one(sub, guarded)
                continue
            yield from walk_one(child, guarded)

    def walk_one(node: ast.AST, guarded: bool) -> Iterator[Import]:
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(name, alias.name, node.lineno, guarded)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                pkg = name.split(".") if is_package else name.split(".")[:-1]
                pkg = pkg[: len(pkg) - (node.level - 1)]
                base = ".".join([*pkg, base] if base else pkg)
            for alias in node.names:
                yield Import(name, f"{base}.{alias.name}", node.lineno, guarded)
        yield from walk(node, guarded)

    yield from walk(tree, False)


def resolve(target: str, known: dict[str, Path]) -> str | None:
    """The module of ours an import target lands in (a name resolves to its module)."""
    while target:
        if target in known:
            return target
        target = target.rpartition(".")[0]
    return None


def graph(include_type_checking: bool = False) -> dict[str, set[str]]:
    """Module -> the modules of ours it imports."""
    known = modules()
    out: dict[str, set[str]] = {m: set() for m in known}
    for mod, path in known.items():
        for imp in imports_of(path):
            if imp.type_checking and not include_type_checking:
                continue
            dest = resolve(imp.target, known)
            if dest is not None and dest != mod:
                out[mod].add(dest)
    return out


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(g[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp: list[str] = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return found
