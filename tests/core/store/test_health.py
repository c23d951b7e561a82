"""``Store.problems()`` (store/sqlite/health.py) and the reads that refuse a damaged span.

Each project is a real file edited the way another SQLite tool edits it (``damage_data``);
each problem has one exact line, and a read that meets the span says that same line with
"run annotator check" instead of leaving the span out.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from damage_data import (
    FIRST,
    damaged_project,
    edit_by_hand,
    healthy_project,
    project_with_version,
)

from annotator.core.errors import DamagedProjectError, ValidationError
from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn
from annotator.core.store import create_store, open_store, schema_versions
from annotator.core.store.sqlite.schema import CURRENT_VERSION


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return healthy_project(tmp_path / "news.db")


def _label_row(path: Path, name: str) -> int:
    with open_store(path, readonly=True) as store:
        return store.label_id(name)


def _problems(path: Path) -> list[str]:
    with open_store(path, readonly=True) as store:
        return store.problems()


def test_a_healthy_project_has_no_problems(path: Path) -> None:
    assert _problems(path) == []


def test_a_span_whose_label_row_is_gone(path: Path) -> None:
    gpe = _label_row(path, "GPE")
    edit_by_hand(path, "DELETE FROM labels WHERE name = 'GPE'")
    assert _problems(path) == [
        f"span 2 (article a1, annotator salma, characters 33-38): its label (row {gpe}) is missing"
    ]


def test_spans_whose_annotator_row_is_gone(path: Path) -> None:
    edit_by_hand(path, "DELETE FROM annotators WHERE name = 'salma'")
    assert _problems(path) == [
        "span 1 (article a1, label ORG, characters 6-29): its annotator (row 1) is missing",
        "span 2 (article a1, label GPE, characters 33-38): its annotator (row 1) is missing",
        "span 3 (article a2, label PERS, characters 8-17): its annotator (row 1) is missing",
        "2 status row(s) point to an annotator that is missing",
    ]


def test_a_span_whose_article_row_is_gone(path: Path) -> None:
    edit_by_hand(path, "DELETE FROM articles WHERE ext_id = 'a2'")
    assert _problems(path) == [
        "span 3 (annotator salma, label PERS, characters 8-17): its article (row 2) is missing",
        "1 status row(s) point to an article that is missing",
    ]


def test_spans_outside_a_text_shortened_by_hand(path: Path) -> None:
    edit_by_hand(path, "UPDATE articles SET text = 'شاركت', length = 5 WHERE ext_id = 'a1'")
    assert _problems(path) == [
        "span 1 (article a1, annotator salma, label ORG, characters 6-29): it ends after the"
        " text, which has 5 characters",
        "span 2 (article a1, annotator salma, label GPE, characters 33-38): it ends after the"
        " text, which has 5 characters",
    ]


def test_a_stored_length_that_is_not_the_texts(path: Path) -> None:
    edit_by_hand(path, "UPDATE articles SET length = 30 WHERE ext_id = 'a1'")
    assert _problems(path) == [
        "span 2 (article a1, annotator salma, label GPE, characters 33-38): it ends after the"
        " text, which has 30 characters",
        f"article a1: its stored length (30) is not that of its text ({len(FIRST)}"
        " characters); spans are checked against it",
    ]


@pytest.mark.parametrize(
    ("sql", "line"),
    [
        (
            'UPDATE spans SET start = 20, "end" = 10 WHERE id = 1',
            "span 1 (article a1, annotator salma, label ORG, characters 20-10): it does not"
            " end after its start",
        ),
        (
            "UPDATE spans SET start = -3 WHERE id = 1",
            "span 1 (article a1, annotator salma, label ORG, characters -3-29): it starts"
            " before the text",
        ),
    ],
    ids=["reversed", "negative"],
)
def test_spans_with_impossible_offsets(path: Path, sql: str, line: str) -> None:
    edit_by_hand(path, sql)
    assert _problems(path) == [line]


def test_a_text_holding_nul_is_not_taken_for_a_wrong_length(tmp_path: Path) -> None:
    """SQL's length() stops at NUL; the check counts such texts again in Python."""
    path = tmp_path / "nul.db"
    with create_store(path, default_labels()) as store, store.transaction():
        store.insert_article(ArticleIn(ext_id="nul", text="وزارة\x00التضامن"))
    assert _problems(path) == []


def test_overwritten_pages_are_reported_and_nothing_is_written(tmp_path: Path) -> None:
    path = damaged_project(tmp_path / "news.db")
    before = path.read_bytes()
    problems = _problems(path)
    assert problems and problems[0].startswith("the file is damaged (SQLite says: ")
    assert all("\n" not in line for line in problems)
    assert path.read_bytes() == before


# -- reads refuse the damaged span with check's line -------------------------------------


def _refusal(path: Path, line: str) -> str:
    return f"{path}: {line}; run annotator check {path}"


def test_reads_refuse_a_span_whose_label_row_is_gone(path: Path) -> None:
    """Before: ``spans`` and ``spans_for_articles`` left it out, ``span_rows`` (export)
    raised ``KeyError``."""
    gpe = _label_row(path, "GPE")
    edit_by_hand(path, "DELETE FROM labels WHERE name = 'GPE'")
    [line] = _problems(path)
    want = _refusal(path, line)
    with open_store(path, readonly=True) as store:
        a1, a2 = store.article_by_ext_id("a1").id, store.article_by_ext_id("a2").id
        for read in (
            lambda: store.spans(a1),
            lambda: store.spans(a1, ["salma"]),
            lambda: store.span(2),
            lambda: store.spans_for_articles([a1, a2]),
            lambda: list(store.span_rows([a1, a2], ["salma"])),
        ):
            with pytest.raises(DamagedProjectError) as caught:
                read()
            assert str(caught.value) == want
        # the other article, and the article's sound spans one by one, still read
        assert [s.label for s in store.spans(a2)] == ["PERS"]
        assert store.span(1).label == "ORG"
    assert f"label (row {gpe})" in want


def test_reads_refuse_a_span_outside_its_text(path: Path) -> None:
    edit_by_hand(path, "UPDATE articles SET text = 'شاركت', length = 5 WHERE ext_id = 'a1'")
    first = _problems(path)[0]
    with open_store(path, readonly=True) as store:
        a1 = store.article_by_ext_id("a1").id
        with pytest.raises(DamagedProjectError) as caught:
            store.spans(a1)
    assert str(caught.value) == _refusal(path, first)


def test_reads_refuse_a_span_whose_annotator_row_is_gone(path: Path) -> None:
    edit_by_hand(path, "DELETE FROM annotators WHERE name = 'salma'")
    first = _problems(path)[0]
    with open_store(path, readonly=True) as store:
        with pytest.raises(DamagedProjectError) as caught:
            store.spans(store.article_by_ext_id("a1").id)
    assert str(caught.value) == _refusal(path, first)


# -- schema versions, read without opening ---------------------------------------------


def test_schema_versions_of_a_current_an_older_and_a_newer_project(tmp_path: Path) -> None:
    assert schema_versions(healthy_project(tmp_path / "now.db")) == (
        CURRENT_VERSION,
        CURRENT_VERSION,
    )
    old = project_with_version(tmp_path / "old.db", 1)
    before = old.read_bytes()
    assert schema_versions(old) == (1, CURRENT_VERSION)
    assert old.read_bytes() == before  # read, never upgraded
    new = project_with_version(tmp_path / "new.db", CURRENT_VERSION + 1)
    assert schema_versions(new) == (CURRENT_VERSION + 1, CURRENT_VERSION)


def test_schema_versions_of_what_is_no_project(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("وزارة التضامن", encoding="utf-8")
    empty = tmp_path / "empty.db"
    empty.touch()
    for target in (tmp_path / "missing.db", tmp_path, text, empty):
        assert schema_versions(target) is None


# -- creating a project with a label set that is refused -------------------------------


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"name": "PERS", "shortcut": 5}, "label 'PERS': shortcut must be text, not 5"),
        ({"name": "PERS", "color": 5}, "label 'PERS': color must be text, not 5"),
        (
            {"name": "PERS", "display_name": ["شخص"]},
            "label 'PERS': display_name must be text, not ['شخص']",
        ),
        ({"name": "PERS", "guideline": {}}, "label 'PERS': guideline must be text, not {}"),
        ({"name": "PERS", "shortcut": "12"}, "label 'PERS': shortcut must be one key, got '12'"),
    ],
)
def test_a_refused_label_set_leaves_no_project_behind(
    tmp_path: Path, spec: dict[str, object], message: str
) -> None:
    """Before: a TypeError or a database error, and an empty project left in the way."""
    path = tmp_path / "news.db"
    with pytest.raises(ValidationError) as caught:
        create_store(path, [{"name": "ORG", "display_name": "منظمة"}, spec])
    assert str(caught.value) == message
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    with create_store(path, [{"name": "ORG"}]) as store:  # the retry is not "already exists"
        assert [lab.name for lab in store.labels()] == ["ORG"]
