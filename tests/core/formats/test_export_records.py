"""What gets exported: annotators, gold, status, labels, and the clear refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from export_data import add_article, add_seed_spans, find

from annotator.core.formats.export_checks import ExportError
from annotator.core.formats.export_run import run_export
from annotator.core.model import GOLD_ANNOTATOR, IMPORT_ANNOTATOR, SUGGEST_ANNOTATOR
from annotator.core.store import Store

TEXT = "استقبل الرئيس عبد الفتاح السيسي وفدا من فيينا."


def _records(path: Path) -> list[tuple[str, str, str, list[str]]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        out.append((rec["id"], rec["annotator"], rec["status"], [s["label"] for s in rec["spans"]]))
    return out


@pytest.fixture
def team(project: Store) -> Store:
    """Two articles; salma finished both, omar one, pre-annotations and suggestions too."""
    a1 = add_article(project, "a1", TEXT)
    a2 = add_article(project, "a2", "وصلت الوزيرة إلى القاهرة.")
    name = find(TEXT, "عبد الفتاح السيسي")
    place = find(TEXT, "فيينا")
    for ann in ("salma", "omar"):
        project.add_span(a1, ann, "PERS", *name)
    project.add_span(a1, "salma", "GPE", *place)
    project.add_span(a2, "salma", "GPE", *find("وصلت الوزيرة إلى القاهرة.", "القاهرة"))
    project.set_status(a1, "salma", "done")
    project.set_status(a2, "salma", "done")
    project.set_status(a1, "omar", "in_progress")
    project.add_span(a1, IMPORT_ANNOTATOR, "GPE", *place)
    project.add_span(a2, SUGGEST_ANNOTATOR, "GPE", *find("وصلت الوزيرة إلى القاهرة.", "القاهرة"))
    return project


def test_default_is_every_annotators_done_articles(team: Store, tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    report = run_export(team, out)
    assert _records(out) == [
        ("a1", "salma", "done", ["PERS", "GPE"]),
        ("a2", "salma", "done", ["GPE"]),
    ]
    assert report.records == 2 and report.spans == 3


def test_status_all_adds_unfinished_work_and_pre_annotations(team: Store, tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    run_export(team, out, status="all")
    # article order, then annotator order; "suggest" is never exported, "import" is
    assert _records(out) == [
        ("a1", "salma", "done", ["PERS", "GPE"]),
        ("a1", "omar", "in_progress", ["PERS"]),
        ("a1", IMPORT_ANNOTATOR, "todo", ["GPE"]),
        ("a2", "salma", "done", ["GPE"]),
    ]


def test_one_annotator(team: Store, tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    run_export(team, out, annotator="omar", status="all")
    assert _records(out) == [("a1", "omar", "in_progress", ["PERS"])]


def test_labels_filter_keeps_records_without_those_labels(team: Store, tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    run_export(team, out, labels=["PERS"])
    # a2 has no PERS span but salma finished it: an example with no person in it
    assert _records(out) == [("a1", "salma", "done", ["PERS"]), ("a2", "salma", "done", [])]


def test_gold_layer_needs_a_finished_review(team: Store, tmp_path: Path) -> None:
    a1 = team.article_by_ext_id("a1").id
    a2 = team.article_by_ext_id("a2").id
    team.add_span(a1, GOLD_ANNOTATOR, "PERS", *find(TEXT, "عبد الفتاح السيسي"))
    team.set_review(a1, "done", "layla")
    team.set_review(a2, "in_review", "layla")
    out = tmp_path / "gold.jsonl"
    run_export(team, out, gold=True)
    assert _records(out) == [("a1", GOLD_ANNOTATOR, "done", ["PERS"])]
    run_export(team, out, gold=True, status="all")
    assert _records(out) == [
        ("a1", GOLD_ANNOTATOR, "done", ["PERS"]),
        ("a2", GOLD_ANNOTATOR, "in_review", []),
    ]


def test_gold_without_reviews_is_refused_and_writes_nothing(team: Store, tmp_path: Path) -> None:
    out = tmp_path / "gold.jsonl"
    with pytest.raises(ExportError, match=r"nothing to export from .*no article is reviewed"):
        run_export(team, out, gold=True)
    assert not out.exists()


def test_nothing_done_is_a_clear_error(seed_project: Store, tmp_path: Path) -> None:
    add_seed_spans(seed_project, done=False)
    out = tmp_path / "o.jsonl"
    with pytest.raises(ExportError, match="no article is marked done by salma; status all"):
        run_export(seed_project, out)
    assert not out.exists()
    assert run_export(seed_project, out, status="all").records == 1


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"annotator": "nobody"}, "no annotator named 'nobody'"),
        ({"annotator": "salma", "gold": True}, "not both"),
        ({"labels": ["PERS", "قانون"]}, "no label named 'قانون'"),
        ({"labels": []}, "no labels chosen"),
        ({"status": "finished"}, "unknown status 'finished'"),
        ({"fmt": "xml"}, "unknown export format 'xml'"),
        ({"misaligned": "shrink", "fmt": "conll"}, "unknown misaligned mode"),
        ({"include_text": False, "fmt": "conll"}, "jsonl only"),
    ],
)
def test_bad_choices_are_refused_before_writing(
    seed_project: Store, tmp_path: Path, kwargs: dict, message: str
) -> None:
    add_seed_spans(seed_project)
    out = tmp_path / "o.jsonl"
    with pytest.raises(ExportError, match=message):
        run_export(seed_project, out, **kwargs)
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("project.db")) == []


def test_records_stream_in_batches(
    project: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Spans and articles are read a batch at a time, and records leave before the next."""
    from annotator.core.formats import export_records as records

    for i in range(25):
        aid = add_article(project, f"a{i}", f"{TEXT} {i}")
        project.add_span(aid, "salma", "GPE", *find(TEXT, "فيينا"))
        project.set_status(aid, "salma", "done")
    monkeypatch.setattr(records, "BATCH", 10)
    events: list[str] = []
    real_rows, real_articles = project.span_rows, project.iter_articles

    def span_rows(ids, annotators):  # type: ignore[no-untyped-def]
        assert len(ids) <= 10
        events.append("spans")
        return real_rows(ids, annotators)

    def iter_articles(ids=None, batch=500):  # type: ignore[no-untyped-def]
        assert ids is not None and len(ids) <= 10
        events.append("articles")
        return real_articles(ids, batch)

    monkeypatch.setattr(project, "span_rows", span_rows)
    monkeypatch.setattr(project, "iter_articles", iter_articles)
    sel = records.make_selection(project, annotator=None, gold=False, status="done", labels=None)
    ids = records.article_ids(project, sel)
    for rec in records.iter_records(project, sel, ids):
        events.append(rec.article.ext_id)
    assert events[:13] == ["spans", "articles", *(f"a{i}" for i in range(10)), "spans"]
    assert events.count("spans") == events.count("articles") == 3
    assert len(events) == 3 * 2 + 25


def test_span_rows_for_dense_and_sparse_ids(project: Store) -> None:
    ids = []
    for i in range(12):
        aid = add_article(project, f"a{i}", TEXT)
        project.add_span(aid, "salma", "GPE", *find(TEXT, "فيينا"))
        project.add_span(aid, "omar", "PERS", *find(TEXT, "عبد الفتاح السيسي"))
        ids.append(aid)
    start, end = find(TEXT, "فيينا")

    def rows(wanted: list[int], names: list[str]) -> list[tuple]:
        return sorted(project.span_rows(wanted, names))

    assert rows(ids[:3], ["salma"]) == [(i, "salma", "GPE", start, end) for i in ids[:3]]
    # a range with holes, and ids far apart (read by list, not by range)
    assert [r[0] for r in rows([ids[0], ids[2]], ["salma"])] == [ids[0], ids[2]]
    assert [r[0] for r in rows([ids[11], ids[0]], ["salma"])] == [ids[0], ids[11]]
    assert {r[1] for r in rows(ids, ["salma", "omar", "nobody"])} == {"salma", "omar"}
    assert rows(ids, ["nobody"]) == [] and rows([], ["salma"]) == []


def test_the_done_articles_are_found_a_page_at_a_time_across_page_edges(
    project: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An export of done work reads the article ids and their done marks a page at a time
    (the whole corpus's at once took 383 MB at a million articles): with pages of 3 it
    writes the same records, in corpus order, as with one page."""
    from annotator.core.formats import export_records
    from annotator.core.model import ArticleIn, Status

    with project.transaction():
        ids = [project.insert_article(ArticleIn(ext_id=f"p{i}", text="نص")) for i in range(11)]
    done = [ids[0], ids[2], ids[3], ids[5], ids[9], ids[10]]
    for aid in done:
        project.set_status(aid, "salma" if aid != ids[5] else "omar", Status.DONE)
    project.set_status(ids[4], "salma", Status.IN_PROGRESS)
    whole = tmp_path / "whole.jsonl"
    run_export(project, whole, "jsonl")
    monkeypatch.setattr(export_records, "ID_PAGE", 3)
    assert list(export_records.done_ids(project, ["salma", "omar"])) == done
    assert list(export_records.done_ids(project, ["omar"])) == [ids[5]]
    paged = tmp_path / "paged.jsonl"
    run_export(project, paged, "jsonl")
    assert paged.read_bytes() == whole.read_bytes()
    assert [json.loads(line)["id"] for line in whole.read_text("utf-8").splitlines()] == [
        "p0", "p2", "p3", "p5", "p9", "p10"
    ]
