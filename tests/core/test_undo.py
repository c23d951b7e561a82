"""Undo/redo writes through to the database; a failed write leaves the stack unchanged."""

from __future__ import annotations

import sqlite3

import pytest

import annotator.core.store.sqlite.backend as store_mod
from annotator.core.errors import NotFoundError, WriteFailedError
from annotator.core.store import Store
from annotator.core.undo import Batch, CreateSpan, DeleteSpan, UndoStack

NAME = "نائلة جبر"


def _rows(store: Store, aid: int) -> list[tuple[int, str, int, int]]:
    return [(s.id, s.label, s.start, s.end) for s in store.spans(aid)]


@pytest.fixture
def seeded(seed_project: Store, seed_text: str):
    aid = seed_project.article_by_ext_id("seed").id
    start = seed_text.index(NAME)
    return seed_project, aid, start, start + len(NAME)


def test_create_undo_redo_keeps_the_same_id(seeded) -> None:
    store, aid, s, e = seeded
    stack = UndoStack(store)
    span = stack.create_span(aid, "salma", "PERS", s, e)
    assert _rows(store, aid) == [(span.id, "PERS", s, e)]
    assert stack.undo_text() == "tag PERS"
    stack.undo()
    assert _rows(store, aid) == []
    assert stack.can_redo() and not stack.can_undo()
    stack.redo()
    assert _rows(store, aid) == [(span.id, "PERS", s, e)]


def test_relabel_and_delete_round_trip(seeded) -> None:
    store, aid, s, e = seeded
    stack = UndoStack(store)
    span = stack.create_span(aid, "salma", "PERS", s, e)
    stack.relabel_span(span.id, "ORG")
    assert _rows(store, aid) == [(span.id, "ORG", s, e)]
    stack.delete_span(span.id)
    assert _rows(store, aid) == []
    stack.undo()  # delete
    assert _rows(store, aid) == [(span.id, "ORG", s, e)]
    stack.undo()  # relabel
    assert _rows(store, aid) == [(span.id, "PERS", s, e)]
    stack.redo()
    stack.redo()
    assert _rows(store, aid) == []
    assert not stack.can_redo()


def test_deleted_span_comes_back_with_its_origin_and_annotator(seeded) -> None:
    store, aid, s, e = seeded
    old = store.add_span(aid, "import", "PERS", s, e, origin="wojood")
    stack = UndoStack(store)
    stack.delete_span(old.id)
    stack.undo()
    assert store.span(old.id) == old


def test_identical_tag_is_not_recorded(seeded) -> None:
    store, aid, s, e = seeded
    stack = UndoStack(store)
    first = stack.create_span(aid, "salma", "PERS", s, e)
    again = stack.create_span(aid, "salma", "PERS", s, e)
    assert again == first
    stack.undo()
    assert _rows(store, aid) == []
    assert not stack.can_undo()


def test_batch_is_one_step(seeded) -> None:
    store, aid, s, e = seeded
    stack = UndoStack(store)
    keep = store.add_span(aid, "salma", "OCC", s - 8, s - 1)
    stack.batch(
        [CreateSpan(aid, "salma", "PERS", s, e), DeleteSpan(keep)], text="accept suggestions"
    )
    assert [r[1] for r in _rows(store, aid)] == ["PERS"]
    stack.undo()
    assert _rows(store, aid) == [(keep.id, "OCC", s - 8, s - 1)]
    stack.redo()
    assert [r[1] for r in _rows(store, aid)] == ["PERS"]


def test_failed_batch_writes_nothing_and_records_nothing(seeded) -> None:
    store, aid, s, e = seeded
    stack = UndoStack(store)
    with pytest.raises(NotFoundError, match="NOPE"):
        stack.batch(
            [CreateSpan(aid, "salma", "PERS", s, e), CreateSpan(aid, "salma", "NOPE", s, e)]
        )
    assert _rows(store, aid) == []
    assert not stack.can_undo()


def test_locked_database_leaves_stack_and_file_unchanged(seeded, monkeypatch) -> None:
    store, aid, s, e = seeded
    monkeypatch.setattr(store_mod, "WRITE_RETRY_SECONDS", 0.2)
    store.conn.execute("PRAGMA busy_timeout = 20")
    stack = UndoStack(store)
    span = stack.create_span(aid, "salma", "PERS", s, e)
    other = sqlite3.connect(store.path, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(WriteFailedError, match="busy"):
            stack.undo()
        with pytest.raises(WriteFailedError):
            stack.create_span(aid, "salma", "ORG", s, e)
    finally:
        other.rollback()
        other.close()
    assert _rows(store, aid) == [(span.id, "PERS", s, e)]
    assert stack.can_undo() and not stack.can_redo()
    stack.undo()
    assert _rows(store, aid) == []


def test_listeners_hear_every_change(seeded) -> None:
    store, aid, s, e = seeded
    stack = UndoStack(store)
    heard: list[str] = []
    stack.listeners.append(lambda op: heard.append(op.describe()))
    span = stack.create_span(aid, "salma", "PERS", s, e)
    stack.relabel_span(span.id, "ORG")
    stack.undo()
    assert heard == ["tag PERS", "relabel PERS → ORG", "relabel PERS → ORG"]
    assert isinstance(stack.batch([], "empty"), Batch)


def test_the_stack_texts_and_listeners_follow_undo_and_redo(seeded) -> None:
    """Pins what the Edit menu shows (undo/redo texts, empty when there is nothing) and that
    a redo is recorded for the next undo and heard by the listeners with its step."""
    store, aid, s, e = seeded
    stack = UndoStack(store)
    assert (stack.undo_text(), stack.redo_text()) == ("", "")
    heard: list[tuple[str, int]] = []
    stack.listeners.append(lambda op: heard.append((op.describe(), op.article_id)))
    span = stack.create_span(aid, "salma", "PERS", s, e)
    stack.relabel_span(span.id, "ORG")
    assert (stack.undo_text(), stack.redo_text()) == ("relabel PERS → ORG", "")
    stack.undo()
    assert (stack.undo_text(), stack.redo_text()) == ("tag PERS", "relabel PERS → ORG")
    stack.undo()
    assert (stack.undo_text(), stack.redo_text()) == ("", "tag PERS")
    stack.redo()
    stack.redo()
    assert (stack.undo_text(), stack.redo_text()) == ("relabel PERS → ORG", "")
    stack.undo()  # the redone step is on the undo stack again
    assert store.span(span.id).label == "PERS"
    step = ("relabel PERS → ORG", aid)
    assert heard == [("tag PERS", aid), step, step, ("tag PERS", aid), ("tag PERS", aid), step,
                     step]  # fmt: skip
    assert stack.batch([], "accept 3 suggestions").describe() == "accept 3 suggestions"
    assert stack.undo_text() == "accept 3 suggestions"
    assert stack.batch([]).describe() == "batch"


def test_a_tag_keeps_its_origin_and_only_the_annotators_own_tags_count_as_identical(
    seeded,
) -> None:
    """Pins ``create_span`` passing the origin on, and comparing with this annotator's spans
    only: the same letters tagged by someone else are not "already there"."""
    store, aid, s, e = seeded
    theirs = store.add_span(aid, "omar", "PERS", s, e)
    stack = UndoStack(store)
    mine = stack.create_span(aid, "salma", "PERS", s, e, origin="suggest")
    assert mine.id != theirs.id and (mine.annotator, mine.origin) == ("salma", "suggest")
    assert stack.can_undo()
    stack.undo()
    stack.redo()
    assert store.span(mine.id).origin == "suggest"


def test_the_default_limit_keeps_a_thousand_steps(seeded) -> None:
    store, aid, s, e = seeded
    assert UndoStack(store).limit == 1000
    stack = UndoStack(store, limit=2)
    for label in ("PERS", "ORG", "LOC"):
        stack.create_span(aid, "salma", label, s, e)
    assert stack.undo() and stack.undo() and stack.undo() is None
    assert [r[1] for r in _rows(store, aid)] == ["PERS"]


def test_a_failed_redo_of_a_batch_gives_its_tags_their_ids_back(seeded) -> None:
    """Pins the ids a rolled-back batch restores: its tags keep the ids they had (redo
    re-creates them under those), not ids the rolled-back transaction handed out, nor none."""
    store, aid, s, e = seeded
    stack = UndoStack(store)
    ops = [CreateSpan(aid, "salma", "PERS", s, e), CreateSpan(aid, "salma", "ORG", s, e)]
    stack.batch(ops)
    ids = [op.span_id for op in ops]
    assert None not in ids
    stack.undo()
    store.add_span(aid, "omar", "ORG", s, e)  # harmless: another annotator
    store.update_label("ORG", name="ORG2")  # the second step can no longer be applied
    with pytest.raises(NotFoundError):
        stack.redo()
    assert [op.span_id for op in ops] == ids
    assert [r[1] for r in _rows(store, aid)] == ["ORG2"]
