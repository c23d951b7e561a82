"""Storage: the one interface (``Store``) through which the program reads and writes.

Everything above this package (the rest of the core, the CLI, the GUI) speaks only to
``Store`` and gets one from ``open_store`` / ``create_store``, which pick the backend from
the project's location: a file path is a project file (``sqlite/``), a
``postgresql://`` URL a project on a server (``postgres/``, see location.py). SQL lives in
the backends. ``DATABASE_ERRORS`` are the low-level errors a backend can raise past its own
checks (a damaged page met halfway through a read), for the CLI and the app to turn into
one line; the server backend turns its driver's errors into ``AnnotatorError`` itself.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.core.errors import ProjectError
from annotator.core.store.interface import Change, ChangeListener, IndexQuery, SpanInsert, Store
from annotator.core.store.location import (
    is_server_url,
    parse_server_url,
    remember_password,
    short_name,
)
from annotator.core.store.sqlite.backend import SqliteStore
from annotator.core.store.sqlite.foreign_table import ForeignTable
from annotator.core.store.sqlite.health import schema_versions as _schema_versions

#: Errors a backend may raise below its own checks; callers name the project and go on.
DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error,)
#: Of those, the ones that mean the project's file itself cannot be read as a database.
DAMAGED_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError,)


def open_store(target: str | Path, *, readonly: bool = False) -> Store:
    """Open an existing project (a project file or a server URL), migrating it forward
    if needed."""
    if is_server_url(target):
        from annotator.core.store.postgres.backend import PostgresStore

        return PostgresStore.open(str(target), readonly=readonly)
    return SqliteStore.open(target, readonly=readonly)


def create_store(
    target: str | Path, labels: Iterable[dict[str, Any]] = (), *, schema: str | None = None
) -> Store:
    """Create a new project with these labels; refuses to overwrite anything.

    ``schema`` (servers only) names the PostgreSQL schema to create it in.
    """
    if is_server_url(target):
        from annotator.core.store.postgres.backend import PostgresStore

        return PostgresStore.create(str(target), labels, schema=schema)
    if schema is not None:
        raise ProjectError(f"{target}: --schema is for a project on a PostgreSQL server")
    return SqliteStore.create(target, labels)


def same_project(a: str | Path, b: str | Path, *, schema: str | None = None) -> bool:
    """Whether two locations name the same project (``schema`` applies to ``b``): the
    same file, or the same database and schema on the same server."""
    if is_server_url(a) != is_server_url(b):
        return False
    if is_server_url(a):
        one, two = parse_server_url(str(a)), parse_server_url(str(b), schema)
        return (one.conninfo, one.schema) == (two.conninfo, two.schema)
    return Path(a).resolve() == Path(b).resolve()


def schema_versions(target: str | Path) -> tuple[int, int] | None:
    """(the project's schema version, this program's), read without opening the project.

    None when the target is not a readable project (``open_store`` then says why).
    """
    if is_server_url(target):
        from annotator.core.store.postgres.server import schema_versions as server_versions

        return server_versions(parse_server_url(str(target)))
    return _schema_versions(Path(target))


def open_foreign_table(path: Path, table: str | None) -> ForeignTable:
    """A table of another SQLite file, read-only (the ``sqlite`` import format)."""
    return ForeignTable(path, table)


__all__ = [
    "Change",
    "ChangeListener",
    "DAMAGED_ERRORS",
    "DATABASE_ERRORS",
    "ForeignTable",
    "IndexQuery",
    "SpanInsert",
    "Store",
    "create_store",
    "is_server_url",
    "open_foreign_table",
    "open_store",
    "remember_password",
    "same_project",
    "short_name",
    "schema_versions",
]
