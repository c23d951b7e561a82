"""JSONL reader: fields, meta, and the three pre-annotation shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.errors import ValidationError
from annotator.core.formats import jsonl
from annotator.core.formats.jsonl import parse_record
from annotator.core.formats.reading import Invalid

TEXT = "شاركت السفيرة نائلة جبر في فيينا"
NAME = (TEXT.index("نائلة"), TEXT.index("نائلة") + len("نائلة جبر"))
CITY = (TEXT.index("فيينا"), len(TEXT))


@pytest.mark.parametrize(
    "shape",
    [
        {"spans": [{"start": NAME[0], "end": NAME[1], "label": "PERS", "token_start": 2},
                   {"start": CITY[0], "end": CITY[1], "label": "GPE"}]},
        {"label": [[NAME[0], NAME[1], "PERS"], [CITY[0], CITY[1], "GPE"]]},
        {"entities": [{"id": 1, "start_offset": NAME[0], "end_offset": NAME[1], "label": "PERS"},
                      {"id": 2, "start_offset": CITY[0], "end_offset": CITY[1], "label": "GPE"}]},
    ],
    ids=["prodigy", "doccano-label", "doccano-entities"],
)
def test_three_span_shapes(shape: dict[str, object]) -> None:
    art = parse_record(json.dumps({"id": 7, "text": TEXT, **shape}), "f-1")
    assert art.ext_id == "7"
    assert [(TEXT[s:e], lab) for s, e, lab in art.spans] == [("نائلة جبر", "PERS"),
                                                              ("فيينا", "GPE")]
    assert art.meta == {}


def test_fields_and_meta() -> None:
    art = parse_record(json.dumps({
        "text": TEXT, "title": "عنوان", "author": "شيماء سليمان", "url": "https://x.eg/1",
        "published": "2024-06-01", "source": "site", "meta": {"section": "أخبار"},
        "views": 12,
    }), "news-4")
    assert (art.ext_id, art.title, art.author, art.url, art.published, art.source) == (
        "news-4", "عنوان", "شيماء سليمان", "https://x.eg/1", "2024-06-01", "site")
    assert art.meta == {"views": 12, "section": "أخبار"}


def test_exported_annotator_and_status_are_not_meta() -> None:
    rec = {"id": "a", "text": TEXT, "annotator": "salma", "status": "done", "meta": {}}
    assert parse_record(json.dumps(rec), "f-1").meta == {}


def test_doccano_document_categories_go_to_meta() -> None:
    art = parse_record(json.dumps({"text": TEXT, "label": ["سياسة"]}), "f-1")
    assert art.spans == [] and art.meta == {"label": ["سياسة"]}


@pytest.mark.parametrize(
    "record, message",
    [
        ({"text": TEXT, "spans": {"start": 0}}, '"spans" must be a list'),
        ({"text": TEXT, "spans": [{"start": 0, "end": 2}]}, '"spans" item 1: expected'),
        ({"text": TEXT, "label": [[0, 2]]}, '"label" item 1: expected [start, end, label]'),
        ({"text": TEXT, "entities": [{"start": 0}]}, '"entities" item 1: expected'),
        ({"text": TEXT, "spans": [{"start": 0.0, "end": 2, "label": "X"}]}, "must be integers"),
        ({"text": TEXT, "id": [1]}, '"id" must be a string or a number'),
        ({"text": TEXT, "meta": "x"}, '"meta" must be an object'),
        ({"text": TEXT, "title": 3}, '"title" must be a string'),
        ('{"id": ' + "9" * 5000 + ', "text": "نص"}', "malformed JSON: Exceeds the limit"),
    ],
)
def test_bad_records(record: dict[str, object] | str, message: str) -> None:
    line = record if isinstance(record, str) else json.dumps(record)
    with pytest.raises(ValidationError, match=message.replace("[", r"\[")):
        parse_record(line, "f-1")


def test_reader_skips_blank_lines_and_reports_lines(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_bytes(b'\xef\xbb\xbf{"text": "\xd8\xa3"}\n\n  \n{"text": 1}\n')
    records = list(jsonl.read(src))
    assert [r.line for r in records] == [1, 4]
    assert records[0].item.text == "أ"  # type: ignore[union-attr]
    assert records[1].item == Invalid('"text" must be a string, got int', '{"text": 1}')
    assert records[-1].done == src.stat().st_size
