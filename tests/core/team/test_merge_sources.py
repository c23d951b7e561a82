"""How a merge treats its sources: only read, known again by their full path or server URL,
the rename checks word for word, and when the target's history records a merge."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from team_data import annotator_file, at

from annotator.core.errors import ValidationError
from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn
from annotator.core.store import Store, create_store, open_store
from annotator.core.team.merge import merge_projects

TEXTS = {
    "a1": "شاركت وزارة التضامن الاجتماعي في المنتدى العالمي بفيينا",
    "a2": "قالت الوزيرة نيفين القباج إن برنامج تكافل وكرامة يغطي ملايين الأسر",
}
NAME = at(TEXTS["a2"], "نيفين القباج")


def merges(store: Store) -> list[dict]:
    """The details of the target's merge records, oldest first."""
    return [e.detail for e in store.history() if e.action == "merge"]


def dump(store: Store) -> str:
    return "\n".join(store.conn.iterdump())


@pytest.fixture
def alice(tmp_path: Path) -> Path:
    return annotator_file(
        tmp_path / "alice.db", "alice", [("a1", "ORG", "وزارة التضامن الاجتماعي")], TEXTS
    )


def test_a_source_merged_by_a_relative_and_a_full_path_is_one_source(
    project: Store, alice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pins a file source's name as its full path: the record names it so, and merging the
    same file again by another spelling of its path finds that record (nothing new: no
    second record); by the path as typed it would be a new source each time."""
    monkeypatch.chdir(alice.parent)
    merge_projects(project, ["alice.db"])
    assert [d["source"] for d in merges(project)] == [str(alice.resolve())]
    before = dump(project)
    again = merge_projects(project, [alice.resolve()])
    assert not again.changed
    assert dump(project) == before  # not even a record


def test_a_server_source_is_known_by_its_url(
    backend: str, new_target: str | Path, tmp_path: Path
) -> None:
    """Pins the source's name for a project with no file (a server schema): its location.

    Run on both backends: the source lives there, the target is a file."""
    with create_store(new_target, default_labels()) as src:
        with src.transaction():
            aid = src.insert_article(ArticleIn(ext_id="a1", text=TEXTS["a1"]))
        src.add_span(aid, "alice", "ORG", *at(TEXTS["a1"], "وزارة التضامن الاجتماعي"))
        name = src.location if backend == "postgres" else str(Path(new_target).resolve())
    with create_store(tmp_path / "target.db", default_labels()) as target:
        report = merge_projects(target, [new_target])
        assert (report.articles_added, report.spans_added) == (1, 1)
        assert [d["source"] for d in merges(target)] == [name]
        before = dump(target)
        assert not merge_projects(target, [new_target]).changed
        assert dump(target) == before


def test_a_source_is_only_read_even_in_rollback_journal_mode(project: Store, alice: Path) -> None:
    """Pins sources opened read-only: a writable open would switch a source kept in
    rollback-journal mode (a file made or vacuumed by another SQLite tool) to write-ahead
    logging, rewriting its header; a merge must leave every byte of it alone."""
    with sqlite3.connect(alice) as conn:
        assert conn.execute("PRAGMA journal_mode = DELETE").fetchone() == ("delete",)
    conn.close()
    before = (alice.read_bytes(), alice.stat().st_mtime_ns)
    report = merge_projects(project, [alice])
    assert report.spans_added == 1
    assert (alice.read_bytes(), alice.stat().st_mtime_ns) == before
    assert sorted(p.name for p in alice.parent.iterdir() if p.name.startswith("alice")) == [
        "alice.db"
    ]


@pytest.mark.parametrize(
    ("rename", "message"),
    [
        ({"zaid": "z"}, "--rename zaid=z: no annotator 'zaid' in the sources"),
        ({"alice": "  "}, "--rename alice=  : the new name is empty"),
        ({"alice": "gold"}, "--rename alice=gold: 'gold' is a reserved name"),
        ({"suggest": "gold"}, "--rename suggest=gold: 'gold' is a reserved name"),
        ({"alice": "bob"}, "--rename alice=bob: 'bob' is already an annotator in the sources"),
    ],
)
def test_a_bad_rename_is_refused_word_for_word(
    project: Store, alice: Path, tmp_path: Path, rename: dict[str, str], message: str
) -> None:
    bob = annotator_file(tmp_path / "bob.db", "bob", [("a1", "GPE", "فيينا")], TEXTS)
    with open_store(alice) as src:
        src.add_span(src.article_by_ext_id("a2").id, "suggest", "PERS", *NAME)
    before = dump(project)
    with pytest.raises(ValidationError) as err:
        merge_projects(project, [alice, bob], rename=rename)
    assert str(err.value) == message
    assert dump(project) == before


@pytest.mark.parametrize("new", ["model", "omar"])
def test_a_reserved_name_may_become_one_of_its_own_kind_or_a_person(
    project: Store, alice: Path, new: str
) -> None:
    """Pins the reserved-name check: refused only when the new name is reserved for
    another kind; ``suggest`` and ``model`` are both suggestions, a person's name is free."""
    with open_store(alice) as src:
        src.add_span(src.article_by_ext_id("a2").id, "suggest", "PERS", *NAME)
    report = merge_projects(project, [alice], rename={"suggest": new})
    assert report.spans_added == 2
    a2 = project.article_by_ext_id("a2").id
    assert [(s.annotator, s.start, s.end) for s in project.spans(a2)] == [(new, *NAME)]
    assert "suggest" not in project.annotators()


def test_a_first_merge_that_brings_nothing_is_still_recorded(
    project: Store, tmp_path: Path
) -> None:
    """Pins the record of a first merge even when the source adds nothing (no article, no
    span, no status: nothing seen there either), so the next merge knows it; merging it
    again then writes nothing."""
    with project.transaction():
        for ext, text in TEXTS.items():
            project.insert_article(ArticleIn(ext_id=ext, text=text))
    empty = tmp_path / "empty.db"
    with create_store(empty, default_labels()) as src:
        with src.transaction():
            src.insert_article(ArticleIn(ext_id="a1", text=TEXTS["a1"]))
    report = merge_projects(project, [empty])
    assert not report.changed
    assert [(d["source"], d["source_seen"], d["articles_added"]) for d in merges(project)] == [
        (str(empty.resolve()), "", 0)
    ]
    before = dump(project)
    merge_projects(project, [empty])
    assert dump(project) == before


def test_a_merge_again_that_brings_only_spans_is_recorded(project: Store, alice: Path) -> None:
    """Pins the record of a later merge that brings spans but no newer status: what it
    added is in the history, though nothing new was seen in the source's statuses."""
    merge_projects(project, [alice])
    with open_store(alice) as src:
        a2 = src.article_by_ext_id("a2").id
        seen = src.status(a2, "alice").updated_at
        src.add_span(a2, "alice", "PERS", *at(TEXTS["a2"], "نيفين القباج"))
        assert src.status(a2, "alice").updated_at == seen  # a span leaves the status alone
    report = merge_projects(project, [alice])
    assert (report.spans_added, report.statuses_set) == (1, 0)
    records = merges(project)
    assert len(records) == 2
    assert (records[1]["spans_added"], records[1]["statuses_set"]) == (1, 0)
    assert records[1]["source_seen"] == records[0]["source_seen"]
