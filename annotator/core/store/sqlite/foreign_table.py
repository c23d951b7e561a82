"""Reading one table of another SQLite database (a scraper's), for the sqlite import format.

It lives here, not with the formats, because it is SQL: the format module
(``core/formats/sqlite_table.py``) turns the rows this yields into articles. The source is
opened read-only and never written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.errors import ValidationError

if TYPE_CHECKING:  # imported when a table is read: sqlite_utils imports pandas if present,
    import sqlite_utils  # seconds and tens of MB that opening the window must not pay

SQLITE_HEADER = b"SQLite format 3\x00"


class ForeignTable:
    """One table of a SQLite file opened read-only; use it as a context manager."""

    def __init__(self, path: Path, table: str | None) -> None:
        self.path = path
        self._db = _open_source(path)
        try:
            self.name = _pick_table(self._db, table, path)
        except BaseException:
            self.close()
            raise

    def columns(self) -> list[str]:
        return [c.name for c in self._db[self.name].columns]

    def count(self) -> int:
        return self._db[self.name].count

    def rows(self) -> Iterator[tuple[int, dict[str, object]]]:
        """(1-based position, row) in table order; a damaged file is one clear error."""
        n = 0
        try:
            for n, row in enumerate(self._db[self.name].rows, 1):  # noqa: B007 (names the row)
                yield n, row
        except sqlite3.DatabaseError as exc:
            raise ValidationError(
                f"{self.path}:{self.name}:{n + 1}: cannot read the row ({exc})"
            ) from None

    def close(self) -> None:
        self._db.conn.close()

    def __enter__(self) -> ForeignTable:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _open_source(path: Path) -> sqlite_utils.Database:
    import sqlite_utils

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


def _pick_table(db: sqlite_utils.Database, table: str | None, path: Path) -> str:
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
