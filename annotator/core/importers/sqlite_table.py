"""A table of another SQLite database, e.g. a scraper's, one article per row.

The source is opened read-only and its rows are streamed in rowid order; the same column
options as for CSV apply. A row's "line" in reports is its position in the table (1-based).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from annotator.core.errors import ValidationError
from annotator.core.importers import Columns, Invalid, Record, article_from_row
from annotator.core.model import ArticleIn

SQLITE_HEADER = b"SQLite format 3\x00"


def _blob(value: object) -> str:
    return value.hex() if isinstance(value, bytes) else str(value)


def open_source(path: Path) -> sqlite_utils.Database:
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise ValidationError(f"{path}: cannot read: {exc.strerror}") from None
    if header != SQLITE_HEADER:
        raise ValidationError(f"{path}: not an SQLite database")
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise ValidationError(f"{path}: not a readable SQLite database ({exc})") from None
    return sqlite_utils.Database(conn)


def pick_table(db: sqlite_utils.Database, table: str | None, path: Path) -> str:
    names = [n for n in db.table_names() if not n.startswith("sqlite_")]
    if table is None:
        if len(names) == 1:
            return names[0]
        raise ValidationError(
            f"{path}: name the table to import with --table (tables: {', '.join(names) or 'none'})"
        )
    if table not in names:
        raise ValidationError(
            f"{path}: no table {table!r} (tables: {', '.join(names) or 'none'})"
        )
    return table


def count_rows(path: Path, table: str | None) -> int:
    db = open_source(path)
    try:
        return db[pick_table(db, table, path)].count
    finally:
        db.conn.close()


def _rows(
    db: sqlite_utils.Database, table: str, path: Path
) -> Iterator[tuple[int, dict[str, object]]]:
    """Rows in table order; a damaged file is one clear error, not a traceback."""
    n = 0
    try:
        for n, row in enumerate(db[table].rows, 1):  # noqa: B007 (n names the bad row)
            yield n, row
    except sqlite3.DatabaseError as exc:
        raise ValidationError(f"{path}:{table}:{n + 1}: cannot read the row ({exc})") from None


def read(path: Path, table: str | None, cols: Columns) -> Iterator[Record]:
    db = open_source(path)
    try:
        name = pick_table(db, table, path)
        where = f"{path}:{name}"
        header = [c.name for c in db[name].columns]
        cols.check(header, where)
        for n, row in _rows(db, name, path):
            item: ArticleIn | Invalid
            try:
                item = article_from_row(row, cols, f"{name}-{n}")
            except ValidationError as exc:
                item = Invalid(str(exc), json.dumps(row, ensure_ascii=False, default=_blob))
            yield Record(where, n, item, n)
    finally:
        db.conn.close()
