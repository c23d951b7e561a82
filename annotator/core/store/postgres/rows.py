"""What the parts of ``PostgresStore`` share: running a statement, turning the server's
errors into the user's words, row shapes.

Reads outside a transaction go through ``_exec``: if the connection was lost (the server
restarted, a network cut, an idle timeout) it reconnects once and runs the statement again,
which is safe for a read; what still fails becomes one line (``ProjectError``). Inside a
transaction an error is left to ``_write``, which rolls back and says "not saved".
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import psycopg
from psycopg import errors as pg_errors

from annotator.core.errors import ProjectError, ValidationError, WriteFailedError
from annotator.core.model import Article, Label, Span

T = TypeVar("T")

REVIEW_STATUSES = ("pending", "in_review", "done")
ARTICLE_COLUMNS = "id, ext_id, title, text, source, url, author, published, meta, content_hash"
SPAN_SELECT = """
SELECT s.id, s.article_id, a.name, l.name, s.start, s."end", s.origin
FROM spans s JOIN annotators a ON a.id = s.annotator_id JOIN labels l ON l.id = s.label_id
"""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def article_row(row: Sequence[Any]) -> Article:
    return Article(
        id=row[0],
        ext_id=row[1],
        title=row[2],
        text=row[3],
        source=row[4],
        url=row[5],
        author=row[6],
        published=row[7],
        meta=json.loads(row[8]) if row[8] else {},
        content_hash=row[9],
    )


def span_row(row: Sequence[Any]) -> Span:
    return Span(*row)


def label_row(row: Sequence[Any]) -> Label:
    return Label(*row)


def server_reason(exc: BaseException) -> str:
    """The server's (or libpq's) first line, without the DETAIL and HINT lines after it."""
    diag = getattr(exc, "diag", None)
    primary = getattr(diag, "message_primary", None) if diag is not None else None
    text = primary or str(exc) or type(exc).__name__
    return " ".join(text.strip().splitlines()[0].split()) if text.strip() else type(exc).__name__


def is_connection_lost(exc: BaseException, conn: psycopg.Connection[Any] | None) -> bool:
    """The statement failed because the connection is gone, not because of what it asked."""
    if isinstance(exc, pg_errors.AdminShutdown | pg_errors.CrashShutdown):
        return True
    if not isinstance(exc, psycopg.OperationalError):
        return False
    return conn is None or conn.closed or conn.broken


def write_error(exc: BaseException, what: str) -> WriteFailedError | ValidationError:
    """The user's words for a write the server refused or could not finish."""
    reason = server_reason(exc)
    if isinstance(exc, pg_errors.LockNotAvailable | pg_errors.QueryCanceled):
        return WriteFailedError(f"{what}: the project is busy in another program; not saved")
    if isinstance(exc, pg_errors.DiskFull):
        return WriteFailedError(f"{what}: the server's disk is full; not saved")
    if isinstance(exc, pg_errors.ReadOnlySqlTransaction):
        return WriteFailedError(f"{what}: the server takes no changes (read-only); not saved")
    if isinstance(exc, pg_errors.InsufficientPrivilege):
        return WriteFailedError(
            f"{what}: your database user may not change this project ({reason}); not saved"
        )
    if isinstance(exc, psycopg.IntegrityError):
        return ValidationError(f"{what}: {reason}")
    if isinstance(exc, psycopg.OperationalError | pg_errors.AdminShutdown):
        return WriteFailedError(
            f"{what}: the connection to the server was lost ({reason}); not saved"
        )
    return WriteFailedError(f"{what}: {reason}; not saved")


def nul_problem(what: str, field: str, value: str | None) -> ValidationError | None:
    """PostgreSQL text cannot hold U+0000; say where it is instead of the driver's error."""
    if value is None or "\x00" not in value:
        return None
    return ValidationError(
        f"{what}: {field} holds a NUL character (U+0000) at character {value.index(chr(0))},"
        " which a PostgreSQL server cannot store; remove it (a project file can hold it)"
    )


class PgPart:
    """What the parts of ``PostgresStore`` use of one another; backend.py provides it."""

    conn: psycopg.Connection[Any]
    location: str
    path: Path | None
    via: str
    _annotator_ids: dict[str, int]
    _label_ids: dict[str, int]
    #: Articles' lengths (texts never change), for the offsets checked before a write.
    _lengths: dict[int, int]
    _tx_depth: int
    _snapshot_open: bool
    _bulk_rows: int

    def _exec(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> psycopg.Cursor[Any]:
        """Run one statement; outside a transaction a lost connection is reopened once."""
        if self._tx_depth or self._snapshot_open:
            return self.conn.execute(sql, params)  # type: ignore[arg-type]
        try:
            return self.conn.execute(sql, params)  # type: ignore[arg-type]
        except psycopg.Error as exc:
            if not is_connection_lost(exc, self.conn):
                raise ProjectError(f"{self.location}: {server_reason(exc)}") from None
        self._reconnect()
        try:
            return self.conn.execute(sql, params)  # type: ignore[arg-type]
        except psycopg.Error as exc:
            raise ProjectError(f"{self.location}: {server_reason(exc)}") from None

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row, or None."""
        row = self._exec(sql, params).fetchone()
        return None if row is None else row[0]

    if TYPE_CHECKING:

        def _reconnect(self) -> None: ...

        def _write(self, what: str, fn: Callable[[], T]) -> T: ...

        def _record(
            self,
            action: str,
            *,
            actor: str | None = None,
            article_id: int | None = None,
            span_id: int | None = None,
            at: str | None = None,
            via: str | None = None,
            **detail: Any,
        ) -> None: ...

        def _annotator_id_or_none(self, name: str) -> int | None: ...

        def _article_length(self, article_id: int) -> int: ...

        def _articles_by_ids(self, ids: list[int]) -> list[Article]: ...

        def _index_for_search(self, rows: Any) -> None: ...

        def get_setting(self, key: str, default: str | None = None) -> str | None: ...

        def annotator_id(self, name: str, *, create: bool = True) -> int: ...

        def annotators(self) -> list[str]: ...

        def label_id(self, name: str) -> int: ...

        def _current_label_id(self, name: str) -> int: ...

        def labels(self) -> list[Label]: ...

        def span(self, span_id: int) -> Span: ...

        def article_count(self) -> int: ...

        def status_counts(self, annotator: str) -> dict[Any, int]: ...

        def time_per_article(self) -> dict[str, dict[int, float]]: ...
