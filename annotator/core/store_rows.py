"""Row shapes and constants shared by the store's modules (store.py and its parts)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from annotator.core.model import Span

T = TypeVar("T")

# Ids per query in bulk reads (well under SQLite's bound-parameter limit).
BULK = 500
REVIEW_STATUSES = ("pending", "in_review", "done")

SPAN_SELECT = """
SELECT s.id, s.article_id, a.name, l.name, s.start, s."end", s.origin
FROM spans s JOIN annotators a ON a.id = s.annotator_id JOIN labels l ON l.id = s.label_id
"""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def span_row(row: Sequence[Any]) -> Span:
    return Span(*row)


class StorePart:
    """What the store's parts (mixins) use of ``Store``; ``Store`` provides it."""

    conn: sqlite3.Connection

    if TYPE_CHECKING:

        def _write(self, what: str, fn: Callable[[], T]) -> T: ...

        def _annotator_id_or_none(self, name: str) -> int | None: ...

        def _article_length(self, article_id: int) -> int: ...

        def _articles_by_ids(self, ids: list[int]) -> list[Any]: ...

        def get_setting(self, key: str, default: str | None = None) -> str | None: ...
