"""Storage: the one interface (``Store``) through which the program reads and writes.

Everything above this package (the rest of the core, the CLI, the GUI) speaks only to
``Store`` and gets one from ``open_store`` / ``create_store``; SQL lives in the backends
below it (``sqlite/``). ``DATABASE_ERRORS`` are the low-level errors a backend can raise
past its own checks (a damaged page met halfway through a read), for the CLI and the app
to turn into one line.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.core.store.interface import SpanInsert, Store
from annotator.core.store.sqlite.backend import SqliteStore
from annotator.core.store.sqlite.foreign_table import ForeignTable
from annotator.core.store.sqlite.health import schema_versions as _schema_versions

#: Errors a backend may raise below its own checks; callers name the project and go on.
DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error,)
#: Of those, the ones that mean the project's file itself cannot be read as a database.
DAMAGED_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError,)


def open_store(target: str | Path, *, readonly: bool = False) -> Store:
    """Open an existing project (a project file), migrating it forward if needed."""
    return SqliteStore.open(target, readonly=readonly)


def create_store(target: str | Path, labels: Iterable[dict[str, Any]] = ()) -> Store:
    """Create a new project with these labels; refuses to overwrite anything."""
    return SqliteStore.create(target, labels)


def schema_versions(target: str | Path) -> tuple[int, int] | None:
    """(the project's schema version, this program's), read without opening the project.

    None when the target is not a readable project (``open_store`` then says why).
    """
    return _schema_versions(Path(target))


def open_foreign_table(path: Path, table: str | None) -> ForeignTable:
    """A table of another SQLite file, read-only (the ``sqlite`` import format)."""
    return ForeignTable(path, table)


__all__ = [
    "DAMAGED_ERRORS",
    "DATABASE_ERRORS",
    "ForeignTable",
    "SpanInsert",
    "Store",
    "create_store",
    "open_foreign_table",
    "open_store",
    "schema_versions",
]
