"""The writer interface every format implements, and the tallies they share."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TextIO

from annotator.core.formats.export_checks import SpanOut
from annotator.core.formats.export_records import ExportRecord
from annotator.core.formats.spans_in import CODEPOINTS, UTF16
from annotator.core.formats.tagging import Alignment, Tokenized, align, tag_names
from annotator.core.model import Article
from annotator.core.text.offsets import Utf16Index

_dumps = json.JSONEncoder(ensure_ascii=False).encode

#: The key and value every side file (a JSON object) carries first, so that an export
#: replaces only side files an export wrote, never a user's file of the same name.
MARK_KEY = "written_by"
MARK_VALUE = "annotator export"
#: A side file larger than this is not one an export wrote (label maps are small).
MAX_SIDE_BYTES = 1 << 20


def write_json_line(fh: TextIO, record: dict[str, Any]) -> None:
    """One JSON Lines record, Arabic as itself (not ``\\u`` escapes)."""
    fh.write(_dumps(record))
    fh.write("\n")


def span_offsets(rec: ExportRecord, unit: str) -> list[SpanOut]:
    """The record's spans with offsets in ``unit`` (UTF-16 code units for doccano)."""
    if unit != UTF16 or not rec.spans:
        return rec.spans
    index = Utf16Index(rec.article.text)
    if index.length_utf16 == index.length_cp:  # nothing outside the BMP: the same numbers
        return rec.spans
    return [(index.to_utf16(s), index.to_utf16(e), lab, t) for s, e, lab, t in rec.spans]


@dataclass(slots=True)
class Tally:
    """What the writers did beyond writing: filled in as records go out."""

    spans: int = 0
    skipped_spans: list[str] = field(default_factory=list)
    misaligned: list[str] = field(default_factory=list)
    skipped_articles: list[str] = field(default_factory=list)
    dropped_nested: int = 0
    expanded: int = 0


@dataclass(frozen=True, slots=True)
class Options:
    """The export's choices; each writer reads those that apply to its format."""

    labels: tuple[str, ...]  # the chosen labels, in the project's order
    include_text: bool = True
    misaligned: str = "error"
    offsets: str = CODEPOINTS  # jsonl, doccano, labelstudio, prodigy: the offsets' unit
    span_key: str = "sc"  # spacy: the doc.spans key holding every span
    unit: str = "article"  # hf: one row per article or per sentence
    max_tokens: int | None = None  # hf: rows cut to at most this many tokens
    style: str = "wojood"  # conll: nested columns, or plain (token and outer tag)
    comments: bool = True  # conll wojood: the "# id =" and "# annotator =" lines


class Writer(Protocol):
    def __init__(self, options: Options, tally: Tally) -> None: ...

    def write(self, fh: TextIO, rec: ExportRecord) -> bool:
        """Write one record; False if it was left out (e.g. an article without tokens)."""
        ...

    def finish(self, fh: TextIO) -> None:
        """Write what can only be written at the end (a closing bracket, a spaCy DocBin)."""
        ...

    def side_files(self) -> dict[str, str]:
        """Name ending -> content of the files written beside the output (for hf,
        ``.labels.json``: ``train.jsonl`` gets ``train.jsonl.labels.json``); each is a
        JSON object made by ``side_file_json``."""
        ...


class TokenWriter:
    """What the token formats (conll, hf) share: tokenize, align spans, tally the result."""

    def __init__(self, options: Options, tally: Tally) -> None:
        self.tags = tag_names(options.labels)
        self.mode = options.misaligned
        self.tally = tally
        # Records of one article (one per annotator) come in a row: tokenize it once.
        self._last: tuple[int, Tokenized] | None = None

    def tokens(self, art: Article) -> Tokenized:
        if self._last is None or self._last[0] != art.id:
            self._last = (art.id, Tokenized.of(art.text))
        return self._last[1]

    def aligned(self, rec: ExportRecord) -> tuple[Tokenized, Alignment] | None:
        """The record's tokens and token-aligned spans; None (tallied) if it has no words."""
        art = rec.article
        tok = self.tokens(art)
        if not tok.tokens:
            self.tally.skipped_articles.append(f"article {art.ext_id}: no words to tag")
            return None
        alignment = align(art.ext_id, tok, rec.spans, self.mode)
        self.tally.skipped_spans.extend(alignment.skipped)
        self.tally.misaligned.extend(alignment.misaligned)
        self.tally.expanded += alignment.expanded
        return tok, alignment

    def finish(self, fh: TextIO) -> None:
        """Nothing is written at the end of a token format."""


def side_file_json(content: dict[str, Any]) -> str:
    """A side file's text: the export's mark first, then ``content``."""
    marked = {MARK_KEY: MARK_VALUE, **content}
    return json.dumps(marked, ensure_ascii=False, indent=2) + "\n"


def written_by_export(path: Path) -> bool:
    """True if the file at ``path`` is a side file an export wrote (it carries the mark).

    Anything else (a label set for ``init --labels``, a user's notes, a file that cannot
    be read) is not the export's to replace.
    """
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_SIDE_BYTES + 1)
        if len(data) > MAX_SIDE_BYTES:
            return False
        content = json.loads(data.decode("utf-8"))
    except (OSError, ValueError):  # ValueError: not UTF-8, not JSON
        return False
    return isinstance(content, dict) and content.get(MARK_KEY) == MARK_VALUE
