"""What the readers of every import format share: the record model and input hygiene.

Every reader (``read`` in a format's module, listed in ``registry.py``) is a generator of
``Record``: where the record came from (file, line), how far into its source the reader has
got (for the progress bar), and either an ``ArticleIn`` or an ``Invalid`` saying why the
record cannot be imported. Readers never touch the project; the orchestration
(``import_run.py``) decides about duplicates, labels and batches.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from annotator.core.errors import ValidationError
from annotator.core.model import ArticleIn, check_span

# Article fields a column or key of the same name fills; anything else goes to ``meta``.
ARTICLE_FIELDS = ("source", "url", "author", "published")

BOM = "\ufeff"


@dataclass(slots=True, frozen=True)
class Invalid:
    """A record that cannot be imported: why, and its raw text for the rejects file."""

    reason: str
    raw: str | None = None


class Record(NamedTuple):
    file: str
    line: int
    item: ArticleIn | Invalid
    done: int  # progress inside the source: bytes read (files) or rows read (tables)


def not_utf8(data: bytes, err: UnicodeDecodeError) -> str:
    """The reason for a line that is not UTF-8, naming the offending byte."""
    bad = data[err.start : err.start + 1].hex()
    return f"not UTF-8 text (byte 0x{bad} at byte {err.start + 1} of the line)"


def has_undecodable(text: str) -> bool:
    """True if ``surrogateescape`` decoding met bytes that are not UTF-8."""
    return any("\udc80" <= ch <= "\udcff" for ch in text)


class NewlineMap:
    """Normalizes line endings and moves offsets given for the original text with them.

    Only CRLF and lone CR are rewritten (CRLF loses its CR), so an offset moves left by the
    number of CRs of CRLF pairs before it.
    """

    def __init__(self, text: str) -> None:
        self.removed: list[int] = []
        if "\r" not in text:
            self.text = text
            return
        out: list[str] = []
        i = 0
        n = len(text)
        while i < n:
            j = text.find("\r", i)
            if j < 0:
                out.append(text[i:])
                break
            out.append(text[i:j])
            if j + 1 < n and text[j + 1] == "\n":
                self.removed.append(j)
            else:
                out.append("\n")
            i = j + 1
        self.text = "".join(out)

    def __call__(self, offset: int) -> int:
        if not self.removed or not isinstance(offset, int):
            return offset
        return offset - bisect.bisect_left(self.removed, offset)


def checked_spans(
    raw_spans: list[tuple[Any, Any, Any]], original_length: int, nl: NewlineMap
) -> list[tuple[int, int, str]]:
    """Validate pre-annotations against the text as given, then move them with its newlines.

    Raises ``ValidationError`` naming the span (1-based) and what is wrong.
    """
    out: list[tuple[int, int, str]] = []
    for i, (start, end, label) in enumerate(raw_spans, 1):
        if not isinstance(label, str) or not label.strip():
            raise ValidationError(f"span {i}: label is missing or empty")
        try:
            check_span(start, end, original_length)
        except ValidationError as exc:
            raise ValidationError(f"span {i} ({label}): {exc}") from None
        moved = (nl(start), nl(end))
        if moved[0] == moved[1]:  # nothing left once the CR of a CRLF is dropped
            raise ValidationError(
                f"span {i} ({label}): {start}-{end} is only the CR of a CRLF line break,"
                " which import removes"
            )
        out.append((*moved, label))
    return out


def iter_lines(fh: Any) -> Iterator[tuple[int, bytes, int]]:
    """(line number, raw line without its LF, bytes read so far) for a binary file."""
    done = 0
    for n, raw in enumerate(fh, 1):
        done += len(raw)
        if n == 1 and raw.startswith(BOM.encode()):
            raw = raw[3:]
        yield n, raw.rstrip(b"\n"), done


@dataclass(slots=True, frozen=True)
class Columns:
    """Which columns of a CSV file or SQLite table hold the text, the id and the title."""

    text: str = "text"
    id: str = "id"
    title: str = "title"

    def check(self, header: list[str], where: str) -> None:
        if self.text not in header:
            raise ValidationError(
                f"no text column {self.text!r} in {where} (columns: {', '.join(header)});"
                " name it with --text-column"
            )


def _as_text(value: Any) -> str:
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError("a value is bytes that are not UTF-8 text") from None
    return str(value)


def article_from_row(row: dict[str, Any], cols: Columns, default_id: str) -> ArticleIn:
    """A CSV/SQLite row to an article: named columns to fields, the others to ``meta``."""
    value = row.get(cols.text)
    if value is None:
        raise ValidationError(f"missing text (column {cols.text!r} is empty)")
    text = _as_text(value)
    if not text.strip():
        raise ValidationError(f"text is empty (column {cols.text!r})")
    ext_id = row.get(cols.id)
    ext_id = default_id if ext_id is None or ext_id == "" else _as_text(ext_id)
    title = row.get(cols.title)
    fields = {k: None if row.get(k) in (None, "") else _as_text(row[k]) for k in ARTICLE_FIELDS}
    used = {cols.text, cols.id, cols.title, *ARTICLE_FIELDS}
    meta = {
        k: (v.hex() if isinstance(v, bytes) else v)
        for k, v in row.items()
        if k not in used and v is not None
    }
    return ArticleIn(
        ext_id=ext_id,
        text=NewlineMap(text).text,
        title="" if title is None else _as_text(title),
        meta=meta,
        **fields,
    )
