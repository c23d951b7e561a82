"""Nested CoNLL (as in Wojood), both ways: a token, then one IOB2 tag per nesting layer.

Reading: a blank line ends a sentence. The text is rebuilt by joining tokens with single
spaces and sentences with a newline; ``sentences_per_article`` sentences make one article,
whose id is the file stem, a dash and a running number. A ``# id = X`` line (as
``annotator export`` writes) starts an article with id X that runs to the next such line;
other ``# key = value`` lines are skipped. ``$#$`` segment markers and ``-DOCSTART-`` lines
are not text and are dropped. Every entity of every layer (tag column) becomes a span; an
``I-`` tag that does not continue a span of its type opens one, as is common in practice.

Writing, ``style="wojood"``: each record starts with ``# id = <article id>`` and
``# annotator = <name>`` (left out with ``comments=False``, for readers that take every
line for a token); each line of the article text is a sentence, followed by a blank line.
Each token line has one tag column per nesting layer it is in, as the Wojood files have:
column 1 holds the outermost spans, and the trailing ``O`` columns are left off (at least
one tag). ``style="plain"``: the token and the outer layer's tag, nothing else, which
``spacy convert --converter ner`` and the ArabicNER reader load. Tags are ``B-``/``I-`` plus
the label with white space turned into ``_``. A ``#`` token is written ``# O``, which a
reader tells from the header lines because ``O`` is not ``=``. Tokens are those of
``tagging.py``: every character of the text but white space is in one of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from annotator.core.errors import ValidationError
from annotator.core.formats.export_records import ExportRecord
from annotator.core.formats.reading import (
    Invalid,
    Record,
    decoded_lines,
    decoding_of,
    line_not_decoded,
    readable,
)
from annotator.core.formats.tagging import iob_columns, layers
from annotator.core.formats.writing import Options, Tally, TokenWriter
from annotator.core.labels import check_label_name
from annotator.core.model import ArticleIn

MARKERS = {"$#$", "-DOCSTART-"}
TAG = re.compile(r"O|[BI]-\S+")
# "# id = test-1", as ``annotator export --format conll`` writes before each article
COMMENT = re.compile(r"#\s*([\w.-]+)\s*=(.*)")

Token = tuple[str, list[str]]


@dataclass
class _Group:
    """The sentences of one article being read, and the first problem met in them."""

    first_line: int = 0
    sentences: list[list[Token]] = field(default_factory=list)
    raw: list[str] = field(default_factory=list)
    bad: tuple[int, str] | None = None
    undecodable: bool = False  # the first problem is text that does not decode
    ext_id: str | None = None  # from a "# id = ..." line


@dataclass(slots=True)
class _Open:
    label: str
    start: int
    end: int

    def span(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.label)


def looks_like_conll(lines: list[str]) -> bool:
    """True if every non-blank line is a token followed by one or more IOB2 tags."""
    seen = False
    for line in lines:
        parts = line.split()
        if not parts or COMMENT.fullmatch(line.strip()):
            continue
        if len(parts) < 2 or not all(TAG.fullmatch(t) for t in parts[1:]):
            return False
        seen = True
    return seen


def read(
    path: Path, sentences_per_article: int = 20, encoding: str | None = None
) -> Iterator[Record]:
    name = str(path)
    number = 0
    group = _Group()
    sentence: list[Token] = []

    def end_sentence() -> None:
        nonlocal sentence
        if any(tok not in MARKERS for tok, _ in sentence):
            group.sentences.append(sentence)
            group.raw.append("")
        sentence = []

    def finish_group(done: int) -> Record:
        nonlocal number, group
        number += 1
        item: ArticleIn | Invalid
        if group.bad is not None:
            line, reason = group.bad
            item = Invalid(reason, "\n".join(group.raw), undecodable=group.undecodable)
        else:
            line = group.first_line
            item = build_article(group.ext_id or f"{path.stem}-{number}", group.sentences)
        group = _Group()
        return Record(name, line, item, done)

    dec = decoding_of(path, encoding)
    for line_no, text, done, marked in decoded_lines(path, dec):
        line = text.removesuffix("\n")
        undecodable = line_not_decoded(dec, line) if marked else None
        if undecodable is not None:
            line = readable(line)
            if group.bad is None:
                group.bad, group.undecodable = (line_no, undecodable), True
        comment = COMMENT.fullmatch(line.strip())
        if comment:
            if comment[1] == "id":  # an exported article: its own id and sentences
                end_sentence()
                if group.sentences or group.bad:
                    yield finish_group(done)
                group.ext_id, group.first_line = comment[2].strip(), line_no
            continue
        parts = line.split()
        if parts:
            if not group.first_line:
                group.first_line = line_no
            group.raw.append(line)
            if group.bad is None:
                problem = _line_problem(parts)
                if problem is not None:
                    group.bad = (line_no, problem)
            sentence.append((parts[0], parts[1:]))
            continue
        end_sentence()  # a blank line ends the sentence
        if group.ext_id is None and len(group.sentences) >= sentences_per_article:
            yield finish_group(done)
    end_sentence()
    if group.sentences or group.bad:
        yield finish_group(done)


def _line_problem(parts: list[str]) -> str | None:
    """Why a token line cannot be read: no tag, a tag that is not IOB2, a bad label name."""
    if len(parts) < 2:
        return "expected a token and its IOB2 tag(s)"
    for tag in parts[1:]:
        if not TAG.fullmatch(tag):
            return f"{tag!r} is not an IOB2 tag (O, B-TYPE or I-TYPE)"
        if tag != "O":
            try:
                check_label_name(tag[2:])
            except ValidationError as exc:
                return f"tag {tag!r}: {exc}"
    return None


def build_article(ext_id: str, sentences: list[list[Token]]) -> ArticleIn:
    """Join tokens and sentences into text and turn each tag column's entities into spans."""
    parts: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = 0
    for si, sentence in enumerate(sentences):
        if si:
            parts.append("\n")
            pos += 1
        open_: dict[int, _Open] = {}  # tag column -> the span it has open

        first = True
        for token, tags in sentence:
            if token in MARKERS:
                for col in list(open_):
                    spans.append(open_.pop(col).span())
                continue
            if not first:
                parts.append(" ")
                pos += 1
            first = False
            start, end = pos, pos + len(token)
            parts.append(token)
            pos = end
            for col in range(max(len(tags), max(open_, default=-1) + 1)):
                tag = tags[col] if col < len(tags) else "O"
                current = open_.get(col)
                if tag == "O":
                    if current is not None:
                        spans.append(open_.pop(col).span())
                elif tag[0] == "B" or current is None or current.label != tag[2:]:
                    if current is not None:
                        spans.append(open_.pop(col).span())
                    open_[col] = _Open(tag[2:], start, end)
                else:
                    current.end = end
        spans.extend(o.span() for o in open_.values())
    spans.sort()
    return ArticleIn(ext_id=ext_id, text="".join(parts), spans=spans)


# -- writing ----------------------------------------------------------------------


def header(ext_id: str, annotator: str) -> str:
    # Ids and names are written on one line each: line breaks inside them become spaces.
    return (
        f"# id = {' '.join(ext_id.split())}\n# annotator = {' '.join(annotator.split())}\n"
    )


STYLES = ("wojood", "plain")


class ConllWriter(TokenWriter):
    def __init__(self, options: Options, tally: Tally) -> None:
        super().__init__(options, tally)
        self.plain = options.style == "plain"
        self.comments = options.comments and not self.plain

    def write(self, fh: TextIO, rec: ExportRecord) -> bool:
        art = rec.article
        found = self.aligned(rec)
        if found is None:
            return False
        tok, aligned = found
        layered = layers(aligned.spans)
        if self.plain:
            self.tally.spans += len(layered[0]) if layered else 0
            self.tally.dropped_nested += sum(len(layer) for layer in layered[1:])
            layered = layered[:1]
        else:
            self.tally.spans += len(aligned.spans)
        cols = iob_columns(len(tok.tokens), layered, self.tags)
        out = [header(art.ext_id, rec.annotator)] if self.comments else []
        for sentence in tok.sentences():
            for i in sentence:
                tags = [c[i] for c in cols]
                while len(tags) > 1 and tags[-1] == "O":
                    tags.pop()
                out.append(" ".join([tok.tokens[i], *tags]))
                out.append("\n")
            out.append("\n")
        fh.write("".join(out))
        return True

    def side_files(self) -> dict[str, str]:
        return {}
