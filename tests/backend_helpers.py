"""What the storage tests do behind a store's back: SQL typed into another program."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from annotator.core.store import Store


def raw_sql(store: Store, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """Run ``sql`` (``?`` placeholders) on the store's project through a connection of its
    own, as another program would, committed; returns the rows."""
    if store.path is not None:
        import sqlite3

        conn = sqlite3.connect(store.path, isolation_level=None)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()
    import psycopg

    from annotator.core.store.location import parse_server_url

    loc = parse_server_url(store.location)
    with psycopg.connect(loc.conninfo, autocommit=True) as conn:
        conn.execute(f'SET search_path = "{loc.schema}"')
        cur = conn.execute(sql.replace("?", "%s"), params)
        return cur.fetchall() if cur.description else []


#: For a test about the project file itself (renames, the write-ahead log, the file's
#: header): it runs on the file backend only.
FILE_ONLY = pytest.mark.parametrize("backend", ["sqlite"])
