"""Label Studio's exports in (JSON, JSON-MIN, JSONL), tasks out.

The files here are written by hand in the shapes Label Studio's documentation gives for
its JSON export (a JSON array of tasks, each with ``data``, ``annotations`` by
``completed_by`` and ``predictions``) and JSON-MIN (one flat object per annotation), with
emoji and Arabic before the spans: Label Studio counts code points and stores each region's
text, which must agree.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.formats.export_run import run_export
from annotator.core.formats.import_run import ImportFailed, run_import
from annotator.core.formats.json_stream import objects
from annotator.core.model import Status
from annotator.core.store import Store

TEXT = "📢🇪🇬 أخبار\nالتقت السفيرة نائلة جبر بوزير الخارجية في القاهرة."
NAME = "نائلة جبر"
CITY = "القاهرة"


def _region(words: str, label: str, rid: str = "r1", text: str = TEXT) -> dict:
    start = text.index(words)
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": start, "end": start + len(words), "text": words,
                      "labels": [label]}}  # fmt: skip


def _task() -> dict:
    return {
        "id": 41,
        "data": {"text": TEXT, "source": "اليوم السابع"},
        "annotations": [
            {"id": 1, "completed_by": 3, "result": [_region(NAME, "PERS")],
             "was_cancelled": False, "ground_truth": False,
             "created_at": "2024-03-01T09:00:00.000000Z",
             "updated_at": "2024-03-02T09:00:00.123456Z", "lead_time": 12.5},
            {"id": 2, "completed_by": {"id": 4, "email": "huda@example.org"},
             "result": [_region(NAME, "PERS"), _region(CITY, "GPE", "r2"),
                        {"id": "c", "from_name": "topic", "to_name": "text",
                         "type": "choices", "value": {"choices": ["سياسة"]}}],
             "was_cancelled": False, "updated_at": "2024-03-03T10:00:00Z"},
            {"id": 3, "completed_by": 5, "result": [], "was_cancelled": True,
             "updated_at": "2024-03-04T10:00:00Z"},
        ],
        "predictions": [{"model_version": "ner-v1", "score": 0.9,
                         "result": [_region(CITY, "GPE")]}],
    }  # fmt: skip


def _people(store: Store, ext_id: str = "41") -> dict[str, tuple[object, ...]]:
    aid = store.article_by_ext_id(ext_id).id
    text = store.article(aid).text
    return {
        name: (
            sorted((s.label, s.text_in(text)) for s in store.spans(aid, [name])),
            store.status(aid, name).status,
            store.status(aid, name).updated_at,
        )
        for name in store.annotators()
    }


def test_json_export_one_annotator_per_completed_by(project: Store, tmp_path: Path) -> None:
    src = tmp_path / "project-1-at-2024.json"
    src.write_text(json.dumps([_task()], ensure_ascii=False, indent=2), encoding="utf-8")
    report = run_import(project, [src])  # a JSON array: Label Studio
    assert report.rejected == [] and report.articles_added == 1
    assert report.annotators == ["user-3", "huda@example.org", "user-5", "import"]
    assert _people(project) == {
        "user-3": ([("PERS", NAME)], Status.DONE, "2024-03-02T09:00:00.123+00:00"),
        "huda@example.org": (
            [("GPE", CITY), ("PERS", NAME)], Status.DONE, "2024-03-03T10:00:00.000+00:00"
        ),
        "user-5": ([], Status.SKIPPED, "2024-03-04T10:00:00.000+00:00"),
        "import": ([("GPE", CITY)], Status.TODO, ""),  # the model's prediction
    }
    art = project.article_by_ext_id("41")
    assert art.text == TEXT and art.source == "اليوم السابع"


def test_json_min_export(project: Store, tmp_path: Path) -> None:
    start = TEXT.index(NAME)
    rows = [
        {"text": TEXT, "id": 41, "label": [{"start": start, "end": start + 9, "text": NAME,
                                             "labels": ["PERS"]}],
         "annotator": "salma@example.org", "annotation_id": 7,
         "created_at": "2024-03-01T09:00:00Z", "updated_at": "2024-03-01T09:30:00Z",
         "lead_time": 3.2},
        {"text": TEXT, "id": 41, "annotator": 9, "annotation_id": 8,
         "created_at": "2024-03-01T09:00:00Z", "updated_at": "2024-03-01T09:40:00Z",
         "lead_time": 1.0},
    ]  # fmt: skip
    src = tmp_path / "min.json"
    src.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    report = run_import(project, [src])
    assert (report.articles_added, report.articles_matched, report.spans_added) == (1, 1, 1)
    people = _people(project)
    assert people["salma@example.org"][0] == [("PERS", NAME)]
    assert people["user-9"] == ([], Status.DONE, "2024-03-01T09:40:00.000+00:00")


def test_jsonl_of_tasks(project: Store, tmp_path: Path) -> None:
    second = {**_task(), "id": 42, "data": {"text": TEXT + " 2"}}
    src = tmp_path / "tasks.jsonl"
    src.write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in (_task(), second)),
                   encoding="utf-8")  # fmt: skip
    report = run_import(project, [src])  # data and annotations: told apart from JSONL
    assert report.articles_added == 2 and report.rejected == []


def test_a_region_whose_text_does_not_match_is_refused_by_line(
    project: Store, tmp_path: Path
) -> None:
    task = _task()
    task["annotations"][0]["result"][0]["value"]["start"] += 2  # off by the flag's two units
    task["annotations"][0]["result"][0]["value"]["end"] += 2
    src = tmp_path / "bad.json"
    body = json.dumps([{"id": 40, "data": {"text": "خبر"}}, task], ensure_ascii=False, indent=2)
    src.write_text(body, encoding="utf-8")
    with pytest.raises(ImportFailed) as info:
        run_import(project, [src])
    (rej,) = info.value.report.rejected
    assert body.split("\n")[rej.line - 2 : rej.line] == ["  },", "  {"]  # where the task starts
    assert rej.reason.startswith('"annotations" item 1: span 1 (PERS):')
    assert f'not its text "{NAME}"' in rej.reason
    assert project.article_count() == 0


def test_a_broken_array_is_one_bad_record_not_a_hundred(project: Store, tmp_path: Path):
    src = tmp_path / "broken.json"
    body = json.dumps([_task()] * 3, ensure_ascii=False, indent=2)
    body = body.replace('"was_cancelled": true', '"was_cancelled": tru')
    src.write_text(body, encoding="utf-8")
    with pytest.raises(ImportFailed) as info:
        run_import(project, [src])
    reasons = [r.reason for r in info.value.report.rejected]
    broken = body.split("\n").index('        "was_cancelled": tru,') + 1
    assert reasons == [
        f"malformed JSON: Expecting value at line {broken}; the file cannot be read past it"
    ]


def test_export_is_tasks_label_studio_can_import(seed_project: Store, tmp_path: Path) -> None:
    art = seed_project.article_by_ext_id("seed")
    start = art.text.index(NAME)
    seed_project.add_span(art.id, "salma", "PERS", start, start + len(NAME))
    seed_project.set_status(art.id, "salma", "done")
    seed_project.add_span(art.id, "import", "PERS", start, start + len(NAME))
    seed_project.add_span(art.id, "omar", "PERS", start, start + 5)
    seed_project.set_status(art.id, "omar", "skipped")
    out = tmp_path / "seed.labelstudio.json"
    report = run_export(seed_project, out, "labelstudio", status="all")
    assert report.records == 3
    (task,) = json.loads(out.read_text(encoding="utf-8"))
    assert task["data"] == {"text": art.text, "article_id": "seed", "title": "التضامن"}
    salma, omar = task["annotations"]
    assert salma["created_username"] == "salma" and salma["was_cancelled"] is False
    assert omar["was_cancelled"] is True
    (region,) = salma["result"]
    assert region["from_name"] == "label" and region["to_name"] == "text"
    value = region["value"]
    assert art.text[value["start"] : value["end"]] == value["text"] == NAME
    assert value["labels"] == ["PERS"]
    (prediction,) = task["predictions"]
    assert prediction["model_version"] == "import"
    # and back: the names, statuses and spans as they were
    from annotator.core.labels import default_labels
    from annotator.core.store import create_store

    with create_store(tmp_path / "again.db", default_labels()) as again:
        run_import(again, [out])
        assert _people(again, "seed") == _people(seed_project, "seed")


def test_an_export_of_nothing_done_is_refused_and_an_empty_split_is_an_empty_array(
    seed_project: Store, tmp_path: Path
) -> None:
    art = seed_project.article_by_ext_id("seed")
    seed_project.set_status(art.id, "salma", "done")
    out = tmp_path / "one.labelstudio.json"
    run_export(seed_project, out, "labelstudio", split="train=0.5,test=0.5")
    assert json.loads((tmp_path / "one.train.labelstudio.json").read_text("utf-8")) == []
    assert len(json.loads((tmp_path / "one.test.labelstudio.json").read_text("utf-8"))) == 1


def test_streaming_reads_elements_across_chunks(tmp_path: Path, monkeypatch) -> None:
    from annotator.core.formats import json_stream

    monkeypatch.setattr(json_stream, "CHUNK", 7)
    tasks = [{**_task(), "id": i} for i in range(5)]
    src = tmp_path / "t.json"
    src.write_text(json.dumps(tasks, ensure_ascii=False, indent=1), encoding="utf-8")
    items = list(objects(src, None))
    assert [i.value for i in items] == tasks
    lines = src.read_text(encoding="utf-8").split("\n")
    assert [lines[i.line - 1].strip() for i in items] == ["{"] * 5
