"""Plain text: a ``.txt`` file is one article, a folder holds one article per ``.txt`` file.

The file name without ``.txt`` is the article's id. A file is read whole because it is one
article; a folder is walked in name order, one file at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.core.formats.reading import BOM, Invalid, NewlineMap, Record
from annotator.core.model import ArticleIn


def files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".txt")
    return [path]


def total_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in files(path))


def read(path: Path) -> Iterator[Record]:
    done = 0
    for file in files(path):
        data = file.read_bytes()
        done += len(data)
        yield Record(str(file), *_article(file, data), done)


def _article(file: Path, data: bytes) -> tuple[int, ArticleIn | Invalid]:
    """(line to report, the article or why not)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        bad = data[err.start : err.start + 1].hex()
        return line, Invalid(f"not UTF-8 text (byte 0x{bad})")
    if text.startswith(BOM):
        text = text[1:]
    if not text.strip():
        return 1, Invalid("text is empty")
    return 1, ArticleIn(ext_id=file.stem, text=NewlineMap(text).text)
