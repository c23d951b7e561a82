"""Offsets in the file's unit: doccano's UTF-16 code units, and span texts that must match.

The seed article has four emoji before its first name: any tool that counts UTF-16 code
units (doccano, JavaScript) puts that name four letters further than Python does. A file is
read in its unit and converted, and where a span says what text it covers, a mismatch is
refused by file and line, never stored.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.errors import ValidationError
from annotator.core.formats.export_run import run_export
from annotator.core.formats.import_run import ImportFailed, run_import
from annotator.core.formats.reading import NewlineMap
from annotator.core.formats.spans_in import checked_spans
from annotator.core.labels import default_labels
from annotator.core.store import Store, create_store

NAME = "نائلة جبر"


def _utf16(text: str, cp: int) -> int:
    return len(text[:cp].encode("utf-16-le")) // 2


def _doccano_line(text: str, ext_id: str = "seed") -> str:
    """A record as doccano's JSONL export writes it: UTF-16 offsets, its own keys."""
    start = text.index(NAME)
    label = [[_utf16(text, start), _utf16(text, start + len(NAME)), "PERS"]]
    return json.dumps({"id": 7, "text": text, "label": label, "Comments": []}, ensure_ascii=False)


def test_a_doccano_export_lands_on_the_name(project: Store, seed_text: str, tmp_path: Path):
    assert _utf16(seed_text, seed_text.index(NAME)) - seed_text.index(NAME) == 4
    src = tmp_path / "admin.jsonl"  # doccano names its files after the user
    src.write_text(_doccano_line(seed_text) + "\n", encoding="utf-8")
    report = run_import(project, [src])  # told apart from JSONL by its "label" spans
    assert report.spans_added == 1
    aid = project.article_by_ext_id("7").id
    (span,) = project.spans(aid)
    assert span.text_in(seed_text) == NAME
    assert project.article(aid).meta == {"Comments": []}


def test_offsets_codepoints_reads_a_python_written_doccano_file(
    project: Store, seed_text: str, tmp_path: Path
) -> None:
    start = seed_text.index(NAME)
    src = tmp_path / "py.jsonl"
    src.write_text(json.dumps({"text": seed_text, "label": [[start, start + 9, "PERS"]]},
                              ensure_ascii=False) + "\n", encoding="utf-8")  # fmt: skip
    run_import(project, [src], "doccano", offsets="codepoints")
    (span,) = project.spans(project.article_ids()[0])
    assert span.text_in(seed_text) == NAME


def test_doccano_utf16_round_trip_is_byte_identical(seed_project: Store, tmp_path: Path) -> None:
    from export_data import add_seed_spans

    add_seed_spans(seed_project, "salma")
    first = tmp_path / "first.doccano.jsonl"
    run_export(seed_project, first, "doccano")
    with create_store(tmp_path / "again.db", default_labels()) as again:
        run_import(again, [first], annotator="salma")  # the name says doccano
        aid = again.article_by_ext_id("seed").id
        texts = {s.text_in(again.article(aid).text) for s in again.spans(aid)}
        assert NAME in texts and "تكافل وكرامة" in texts
        again.set_status(aid, "salma", "done")
        second = tmp_path / "second.doccano.jsonl"
        run_export(again, second, "doccano")
    assert second.read_bytes() == first.read_bytes()


def test_a_span_text_that_does_not_match_is_refused_with_a_hint(
    project: Store, seed_text: str, tmp_path: Path
) -> None:
    start = seed_text.index(NAME)
    u16 = _utf16(seed_text, start)
    rec = {"id": "s", "text": seed_text,
           "spans": [{"start": u16, "end": u16 + 9, "label": "PERS", "text": NAME}]}
    src = tmp_path / "js.jsonl"
    src.write_text("\n" + json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as info:
        run_import(project, [src])
    (rej,) = info.value.report.rejected
    covered = seed_text[u16 : u16 + 9]
    assert str(rej) == (
        f'{src}:2: span 1 (PERS): {u16}-{u16 + 9} covers "{covered}", not its text "{NAME}";'
        " these offsets count UTF-16 code units: import with --offsets utf16"
    )
    assert project.article_count() == 0
    report = run_import(project, [src], offsets="utf16")  # as the message says
    (span,) = project.spans(project.article_ids()[0])
    assert report.spans_added == 1 and span.text_in(seed_text) == NAME


def test_a_utf16_offset_inside_an_emoji_is_refused() -> None:
    text = "📢 نائلة"
    with pytest.raises(ValidationError, match=r"span 1 \(PERS\): 1-4 \(UTF-16 code units\)"
                                              " falls between the two halves of an emoji"):
        checked_spans([(1, 4, "PERS")], text, NewlineMap(text), "utf16")
    assert checked_spans([(3, 8, "PERS")], text, NewlineMap(text), "utf16") == [(2, 7, "PERS")]
    with pytest.raises(ValidationError, match="span end 9 is beyond the text's 8 UTF-16"):
        checked_spans([(3, 9, "PERS")], text, NewlineMap(text), "utf16")


def test_codepoint_hint_for_a_utf16_reading() -> None:
    text = "📢 نائلة"
    with pytest.raises(ValidationError, match="these offsets count code points: import with"
                                              " --offsets codepoints"):
        checked_spans([(2, 7, "PERS", "نائلة")], text, NewlineMap(text), "utf16")


def test_offsets_for_a_format_without_offsets_is_refused(project: Store, tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_text("text\nنص\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        run_import(project, [src], "csv", offsets="utf16")
    assert str(info.value) == (
        "--offsets does not apply to --format csv (only to jsonl, doccano, labelstudio, prodigy)"
    )
    assert project.article_count() == 0
