"""People, statuses and notes through export and import; adding work to known articles.

Each record of ``annotator export`` JSONL is one annotator's work on one article: its spans,
the article's status and note for that annotator, and when those changed. Importing such a
file must bring every annotator back as they were (not one of them, everything credited to
``import`` and ``todo``), and a record of an article the project already has must add its
work to it instead of being dropped as a duplicate.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.formats.export_run import run_export
from annotator.core.formats.import_batch import ImportReport, Rejection
from annotator.core.formats.import_run import ImportFailed, run_import
from annotator.core.labels import default_labels
from annotator.core.model import Status
from annotator.core.store import Store, create_store

WOJOOD_TEST = Path(__file__).parents[2] / "data" / "wojood" / "test.txt"
NAME = "نائلة جبر"
T1 = "2024-03-01T09:00:00.000+00:00"
T2 = "2024-03-02T09:00:00.000+00:00"


def _fresh(path: Path) -> Store:
    return create_store(path, default_labels())


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


@pytest.fixture
def three(tmp_path: Path) -> Store:
    """The Wojood sample tagged by salma (all of it), omar (people, places, organizations)
    and huda (the first half of each article's spans), with their statuses and notes."""
    store = _fresh(tmp_path / "three.db")
    run_import(store, [WOJOOD_TEST], "conll", annotator="salma")
    ids = store.article_ids()
    for n, aid in enumerate(ids):
        spans = store.spans(aid, ["salma"])
        for sp in spans:
            if sp.label in ("PERS", "GPE", "ORG"):
                store.add_span(aid, "omar", sp.label, sp.start, sp.end)
        for sp in spans[: len(spans) // 2]:
            store.add_span(aid, "huda", sp.label, sp.start, sp.end)
        store.set_status(aid, "salma", Status.DONE if n % 3 else Status.IN_PROGRESS)
        if n % 2:
            store.set_status(aid, "omar", Status.DONE, note=f"راجعت الأسماء في المقال {n}")
        if n == 4:
            store.set_status(aid, "huda", Status.SKIPPED, note="نص مكرر\nسطر ثان")
    yield store
    store.close()


def _people(store: Store) -> dict[tuple[str, str], tuple[object, ...]]:
    """(article, annotator) -> (spans, status, note, changed at): all of one person's work."""
    out: dict[tuple[str, str], tuple[object, ...]] = {}
    for aid in store.article_ids():
        ext = store.article(aid).ext_id
        for name in ("salma", "omar", "huda"):
            st = store.status(aid, name)
            spans = [(s.start, s.end, s.label) for s in store.spans(aid, [name])]
            out[(ext, name)] = (spans, st.status, st.note, st.updated_at)
    return out


def test_three_annotators_round_trip_byte_identical(three: Store, tmp_path: Path) -> None:
    first = tmp_path / "first.jsonl"
    report = run_export(three, first, status="all")
    assert report.records == 3 * three.article_count()
    with _fresh(tmp_path / "again.db") as again:
        imported = run_import(again, [first])
        assert imported.annotators == ["salma", "omar", "huda"]
        assert imported.articles_added == three.article_count()
        assert imported.articles_matched == 2 * three.article_count()
        assert imported.duplicates == [] and imported.rejected == []
        assert _people(again) == _people(three)  # spans, statuses, notes, their times
        second = tmp_path / "second.jsonl"
        run_export(again, second, status="all")
    assert second.read_bytes() == first.read_bytes()


def test_notes_with_line_breaks_and_times_come_back(three: Store, tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    run_export(three, out, annotator="huda", status="all")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    (skipped,) = [r for r in records if r["status"] == "skipped"]
    assert skipped["note"] == "نص مكرر\nسطر ثان"
    aid = three.article_by_ext_id(skipped["id"]).id
    assert skipped["changed_at"] == three.status(aid, "huda").updated_at
    # never worked on: todo, no note, no time
    assert {(r["status"], r["note"], r["changed_at"]) for r in records if r is not skipped} == {
        ("todo", "", None)
    }


def test_annotator_option_still_names_every_record(three: Store, tmp_path: Path) -> None:
    """The README's tour: salma's export imported as omar's copy."""
    out = tmp_path / "salma.jsonl"
    run_export(three, out, annotator="salma", status="all")
    with _fresh(tmp_path / "omar.db") as omar:
        report = run_import(omar, [out], annotator="omar")
        assert report.annotators == ["omar"] and omar.annotators() == ["omar"]
        aid = omar.article_ids()[1]
        assert omar.status(aid, "omar").status == Status.DONE


def test_gold_layer_round_trip(seed_project: Store, tmp_path: Path) -> None:
    art = seed_project.article_by_ext_id("seed")
    start = art.text.index(NAME)
    seed_project.add_span(art.id, "gold", "PERS", start, start + len(NAME))
    seed_project.set_review(art.id, "done", "lead")
    first = tmp_path / "gold.jsonl"
    run_export(seed_project, first, gold=True)
    (rec,) = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    assert (rec["annotator"], rec["status"], rec["reviewer"]) == ("gold", "done", "lead")
    with _fresh(tmp_path / "again.db") as again:
        run_import(again, [first])
        aid = again.article_by_ext_id("seed").id
        assert (again.review_status(aid), again.reviewer(aid)) == ("done", "lead")
        second = tmp_path / "gold2.jsonl"
        run_export(again, second, gold=True)
    assert second.read_bytes() == first.read_bytes()


# -- adding to articles the project has ------------------------------------------------


def _model_record(text: str, ext_id: str = "seed", **extra: object) -> dict:
    start = text.index(NAME)
    return {"id": ext_id, "text": text, "annotator": "model",
            "spans": [{"start": start, "end": start + len(NAME), "label": "PERS"}], **extra}


def test_spans_for_an_article_the_project_has_are_added(
    seed_project: Store, seed_text: str, tmp_path: Path
) -> None:
    src = _write(tmp_path / "model.jsonl", [_model_record(seed_text)])
    report = run_import(seed_project, [src])
    assert (report.articles_added, report.articles_matched, report.spans_added) == (0, 1, 1)
    assert report.duplicates == []
    aid = seed_project.article_by_ext_id("seed").id
    (span,) = seed_project.spans(aid, ["model"])
    assert span.text_in(seed_text) == NAME
    again = run_import(seed_project, [src])  # the same file again: nothing doubled
    assert (again.spans_added, again.spans_present) == (0, 1)
    assert len(seed_project.spans(aid)) == 1


def test_same_text_under_another_id_gets_the_spans(
    seed_project: Store, seed_text: str, tmp_path: Path
) -> None:
    src = _write(tmp_path / "m.jsonl", [_model_record(seed_text, ext_id="other")])
    report = run_import(seed_project, [src])
    assert (report.articles_added, report.spans_added) == (0, 1)
    assert len(seed_project.spans(seed_project.article_by_ext_id("seed").id, ["model"])) == 1


def test_on_existing_skip_leaves_known_articles_alone(
    seed_project: Store, seed_text: str, tmp_path: Path
) -> None:
    src = _write(tmp_path / "m.jsonl", [_model_record(seed_text)])
    report = run_import(seed_project, [src], on_existing="skip")
    assert report.duplicates == [f"{src}:1: duplicate of article seed (same text)"]
    assert report.spans_added == 0 and seed_project.annotators() == []


def test_on_existing_error_refuses_and_imports_nothing(
    seed_project: Store, seed_text: str, tmp_path: Path
) -> None:
    src = _write(tmp_path / "m.jsonl", [{"id": "new", "text": "خبر جديد"},
                                         _model_record(seed_text)])  # fmt: skip
    with pytest.raises(ImportFailed) as info:
        run_import(seed_project, [src], on_existing="error")
    assert [str(r) for r in info.value.report.rejected] == [
        f"{src}:2: article seed is already in the project (same text); --on-existing add"
        " adds the record's work to it"
    ]
    assert info.value.report.spans_refused == 1
    assert seed_project.article_count() == 1 and seed_project.annotators() == []


def test_records_of_one_article_inside_an_import_always_gather(
    project: Store, seed_text: str, tmp_path: Path
) -> None:
    """--on-existing is about the articles the project had; a multi-annotator file of new
    articles lands whole whatever it says."""
    rec = _model_record(seed_text)
    src = _write(tmp_path / "m.jsonl", [rec, {**rec, "annotator": "omar"}])
    report = run_import(project, [src], on_existing="error")
    assert (report.articles_added, report.articles_matched, report.spans_added) == (1, 1, 2)
    assert project.annotators() == ["model", "omar"]


def test_records_far_apart_still_gather_once_the_import_forgets_their_ids(
    seed_project: Store, seed_text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import keeps only its most recent articles' ids (memory stays flat on a million
    articles); an article it added long before is still its own (by id), and one the
    project had is still the project's, whatever came in between."""
    from annotator.core.formats import import_batch, import_run

    monkeypatch.setattr(import_batch, "RECENT_ADDED", 2)
    monkeypatch.setattr(import_run, "BATCH", 2)
    first = {"id": "first", "text": "خبر أول عن وزارة التضامن", "annotator": "salma",
             "spans": [{"start": 11, "end": 16, "label": "ORG"}]}  # fmt: skip
    others = [{"id": f"n{i}", "text": f"خبر رقم {i}"} for i in range(7)]
    src = _write(tmp_path / "m.jsonl", [
        first, *others, {**first, "annotator": "omar"}, _model_record(seed_text),
    ])  # fmt: skip
    report = run_import(seed_project, [src], on_existing="skip")
    assert report.articles_added == 8
    assert report.articles_matched == 1  # omar's record joined the article of line 1
    assert report.duplicates == [f"{src}:10: duplicate of article seed (same text)"]
    aid = seed_project.article_by_ext_id("first").id
    assert [s.annotator for s in seed_project.spans(aid)] == ["omar", "salma"]
    with pytest.raises(ImportFailed, match="m2.jsonl:2: article seed is already"):
        run_import(seed_project, [_write(tmp_path / "m2.jsonl", [
            {"id": "x", "text": "خبر آخر"}, _model_record(seed_text)])],  # fmt: skip
            on_existing="error")


def test_same_id_other_text_is_still_refused(seed_project: Store, tmp_path: Path) -> None:
    src = _write(tmp_path / "m.jsonl", [{"id": "seed", "text": "نص آخر", "annotator": "x"}])
    with pytest.raises(ImportFailed, match="id 'seed' already exists with different text"):
        run_import(seed_project, [src])


def test_a_plain_duplicate_is_listed_as_before(
    seed_project: Store, seed_text: str, tmp_path: Path
) -> None:
    src = _write(tmp_path / "dup.jsonl", [{"id": "again", "text": seed_text}])
    report = run_import(seed_project, [src])
    assert report.duplicates == [f"{src}:1: duplicate of article seed (same text)"]
    assert (report.articles_added, report.articles_matched) == (0, 0)


# -- statuses and their times ------------------------------------------------------------


def _status_record(text: str, status: str, changed_at: str | None, note: str = "") -> dict:
    return {"id": "seed", "text": text, "annotator": "salma", "status": status,
            "note": note, "changed_at": changed_at}


def test_a_newer_status_from_the_file_wins_and_keeps_its_time(
    seed_project: Store, seed_text: str, tmp_path: Path
) -> None:
    aid = seed_project.article_by_ext_id("seed").id
    seed_project.set_status(aid, "salma", "in_progress", changed_at=T1)
    src = _write(tmp_path / "s.jsonl", [_status_record(seed_text, "done", T2, "تم")])
    report = run_import(seed_project, [src])
    assert (report.statuses_set, report.statuses_kept) == (1, 0)
    assert seed_project.status(aid, "salma") == type(seed_project.status(aid, "salma"))(
        Status.DONE, "تم", T2
    )
    (event,) = [e for e in seed_project.history(aid) if e.action == "status"][-1:]
    assert (event.via, event.at) == ("import", T2)


def test_an_older_status_from_the_file_is_kept_out(
    seed_project: Store, seed_text: str, tmp_path: Path
) -> None:
    aid = seed_project.article_by_ext_id("seed").id
    seed_project.set_status(aid, "salma", "done", note="انتهيت", changed_at=T2)
    src = _write(tmp_path / "s.jsonl", [_status_record(seed_text, "todo", T1)])
    report = run_import(seed_project, [src])
    assert (report.statuses_set, report.statuses_kept) == (0, 1)
    st = seed_project.status(aid, "salma")
    assert (st.status, st.note, st.updated_at) == (Status.DONE, "انتهيت", T2)


def test_an_undated_status_is_the_imports_and_never_overwrites(
    seed_project: Store, seed_text: str, tmp_path: Path
) -> None:
    aid = seed_project.article_by_ext_id("seed").id
    src = _write(tmp_path / "s.jsonl", [_status_record(seed_text, "done", None)])
    before = datetime.now(UTC).isoformat(timespec="milliseconds")
    assert run_import(seed_project, [src]).statuses_set == 1
    st = seed_project.status(aid, "salma")
    assert st.status == Status.DONE and st.updated_at >= before  # dated by the import
    seed_project.set_status(aid, "salma", "in_progress")
    report = run_import(seed_project, [src])  # the project has one now: it stays
    assert (report.statuses_set, report.statuses_kept) == (0, 1)
    assert seed_project.status(aid, "salma").status == Status.IN_PROGRESS


def test_times_in_other_zones_are_stored_in_utc(
    project: Store, seed_text: str, tmp_path: Path
) -> None:
    cairo_noon = "2024-03-02T12:00:00+03:00"
    src = _write(tmp_path / "s.jsonl", [_status_record(seed_text, "done", cairo_noon)])
    run_import(project, [src])
    aid = project.article_by_ext_id("seed").id
    assert project.status(aid, "salma").updated_at == T2


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("status", "finished", '"status" must be one of todo, in_progress, done, skipped'),
        ("changed_at", "2024-03-02T12:00:00", '"changed_at" has no time zone'),
        ("changed_at", "yesterday", '"changed_at" is not a date and time'),
        ("note", ["a"], '"note" must be text, got a list'),
        ("annotator", "سلمى\nعمر", '"annotator" must be a name on one line'),
        ("annotator", 3.5, '"annotator" must be a name, got a number'),
    ],
)
def test_bad_work_fields_are_bad_records(
    project: Store, seed_text: str, tmp_path: Path, field: str, value: object, message: str
) -> None:
    rec = {**_status_record(seed_text, "done", T1), field: value}
    src = _write(tmp_path / "bad.jsonl", [rec])
    with pytest.raises(ImportFailed) as info:
        run_import(project, [src])
    (rejection,) = info.value.report.rejected
    assert rejection.line == 1 and rejection.reason.startswith(message), rejection.reason
    assert project.article_count() == 0 and project.annotators() == []


def test_a_review_state_for_a_person_or_a_status_for_gold(
    project: Store, seed_text: str, tmp_path: Path
) -> None:
    gold = {**_status_record(seed_text, "skipped", T1), "annotator": "gold"}
    src = _write(tmp_path / "g.jsonl", [gold])
    with pytest.raises(ImportFailed, match="the gold layer's status is one of pending,"):
        run_import(project, [src])
    review = {**_status_record(seed_text, "in_review", T1)}
    run_import(project, [_write(tmp_path / "r.jsonl", [review])])
    aid = project.article_by_ext_id("seed").id
    assert project.status(aid, "salma").status == Status.IN_PROGRESS


def test_an_empty_annotator_option_is_refused(project: Store, tmp_path: Path) -> None:
    src = _write(tmp_path / "a.jsonl", [{"text": "نص"}])
    with pytest.raises(AnnotatorError, match="the annotator name for pre-annotations is empty"):
        run_import(project, [src], annotator="  ")


def test_gold_records_set_a_review_only_where_none_was_made(
    seed_project: Store, tmp_path: Path
) -> None:
    """pending with no reviewer sets nothing; a decision already made here stays, counted."""
    art = seed_project.article_by_ext_id("seed")
    start = art.text.index(NAME)
    seed_project.add_span(art.id, "gold", "PERS", start, start + len(NAME))
    seed_project.set_review(art.id, "done", "lead")
    first = tmp_path / "gold.jsonl"
    run_export(seed_project, first, gold=True)
    (rec,) = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]

    def gold_file(name: str, status: str | None, reviewer: str | None) -> Path:
        """The record, and one of a second article, each with this review."""
        one = {**rec, "status": status, "reviewer": reviewer}
        return _write(tmp_path / name, [one, {**one, "id": "seed2", "text": rec["text"] + " ٢"}])

    with _fresh(tmp_path / "review.db") as target:
        report = run_import(target, [gold_file("pending.jsonl", "pending", None)])
        aid = target.article_by_ext_id("seed").id
        assert (report.statuses_set, report.statuses_kept) == (0, 0)
        assert (target.review_status(aid), target.reviewer(aid)) == ("pending", None)
        report = run_import(target, [gold_file("who.jsonl", None, "lead")])
        assert (report.statuses_set, report.statuses_kept) == (2, 0)
        assert (target.review_status(aid), target.reviewer(aid)) == ("pending", "lead")
        report = run_import(target, [gold_file("busy.jsonl", "in_review", "lead")])
        assert (report.statuses_set, report.statuses_kept) == (2, 0)
        assert (target.review_status(aid), target.reviewer(aid)) == ("in_review", "lead")
        # made here already: the same decision again is neither set nor counted as kept
        report = run_import(target, [gold_file("same.jsonl", "in_review", "lead")])
        assert (report.statuses_set, report.statuses_kept) == (0, 0)
        # another reviewer's, or another status: the project's stays, counted as kept
        for name, status, reviewer in (("other.jsonl", "in_review", "zaid"),
                                       ("done.jsonl", "done", "lead")):  # fmt: skip
            report = run_import(target, [gold_file(name, status, reviewer)])
            assert (report.statuses_set, report.statuses_kept) == (0, 2)
            assert (target.review_status(aid), target.reviewer(aid)) == ("in_review", "lead")


def test_the_report_words_every_count_and_gives_scripts_every_field() -> None:
    """The one line the CLI and the window show, and ``import --json``, from one report."""
    report = ImportReport(files=["أخبار.jsonl"], articles_added=3, spans_added=7, seconds=1.23456)
    assert report.summary() == "3 article(s), 7 span(s), 0 duplicate(s) skipped, 0 rejected"
    assert report.extra() == []
    report.articles_matched, report.spans_present, report.spans_refused = 2, 4, 5
    report.statuses_kept = 1
    report.duplicates, report.skipped = ["a1"], ["a2", "a3"]
    report.rejected = [Rejection("أخبار.jsonl", 9, "bad span", "{}")]
    report.labels_added, report.annotators = ["EVENT"], ["salma"]
    report.rejects_path = Path("أخبار.rejects.jsonl")
    assert report.extra(with_skipped=False) == [
        "2 record(s) added to articles already there",
        "4 span(s) already there",
        "5 span(s) refused with their records",
        "0 status(es) set, 1 newer one(s) kept",
    ]
    assert report.summary() == (
        "3 article(s), 7 span(s), 1 duplicate(s) skipped, 1 rejected;"
        " 2 record(s) added to articles already there; 4 span(s) already there;"
        " 5 span(s) refused with their records; 0 status(es) set, 1 newer one(s) kept;"
        " 2 record(s) skipped as their file says"
    )
    report.statuses_set, report.statuses_kept = 2, 0
    assert report.extra()[3] == "2 status(es) set, 0 newer one(s) kept"
    assert report.as_json() == {
        "files": ["أخبار.jsonl"],
        "articles_added": 3,
        "articles_matched": 2,
        "spans_added": 7,
        "spans_present": 4,
        "spans_refused": 5,
        "statuses_set": 2,
        "statuses_kept": 0,
        "annotators": ["salma"],
        "labels_added": ["EVENT"],
        "duplicates": ["a1"],
        "skipped": ["a2", "a3"],
        "rejected": [{"file": "أخبار.jsonl", "line": 9, "reason": "bad span"}],
        "rejects_file": "أخبار.rejects.jsonl",
        "seconds": 1.235,
    }
    assert ImportReport(files=[]).as_json()["rejects_file"] is None


def test_statuses_count_one_by_one_and_a_same_time_status_is_kept(
    seed_project: Store, seed_text: str, tmp_path: Path
) -> None:
    """Two set and two kept in one import; the same time as the project's is not newer; a
    record with no note leaves the project's note as it is (and so differs in nothing)."""
    aid = seed_project.article_by_ext_id("seed").id
    for who in ("salma", "omar"):
        seed_project.set_status(aid, who, "done", note="انتهيت", changed_at=T2)

    def rec(who: str, status: str, at: str, note: str | None) -> dict:
        return {**_status_record(seed_text, status, at), "annotator": who, "note": note}

    kept = _write(tmp_path / "kept.jsonl", [
        rec("salma", "done", T2, "ملاحظة أخرى"),  # the same time: the project's stays
        rec("omar", "done", T1, "ملاحظة أخرى"),  # older, another note: differs
        rec("salma", "done", T1, None),  # older, no note: the same as the project's
    ])  # fmt: skip
    report = run_import(seed_project, [kept])
    assert (report.statuses_set, report.statuses_kept) == (0, 2)
    assert seed_project.status(aid, "salma").note == "انتهيت"
    newer = "2024-03-03T09:00:00.000+00:00"
    report = run_import(seed_project, [_write(tmp_path / "set.jsonl", [
        rec("salma", "in_progress", newer, None), rec("huda", "done", newer, "تم"),
    ])])  # fmt: skip
    assert (report.statuses_set, report.statuses_kept) == (2, 0)
    st = seed_project.status(aid, "salma")
    assert (st.status, st.note, st.updated_at) == (Status.IN_PROGRESS, "انتهيت", newer)
