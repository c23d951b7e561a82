"""run_import: all or nothing, duplicates, labels, rejects file, cancel, progress."""

from __future__ import annotations

import json
import locale
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.errors import ValidationError
from annotator.core.formats import import_run
from annotator.core.formats.import_run import ImportCancelled, ImportFailed, run_import
from annotator.core.store import Store

NAME = "نائلة جبر"


def counts(store: Store) -> tuple[int, int, int, int]:
    """Articles, spans, labels, annotators: what a failed import must leave as it was."""
    q = store.conn.execute
    return tuple(  # type: ignore[return-value]
        q(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("articles", "spans", "labels", "annotators")
    )


def write_jsonl(path: Path, records: list[object]) -> Path:
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records)
        + "\n",
        encoding="utf-8",
    )
    return path


def name_span(text: str) -> dict[str, object]:
    start = text.index(NAME)
    return {"start": start, "end": start + len(NAME), "label": "PERS"}


def test_seed_article_with_span_lands_on_the_name(project: Store, seed_text: str, tmp_path: Path):
    src = write_jsonl(tmp_path / "a.jsonl", [{"id": "seed", "text": seed_text,
                                               "spans": [name_span(seed_text)]}])
    report = run_import(project, [src])
    assert (report.articles_added, report.spans_added, report.rejected) == (1, 1, [])
    art = project.article_by_ext_id("seed")
    (span,) = project.spans(art.id, ["import"])
    assert art.text == seed_text
    assert span.text_in(art.text) == NAME and span.label == "PERS" and span.origin == "import"


def test_default_id_is_file_stem_and_line(project: Store, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "news.jsonl", ["", {"text": "خبر أول"}, {"text": "خبر ثان"}])
    run_import(project, [src])
    assert project.article_by_ext_id("news-2").text == "خبر أول"
    assert project.article_by_ext_id("news-3").text == "خبر ثان"


def test_characters_are_stored_exactly_except_line_endings(project: Store, tmp_path: Path):
    text = "\u200fأ\x00ب\u202b😀\r\nسطر\rآخر\u061c"
    start = text.index("سطر")
    src = write_jsonl(tmp_path / "a.jsonl", [{"id": "x", "text": text,
                                               "spans": [{"start": start, "end": start + 3,
                                                          "label": "LOC"}]}])
    run_import(project, [src])
    art = project.article_by_ext_id("x")
    assert art.text == "\u200fأ\x00ب\u202b😀\nسطر\nآخر\u061c"
    (span,) = project.spans(art.id)
    assert span.text_in(art.text) == "سطر"  # offsets moved with the removed CR


def test_crlf_file_is_normalized(project: Store, tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_bytes(b'{"id": "a", "text": "\\u0633\\r\\n\\u0635"}\r\n{"id": "b", "text": "x"}\r\n')
    report = run_import(project, [src])
    assert report.articles_added == 2
    assert project.article_by_ext_id("a").text == "س\nص"


# -- bad input: message names file:line, nothing is written --------------------------------


BAD_RECORDS: list[tuple[str, object, str]] = [
    ("malformed-json", '{"id": "x", "text": "نص"', "malformed JSON"),
    ("not-an-object", "[1, 2]", "expected a JSON object"),
    ("missing-text", {"id": "x", "title": "عنوان"}, 'missing "text"'),
    ("empty-text", {"id": "x", "text": "  \n "}, '"text" is empty'),
    ("text-not-string", {"id": "x", "text": 5}, '"text" must be a string'),
    ("span-out-of-range", {"id": "x", "text": "نص قصير",
                           "spans": [{"start": 2, "end": 99, "label": "PERS"}]},
     "span 1 (PERS): span end 99 is beyond the text's 7 characters"),
    ("span-start-after-end", {"id": "x", "text": "نص قصير",
                              "label": [[4, 2, "PERS"]]}, "is not before its end"),
    ("span-empty", {"id": "x", "text": "نص قصير",
                    "entities": [{"start_offset": 3, "end_offset": 3, "label": "ORG"}]},
     "span 1 (ORG): span start 3 is not before its end 3"),
    ("span-negative", {"id": "x", "text": "نص", "spans": [{"start": -1, "end": 1,
                                                          "label": "PERS"}]}, "negative"),
    ("span-no-label", {"id": "x", "text": "نص", "spans": [{"start": 0, "end": 1,
                                                          "label": ""}]}, "label is missing"),
    ("lone-surrogate", '{"id": "x", "text": "a\\ud800b"}', "lone surrogate"),
    ("span-only-a-cr", {"id": "x", "text": "نص\r\nقصير",
                        "spans": [{"start": 2, "end": 3, "label": "PERS"}]},
     "span 1 (PERS): 2-3 is only the CR of a CRLF line break"),
]


@pytest.mark.parametrize(
    "name, bad, message", BAD_RECORDS, ids=[case[0] for case in BAD_RECORDS]
)
def test_a_bad_record_rolls_back_everything(
    seed_project: Store, tmp_path: Path, name: str, bad: object, message: str
) -> None:
    good = {"id": "good", "text": "مقال جيد", "spans": [{"start": 0, "end": 4, "label": "NEW"}]}
    src = write_jsonl(tmp_path / f"{name}.jsonl", [good, bad])
    before = counts(seed_project)
    with pytest.raises(ImportFailed) as info:
        run_import(seed_project, [src])
    (rejection,) = info.value.report.rejected
    assert str(rejection).startswith(f"{src}:2: ")
    assert message in rejection.reason
    assert f"{src}:2: " in str(info.value) and "nothing was imported" in str(info.value)
    assert counts(seed_project) == before
    assert "NEW" not in {lab.name for lab in seed_project.labels()}
    assert not list(tmp_path.glob("*.rejects.jsonl"))


def test_every_bad_record_is_listed(project: Store, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", ["{oops", {"text": "جيد"}, {"id": 1}, "{"])
    with pytest.raises(ImportFailed) as info:
        run_import(project, [src])
    assert [(r.line, r.reason.split(":")[0]) for r in info.value.report.rejected] == [
        (1, "malformed JSON"), (3, 'missing "text"'), (4, "malformed JSON"),
    ]
    assert counts(project)[0] == 0


def test_non_utf8_line_is_named(project: Store, tmp_path: Path) -> None:
    src = tmp_path / "latin.jsonl"
    src.write_bytes('{"text": "جيد"}\n'.encode() + b'{"text": "caf\xe9"}\n')
    with pytest.raises(ImportFailed) as info:
        run_import(project, [src])
    (r,) = info.value.report.rejected
    assert str(r).startswith(f"{src}:2: not UTF-8 text (byte 0xe9")
    assert counts(project)[0] == 0


def test_empty_file_is_refused(project: Store, tmp_path: Path) -> None:
    src = tmp_path / "empty.jsonl"
    src.write_bytes(b"")
    with pytest.raises(ImportFailed) as info:
        run_import(project, [src])
    assert [str(r) for r in info.value.report.rejected] == [
        f"{src}:1: no articles (the input is empty)"
    ]
    assert counts(project) == (0, 0, 8, 0)


def test_unknown_label_is_added_unless_strict(project: Store, tmp_path: Path) -> None:
    rec = {"id": "x", "text": "قانون العمل", "spans": [{"start": 0, "end": 11, "label": "LAW"}]}
    src = write_jsonl(tmp_path / "a.jsonl", [rec])
    before = counts(project)
    with pytest.raises(ImportFailed) as info:
        run_import(project, [src], strict_labels=True)
    assert str(info.value.report.rejected[0]) == (
        f"{src}:1: unknown label(s) LAW (not in the project; add them or drop --strict-labels)"
    )
    assert counts(project) == before
    report = run_import(project, [src])
    assert report.labels_added == ["LAW"]
    law = project.label("LAW")
    assert law.shortcut is None and law.color.startswith("#")


def test_duplicates_are_skipped_and_reported(seed_project: Store, seed_text: str, tmp_path: Path):
    src = write_jsonl(tmp_path / "a.jsonl", [
        {"id": "other", "text": seed_text},        # same text as stored "seed"
        {"id": "seed", "text": seed_text},         # same id, same text
        {"id": "new", "text": "مقال جديد"},
        {"id": "again", "text": "مقال جديد"},      # same text earlier in this import
    ])
    report = run_import(seed_project, [src])
    assert report.articles_added == 1
    assert report.duplicates == [
        f"{src}:1: duplicate of article seed (same text)",
        f"{src}:2: duplicate of article seed (same text)",
        f"{src}:4: duplicate of article new (same text)",
    ]
    assert seed_project.article_count() == 2


def test_same_id_different_text_is_rejected(seed_project: Store, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", [{"id": "seed", "text": "نص مختلف"}])
    before = counts(seed_project)
    with pytest.raises(ImportFailed) as info:
        run_import(seed_project, [src])
    assert str(info.value.report.rejected[0]) == (
        f"{src}:1: id 'seed' already exists with different text"
    )
    assert counts(seed_project) == before


def test_skip_invalid_imports_good_and_writes_rejects(project: Store, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", [
        {"id": "a", "text": "مقال أول", "spans": [{"start": 0, "end": 4, "label": "ORG"}]},
        '{"id": "b", "text": ',
        {"id": "c", "text": ""},
        {"id": "d", "text": "مقال رابع"},
    ])
    report = run_import(project, [src], skip_invalid=True)
    assert (report.articles_added, report.spans_added) == (2, 1)
    assert report.rejects_path == tmp_path / "a.jsonl.rejects.jsonl"
    lines = [json.loads(x) for x in report.rejects_path.read_text("utf-8").splitlines()]
    assert [(x["file"], x["line"]) for x in lines] == [(str(src), 2), (str(src), 3)]
    assert lines[0]["reason"].startswith("malformed JSON")
    assert lines[0]["record"] == '{"id": "b", "text": '
    assert lines[1]["reason"] == '"text" is empty'
    assert [a.ext_id for a in project.iter_articles()] == ["a", "d"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_skip_invalid_without_bad_records_writes_no_file(project: Store, tmp_path: Path):
    src = write_jsonl(tmp_path / "a.jsonl", [{"text": "جيد"}])
    report = run_import(project, [src], skip_invalid=True)
    assert report.rejects_path is None and not list(tmp_path.glob("*.rejects.jsonl"))


def test_batches_stream_with_progress_and_cancel_rolls_back(
    project: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(import_run, "BATCH", 3)
    src = write_jsonl(tmp_path / "a.jsonl", [{"text": f"مقال رقم {i}"} for i in range(10)])
    seen: list[tuple[int, int | None]] = []
    report = run_import(project, [src], progress=lambda d, t: seen.append((d, t)))
    assert report.articles_added == 10 and project.article_count() == 10
    size = src.stat().st_size
    assert seen[0] == (0, size) and seen[-1] == (size, size)
    assert len(seen) >= 4 and [d for d, _ in seen] == sorted(d for d, _ in seen)

    other = write_jsonl(tmp_path / "b.jsonl", [{"text": f"خبر {i}"} for i in range(10)])
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) == 2  # after two batches have been written

    with pytest.raises(ImportCancelled) as info:
        run_import(project, [other], should_cancel=cancel)
    assert str(info.value) == "import cancelled; nothing was imported"
    assert info.value.report.cancelled
    assert project.article_count() == 10


def test_bad_arguments_are_one_line_errors(project: Store, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="no such file or folder"):
        run_import(project, [tmp_path / "missing.jsonl"])
    (tmp_path / "x.xml").write_text("<a/>", encoding="utf-8")
    with pytest.raises(ValidationError, match="cannot tell the format"):
        run_import(project, [tmp_path / "x.xml"])
    with pytest.raises(ValidationError, match="unknown format"):
        run_import(project, [tmp_path / "x.xml"], "xml")
    with pytest.raises(ValidationError, match="is a folder"):
        run_import(project, [tmp_path], "jsonl")
    assert counts(project)[0] == 0


def test_several_files_import_together_or_not_at_all(project: Store, tmp_path: Path) -> None:
    a = write_jsonl(tmp_path / "a.jsonl", [{"text": "أ"}])
    b = tmp_path / "b.csv"
    b.write_text("id,text\nb1,ب\nb2,\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as info:
        run_import(project, [a, b])
    assert [str(r) for r in info.value.report.rejected] == [f"{b}:3: text is empty (column 'text')"]
    assert project.article_count() == 0
    report = run_import(project, [a, b], skip_invalid=True)
    assert report.articles_added == 2
    assert report.rejects_path == tmp_path / "a.jsonl.rejects.jsonl"


def dump(store: Store) -> str:
    """Every row of the project file, to compare before and after a failed import."""
    return "\n".join(store.conn.iterdump())


@pytest.mark.parametrize("where", ["between-batches", "after-the-rejects-are-written"])
def test_an_interrupt_inside_the_transaction_rolls_back_and_leaves_no_file(
    seed_project: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """Pins all-or-nothing under Ctrl+C raised inside the import's transaction.

    Batches were already written (and, in the second case, the rejected records already
    sit in their temporary file): the database must be exactly as before, no rejects
    file nor its ``.tmp`` left, and the connection ready for the next write.
    """
    monkeypatch.setattr(import_run, "BATCH", 2)
    folder = tmp_path / "input"
    folder.mkdir()
    src = write_jsonl(folder / "a.jsonl", ["{", *({"text": f"مقال {i}"} for i in range(6))])
    before = dump(seed_project)
    written: list[int] = []

    def interrupt_between_batches(done: int, total: int | None) -> None:
        written.append(seed_project.article_count())
        if 0 < done < (total or 0):
            raise KeyboardInterrupt

    def interrupt_in_history(*args: object, **kwargs: object) -> None:
        written.append(seed_project.article_count())
        assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
        raise KeyboardInterrupt

    if where == "between-batches":
        progress = interrupt_between_batches
    else:
        progress = None
        monkeypatch.setattr(seed_project, "record_event", interrupt_in_history)
    with pytest.raises(KeyboardInterrupt):
        run_import(seed_project, [src], skip_invalid=True, progress=progress)
    assert written[-1] > 1  # articles of this import were in the open transaction
    assert dump(seed_project) == before
    assert sorted(p.name for p in folder.iterdir()) == ["a.jsonl"]
    assert not seed_project.in_transaction()
    monkeypatch.undo()
    report = run_import(seed_project, [src], skip_invalid=True)
    assert report.articles_added == 6 and seed_project.article_count() == 7


def test_an_id_with_a_lone_surrogate_is_a_rejected_record(project: Store, tmp_path: Path) -> None:
    """Pins the id's lone-surrogate check before the id is looked up in the project.

    JSON can spell a lone surrogate ("\\ud800"); the lookup would fail inside SQLite's
    encoder. The record is refused on its line, the rest imports, and the rejects file
    stays valid UTF-8, with the record's id given back as the JSON escape it came as.
    """
    src = tmp_path / "a.jsonl"
    src.write_text(
        '{"id": "x\\ud800", "text": "نص أول"}\n{"id": "ok", "text": "نص ثان"}\n',
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed) as info:
        run_import(project, [src])
    (rejection,) = info.value.report.rejected
    assert str(rejection) == f"{src}:1: id holds a lone surrogate (U+D800) at 1"
    assert counts(project)[0] == 0
    report = run_import(project, [src], skip_invalid=True)
    assert [a.ext_id for a in project.iter_articles()] == ["ok"]
    raw = report.rejects_path.read_bytes()
    (line,) = raw.decode("utf-8").splitlines()  # strict: fails on encoded surrogates
    rejected = json.loads(line)
    assert rejected["reason"] == "id holds a lone surrogate (U+D800) at 1"
    assert json.loads(rejected["record"])["id"] == "x\ud800"
    assert "\\ud800" in line


def test_span_label_with_spaces_is_the_projects_label(project: Store, tmp_path: Path) -> None:
    text = "قالت نائلة جبر"
    src = write_jsonl(tmp_path / "a.jsonl", [
        {"id": "a", "text": text, "spans": [{**name_span(text), "label": "PERS "}]},
        {"id": "b", "text": text + " اليوم", "label": [[5, 14, " LAW\u00a0"]]},
    ])
    report = run_import(project, [src])
    assert (report.spans_added, report.labels_added) == (2, ["LAW"])
    assert [lab.name for lab in project.labels()][-2:] == ["DATE", "LAW"]
    art = project.article_by_ext_id("a")
    assert [(s.label, s.text_in(text)) for s in project.spans(art.id)] == [("PERS", NAME)]


def test_span_label_that_looks_like_an_old_label_is_refused(
    project: Store, tmp_path: Path
) -> None:
    project.add_label("LAW ")  # stored before names were trimmed
    before = counts(project)
    src = write_jsonl(tmp_path / "a.jsonl", [
        {"id": "a", "text": "قانون العمل", "spans": [{"start": 0, "end": 5, "label": "LAW"}]}
    ])
    with pytest.raises(ImportFailed) as info:
        run_import(project, [src])
    assert [str(r) for r in info.value.report.rejected] == [
        f"{src}:1: span label: label 'LAW' already exists (as 'LAW ')"
    ]
    assert counts(project) == before


def test_encoding_must_be_one_python_knows(project: Store, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", [{"text": "نص"}])
    for name in ("windows-9999", "base64", "rot13"):
        with pytest.raises(ValidationError) as info:
            run_import(project, [src], encoding=name)
        assert str(info.value) == (
            f"unknown encoding {name!r} (for example utf-8, utf-16 or windows-1256)"
        )
    assert counts(project)[0] == 0
    assert run_import(project, [src], encoding="utf-8").articles_added == 1


def test_rejects_goes_where_it_is_told(project: Store, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", [{"text": "جيد"}, "{"])
    out = tmp_path / "out" / "bad.jsonl"
    with pytest.raises(ValidationError, match=f"^{out}: no such folder for the rejected records$"):
        run_import(project, [src], skip_invalid=True, rejects=out)
    with pytest.raises(ValidationError, match="^--rejects only applies with --skip-invalid$"):
        run_import(project, [src], rejects=tmp_path / "r.jsonl")
    with pytest.raises(ValidationError, match="is an input or the project"):
        run_import(project, [src], skip_invalid=True, rejects=src)
    with pytest.raises(ValidationError, match="is a folder"):
        run_import(project, [src], skip_invalid=True, rejects=tmp_path)
    assert counts(project)[0] == 0 and src.read_text("utf-8").count("\n") == 2
    out.parent.mkdir()
    report = run_import(project, [src], skip_invalid=True, rejects=out)
    assert report.rejects_path == out and not list(tmp_path.glob("*.rejects.jsonl"))
    assert json.loads(out.read_text("utf-8"))["line"] == 2


def test_a_record_refused_as_already_there_is_kept_whole_and_readable(
    project: Store, tmp_path: Path
) -> None:
    """``--on-existing error`` with ``--skip-invalid``: the refused record goes to the rejects
    file as the JSON of its article, Arabic as Arabic (not ``\\u`` escapes)."""
    run_import(project, [write_jsonl(tmp_path / "first.jsonl", [{"id": "a", "text": "مقال أول"}])])
    src = write_jsonl(tmp_path / "again.jsonl", [
        {"id": "b", "title": "عنوان", "text": "مقال أول", "meta": {"مصدر": "وكالة"},
         "spans": [{"start": 0, "end": 4, "label": "ORG"}]},
        {"id": "c", "text": "مقال ثان"},
        {"id": "d", "text": ""},
        {"id": "e", "text": "مقال أول", "spans": [{"start": 5, "end": 8, "label": "ORG"}]},
    ])  # fmt: skip
    report = run_import(project, [src], on_existing="error", skip_invalid=True)
    assert (report.articles_added, report.articles_matched, report.spans_added) == (1, 0, 0)
    assert [r.line for r in report.rejected] == [1, 3, 4] and report.spans_refused == 2
    raw = report.rejects_path.read_text("utf-8")
    first, _second, _third = raw.splitlines()
    assert json.loads(first)["record"] == (
        '{"id": "b", "title": "عنوان", "text": "مقال أول", "meta": {"مصدر": "وكالة"}}'
    )
    assert project.spans(project.article_by_ext_id("a").id) == []
    assert "\\u" not in raw
    assert [a.ext_id for a in project.iter_articles()] == ["a", "c"]


def test_a_failed_import_names_the_first_three_bad_records_and_counts_the_rest(
    project: Store, tmp_path: Path
) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", [{"id": str(i), "text": ""} for i in range(1, 6)])
    with pytest.raises(ImportFailed) as info:
        run_import(project, [src])
    assert str(info.value) == (
        "import failed, nothing was imported: 5 bad record(s):"
        f' {src}:1: "text" is empty; {src}:2: "text" is empty; {src}:3: "text" is empty;'
        " and 2 more (use --skip-invalid to import the good ones)"
    )
    assert info.value.report.spans_refused == 0  # bad records bring no spans to refuse
    assert project.article_count() == 0


def test_a_failed_import_of_exactly_three_bad_records_has_nothing_more(
    project: Store, tmp_path: Path
) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", [{"id": str(i), "text": ""} for i in range(1, 4)])
    with pytest.raises(ImportFailed) as info:
        run_import(project, [src])
    assert str(info.value).endswith(
        f'{src}:3: "text" is empty (use --skip-invalid to import the good ones)'
    )


def test_on_existing_error_refuses_only_what_the_project_had_before(
    project: Store, tmp_path: Path
) -> None:
    """Two records of one new article, in one file and across two files of one import: the
    second adds its work to the first."""
    src = write_jsonl(tmp_path / "twice.jsonl", [
        {"id": "a", "text": "مقال أول", "annotator": "salma",
         "spans": [{"start": 0, "end": 4, "label": "ORG"}]},
        {"id": "a", "text": "مقال أول", "annotator": "omar",
         "spans": [{"start": 5, "end": 8, "label": "ORG"}]},
    ])  # fmt: skip
    later = write_jsonl(tmp_path / "later.jsonl", [
        {"id": "a", "text": "مقال أول", "annotator": "huda",
         "spans": [{"start": 0, "end": 8, "label": "ORG"}]},
    ])  # fmt: skip
    report = run_import(project, [src, later], on_existing="error")
    assert (report.articles_added, report.articles_matched, report.spans_added) == (1, 2, 3)
    (aid,) = project.article_ids()
    assert sorted((s.annotator, s.start) for s in project.spans(aid)) == [
        ("huda", 0),
        ("omar", 5),
        ("salma", 0),
    ]


@pytest.fixture
def ascii_locale() -> Iterator[None]:
    """The C locale, whose text encoding is ASCII: a file opened without naming its
    encoding would be written in that (restored after the test)."""
    if sys.flags.utf8_mode:
        pytest.skip("Python's UTF-8 mode (PYTHONUTF8=1) ignores the locale's encoding")
    old = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        if locale.getencoding().lower().replace("-", "") == "utf8":
            pytest.skip("the C locale of this system is UTF-8 already")
        yield
    finally:
        locale.setlocale(locale.LC_CTYPE, old)


def test_the_rejects_file_is_utf8_whatever_the_locale(
    project: Store, tmp_path: Path, ascii_locale: None
) -> None:
    """Pins the rejects file's encoding as UTF-8, named, not the locale's: under an ASCII
    locale a refused record holding Arabic and an emoji comes out as exactly these bytes
    (left to the locale, the import would fail on the first Arabic letter)."""
    line = '{"id": "خبر 📢", "text": ""}'
    src = tmp_path / "a.jsonl"
    src.write_bytes((line + "\n" + '{"id": "ok", "text": "نص"}\n').encode("utf-8"))
    report = run_import(project, [src], skip_invalid=True)
    assert [a.ext_id for a in project.iter_articles()] == ["ok"]
    utf8 = b"\xd8\xae\xd8\xa8\xd8\xb1 \xf0\x9f\x93\xa2"  # "خبر 📢", byte by byte
    assert report.rejects_path.read_bytes() == (
        b'{"file": "' + str(src).encode() + b'", "line": 1, "reason": "\\"text\\" is empty",'
        b' "record": "{\\"id\\": \\"' + utf8 + b'\\", \\"text\\": \\"\\"}"}\n'
    )
