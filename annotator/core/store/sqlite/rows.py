"""Row shapes, constants and helpers shared by the parts of ``SqliteStore``."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from annotator.core.errors import DamagedProjectError, WriteFailedError
from annotator.core.model import Label, Span

T = TypeVar("T")

# Ids per query in bulk reads (well under SQLite's bound-parameter limit).
BULK = 500
REVIEW_STATUSES = ("pending", "in_review", "done")

# Outer joins, so that a span whose annotator, label or article row is gone (the file was
# edited by hand) is not left out without a word: ``StorePart._span_row`` refuses it.
SPAN_SELECT = """
SELECT s.id, s.article_id, a.name, l.name, s.start, s."end", s.origin, ar.length
FROM spans s LEFT JOIN annotators a ON a.id = s.annotator_id
LEFT JOIN labels l ON l.id = s.label_id LEFT JOIN articles ar ON ar.id = s.article_id
"""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def write_error(exc: sqlite3.Error, what: str) -> WriteFailedError:
    """The user's words for a failed write: busy, disk full, read-only or the reason."""
    msg = str(exc)
    if "locked" in msg or "busy" in msg:
        return WriteFailedError(f"{what}: the project is busy in another program; not saved")
    if "full" in msg:
        return WriteFailedError(f"{what}: the disk is full; not saved")
    if "readonly" in msg or "read-only" in msg:
        return WriteFailedError(f"{what}: the project file is read-only; not saved")
    return WriteFailedError(f"{what}: {msg}; not saved")


class StorePart:
    """What the parts of ``SqliteStore`` (articles, spans, team, search_index) use of one
    another; ``SqliteStore`` (backend.py) brings them together and provides it."""

    conn: sqlite3.Connection
    path: Path
    _annotator_ids: dict[str, int]
    _label_ids: dict[str, int]

    def _span_row(self, row: Sequence[Any]) -> Span:
        """A row of ``SPAN_SELECT`` as a ``Span``; a damaged one (see health.py) is refused."""
        _id, _article, annotator, label, start, end, _origin, length = row
        if annotator is None or label is None or length is None or not 0 <= start < end <= length:
            raise self._damaged_span(row[0])
        return Span(*row[:7])

    if TYPE_CHECKING:

        def _damaged_span(self, span_id: int) -> DamagedProjectError: ...

        def _damaged_span_at(
            self, article_id: int, annotator_id: int, label_id: int, start: int, end: int
        ) -> DamagedProjectError: ...

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

        def change_stamp(self) -> tuple[int, int]: ...

        def _article_length(self, article_id: int) -> int: ...

        def _articles_by_ids(self, ids: list[int]) -> list[Any]: ...

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
