"""A whole server project table by table, ids included (``annotator copy``; the tables and
columns are ``interface.PROJECT_TABLES``). Rows come in with ``COPY``; afterwards each
identity sequence is moved past the largest id the source ever handed out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.store.interface import PROJECT_TABLES
from annotator.core.store.postgres.rows import PgPart, nul_problem

#: Each table's key columns: the order its rows are dumped and paged in.
TABLE_KEYS: dict[str, tuple[str, ...]] = {
    "settings": ("key",),
    "article_status": ("article_id", "annotator_id"),
    "reviews": ("article_id",),
    "assignments": ("article_id", "annotator_id"),
    "models": ("name",),
}
SEQUENCED = ("labels", "annotators", "spans", "history", "articles")
_PAGE = 1000


def _columns(table: str) -> tuple[str, ...]:
    if table not in PROJECT_TABLES:
        raise ValidationError(f"no project table {table!r}")
    return PROJECT_TABLES[table]


def _quoted(columns: Sequence[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


class ProjectRows(PgPart):
    def dump_rows(self, table: str) -> Iterator[tuple[Any, ...]]:
        """Every row of ``table`` in key order, a page at a time (keyset paging: each page
        is one short statement, so nothing is held open between pages)."""
        columns = _columns(table)
        key = TABLE_KEYS.get(table, ("id",))
        positions = [columns.index(k) for k in key]
        select = f"SELECT {_quoted(columns)} FROM {table}"
        order = f" ORDER BY {_quoted(key)} LIMIT {_PAGE}"
        rows = self._exec(select + order).fetchall()
        while rows:
            yield from rows
            if len(rows) < _PAGE:
                return
            last = [rows[-1][p] for p in positions]
            marks = ", ".join(["%s"] * len(key))
            rows = self._exec(
                select + f" WHERE ({_quoted(key)}) > ({marks})" + order, last
            ).fetchall()

    def id_counters(self) -> dict[str, int]:
        """The largest id each table handed out: its identity sequence's last value."""
        out: dict[str, int] = {}
        for table in SEQUENCED:
            row = self._exec(
                f"SELECT COALESCE(MAX(id), 0), pg_get_serial_sequence('{table}', 'id') FROM {table}"
            ).fetchone()
            assert row is not None
            highest, sequence = row
            seq = self._exec(f"SELECT last_value, is_called FROM {sequence}").fetchone()
            used = seq[0] if seq is not None and seq[1] else 0
            out[table] = max(int(highest), int(used))
        return out

    def load_rows(self, table: str, rows: Iterable[Sequence[Any]]) -> int:
        """Insert rows as they are, with ``COPY`` (settings replace the new project's)."""
        columns = _columns(table)

        def load() -> int:
            if table == "settings":
                count = 0
                for key, value in rows:
                    self.conn.execute(
                        "INSERT INTO settings (key, value) VALUES (%s, %s)"
                        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        (key, value),
                    )
                    count += 1
                return count
            count = 0
            texts = [i for i, c in enumerate(columns) if c not in _NUMERIC]
            batch: list[tuple[int, str]] = []
            with (
                self.conn.cursor() as cur,
                cur.copy(f"COPY {table} ({_quoted(columns)}) FROM STDIN") as copy,
            ):
                for row in rows:
                    for i in texts:
                        what = f"article {row[1]!r}" if table == "articles" else f"{table} {row[0]}"
                        problem = nul_problem(what, columns[i], row[i])
                        if problem:
                            raise problem
                    copy.write_row(row)
                    count += 1
                    if table == "articles":
                        batch.append((row[0], row[3]))
            if batch:
                self._index_for_search(batch)
            self._bulk_rows += count
            return count

        return self._write(f"copying {table}", load)

    def set_id_counters(self, counters: dict[str, int]) -> None:
        def update() -> None:
            for table in SEQUENCED:
                value = max(int(counters.get(table, 0)), 0)
                self.conn.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" GREATEST(%s, (SELECT COALESCE(MAX(id), 0) FROM {table}), 1),"
                    f" %s OR EXISTS (SELECT 1 FROM {table}))",
                    (value, value > 0),
                )

        self._write("copying id counters", update)


#: Columns that hold numbers or bytes (everything else is text, checked for NUL before sending).
_NUMERIC = frozenset({"id", "length", "sort_order", "article_id", "annotator_id", "label_id",
                      "start", "end", "span_id", "blob"})  # fmt: skip
