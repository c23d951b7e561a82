"""``Store`` (store/interface.py) is the whole contract between the program and a backend.

Each backend (a project file, a PostgreSQL server) has exactly the interface's operations
with the same signatures, and the program outside the store package uses a store only
through them (no ``store.conn``).
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import annotator
from annotator.core.labels import default_labels
from annotator.core.store import Store, create_store
from annotator.core.store.postgres.backend import PostgresStore
from annotator.core.store.sqlite.backend import SqliteStore

PACKAGE = Path(annotator.__file__).parent
#: What a backend may have besides the interface: its constructors.
BACKEND_ONLY = {"open", "create"}
BACKEND_CLASSES = [SqliteStore, PostgresStore]


def _operations(cls: type) -> dict[str, object]:
    return {
        name: member
        for name, member in inspect.getmembers(cls)
        if not name.startswith("_") and callable(member)
    }


def _interface_names() -> set[str]:
    names = set(_operations(Store))
    names |= {n for n in Store.__annotations__ if not n.startswith("_")}
    return names | {"__enter__", "__exit__"}


@pytest.mark.parametrize("cls", BACKEND_CLASSES, ids=lambda c: c.__name__)
def test_the_backend_has_exactly_the_interface_operations(cls: type) -> None:
    backend = set(_operations(cls)) - BACKEND_ONLY
    assert backend == set(_operations(Store))


@pytest.mark.parametrize("cls", BACKEND_CLASSES, ids=lambda c: c.__name__)
@pytest.mark.parametrize("name", sorted(_operations(Store)))
def test_signatures_match(name: str, cls: type) -> None:
    want = inspect.signature(getattr(Store, name))
    got = inspect.signature(getattr(cls, name))
    assert list(got.parameters) == list(want.parameters)
    for param in want.parameters.values():
        other = got.parameters[param.name]
        assert (other.kind, other.default) == (param.kind, param.default), param.name
        assert str(other.annotation) == str(param.annotation), param.name
    assert str(got.return_annotation).replace(cls.__name__, "Store") == str(
        want.return_annotation
    )


def test_an_open_project_is_a_store(new_target: str | Path, backend: str) -> None:
    with create_store(new_target, default_labels()) as store:
        assert isinstance(store, Store)
        assert store.migration_backup is None
        if backend == "sqlite":
            assert store.path == new_target and store.location == str(new_target)
        else:
            assert store.path is None and store.location == new_target


def _store_attribute_uses() -> list[tuple[str, int, str]]:
    """(file, line, attribute) for every ``store.X`` / ``self.store.X`` outside the store."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "core/store" in path.as_posix():
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Attribute):
                continue
            owner = node.value
            name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", None)
            if name in ("store", "_store") and isinstance(node.ctx, ast.Load):
                found.append((path.relative_to(PACKAGE).as_posix(), node.lineno, node.attr))
    return found


def test_the_program_uses_stores_only_through_the_interface() -> None:
    uses = _store_attribute_uses()
    assert len(uses) > 100  # the check sees the program's store calls
    allowed = _interface_names()
    bad = [f"{f}:{line}: store.{attr}" for f, line, attr in uses if attr not in allowed]
    assert bad == []
