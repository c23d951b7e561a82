"""Hugging Face token classification: ``{"id", "tokens", "ner_tags"}`` with integer tags.

One record per (article, annotator), tokens of the whole article in order. The label map
is written beside the output under the output's own name plus ``.labels.json``
(``train.jsonl`` -> ``train.jsonl.labels.json``), so two exports in one folder never share
(and silently change) each other's map. It holds ``id2label`` (``{"0": "O", "1":
"B-PERS", "2": "I-PERS", ...}``) and ``label2id``, in the project's label order, so the
numbers stay the same from one export to the next. Flat tags cannot nest: only the
outermost layer is kept and the inner spans counted.
"""

from __future__ import annotations

from typing import TextIO

from annotator.core.formats.export_records import ExportRecord
from annotator.core.formats.tagging import layers
from annotator.core.formats.writing import (
    Options,
    Tally,
    TokenWriter,
    side_file_json,
    write_json_line,
)

#: What the label map's name adds to the output's name.
LABELS_SUFFIX = ".labels.json"


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


class HfWriter(TokenWriter):
    def __init__(self, options: Options, tally: Tally) -> None:
        super().__init__(options, tally)
        self.numbers = {label: 1 + 2 * i for i, label in enumerate(self.tags)}  # B-; I- is +1

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
        write_json_line(fh, {"id": art.ext_id, "tokens": tok.tokens, "ner_tags": tags})
        return True

    def side_files(self) -> dict[str, str]:
        return {LABELS_SUFFIX: label_map(self.tags)}
