"""JSON objects one by one from a JSON array (``[{...}, {...}]``) or from JSON Lines.

Label Studio exports a project as one JSON array, pretty-printed or on a single line, and
a large project's array does not fit in memory twice; ``objects`` decodes the file in
chunks and hands out each element of the array as soon as it is whole, with the line it
starts on (for ``file:line`` messages) and how far into the file the reading has got (for
the progress bar). The file is decoded as every text input is (``reading.decoding_of``: a
byte-order mark, else ``--encoding``, else UTF-8); bytes that do not decode make the
object that holds them a bad record.

A file whose first character is not ``[`` is read as JSON Lines, one object a line. A
broken array cannot be read past the break (where the next element starts is not known):
the reading stops there with one bad record saying where.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.formats.reading import (
    UNDECODABLE,
    decoded_lines,
    decoding_of,
    first_undecodable,
    json_kind,
    line_not_decoded,
    not_decoded,
    readable,
)

CHUNK = 1 << 20
_DECODER = json.JSONDecoder()
_SPACE = " \t\r\n"


@dataclass(frozen=True, slots=True)
class Item:
    """One element: the object (or why it is not one), its line, its raw text."""

    line: int
    value: dict[str, Any] | None
    problem: str | None
    raw: str
    done: int  # bytes of the file read so far
    undecodable: bool = False
    broken: bool = False  # the array cannot be read past it


def starts_with_bracket(path: Path, encoding: str | None) -> bool:
    """True if the first character that is not white space is ``[`` (a JSON array)."""
    for line in decoded_lines(path, decoding_of(path, encoding)):
        stripped = line.text.lstrip(_SPACE + "\ufeff")
        if stripped:
            return stripped.startswith("[")
    return False


def objects(path: Path, encoding: str | None) -> Iterator[Item]:
    """Each object of the array in ``path``, or of each line if it holds JSON Lines."""
    if starts_with_bracket(path, encoding):
        yield from _array(path, encoding)
    else:
        yield from _lines(path, encoding)


def _lines(path: Path, encoding: str | None) -> Iterator[Item]:
    dec = decoding_of(path, encoding)
    for line_no, text, done, marked in decoded_lines(path, dec):
        line = text.removesuffix("\n")
        bad = line_not_decoded(dec, line) if marked else None
        if bad is not None:
            yield Item(line_no, None, bad, readable(line), done, undecodable=True)
        elif line.strip():
            value, problem = _load(line)
            yield Item(line_no, value, problem, line, done)


def _load(text: str) -> tuple[dict[str, Any] | None, str | None]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, f"malformed JSON: {exc.msg} (column {exc.colno})"
    except (RecursionError, ValueError):
        return None, "malformed JSON: nested too deeply or a number too long"
    if not isinstance(obj, dict):
        return None, f"expected a JSON object, got {json_kind(obj)}"
    return obj, None


class _Buffer:
    """Decoded text of the file, read in chunks as the parsing needs it."""

    def __init__(self, path: Path, encoding: str | None) -> None:
        self.dec = decoding_of(path, encoding)
        self.fh = path.open("rb")
        self.fh.seek(self.dec.skip)
        self.decoder = codecs.getincrementaldecoder(self.dec.codec)(UNDECODABLE)
        self.text = ""
        self.pos = 0  # where the parsing is in ``text``
        self.line = 1  # the line of ``text[pos]``
        self.done = self.dec.skip
        self.eof = False

    def more(self) -> bool:
        """Read the next chunk; False at the end of the file."""
        if self.eof:
            return False
        raw = self.fh.read(CHUNK)
        self.done += len(raw)
        if not raw:
            self.eof = True
            self.text = self.text[self.pos :] + self.decoder.decode(b"", True)
        else:
            self.text = self.text[self.pos :] + self.decoder.decode(raw)
        self.pos = 0
        return True

    def skip_space(self) -> str:
        """The next character that is not white space ("" at the end of the file)."""
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in _SPACE:
                if self.text[self.pos] == "\n":
                    self.line += 1
                self.pos += 1
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more():
                return ""

    def advance(self, end: int) -> str:
        taken = self.text[self.pos : end]
        self.line += taken.count("\n")
        self.pos = end
        return taken

    def close(self) -> None:
        self.fh.close()


def _array(path: Path, encoding: str | None) -> Iterator[Item]:
    buf = _Buffer(path, encoding)
    try:
        buf.skip_space()
        buf.advance(buf.pos + 1)  # the "["
        first = True
        while True:
            ch = buf.skip_space()
            if ch == "]":
                return
            if not first:
                if ch != ",":
                    yield _broken(buf, "expected , or ] between the elements of the array")
                    return
                buf.advance(buf.pos + 1)
                ch = buf.skip_space()
            if ch == "":
                yield _broken(buf, "the array is not closed with ]")
                return
            first = False
            item = _element(buf)
            yield item
            if item.broken:
                return  # where the next element starts is not known
    finally:
        buf.close()


def _element(buf: _Buffer) -> Item:
    line = buf.line
    while True:
        try:
            value, end = _DECODER.raw_decode(buf.text, buf.pos)
        except json.JSONDecodeError as exc:
            # Cut short by the end of the chunk (a string not closed yet, an error at the
            # very end): the element goes on in the next chunk. Anything else is broken.
            cut = exc.msg.startswith("Unterminated string") or exc.pos >= len(buf.text) - 8
            if cut and buf.more():
                continue
            return _broken(buf, f"malformed JSON: {exc.msg}", exc.pos)
        except (RecursionError, ValueError):
            return _broken(buf, "malformed JSON: nested too deeply or a number too long")
        raw = buf.advance(end)
        found = first_undecodable(raw)
        if found is not None:
            problem = not_decoded(buf.dec, found[1])
            return Item(line, None, problem, readable(raw), buf.done, undecodable=True)
        if not isinstance(value, dict):
            return Item(line, None, f"expected a JSON object, got {json_kind(value)}", raw,
                        buf.done)  # fmt: skip
        return Item(line, value, None, raw, buf.done)


def _broken(buf: _Buffer, reason: str, at: int | None = None) -> Item:
    """The element at ``buf.pos`` cannot be read (the error is at ``at``, if known)."""
    where = buf.line + (buf.text.count("\n", buf.pos, at) if at is not None else 0)
    rest = buf.text[buf.pos : buf.pos + 200]
    return Item(buf.line, None, f"{reason} at line {where}; the file cannot be read past it",
                readable(rest), buf.done, broken=True)  # fmt: skip
