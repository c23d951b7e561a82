"""Guessing an input's format from its name and, for text, its first lines.

``.txt`` may be CoNLL; a JSON file (``.json``, ``.jsonl``) may be any of the JSON formats,
told apart by its first record, because their offsets and fields differ and reading one as
another puts spans on the wrong letters silently: a JSON array is Label Studio's export, a
record with ``data`` and ``annotations`` (or JSON-MIN's ``annotation_id``) too; one with
Prodigy's ``_input_hash`` / ``_annotator_id`` is Prodigy; one with doccano's ``label``
or ``entities`` spans and neither ``spans`` nor ``annotator`` is doccano (UTF-16
offsets); anything else is JSONL. ``--format`` overrides the guess.

Standard input has no name, so ``sniff_content`` looks at the first lines only, and
only says what it can tell for sure: an SQLite database, JSON, CoNLL tag lines.
CSV and plain text look alike, so for them the user gives ``--format``.
"""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.formats.conll import looks_like_conll
from annotator.core.formats.prodigy import looks_like_prodigy
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
#: Endings that name the format outright (what ``annotator export`` proposes).
NAMED = {
    ".doccano.jsonl": "doccano",
    ".labelstudio.json": "labelstudio",
    ".prodigy.jsonl": "prodigy",
}
JSON_FORMATS = ("jsonl", "doccano", "labelstudio", "prodigy")
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
    lower = path.name.lower()
    for ending, fmt in NAMED.items():
        if lower.endswith(ending):
            return fmt
    suffix = path.suffix.lower()
    if suffix == ".spacy":
        raise ValidationError(
            f"{path}: a spaCy DocBin is written by export, not read by import; import the"
            " JSONL or CoNLL it was made from"
        )
    if suffix in EXTENSIONS:
        kind = EXTENSIONS[suffix]
        return json_kind_of(_head(path, encoding)) if kind == "jsonl" else kind
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
    if first.startswith(("{", "[")):
        return json_kind_of(head)
    if looks_like_conll(head):
        return "conll"
    raise ValidationError(
        f"{shown}: cannot tell the format of the input; give --format ({_names()})"
    )


def json_kind_of(head: list[str]) -> str:
    """Which JSON format a file is, from its first lines (see the module docstring)."""
    first = next((line.strip() for line in head if line.strip()), "").lstrip("\ufeff")
    if first.startswith("["):
        return "labelstudio"
    try:
        obj = json.loads(first)
    except ValueError:
        return "jsonl"  # the reader says what is wrong with it
    if not isinstance(obj, dict):
        return "jsonl"
    if ("data" in obj and any(k in obj for k in ("annotations", "predictions", "completions"))
            or "annotation_id" in obj):  # fmt: skip
        return "labelstudio"
    if looks_like_prodigy(obj):
        return "prodigy"
    if "spans" not in obj and "annotator" not in obj and _doccano_spans(obj):
        return "doccano"
    return "jsonl"


def _doccano_spans(obj: dict[str, Any]) -> bool:
    label, entities = obj.get("label"), obj.get("entities")
    return (isinstance(label, list) and any(isinstance(x, list) for x in label)) or (
        isinstance(entities, list)
        and any(isinstance(x, dict) and "start_offset" in x for x in entities)
    )
