"""A table of another SQLite database, e.g. a scraper's, one article per row (import only).

The source is opened read-only (the store package reads it: no SQL here) and its rows
are streamed in rowid order; the same column options as for CSV apply. A row's "line" in
reports is its position in the table (1-based).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from annotator.core.errors import ValidationError
from annotator.core.formats.reading import Columns, Invalid, Record, article_from_row
from annotator.core.model import ArticleIn
from annotator.core.store import open_foreign_table


def _blob(value: object) -> str:
    return value.hex() if isinstance(value, bytes) else str(value)


def count_rows(path: Path, table: str | None) -> int:
    with open_foreign_table(path, table) as source:
        return source.count()


def read(path: Path, table: str | None, cols: Columns) -> Iterator[Record]:
    with open_foreign_table(path, table) as source:
        where = f"{path}:{source.name}"
        cols.check(source.columns(), where)
        for n, row in source.rows():
            item: ArticleIn | Invalid
            try:
                item = article_from_row(row, cols, f"{source.name}-{n}")
            except ValidationError as exc:
                item = Invalid(str(exc), json.dumps(row, ensure_ascii=False, default=_blob))
            yield Record(where, n, item, n)
