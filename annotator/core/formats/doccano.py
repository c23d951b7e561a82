"""doccano sequence labeling JSONL: ``{"id", "text", "label": [[start, end, label], ...]}``.

Writing: one record per (article, annotator) in that shape. Reading (``--format doccano``)
is the jsonl reader, which asks ``raw_spans`` here for the two shapes doccano writes: its
JSONL export (``"label": [[0, 4, "PERS"]]``) and its entities form (``"entities":
[{"start_offset": 0, "end_offset": 4, "label": "PERS"}]``).

doccano counts offsets in UTF-16 code units, as JavaScript does (doccano issue #2290): an
emoji outside the Basic Multilingual Plane takes two. Both directions therefore default to
``utf16`` here and convert (``spans_in.py`` reading, ``writing.span_offsets`` writing), so
a doccano file of the sample article lands on the same letters in both programs;
``--offsets codepoints`` reads or writes Python's code points instead.
"""

from __future__ import annotations

from typing import Any, TextIO

from annotator.core.errors import ValidationError
from annotator.core.formats.export_records import ExportRecord
from annotator.core.formats.writing import Options, Tally, span_offsets, write_json_line

#: The keys that hold doccano's spans (``label`` may also hold document categories).
SPAN_KEYS = ("label", "entities")


def raw_spans(obj: dict[str, Any]) -> list[tuple[Any, Any, Any]]:
    """A record's doccano spans as (start, end, label), not yet validated."""
    out: list[tuple[Any, Any, Any]] = []
    label = obj.get("label")
    if label is not None:
        if not isinstance(label, list):
            raise ValidationError('"label" must be a list of [start, end, label]')
        if not all(isinstance(x, str) for x in label):
            for i, sp in enumerate(label, 1):
                if not isinstance(sp, list | tuple) or len(sp) != 3:
                    raise ValidationError(f'"label" item {i}: expected [start, end, label]')
                out.append((sp[0], sp[1], sp[2]))
    entities = obj.get("entities")
    if entities is not None:
        if not isinstance(entities, list):
            raise ValidationError('"entities" must be a list of {start_offset, end_offset, label}')
        for i, sp in enumerate(entities, 1):
            if not isinstance(sp, dict) or not {"start_offset", "end_offset", "label"} <= sp.keys():
                raise ValidationError(
                    f'"entities" item {i}: expected {{start_offset, end_offset, label}}'
                )
            out.append((sp["start_offset"], sp["end_offset"], sp["label"]))
    return out


# -- writing ---------------------------------------------------------------------------


class DoccanoWriter:
    def __init__(self, options: Options, tally: Tally) -> None:
        self.unit = options.offsets
        self.tally = tally

    def write(self, fh: TextIO, rec: ExportRecord) -> bool:
        record = {
            "id": rec.article.ext_id,
            "text": rec.article.text,
            "label": [[s, e, lab] for s, e, lab, _t in span_offsets(rec, self.unit)],
        }
        write_json_line(fh, record)
        self.tally.spans += len(rec.spans)
        return True

    def finish(self, fh: TextIO) -> None:
        """JSON Lines has no end to write."""

    def side_files(self) -> dict[str, str]:
        return {}
