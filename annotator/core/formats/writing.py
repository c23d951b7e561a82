"""The writer interface every format implements, and the tallies they share."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TextIO

from annotator.core.formats.export_records import ExportRecord
from annotator.core.formats.tagging import Alignment, Tokenized, align, tag_names
from annotator.core.model import Article

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
    labels: tuple[str, ...]  # the chosen labels, in the project's order
    include_text: bool = True
    misaligned: str = "error"


class Writer(Protocol):
    def __init__(self, options: Options, tally: Tally) -> None: ...

    def write(self, fh: TextIO, rec: ExportRecord) -> bool:
        """Write one record; False if it was left out (e.g. an article without tokens)."""
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
