"""CSV with a header row: one article per row.

The text, id and title columns are named by the caller (``--text-column`` ...); columns
called ``source``, ``url``, ``author`` or ``published`` fill those fields and every other
column goes to ``meta``. Quoted fields may span lines and be very large. A ``.tsv`` file
is read the same way with tabs between fields.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from annotator.core.errors import ValidationError
from annotator.core.formats.reading import (
    BOM,
    Columns,
    Invalid,
    Record,
    article_from_row,
    has_undecodable,
)
from annotator.core.model import ArticleIn

# Article texts are long; the csv module's default limit (128 KiB per field) is not.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


class _Lines:
    """Decoded lines for ``csv.reader`` that count the bytes read, for progress."""

    def __init__(self, fh: object) -> None:
        self.fh = fh
        self.done = 0

    def __iter__(self) -> Iterator[str]:
        for raw in self.fh:  # type: ignore[attr-defined]
            self.done += len(raw)
            # surrogateescape keeps bad bytes visible so the row can be rejected by line
            yield raw.decode("utf-8", "surrogateescape")


def read(path: Path, cols: Columns) -> Iterator[Record]:
    name = str(path)
    with path.open("rb") as fh:
        lines = _Lines(fh)
        # strict: a quote that never closes (a truncated file) is an error, not one huge field
        delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
        reader = csv.reader(lines, delimiter=delimiter, strict=True)
        try:
            header = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Record(name, 1, Invalid(f"not a CSV header: {exc}"), lines.done)
            return
        if header and header[0].startswith(BOM):
            header[0] = header[0][1:]
        if any(has_undecodable(h) for h in header):
            yield Record(name, 1, Invalid("not UTF-8 text (in the header row)"), lines.done)
            return
        cols.check(header, name)  # a wrong column option is no bad record: stop
        last = reader.line_num
        while True:
            start = last + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                reason = str(exc)
                if "unexpected end of data" in reason:
                    reason = "a quoted field opened here never closes"
                yield Record(name, start, Invalid(f"malformed CSV: {reason}"), lines.done)
                return
            last = reader.line_num
            if not row or all(not v.strip() for v in row):
                continue
            yield Record(name, start, _row(row, header, cols, f"{path.stem}-{start}"), lines.done)


def _unparse(row: list[str]) -> str:
    """The row as one CSV line again, for the rejects file."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(row)
    return out.getvalue()


def _row(row: list[str], header: list[str], cols: Columns, default_id: str) -> ArticleIn | Invalid:
    if any(has_undecodable(v) for v in row):
        fixed = [v.encode("utf-8", "surrogateescape").decode("utf-8", "replace") for v in row]
        return Invalid("not UTF-8 text", _unparse(fixed))
    raw = _unparse(row)
    if len(row) != len(header):
        return Invalid(f"has {len(row)} field(s), the header has {len(header)}", raw)
    try:
        return article_from_row(dict(zip(header, row, strict=True)), cols, default_id)
    except ValidationError as exc:
        return Invalid(str(exc), raw)
