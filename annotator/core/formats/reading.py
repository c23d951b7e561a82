"""What the readers of every import format share: the record model and input hygiene.

Every reader (``read`` in a format's module, listed in ``registry.py``) is a generator of
``Record``: where the record came from (file, line), how far into its source the reader has
got (for the progress bar), and either an ``ArticleIn`` or an ``Invalid`` saying why the
record cannot be imported. Readers never touch the project; the orchestration
(``import_run.py``) decides about duplicates, labels and batches.

Text files are decoded here, the same way for every text format: a byte-order mark says
UTF-8, UTF-16 or UTF-32 (and is not text); otherwise the file is UTF-8 unless the user named
another encoding (``--encoding``; Arabic Excel writes Windows-1256). Bytes that do not decode
never stop the reading: they become marker characters, so the reader rejects just the line
(or row, or file) that holds them, naming the byte and the encoding that was tried.
"""

from __future__ import annotations

import bisect
import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from annotator.core.errors import ValidationError
from annotator.core.model import ArticleIn

# Article fields a column or key of the same name fills; anything else goes to ``meta``.
ARTICLE_FIELDS = ("source", "url", "author", "published")

#: The encoding of a text file without a byte-order mark, unless ``--encoding`` says another.
DEFAULT_ENCODING = "UTF-8"
#: A decoding error handler: each byte that does not decode becomes U+DC00 + its value.
UNDECODABLE = "annotator-undecodable"
_MARKER = re.compile("[\udc00-\udcff]")
# (byte-order mark, codec, name shown, bytes to skip): UTF-32 first, its LE mark starts
# with UTF-16's; the UTF-16/32 codecs read their mark themselves.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32", 0),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32", 0),
    (codecs.BOM_UTF8, "utf-8", "UTF-8", 3),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16", 0),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16", 0),
)
_HEAD = 4096  # bytes looked at to recognize UTF-16 without a byte-order mark


def _mark_undecodable(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    return "".join(chr(0xDC00 + b) for b in err.object[err.start : err.end]), err.end


codecs.register_error(UNDECODABLE, _mark_undecodable)


def check_encoding(name: str | None) -> str | None:
    """``name`` if Python can decode text with it; ``ValidationError`` in the user's words."""
    if name is None:
        return None
    try:
        "\n".encode(name)  # also refuses codecs that are not text encodings (base64, rot13)
    except LookupError:
        raise ValidationError(
            f"unknown encoding {name!r} (for example utf-8, utf-16 or windows-1256)"
        ) from None
    return name


@dataclass(frozen=True, slots=True)
class Decoding:
    """How a file's bytes become text."""

    codec: str
    name: str  # as the user knows it: "UTF-8", "UTF-16", or what --encoding said
    skip: int = 0  # bytes of a byte-order mark the codec does not skip itself


def decoding_of(path: Path, encoding: str | None) -> Decoding:
    """The decoding of ``path``: its byte-order mark, else ``encoding``, else UTF-8.

    A file without a mark that looks like UTF-16 (a NUL beside most ASCII characters) is
    refused rather than read as UTF-8 text full of NULs.
    """
    with path.open("rb") as fh:
        return decoding_for(fh.read(_HEAD), encoding, str(path))


def decoding_for(head: bytes, encoding: str | None, where: str) -> Decoding:
    """``decoding_of`` for a file that begins with ``head`` (its first 4 KiB or more)."""
    for mark, codec, name, skip in _BOMS:
        if head.startswith(mark):
            return Decoding(codec, name, skip)
    if encoding is not None:
        return Decoding(encoding, encoding)
    if _looks_like_utf16(head[:_HEAD]):
        raise ValidationError(
            f"{where}: looks like UTF-16 text without a byte-order mark; give its encoding"
            " with --encoding utf-16-le (or utf-16-be)"
        )
    return Decoding("utf-8", DEFAULT_ENCODING)


def _looks_like_utf16(head: bytes) -> bool:
    """At least 4 NULs, 5% of the bytes, nearly all on one side of each byte pair.

    UTF-16 puts a NUL beside every ASCII character (spaces, digits, the commas and braces
    of CSV and JSON); UTF-8 text has NULs rarely and not on one side only.
    """
    head = head[: len(head) // 2 * 2]
    nuls = head.count(0)
    if nuls < max(4, len(head) // 20):
        return False
    even = head[0::2].count(0)
    return max(even, nuls - even) >= nuls * 0.9


class Line(NamedTuple):
    number: int
    text: str  # with its LF, if it has one
    done: int  # bytes of the file read so far
    marked: bool  # some bytes did not decode (see ``first_undecodable``)


def decoded_lines(path: Path, dec: Decoding) -> Iterator[Line]:
    """The lines of a text file. Only LF ends a line (CR and U+2028 are left to the readers).

    Bytes that do not decode are marked, and the reading goes on.
    """
    with path.open("rb") as fh:
        fh.seek(dec.skip)
        if "\n".encode(dec.codec) == b"\n":  # UTF-8 and its kin: each 0x0A ends a line
            yield from _ascii_lines(fh, dec)
        else:
            yield from _wide_lines(fh, dec)


def _ascii_lines(fh: BinaryIO, dec: Decoding) -> Iterator[Line]:
    done = dec.skip
    for number, raw in enumerate(fh, 1):
        done += len(raw)
        try:
            yield Line(number, raw.decode(dec.codec), done, False)
        except UnicodeDecodeError:
            yield Line(number, raw.decode(dec.codec, UNDECODABLE), done, True)


def _wide_lines(fh: BinaryIO, dec: Decoding) -> Iterator[Line]:
    """UTF-16 and UTF-32: the 0x0A pieces are fed to a decoder that keeps what spans them."""
    decoder = codecs.getincrementaldecoder(dec.codec)(UNDECODABLE)
    number = 0
    done = dec.skip
    pending = ""
    for raw in fh:
        done += len(raw)
        text = decoder.decode(raw)
        if pending:
            text = pending + text
        start = 0
        while (end := text.find("\n", start)) >= 0:
            number += 1
            line = text[start : end + 1]
            yield Line(number, line, done, _MARKER.search(line) is not None)
            start = end + 1
        pending = text[start:]
    pending += decoder.decode(b"", True)
    if pending:
        yield Line(number + 1, pending, done, _MARKER.search(pending) is not None)


def first_undecodable(text: str) -> tuple[int, int] | None:
    """(index in ``text``, byte value) of the first byte that did not decode, or None."""
    found = _MARKER.search(text)
    if found is None:
        return None
    return found.start(), ord(found.group()) - 0xDC00


def readable(text: str) -> str:
    """``text`` with each byte that did not decode shown as U+FFFD, for the rejects file."""
    return _MARKER.sub("\ufffd", text)


def not_decoded(dec: Decoding, byte: int, where: str = "") -> str:
    """The reason for text that does not decode: the encoding tried and the byte."""
    return f"not {dec.name} text (byte 0x{byte:02x}{where})"


def line_not_decoded(dec: Decoding, line: str) -> str | None:
    """Why a line cannot be read (naming the byte and where it is in the line), or None."""
    found = first_undecodable(line)
    if found is None:
        return None
    index, byte = found
    width = {"utf-16": "utf-16-le", "utf-32": "utf-32-le"}.get(codecs.lookup(dec.codec).name)
    try:
        at = len(line[:index].encode(width or dec.codec)) + 1
    except (UnicodeError, LookupError):  # a stateful codec: leave the place out
        return not_decoded(dec, byte)
    return not_decoded(dec, byte, f" at byte {at} of the line")


@dataclass(slots=True, frozen=True)
class Invalid:
    """A record that cannot be imported: why, and its raw text for the rejects file."""

    reason: str
    raw: str | None = None
    #: The text did not decode: the import's message then suggests ``--encoding``.
    undecodable: bool = False


@dataclass(slots=True, frozen=True)
class Skipped:
    """A record its own file marks as not to be used (Prodigy's ``reject``/``ignore``)."""

    reason: str


@dataclass(frozen=True, slots=True)
class Work:
    """Whose spans a record holds and what it says of the article (None: nothing).

    See ``work.py``: a reader that finds none of it leaves the import's default.
    """

    annotator: str | None = None
    status: str | None = None
    note: str | None = None
    changed_at: str | None = None  # UTC, as the store writes times
    reviewer: str | None = None  # the gold layer's reviewer


NO_WORK = Work()


class Record(NamedTuple):
    file: str
    line: int
    item: ArticleIn | Invalid | Skipped
    done: int  # progress inside the source: bytes read (files) or rows read (tables)
    work: Work = NO_WORK


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


def json_kind(value: Any) -> str:
    """What a JSON value is, in words (never a Python type name)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"


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
