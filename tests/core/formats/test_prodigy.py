"""Prodigy's ``db-out`` JSONL in and out: answers, annotators, token spans.

The records are written by hand in the shape of Prodigy's ``ner_manual`` tasks as its
documentation shows them (``tokens`` with ``start``/``end``/``id``/``ws``, ``spans`` with
``token_start``/``token_end``, ``answer``, ``_input_hash``, ``_task_hash``,
``_annotator_id``, ``_session_id``), with emoji and Arabic before the spans.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.formats.export_run import run_export
from annotator.core.formats.import_run import ImportFailed, run_import
from annotator.core.formats.tagging import Tokenized
from annotator.core.labels import default_labels
from annotator.core.store import Store, create_store

TEXT = "📢 عاجل: التقت السفيرة نائلة جبر وفد وزارة التضامن في 🇪🇬 القاهرة."
NAME = "نائلة جبر"


def _tokens(text: str = TEXT) -> list[dict]:
    tok = Tokenized.of(text)
    return [
        {"text": t, "start": s, "end": e, "id": i, "ws": e < len(text) and text[e] == " "}
        for i, (t, s, e) in enumerate(zip(tok.tokens, tok.starts, tok.ends, strict=True))
    ]


def _task(answer: str = "accept", session: str = "ner_news-salma", **span_keys: object) -> dict:
    tokens = _tokens()
    first = next(t["id"] for t in tokens if t["text"] == "نائلة")
    span = {"token_start": first, "token_end": first + 1, "label": "PERS", **span_keys}
    return {"text": TEXT, "_input_hash": -1234, "_task_hash": 5678, "tokens": tokens,
            "spans": [span], "_view_id": "ner_manual", "answer": answer,
            "_timestamp": 1709283600, "_annotator_id": session, "_session_id": session}  # fmt: skip


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")  # fmt: skip
    return path


def test_answers_are_honoured_and_counted(project: Store, tmp_path: Path) -> None:
    start = TEXT.index(NAME)
    accept = _task(start=start, end=start + len(NAME))
    src = _write(tmp_path / "ner_news.jsonl", [
        {**accept, "text": TEXT + " 1"},
        {**_task("reject"), "text": TEXT + " 2"},
        {**_task("ignore", "ner_news-omar"), "text": TEXT + " 3"},
    ])  # fmt: skip
    report = run_import(project, [src])  # Prodigy's keys: read as Prodigy
    assert report.articles_added == 1
    assert report.skipped == [f"{src}:2: answer reject: not imported",
                              f"{src}:3: answer ignore: not imported"]  # fmt: skip
    (aid,) = project.article_ids()
    (span,) = project.spans(aid)
    assert span.annotator == "ner_news-salma"  # the _annotator_id, not meta
    assert span.text_in(TEXT + " 1") == NAME
    assert "_annotator_id" not in project.article(aid).meta


def test_spans_given_only_by_tokens_are_resolved(project: Store, tmp_path: Path) -> None:
    src = _write(tmp_path / "t.jsonl", [_task()])
    report = run_import(project, [src], "prodigy")
    assert report.spans_added == 1
    (span,) = project.spans(project.article_ids()[0])
    assert span.text_in(TEXT) == NAME


def test_session_id_names_the_annotator_without_annotator_id(project: Store, tmp_path: Path):
    task = _task()
    del task["_annotator_id"]
    run_import(project, [_write(tmp_path / "t.jsonl", [task])], "prodigy")
    assert project.annotators() == ["ner_news-salma"]


@pytest.mark.parametrize(
    "change, reason",
    [
        ({"token_end": 99}, '"spans" item 1: tokens 5-99 are not among the record\'s 14'),
        ({"start": 0, "end": 2}, '"spans" item 1: start and end 0-2 are not those of its'),
    ],
)
def test_bad_token_spans_are_bad_records(
    project: Store, tmp_path: Path, change: dict, reason: str
) -> None:
    task = _task()
    task["spans"][0].update(change)
    with pytest.raises(ImportFailed) as info:
        run_import(project, [_write(tmp_path / "t.jsonl", [task])], "prodigy")
    (rej,) = info.value.report.rejected
    assert rej.line == 1 and rej.reason.startswith(reason), rej.reason


def test_an_unknown_answer_is_a_bad_record(project: Store, tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match='"answer" must be accept, reject or ignore'):
        run_import(project, [_write(tmp_path / "t.jsonl", [_task("maybe")])], "prodigy")


def test_export_is_what_db_out_writes(seed_project: Store, tmp_path: Path) -> None:
    art = seed_project.article_by_ext_id("seed")
    start = art.text.index(NAME)
    seed_project.add_span(art.id, "salma", "PERS", start, start + len(NAME))
    seed_project.set_status(art.id, "salma", "done")
    out = tmp_path / "seed.prodigy.jsonl"
    run_export(seed_project, out, "prodigy")
    (rec,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {"text", "tokens", "spans", "_input_hash", "_task_hash", "answer", "_view_id",
            "_annotator_id", "_session_id"} <= set(rec)  # fmt: skip
    assert (rec["answer"], rec["_annotator_id"], rec["_view_id"]) == ("accept", "salma",
                                                                      "ner_manual")  # fmt: skip
    assert all(isinstance(rec[k], int) and -(2**31) <= rec[k] < 2**31
               for k in ("_input_hash", "_task_hash"))  # fmt: skip
    (span,) = rec["spans"]
    tokens = rec["tokens"]
    assert art.text[span["start"] : span["end"]] == NAME
    assert tokens[span["token_start"]]["start"] == span["start"]
    assert tokens[span["token_end"]]["end"] == span["end"]
    assert [t["id"] for t in tokens] == list(range(len(tokens)))
    assert all(art.text[t["start"] : t["end"]] == t["text"] for t in tokens)
    # read back by the Prodigy reader: the same person and span
    with create_store(tmp_path / "again.db", default_labels()) as again:
        run_import(again, [out])
        (back,) = again.spans(again.article_by_ext_id("seed").id)
        expected = ("salma", "PERS", start, start + len(NAME))
        assert (back.annotator, back.label, back.start, back.end) == expected


def test_hashes_are_stable_and_follow_the_spans(seed_project: Store, tmp_path: Path) -> None:
    art = seed_project.article_by_ext_id("seed")
    seed_project.set_status(art.id, "salma", "done")
    first, second = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    run_export(seed_project, first, "prodigy")
    run_export(seed_project, second, "prodigy")
    assert first.read_bytes() == second.read_bytes()
    start = art.text.index(NAME)
    seed_project.add_span(art.id, "salma", "PERS", start, start + len(NAME))
    run_export(seed_project, second, "prodigy")
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (first, second))
    assert a["_input_hash"] == b["_input_hash"] and a["_task_hash"] != b["_task_hash"]


def test_a_skipped_article_is_an_ignored_task(seed_project: Store, tmp_path: Path) -> None:
    art = seed_project.article_by_ext_id("seed")
    seed_project.set_status(art.id, "omar", "skipped")
    out = tmp_path / "o.jsonl"
    run_export(seed_project, out, "prodigy", status="all")
    assert json.loads(out.read_text(encoding="utf-8"))["answer"] == "ignore"


def test_the_imports_history_record_counts_skipped_answers_and_names_whose_work(
    project: Store, tmp_path: Path
) -> None:
    """The counts beyond the usual ones are recorded when there are any (import_run)."""
    start = TEXT.index(NAME)
    src = _write(tmp_path / "ner_news.jsonl", [
        _task(start=start, end=start + len(NAME)),
        {**_task("reject"), "text": TEXT + " 2"},
    ])  # fmt: skip
    run_import(project, [src])
    run_import(project, [src])  # again: the accepted task's article and span are there
    omar = _write(tmp_path / "omar.jsonl", [
        {**_task(session="ner_news-omar", start=start, end=start + len(NAME)), "text": TEXT + " 3"},
        {**_task(start=start, end=start + len(NAME)), "text": TEXT + " 3"},
    ])  # fmt: skip
    run_import(project, [omar])
    events = [e for e in project.history() if e.action == "import"]
    # whose work: the one annotator, or nobody in particular when there were several
    assert [e.actor for e in events] == ["ner_news-salma", "ner_news-salma", None]
    first, again = [e.detail for e in events[:2]]
    assert first == {
        "files": [str(src)],
        "articles_added": 1,
        "spans_added": 1,
        "duplicates": 0,
        "rejected": 0,
        "skipped": 1,
        "annotators": ["ner_news-salma"],
    }
    assert again == {**first, "articles_added": 0, "spans_added": 0, "articles_matched": 1,
                     "spans_present": 1}  # fmt: skip
