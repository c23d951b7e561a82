"""Plain text: a ``.txt`` file is one article, a folder holds one article per ``.txt`` file.

The file name without ``.txt`` is the article's id. A file is read whole because it is one
article; a folder is walked in name order, one file at a time. Each file is decoded as every
text input is (``reading.decoding_of``): its byte-order mark, else ``--encoding``, else UTF-8.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path

from annotator.core.formats.reading import (
    UNDECODABLE,
    Invalid,
    NewlineMap,
    Record,
    decoding_for,
    first_undecodable,
    not_decoded,
    readable,
)
from annotator.core.model import ArticleIn


def files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".txt")
    return [path]


def total_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in files(path))


def read(path: Path, encoding: str | None = None) -> Iterator[Record]:
    done = 0
    for file in files(path):
        data = file.read_bytes()
        done += len(data)
        yield Record(str(file), *_article(file, data, encoding), done)


def _article(file: Path, data: bytes, encoding: str | None) -> tuple[int, ArticleIn | Invalid]:
    """(line to report, the article or why not)."""
    dec = decoding_for(data, encoding, str(file))
    text = codecs.decode(data[dec.skip :], dec.codec, UNDECODABLE)
    found = first_undecodable(text)
    if found is not None:
        line = text.count("\n", 0, found[0]) + 1
        reason = not_decoded(dec, found[1])
        return line, Invalid(reason, readable(text), undecodable=True)
    if not text.strip():
        return 1, Invalid("text is empty")
    return 1, ArticleIn(ext_id=file.stem, text=NewlineMap(text).text)
