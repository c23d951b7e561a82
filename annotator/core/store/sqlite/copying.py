"""A whole project table by table, ids included: the part of ``SqliteStore`` that
``annotator copy`` reads a project file with and fills a new one with (see
``core/store/copy.py``; the tables and columns are ``interface.PROJECT_TABLES``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.store.interface import PROJECT_TABLES
from annotator.core.store.sqlite.rows import StorePart

#: Each table's key: the order its rows are dumped in.
TABLE_KEYS = {
    "settings": "key",
    "article_status": "article_id, annotator_id",
    "reviews": "article_id",
    "assignments": "article_id, annotator_id",
    "models": "name",
}
#: Tables whose ids SQLite hands out through ``sqlite_sequence`` (AUTOINCREMENT).
SEQUENCED = ("labels", "annotators", "spans", "history")


def _columns(table: str) -> str:
    if table not in PROJECT_TABLES:
        raise ValidationError(f"no project table {table!r}")
    return ", ".join(f'"{c}"' for c in PROJECT_TABLES[table])


class ProjectRows(StorePart):
    def dump_rows(self, table: str) -> Iterator[tuple[Any, ...]]:
        """Every row of ``table`` in key order, in batches (a corpus is never held whole)."""
        columns = _columns(table)
        cur = self.conn.execute(
            f"SELECT {columns} FROM {table} ORDER BY {TABLE_KEYS.get(table, 'id')}"
        )
        while rows := cur.fetchmany(500):
            yield from rows

    def id_counters(self) -> dict[str, int]:
        """The largest id each table handed out: ``sqlite_sequence`` keeps it for the
        tables whose ids are never reused; articles are never deleted, so theirs is the
        largest id."""
        out = {
            table: self.conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]
            for table in (*SEQUENCED, "articles")
        }
        for name, seq in self.conn.execute("SELECT name, seq FROM sqlite_sequence"):
            if name in out:
                out[name] = max(out[name], seq)
        return out

    def load_rows(self, table: str, rows: Iterable[Sequence[Any]]) -> int:
        """Insert rows as they are (settings replace those of the new project); new
        articles go into the search index with them."""
        columns = _columns(table)
        marks = ", ".join("?" * len(PROJECT_TABLES[table]))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
        if table == "settings":
            sql += " ON CONFLICT (key) DO UPDATE SET value = excluded.value"

        def insert() -> int:
            count = 0
            batch: list[Sequence[Any]] = []
            for row in rows:
                batch.append(row)
                if len(batch) == 500:
                    count += self._insert_batch(table, sql, batch)
                    batch = []
            if batch:
                count += self._insert_batch(table, sql, batch)
            return count

        return self._write(f"copying {table}", insert)

    def _insert_batch(self, table: str, sql: str, batch: list[Sequence[Any]]) -> int:
        self.conn.executemany(sql, batch)
        if table == "articles":
            self._index_for_search((row[0], row[3]) for row in batch)
        return len(batch)

    def set_id_counters(self, counters: dict[str, int]) -> None:
        def update() -> None:
            for table in SEQUENCED:
                value = counters.get(table, 0)
                self.conn.execute(
                    "UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = ?", (value, table)
                )
                self.conn.execute(
                    "INSERT INTO sqlite_sequence (name, seq) SELECT ?, ?"
                    " WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?)",
                    (table, value, table),
                )

        self._write("copying id counters", update)
