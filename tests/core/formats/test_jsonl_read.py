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
        ({"text": TEXT, "spans": [{"start": 0.0, "end": 2, "label": "X"}]},
         "span 1 \\(X\\): start must be a whole number, got 0.0"),
        ({"text": TEXT, "id": [1]}, '"id" must be a string or a whole number, got a list'),
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
    assert records[1].item == Invalid('"text" must be a string, got a number', '{"text": 1}')
    assert records[-1].done == src.stat().st_size


# -- types: nothing is quietly turned into something else -------------------------------


@pytest.mark.parametrize(
    "record, message",
    [
        ({"spans": [{"start": 0, "end": True, "label": "PERS"}]},
         "span 1 (PERS): end must be a whole number, got true"),
        ({"label": [[False, 5, "PERS"]]}, "span 1 (PERS): start must be a whole number, got false"),
        ({"entities": [{"start_offset": 0, "end_offset": 5.0, "label": "PERS"}]},
         "span 1 (PERS): end must be a whole number, got 5.0"),
        ({"spans": [{"start": "0", "end": 5, "label": "PERS"}]},
         "span 1 (PERS): start must be a whole number, got a string"),
        ({"id": 1.0}, '"id" must be a string or a whole number, got 1.0'),
        ({"id": True}, '"id" must be a string or a whole number, got true or false'),
        ({"author": ["a", "b"]}, '"author" must be a string, got a list'),
        ({"published": 2024}, '"published" must be a string, got a number'),
        ({"url": {"href": "x"}}, '"url" must be a string, got an object'),
        ({"source": False}, '"source" must be a string, got true or false'),
        ({"title": 3}, '"title" must be a string, got a number'),
        ({"views": 12, "meta": {"views": 13}},
         '"views" is given twice, at the top level and in "meta", with different values;'
         " keep one"),
        ({"author": "شيماء", "meta": {"author": "سلمى"}},
         '"author" is given twice, at the top level and in "meta", with different values;'
         " keep one"),
        ({"spans": [{"start": 0, "end": 5, "label": "PE\nRS"}]},
         "span 1: label name 'PE\\nRS' holds a line break; a label name is one line of text"
         " without tabs or control characters"),
    ],
)
def test_wrong_types_are_refused_naming_the_field(record: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_record(json.dumps({"text": TEXT, **record}, ensure_ascii=False), "f-1")
    assert str(info.value) == message


def test_whole_number_ids_and_agreeing_meta_are_kept() -> None:
    art = parse_record(json.dumps({"id": 12, "text": TEXT, "views": 3, "author": "سلمى",
                                   "meta": {"views": 3, "author": "سلمى", "section": "أخبار"}}),
                       "f-1")
    assert (art.ext_id, art.author) == ("12", "سلمى")
    assert art.meta == {"views": 3, "author": "سلمى", "section": "أخبار"}


def test_span_labels_are_trimmed() -> None:
    art = parse_record(json.dumps({"text": TEXT, "label": [[NAME[0], NAME[1], " PERS "]]}), "f")
    assert art.spans == [(NAME[0], NAME[1], "PERS")]


# -- encodings -------------------------------------------------------------------------


def _lines(*records: dict[str, object]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig", "utf-32"])
def test_byte_order_mark_says_the_encoding(tmp_path: Path, encoding: str) -> None:
    src = tmp_path / "a.jsonl"
    data = _lines({"id": "a", "text": TEXT}, {"id": "b", "text": "ثان"}).encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    src.write_bytes(data)
    records = list(jsonl.read(src))
    assert [(r.line, r.item.ext_id, r.item.text) for r in records] == [  # type: ignore[union-attr]
        (1, "a", TEXT), (2, "b", "ثان")
    ]
    assert records[-1].done == len(data)


def test_windows_1256_with_encoding(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_bytes(_lines({"id": "a", "text": TEXT}).encode("cp1256"))
    (as_utf8,) = jsonl.read(src)
    assert as_utf8.item == Invalid(
        "not UTF-8 text (byte 0xd4 at byte 22 of the line)",
        as_utf8.item.raw,  # type: ignore[union-attr]
        undecodable=True,
    )
    assert "\ufffd" in as_utf8.item.raw  # type: ignore[union-attr, operator]
    (record,) = jsonl.read(src, "windows-1256")
    assert record.item.text == TEXT  # type: ignore[union-attr]


def test_utf16_without_byte_order_mark_is_named(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_bytes(_lines({"id": "a", "text": TEXT}).encode("utf-16-le"))
    with pytest.raises(ValidationError) as info:
        list(jsonl.read(src))
    assert str(info.value) == (
        f"{src}: looks like UTF-16 text without a byte-order mark; give its encoding with"
        " --encoding utf-16-le (or utf-16-be)"
    )
    (record,) = jsonl.read(src, "utf-16-le")
    assert record.item.text == TEXT  # type: ignore[union-attr]
