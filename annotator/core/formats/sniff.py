"""Guessing an input's format from its name and, for ``.txt``, its first lines."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

from annotator.core.errors import ValidationError
from annotator.core.formats.conll import looks_like_conll
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


def sniff(path: Path) -> str:
    """The format of ``path``: a folder is txt files; ``.txt``/``.conll`` are looked into."""
    if path.is_dir():
        return "txt"
    suffix = path.suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    if suffix in (".txt", ".conll", ".iob", ".bio"):
        with path.open("rb") as fh:
            head = [
                raw.decode("utf-8", "replace") for raw in islice(fh, SNIFF_LINES)
            ]
        if looks_like_conll(head):
            return "conll"
        return "conll" if suffix != ".txt" else "txt"
    names = ", ".join(IMPORT_FORMATS[:-1]) + f" or {IMPORT_FORMATS[-1]}"
    raise ValidationError(
        f"{path}: cannot tell the format from the name; give --format ({names})"
    )
