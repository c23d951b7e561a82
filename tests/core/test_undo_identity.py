"""Undo and redo touch exactly the span they made, even when another window works on the
same project: ids are never reused, and a span changed elsewhere is left alone (the step is
dropped with a message and the stack goes on)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from annotator.core.errors import StaleError
from annotator.core.store import Store, open_store
from annotator.core.undo import UndoStack

NAME = "نائلة جبر"
OTHER = "التضامن"


@pytest.fixture
def two(seed_project: Store, seed_text: str) -> Iterator[tuple[Store, Store, int, str]]:
    """Two connections on one project file: two windows."""
    other = open_store(seed_project.path)
    aid = seed_project.article_by_ext_id("seed").id
    yield seed_project, other, aid, seed_text
    other.close()


def _at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def _spans(store: Store, aid: int) -> set[tuple[str, int, int]]:
    return {(s.label, s.start, s.end) for s in store.spans(aid)}


def test_a_deleted_spans_id_is_never_given_to_a_new_span(two) -> None:
    one, other, aid, text = two
    span = one.add_span(aid, "salma", "PERS", *_at(text, NAME))
    other.delete_span(span.id)
    new = other.add_span(aid, "salma", "ORG", *_at(text, OTHER))
    assert new.id > span.id


def test_undo_of_a_tag_never_deletes_another_words_span(two) -> None:
    one, other, aid, text = two
    stack = UndoStack(one)
    span = stack.create_span(aid, "salma", "PERS", *_at(text, NAME))
    other.delete_span(span.id)  # window 2 deletes it...
    other.add_span(aid, "salma", "ORG", *_at(text, OTHER))  # ...and tags another word
    with pytest.raises(StaleError, match="removed elsewhere"):
        stack.undo()
    assert _spans(one, aid) == {("ORG", *_at(text, OTHER))}
    assert not stack.can_undo() and not stack.can_redo()


def test_undo_of_a_relabel_leaves_a_span_someone_else_relabelled(two) -> None:
    one, other, aid, text = two
    stack = UndoStack(one)
    span = stack.create_span(aid, "salma", "PERS", *_at(text, NAME))
    stack.relabel_span(span.id, "ORG")
    other.relabel_span(span.id, "LOC")
    with pytest.raises(StaleError, match="changed elsewhere"):
        stack.undo()  # the relabel: the span is LOC now, not the ORG we left
    assert _spans(one, aid) == {("LOC", *_at(text, NAME))}
    # The step below it (the tag) is still there and still checks: it is not PERS now.
    with pytest.raises(StaleError):
        stack.undo()
    assert _spans(one, aid) == {("LOC", *_at(text, NAME))}
    assert not stack.can_undo()


def test_undo_of_a_delete_when_the_same_letters_were_tagged_again(two) -> None:
    """Used to fail for ever with "UNIQUE constraint failed" and block the stack below."""
    one, other, aid, text = two
    stack = UndoStack(one)
    first = stack.create_span(aid, "salma", "PERS", *_at(text, OTHER))
    span = stack.create_span(aid, "salma", "PERS", *_at(text, NAME))
    stack.delete_span(span.id)
    other.add_span(aid, "salma", "PERS", *_at(text, NAME))  # tagged again elsewhere
    with pytest.raises(StaleError, match="tagged again elsewhere"):
        stack.undo()
    with pytest.raises(StaleError, match="removed elsewhere"):
        stack.undo()  # the second tag: the span it made is gone; the one there is theirs
    assert stack.can_undo()
    stack.undo()  # the first tag is ours and unchanged: undone
    assert _spans(one, aid) == {("PERS", *_at(text, NAME))}
    assert first.id not in {s.id for s in one.spans(aid)}


def test_redo_of_a_tag_when_someone_tagged_the_same_letters(two) -> None:
    one, other, aid, text = two
    stack = UndoStack(one)
    stack.create_span(aid, "salma", "PERS", *_at(text, NAME))
    stack.undo()
    theirs = other.add_span(aid, "salma", "PERS", *_at(text, NAME))
    with pytest.raises(StaleError):
        stack.redo()
    assert [s.id for s in one.spans(aid)] == [theirs.id]
    assert not stack.can_redo()


def test_a_stale_step_inside_a_batch_changes_nothing_of_the_batch(two) -> None:
    from annotator.core.undo import CreateSpan

    one, other, aid, text = two
    stack = UndoStack(one)
    stack.batch(
        [
            CreateSpan(aid, "salma", "PERS", *_at(text, NAME)),
            CreateSpan(aid, "salma", "ORG", *_at(text, OTHER)),
        ],
        "tag all",
    )
    org = next(s for s in one.spans(aid) if s.label == "ORG")
    other.relabel_span(org.id, "LOC")
    with pytest.raises(StaleError):
        stack.undo()
    assert _spans(one, aid) == {("PERS", *_at(text, NAME)), ("LOC", *_at(text, OTHER))}


def test_redo_of_a_delete_or_relabel_leaves_a_span_someone_else_changed(two) -> None:
    """Pins the ``expect`` a redo passes: deleting or relabelling again only the span as
    this window left it; relabelled elsewhere meanwhile, it stays as the other made it."""
    one, other, aid, text = two
    stack = UndoStack(one)
    name = one.add_span(aid, "salma", "PERS", *_at(text, NAME))
    org = one.add_span(aid, "salma", "ORG", *_at(text, OTHER))
    stack.batch([], "start")
    stack.delete_span(name.id)
    stack.relabel_span(org.id, "LOC")
    stack.undo()
    stack.undo()  # both steps wait on the redo stack: the delete on top
    other.relabel_span(name.id, "OCC")
    other.relabel_span(org.id, "EVENT")
    with pytest.raises(StaleError):
        stack.redo()  # the delete
    with pytest.raises(StaleError):
        stack.redo()  # the relabel to LOC
    assert _spans(one, aid) == {("OCC", *_at(text, NAME)), ("EVENT", *_at(text, OTHER))}
    assert not stack.can_redo() and stack.undo_text() == "start"
