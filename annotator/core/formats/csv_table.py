"""CSV with a header row: one article per row.

The text, id and title columns are named by the caller (``--text-column`` ...); columns
called ``source``, ``url``, ``author`` or ``published`` fill those fields and every other
column goes to ``meta``, so two columns of one name are refused (one would be lost). Quoted
fields may span lines and be very large. A ``.tsv`` file is read the same way with tabs
between fields. The file is decoded as every text input is (``reading.decoding_of``): a
byte-order mark, quoted header or not, is not part of the first column's name.

A row the csv module cannot parse (a quote that never closes, a lone CR outside quotes)
is rejected on its own and the reading goes on. A row that broke after running on over
several lines is most often a stray quote that swallowed the rows after it, so only its
first line is rejected and the lines after it are read again: every line of the file ends
up in an article or in a rejected record, never silently inside another one.
"""

from __future__ import annotations

import csv
import sys
from collections import deque
from collections.abc import Iterator
from pathlib import Path

from annotator.core.errors import ValidationError
from annotator.core.formats.reading import (
    Columns,
    Decoding,
    Invalid,
    Line,
    Record,
    article_from_row,
    decoded_lines,
    decoding_of,
    first_undecodable,
    not_decoded,
    readable,
)
from annotator.core.model import ArticleIn

# Article texts are long; the csv module's default limit (128 KiB per field) is not.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

NEVER_CLOSES = "a quoted field opened here never closes"


class _Lines:
    """Decoded lines for ``csv.reader``: counts them and the bytes read (for progress),
    keeps the lines of the row being read (for the rejects file), and takes lines back to
    be read again."""

    def __init__(self, source: Iterator[Line]) -> None:
        self.source = source
        self.done = 0
        self.count = 0  # lines handed to the csv reader so far
        self.row: list[str] = []
        self.marked = False  # a line of the row holds bytes that did not decode
        self.again: deque[str] = deque()

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.again:
            line = self.again.popleft()
            self.marked = self.marked or first_undecodable(line) is not None
        else:
            _n, line, self.done, marked = next(self.source)
            self.marked = self.marked or marked
        self.count += 1
        self.row.append(line)
        return line

    def next_row(self) -> int:
        """Start a row; returns the number of its first line."""
        self.row = []
        self.marked = False
        return self.count + 1

    def reread_after_first(self, first: int) -> None:
        """Read the lines of the current row again, all but its first (line ``first``)."""
        self.again.extendleft(reversed(self.row[1:]))
        self.count = first


def read(path: Path, cols: Columns, encoding: str | None = None) -> Iterator[Record]:
    name = str(path)
    dec = decoding_of(path, encoding)
    lines = _Lines(decoded_lines(path, dec))
    # strict: a quote that never closes (a truncated file) is an error, not one huge field
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        reason = _in_words(exc, delimiter)
        raise ValidationError(f"{name}: the header row is not valid CSV: {reason}") from None
    _check_header(header, cols, name, dec)
    while True:
        start = lines.next_row()
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            reason = _in_words(exc, delimiter)
            last = start + len(lines.row) - 1
            if last > start:
                lines.reread_after_first(start)
                if reason != NEVER_CLOSES:
                    reason = (
                        f"a quoted field opened here runs on to line {last} and breaks there:"
                        f" {reason}"
                    )
            raw = readable(lines.row[0]).rstrip("\r\n")
            yield Record(name, start, Invalid(f"malformed CSV: {reason}", raw), lines.done)
            continue
        if not row or all(not v.strip() for v in row):
            continue
        raw = "".join(lines.row).rstrip("\r\n")
        if lines.marked:
            item: ArticleIn | Invalid = _undecodable(row, readable(raw), dec)
        else:
            item = _row(row, raw, header, cols, f"{path.stem}-{start}")
        yield Record(name, start, item, lines.done)


def _check_header(header: list[str], cols: Columns, name: str, dec: Decoding) -> None:
    """A header that cannot be read, or would lose a column, stops the whole file."""
    for cell in header:
        found = first_undecodable(cell)
        if found is not None:
            raise ValidationError(
                f"{name}: the header row is {not_decoded(dec, found[1])}; give the file's"
                " encoding with --encoding (Arabic Excel writes windows-1256)"
            )
    first: dict[str, int] = {}
    for number, column in enumerate(header, 1):
        if column in first:
            if not column:
                raise ValidationError(
                    f"{name}: columns {first[column]} and {number} of the header have no name;"
                    " give every column a name"
                )
            raise ValidationError(
                f"{name}: the header names column {column!r} twice (columns {first[column]}"
                f" and {number}); give each column its own name"
            )
        first[column] = number
    cols.check(header, name)  # a wrong column option is no bad record: stop


def _in_words(exc: csv.Error, delimiter: str) -> str:
    """The csv module's complaint as the person who made the file would put it."""
    said = str(exc)
    if "unexpected end of data" in said:
        return NEVER_CLOSES
    if "new-line character seen in unquoted field" in said:
        return (
            "a line break (CR) inside a field that is not in quotes; put the field in quotes"
            " or save the file with Windows or Unix line endings"
        )
    if "expected after" in said:
        sep = "tab" if delimiter == "\t" else "comma"
        return (
            f"text after the closing quote of a field, before the next {sep}"
            ' (a quote inside a quoted field is written twice: "")'
        )
    if "field larger than field limit" in said:
        return "a field is longer than 2 GB"
    return "this row cannot be read as CSV"


def _undecodable(row: list[str], raw: str, dec: Decoding) -> Invalid:
    """A row holding bytes that did not decode, naming the first of them."""
    found = next(filter(None, map(first_undecodable, row)), None)
    reason = not_decoded(dec, found[1]) if found is not None else f"not {dec.name} text"
    return Invalid(reason, raw, undecodable=True)


def _row(
    row: list[str], raw: str, header: list[str], cols: Columns, default_id: str
) -> ArticleIn | Invalid:
    """The article of a parsed row, or why not (``raw``: its lines as in the file)."""
    if len(row) != len(header):
        return Invalid(f"has {len(row)} field(s), the header has {len(header)}", raw)
    try:
        return article_from_row(dict(zip(header, row, strict=True)), cols, default_id)
    except ValidationError as exc:
        return Invalid(str(exc), raw)
