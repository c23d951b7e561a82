"""Hugging Face token classification: ``{"id", "article", "annotator", "tokens", "ner_tags"}``.

One row per (article, annotator) by default, the article's tokens in order (the tokens of
``tagging.py``); ``unit="sentence"`` makes one row per sentence (a line of the text, as
the CoNLL export splits), and ``max_tokens`` cuts longer rows, never inside a span: a
model's input length is a hard limit. A row's ``id`` is the article's id, or
``<article id>#<n>`` when the article gives several rows; ``article`` and ``annotator``
say where it came from, so two annotators' rows of one article are told apart.

The label map is written beside the output under the output's own name plus
``.labels.json`` (``train.jsonl`` -> ``train.jsonl.labels.json``), so two exports in one
folder never share (and silently change) each other's map. It holds ``id2label``
(``{"0": "O", "1": "B-PERS", "2": "I-PERS", ...}``) and ``label2id``, in the project's
label order, so the numbers stay the same from one export to the next. Flat tags cannot
nest: only the outermost layer is kept and the inner spans counted.
"""

from __future__ import annotations

from typing import TextIO

from annotator.core.formats.export_checks import ExportError
from annotator.core.formats.export_records import ExportRecord
from annotator.core.formats.tagging import Tokenized, layers
from annotator.core.formats.writing import (
    Options,
    Tally,
    TokenWriter,
    side_file_json,
    write_json_line,
)

#: What the label map's name adds to the output's name.
LABELS_SUFFIX = ".labels.json"
UNITS = ("article", "sentence")


def id2label(tags: dict[str, str]) -> dict[str, str]:
    names = ["O"]
    for tag in tags.values():
        names += ["B-" + tag, "I-" + tag]
    return {str(i): name for i, name in enumerate(names)}


def label_map(tags: dict[str, str]) -> str:
    """The label map file's text: the export's mark, ``id2label`` and ``label2id``
    (the two fields of a Hugging Face model config)."""
    numbers = id2label(tags)
    return side_file_json(
        {"id2label": numbers, "label2id": {name: int(i) for i, name in numbers.items()}}
    )


def pieces(tags: list[int], rows: list[range], max_tokens: int | None) -> list[range]:
    """``rows`` cut to at most ``max_tokens`` tokens each, never before an ``I-`` tag.

    ``I-`` tags are the even numbers above 0 (``B-`` of a label is odd, its ``I-`` the
    next number). Raises ``ValueError`` with the first token of a span too long to fit.
    """
    if max_tokens is None:
        return rows
    out: list[range] = []
    for row in rows:
        start = row.start
        while row.stop - start > max_tokens:
            cut = start + max_tokens
            while cut > start and tags[cut] and tags[cut] % 2 == 0:
                cut -= 1
            if cut == start:
                raise ValueError(start)
            out.append(range(start, cut))
            start = cut
        out.append(range(start, row.stop))
    return out


class HfWriter(TokenWriter):
    def __init__(self, options: Options, tally: Tally) -> None:
        super().__init__(options, tally)
        self.numbers = {label: 1 + 2 * i for i, label in enumerate(self.tags)}  # B-; I- is +1
        self.unit = options.unit
        self.max_tokens = options.max_tokens

    def write(self, fh: TextIO, rec: ExportRecord) -> bool:
        art = rec.article
        found = self.aligned(rec)
        if found is None:
            return False
        tok, aligned = found
        layered = layers(aligned.spans)
        outer = layered[0] if layered else []
        self.tally.spans += len(outer)
        self.tally.dropped_nested += len(aligned.spans) - len(outer)
        tags = [0] * len(tok.tokens)
        for first, last, label in outer:
            b = self.numbers[label]
            tags[first] = b
            for i in range(first + 1, last + 1):
                tags[i] = b + 1
        rows = self._rows(rec, tok, tags)
        for n, row in enumerate(rows, 1):
            write_json_line(
                fh,
                {
                    "id": art.ext_id if len(rows) == 1 else f"{art.ext_id}#{n}",
                    "article": art.ext_id,
                    "annotator": rec.annotator,
                    "tokens": tok.tokens[row.start : row.stop],
                    "ner_tags": tags[row.start : row.stop],
                },
            )
        return True

    def _rows(self, rec: ExportRecord, tok: Tokenized, tags: list[int]) -> list[range]:
        rows = tok.sentences() if self.unit == "sentence" else [range(len(tok.tokens))]
        try:
            return pieces(tags, rows, self.max_tokens)
        except ValueError as exc:
            first = exc.args[0]
            last = first
            while last + 1 < len(tags) and tags[last + 1] == tags[first] + 1:
                last += 1
            words = " ".join(tok.tokens[first : last + 1])
            raise ExportError(
                f'article {rec.article.ext_id}: the span "{words}" has {last - first + 1}'
                f" tokens, more than --max-tokens {self.max_tokens}; raise --max-tokens"
            ) from None

    def side_files(self) -> dict[str, str]:
        return {LABELS_SUFFIX: label_map(self.tags)}
