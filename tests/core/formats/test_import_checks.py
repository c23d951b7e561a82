"""The import's checks of a record, word for word, and what the report counts of them:
refused labels and notes, a refused record's place, spans and raw record, whose work came
in, spans the project already had over several batches, the encoding hint, and progress
over several files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.errors import ValidationError
from annotator.core.formats import import_run
from annotator.core.formats.import_run import ImportFailed, run_import
from annotator.core.store import Store

TEXTS = ["قالت نائلة جبر إن البرنامج توسع", "زار الوفد القاهرة أمس", "افتتح المعرض في عمان"]


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def record(ext_id: str, text: str, **fields: object) -> str:
    return json.dumps({"id": ext_id, "text": text, **fields}, ensure_ascii=False)


def spans(*labels: str) -> list[dict[str, object]]:
    """One span per label, each on the text's first four characters."""
    return [{"start": 0, "end": 4, "label": label} for label in labels]


def test_unknown_labels_under_strict_labels_are_named_in_order(
    project: Store, tmp_path: Path
) -> None:
    src = write_lines(tmp_path / "a.jsonl", [record("a", TEXTS[0], spans=spans("ZZZ", "AAA"))])
    with pytest.raises(ImportFailed) as info:
        run_import(project, [src], strict_labels=True)
    (rejection,) = info.value.report.rejected
    assert rejection.reason == (
        "unknown label(s) AAA, ZZZ (not in the project; add them or drop --strict-labels)"
    )
    assert project.article_count() == 0 and "AAA" not in {lab.name for lab in project.labels()}


def test_a_note_with_a_lone_surrogate_is_a_rejected_record(project: Store, tmp_path: Path) -> None:
    """JSON can spell a lone surrogate in a note ("\\ud800"); UTF-8 cannot store it."""
    line = '{"id": "a", "text": "نص أول", "annotator": "salma", "note": "x\\ud800"}'
    src = write_lines(tmp_path / "a.jsonl", [line])
    with pytest.raises(ImportFailed) as info:
        run_import(project, [src])
    (rejection,) = info.value.report.rejected
    assert str(rejection) == f"{src}:1: note holds a lone surrogate"
    assert project.article_count() == 0 and project.annotators() == []


def test_a_refused_id_keeps_its_place_and_counts_its_spans(project: Store, tmp_path: Path) -> None:
    """Pins the rejection of an id holding a lone surrogate (found when its batch is
    stored, after the reader refused a later line): reported on its own line, before the
    later one, with its two spans counted as refused."""
    # ASCII JSON: the id's surrogate and the Arabic as escapes
    bad_id = json.dumps({"id": "x\ud800", "text": TEXTS[0], "spans": spans("PERS", "ORG")})
    src = write_lines(tmp_path / "a.jsonl", [bad_id, '{"id": "b", "text": ', record("c", TEXTS[2])])
    report = run_import(project, [src], skip_invalid=True)
    assert [r.line for r in report.rejected] == [1, 2]
    assert report.rejected[0].reason == "id holds a lone surrogate (U+D800) at 1"
    assert report.rejected[1].reason.startswith("malformed JSON")
    assert (report.spans_refused, report.articles_added) == (2, 1)
    assert [a.ext_id for a in project.iter_articles()] == ["c"]


def test_whose_work_came_in_names_only_records_that_bring_some(
    project: Store, tmp_path: Path
) -> None:
    """Pins the report's annotators: plain articles bring nobody's work; a note alone (no
    span, no status) is that person's work."""
    plain = write_lines(tmp_path / "plain.jsonl", [record("a", TEXTS[0]), record("b", TEXTS[1])])
    report = run_import(project, [plain])
    assert (report.articles_added, report.annotators) == (2, [])
    noted = write_lines(
        tmp_path / "note.jsonl", [record("a", TEXTS[0], annotator="salma", note="راجعته")]
    )
    report = run_import(project, [noted])
    assert (report.articles_matched, report.annotators) == (1, ["salma"])
    assert project.status(project.article_by_ext_id("a").id, "salma").note == "راجعته"


def test_spans_already_there_are_counted_over_every_batch(
    project: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pins the count of spans the project already had as a sum over the import's batches
    (two records per batch here), not the last batch's."""
    monkeypatch.setattr(import_run, "BATCH", 2)
    lines = [record(f"a{n}", text, spans=spans("PERS")) for n, text in enumerate(TEXTS)]
    src = write_lines(tmp_path / "a.jsonl", lines)
    first = run_import(project, [src])
    assert (first.spans_added, first.spans_present) == (3, 0)
    again = run_import(project, [src])
    assert (again.spans_added, again.spans_present, again.articles_matched) == (0, 3, 3)


def test_records_refused_in_their_batch_keep_their_place_spans_and_record(
    project: Store, tmp_path: Path
) -> None:
    """Pins the rejections made while a batch is stored (an id the project has with other
    text, a label --strict-labels refuses): each on its own line, in input order among the
    reader's own rejections, its spans counted as refused, the record kept whole in the
    rejects file, and the records after it in the batch still stored."""
    run_import(project, [write_lines(tmp_path / "first.jsonl", [record("a", TEXTS[0])])])
    other = TEXTS[0] + " أمس"
    lines = [
        record("a", other, spans=spans("PERS", "ORG")),
        record("b", TEXTS[1], spans=spans("ZZZ", "YYY")),
        '{"id": "c", "text": ',
        record("d", TEXTS[2]),
    ]
    src = write_lines(tmp_path / "a.jsonl", lines)
    report = run_import(project, [src], skip_invalid=True, strict_labels=True)
    assert [r.line for r in report.rejected] == [1, 2, 3]
    assert [r.reason for r in report.rejected[:2]] == [
        "id 'a' already exists with different text",
        "unknown label(s) YYY, ZZZ (not in the project; add them or drop --strict-labels)",
    ]
    assert report.rejected[2].reason.startswith("malformed JSON")
    assert (report.articles_added, report.spans_refused) == (1, 4)
    assert [a.ext_id for a in project.iter_articles()] == ["a", "d"]
    kept = [json.loads(x) for x in report.rejects_path.read_text("utf-8").splitlines()]
    assert [json.loads(k["record"])["text"] for k in kept[:2]] == [other, TEXTS[1]]
    assert kept[2]["record"] == lines[2]


def test_one_id_with_two_texts_in_one_import_keeps_the_first(
    project: Store, tmp_path: Path
) -> None:
    """Pins the batch's memory of the ids it is adding: a second record of the same id with
    other text, in the same batch, is refused like one of an article the project had."""
    lines = [record("a", TEXTS[0]), record("a", TEXTS[1]), record("b", TEXTS[2])]
    src = write_lines(tmp_path / "a.jsonl", lines)
    with pytest.raises(ImportFailed) as info:
        run_import(project, [src])
    assert [str(r) for r in info.value.report.rejected] == [
        f"{src}:2: id 'a' already exists with different text"
    ]
    assert project.article_count() == 0
    report = run_import(project, [src], skip_invalid=True)
    assert report.articles_added == 2
    assert project.article_by_ext_id("a").text == TEXTS[0]


def test_the_encoding_hint_names_the_encoding_that_failed(project: Store, tmp_path: Path) -> None:
    """Pins the hint after text that did not decode: it names the encoding given (here the
    wrong one for a UTF-8 Arabic file), not UTF-8."""
    src = write_lines(tmp_path / "a.jsonl", [record("a", TEXTS[0]), record("b", "plain")])
    report = run_import(project, [src], encoding="iso-8859-6", skip_invalid=True)
    assert report.encoding_hint == (
        "if the file is not iso-8859-6, give its encoding with --encoding"
        " (Arabic Excel writes windows-1256)"
    )
    assert [r.line for r in report.rejected] == [1]
    assert report.rejected[0].reason.startswith("not iso-8859-6 text (byte 0x")


def test_progress_over_several_files_adds_up_to_the_total(project: Store, tmp_path: Path) -> None:
    """Pins the progress offset of each file as the sum of the files before it: after the
    last of three files the import reports the whole total, and it never goes back."""
    files = [
        write_lines(tmp_path / f"{n}.jsonl", [record(f"a{n}", text)])
        for n, text in enumerate(TEXTS)
    ]
    seen: list[tuple[int, int | None]] = []
    run_import(project, files, progress=lambda done, total: seen.append((done, total)))
    total = sum(f.stat().st_size for f in files)
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_the_rejects_file_may_not_be_the_project(project: Store, tmp_path: Path) -> None:
    """Pins the project among the files --rejects may not name (it would be overwritten)."""
    src = write_lines(tmp_path / "a.jsonl", [record("a", TEXTS[0]), "{"])
    with pytest.raises(ValidationError) as info:
        run_import(project, [src], skip_invalid=True, rejects=project.path)
    assert str(info.value) == (
        f"{project.path}: is an input or the project; --rejects names a new file"
    )
    assert project.article_count() == 0


def test_the_rejects_file_of_a_project_on_either_backend(
    backend_project: Store, tmp_path: Path
) -> None:
    """A server project has no file to compare --rejects with: only the inputs are."""
    src = write_lines(tmp_path / "a.jsonl", [record("a", TEXTS[0]), "{"])
    out = tmp_path / "bad.jsonl"
    report = run_import(backend_project, [src], skip_invalid=True, rejects=out)
    assert (report.articles_added, report.rejects_path) == (1, out)
    assert json.loads(out.read_text("utf-8"))["line"] == 2
