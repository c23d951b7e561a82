"""JSONL and doccano output: exact offsets on the seed article (emoji, typographic quotes)."""

from __future__ import annotations

import json
from pathlib import Path

from export_data import SEED_SPANS, add_article, add_seed_spans, find

from annotator.core.formats.export_run import run_export
from annotator.core.model import ArticleIn
from annotator.core.store import Store


def _lines(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.endswith(b"\n") and b"\r" not in raw
    return [json.loads(line) for line in raw.decode("utf-8").split("\n")[:-1]]


def test_jsonl_record_has_exact_code_point_offsets(seed_project: Store, tmp_path: Path) -> None:
    add_seed_spans(seed_project)
    out = tmp_path / "train.jsonl"
    report = run_export(seed_project, out)
    assert (report.records, report.spans, report.path) == (1, len(SEED_SPANS), out)
    (rec,) = _lines(out)
    assert list(rec) == [
        "id", "title", "text", "meta", "annotator", "status", "note", "changed_at", "spans"
    ]
    art = seed_project.article_by_ext_id("seed")
    assert (rec["id"], rec["title"], rec["annotator"], rec["status"], rec["note"]) == (
        "seed", "التضامن", "salma", "done", "",
    )
    assert rec["changed_at"] == seed_project.status(art.id, "salma").updated_at
    text = rec["text"]
    assert text == seed_project.article_by_ext_id("seed").text
    assert text.startswith("📢")  # astral characters before every span: code points, not UTF-16
    for sp in rec["spans"]:
        assert text[sp["start"] : sp["end"]] == sp["text"]
    keys = [(s["start"], s["end"], s["label"]) for s in rec["spans"]]
    assert keys == sorted(keys)
    by_text = {s["text"]: s for s in rec["spans"]}
    assert by_text["تكافل وكرامة"]["label"] == "PROGRAM"
    start, end = find(text, "تكافل وكرامة")
    assert (by_text["تكافل وكرامة"]["start"], by_text["تكافل وكرامة"]["end"]) == (start, end)
    assert text[start - 1] == "“" and text[end] == "”"
    assert by_text["نائلة جبر"] == {
        "start": 429, "end": 438, "label": "PERS", "text": "نائلة جبر",
    }


def test_jsonl_is_utf8_not_escaped(seed_project: Store, tmp_path: Path) -> None:
    add_seed_spans(seed_project)
    out = tmp_path / "train.jsonl"
    run_export(seed_project, out)
    raw = out.read_text(encoding="utf-8")
    assert "نائلة جبر" in raw and "\\u" not in raw.replace("\\n", "")


def test_no_text_keeps_span_text(seed_project: Store, tmp_path: Path) -> None:
    add_seed_spans(seed_project)
    out = tmp_path / "spans.jsonl"
    run_export(seed_project, out, include_text=False)
    (rec,) = _lines(out)
    assert "text" not in rec
    assert {s["text"] for s in rec["spans"]} >= {"نائلة جبر", "تكافل وكرامة"}


def test_meta_carries_source_and_author(project: Store, tmp_path: Path) -> None:
    with project.transaction():
        aid = project.insert_article(
            ArticleIn(
                ext_id="a1", text="زار الوزير مصر.", source="اليوم", author="شيماء سليمان",
                meta={"section": "سياسة"},
            )
        )
    project.add_span(aid, "omar", "GPE", *find("زار الوزير مصر.", "مصر"))
    project.set_status(aid, "omar", "done")
    out = tmp_path / "o.jsonl"
    run_export(project, out)
    (rec,) = _lines(out)
    assert rec["meta"] == {"section": "سياسة", "source": "اليوم", "author": "شيماء سليمان"}


def test_doccano_record_counts_utf16_code_units(seed_project: Store, tmp_path: Path) -> None:
    """doccano's offsets are JavaScript's: every emoji before a span counts twice."""
    add_seed_spans(seed_project)
    out = tmp_path / "doccano.jsonl"
    report = run_export(seed_project, out, "doccano")
    (rec,) = _lines(out)
    assert list(rec) == ["id", "text", "label"]
    assert report.spans == len(rec["label"]) == len(SEED_SPANS)
    start, end = find(rec["text"], "نائلة جبر")
    astral = sum(ord(ch) > 0xFFFF for ch in rec["text"][:start])
    assert astral == 4  # the emoji before the name
    assert [start + astral, end + astral, "PERS"] in rec["label"]
    as_utf16 = rec["text"].encode("utf-16-le")
    assert as_utf16[2 * (start + astral) : 2 * (end + astral)].decode("utf-16-le") == "نائلة جبر"
    assert rec["label"] == sorted(rec["label"], key=lambda s: (s[0], s[1], s[2]))
    again = tmp_path / "cp.jsonl"
    run_export(seed_project, again, "doccano", offsets="codepoints")
    assert [start, end, "PERS"] in _lines(again)[0]["label"]


def test_empty_article_is_an_empty_record(project: Store, tmp_path: Path) -> None:
    aid = add_article(project, "empty", "")
    project.set_status(aid, "omar", "done")
    out = tmp_path / "o.jsonl"
    report = run_export(project, out)
    assert report.records == 1
    assert _lines(out) == [
        {"id": "empty", "title": "", "text": "", "meta": {}, "annotator": "omar",
         "status": "done", "note": "", "changed_at": project.status(aid, "omar").updated_at,
         "spans": []}
    ]


def test_labels_with_spaces_and_arabic_names_are_kept_as_is(
    seed_project: Store, tmp_path: Path
) -> None:
    seed_project.add_label("برنامج حكومي")
    art = seed_project.article_by_ext_id("seed")
    seed_project.add_span(art.id, "omar", "برنامج حكومي", *find(art.text, "تكافل وكرامة"))
    seed_project.set_status(art.id, "omar", "done")
    out = tmp_path / "o.jsonl"
    run_export(seed_project, out)
    (rec,) = _lines(out)
    assert rec["spans"][0]["label"] == "برنامج حكومي"
