"""Guessing an input's format from its name and, for ``.txt``, its first lines.

Standard input has no name, so ``sniff_content`` looks at the first lines only, and
only says what it can tell for sure: an SQLite database, JSON objects, CoNLL tag lines.
CSV and plain text look alike, so for them the user gives ``--format``.
"""

from __future__ import annotations

from itertools import islice
from pathlib import Path

from annotator.core.errors import ValidationError
from annotator.core.formats.conll import looks_like_conll
from annotator.core.formats.reading import decoded_lines, decoding_of, readable
from annotator.core.formats.registry import IMPORT_FORMATS

EXTENSIONS = {
    ".jsonl": "jsonl",
    ".json": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".db": "sqlite",
    ".sqlite": "sqlite",
    ".sqlite3": "sqlite",
}
SNIFF_LINES = 200
SQLITE_HEADER = b"SQLite format 3\x00"


def _names() -> str:
    return ", ".join(IMPORT_FORMATS[:-1]) + f" or {IMPORT_FORMATS[-1]}"


def _head(path: Path, encoding: str | None) -> list[str]:
    """The first lines of a text file, decoded as the readers will decode it."""
    lines = decoded_lines(path, decoding_of(path, encoding))
    return [readable(line.text.removesuffix("\n")) for line in islice(lines, SNIFF_LINES)]


def sniff(path: Path, encoding: str | None = None) -> str:
    """The format of ``path``: a folder is txt files; ``.txt``/``.conll`` are looked into."""
    if path.is_dir():
        return "txt"
    suffix = path.suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    if suffix in (".txt", ".conll", ".iob", ".bio"):
        if looks_like_conll(_head(path, encoding)):
            return "conll"
        return "conll" if suffix != ".txt" else "txt"
    raise ValidationError(
        f"{path}: cannot tell the format from the name; give --format ({_names()})"
    )


def sniff_content(path: Path, shown: str, encoding: str | None = None) -> str:
    """The format of a file without a telling name (standard input), from its content.

    ``shown`` is how the messages name the input.
    """
    with path.open("rb") as fh:
        if fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER:
            return "sqlite"
    head = _head(path, encoding)
    first = next((line.strip() for line in head if line.strip()), "")
    if not first:
        raise ValidationError(f"{shown}: no articles (the input is empty)")
    if first.startswith("{"):
        return "jsonl"
    if looks_like_conll(head):
        return "conll"
    raise ValidationError(
        f"{shown}: cannot tell the format of the input; give --format ({_names()})"
    )
