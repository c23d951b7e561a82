"""Faults made on purpose in a store's connection to its server, for the tests of what a
lost connection does (tests/core/store/test_postgres_faults.py, tests/gui/)."""

from __future__ import annotations

from typing import Any

import psycopg

from annotator.core.store import Store
from annotator.core.store.location import parse_server_url


def cut(store: Store) -> None:
    """End the store's connection from the server's side (``pg_terminate_backend``)."""
    loc = parse_server_url(store.location)
    pid = store.conn.info.backend_pid  # type: ignore[attr-defined]
    with psycopg.connect(loc.conninfo, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s, 5000)", (pid,))


class AnswerLost:
    """A connection whose next COMMIT runs on the server but whose answer never comes back
    (``before=True``: the connection goes just before the COMMIT is sent)."""

    def __init__(self, store: Store, *, before: bool = False) -> None:
        self._store = store
        self._conn = store.conn  # type: ignore[attr-defined]
        self._before = before

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)

    def execute(self, query: Any, *args: Any, **kwargs: Any) -> Any:
        if query == "COMMIT":
            if not self._before:
                self._conn.execute(query)  # committed on the server...
            cut(self._store)
            return self._conn.execute("SELECT 1")  # ...and the answer is lost
        return self._conn.execute(query, *args, **kwargs)
