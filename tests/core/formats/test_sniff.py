"""Which JSON format a file is: its name, else its first record (``--format`` overrides).

JSON formats count offsets differently (doccano in UTF-16) and put annotators in
different places, so a doccano, Label Studio or Prodigy file read as plain JSONL would land
its spans on the wrong letters or under the wrong name without a word.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.errors import ValidationError
from annotator.core.formats.sniff import json_kind_of, sniff


@pytest.mark.parametrize(
    "first, kind",
    [
        ('[{"data": {"text": "نص"}}]', "labelstudio"),
        ("[", "labelstudio"),
        ({"data": {"text": "نص"}, "annotations": []}, "labelstudio"),
        ({"text": "نص", "annotation_id": 3, "annotator": 1}, "labelstudio"),
        ({"text": "نص", "_input_hash": 1, "spans": []}, "prodigy"),
        ({"text": "نص", "_session_id": "s"}, "prodigy"),
        ({"text": "نص", "label": [[0, 1, "PERS"]]}, "doccano"),
        ({"text": "نص", "entities": [{"start_offset": 0, "end_offset": 1, "label": "X"}]},
         "doccano"),
        ({"text": "نص", "label": ["سياسة"]}, "jsonl"),  # categories, not spans
        ({"text": "نص", "label": [[0, 1, "PERS"]], "annotator": "salma"}, "jsonl"),
        ({"text": "نص", "spans": []}, "jsonl"),
        ("not json", "jsonl"),
        ("3", "jsonl"),
    ],
)
def test_json_kind_from_the_first_record(first: object, kind: str) -> None:
    line = first if isinstance(first, str) else json.dumps(first, ensure_ascii=False)
    assert json_kind_of(["", "  ", line, "whatever"]) == kind


def test_names_that_say_the_format(tmp_path: Path) -> None:
    for name, kind in [("a.doccano.jsonl", "doccano"), ("a.labelstudio.json", "labelstudio"),
                       ("a.prodigy.jsonl", "prodigy")]:  # fmt: skip
        path = tmp_path / name
        path.write_text('{"text": "نص", "spans": []}\n', encoding="utf-8")
        assert sniff(path) == kind


def test_a_docbin_is_not_an_input(tmp_path: Path) -> None:
    path = tmp_path / "train.spacy"
    path.write_bytes(b"x\x9c")
    with pytest.raises(ValidationError, match="a spaCy DocBin is written by export, not read"):
        sniff(path)
