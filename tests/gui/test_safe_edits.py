"""Nothing typed or tagged in the window is lost or applied to the wrong thing: the note is
saved as typed and never thrown away when a save fails; an undo whose span was changed in
another window says so and leaves it; a project renamed while open is not written to and
the window offers to reopen it where it went."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from gui_helpers import select_text, stored
from PySide6.QtCore import Qt

import annotator.core.store.sqlite.backend as store_mod
from annotator.core.store import open_store
from annotator.gui.workspace import flow as flow_mod

SEED_NAME = "نائلة جبر"


@contextmanager
def busy(window, monkeypatch) -> Iterator[None]:
    """Another program holds the write lock; the window's writes fail as "busy"."""
    monkeypatch.setattr(store_mod, "WRITE_RETRY_SECONDS", 0.1)
    window.store.conn.execute("PRAGMA busy_timeout = 20")
    other = sqlite3.connect(window.store.path, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.rollback()
        other.close()


def _note(window) -> str:
    return window.store.status(window.current_article_id, "salma").note


def test_a_note_is_saved_while_typing_without_enter(window, qtbot, monkeypatch):
    monkeypatch.setattr(flow_mod, "NOTE_SAVE_AFTER_MS", 50)
    window.flow.note_timer.setInterval(50)
    window.note_edit.setFocus()
    qtbot.keyClicks(window.note_edit, "unclear name")  # (QTest types Latin keys only)
    qtbot.waitUntil(lambda: _note(window) == "unclear name", timeout=2000)
    assert window.note_edit.hasFocus()  # saving does not take the cursor away


def test_enter_saves_the_note_and_gives_the_keys_back_to_the_text(window, qtbot):
    aid = window.current_article_id
    window.note_edit.setFocus()
    qtbot.keyClicks(window.note_edit, "check")
    qtbot.keyClick(window.note_edit, Qt.Key.Key_Return)
    assert _note(window) == "check"
    assert window.article_view.hasFocus()
    select_text(window.article_view, SEED_NAME)
    qtbot.keyClick(window.article_view, "1")  # a label key now tags, not types "1"
    assert window.note_edit.text() == "check"
    assert stored(window.store, aid) == [("PERS", SEED_NAME)]


def test_a_failed_note_save_keeps_the_text_and_the_article(window, qtbot, monkeypatch):
    first = window.current_article_id
    window.note_edit.setText("ملاحظة مهمة")
    with busy(window, monkeypatch):
        window.next_article()
        assert window.current_article_id == first  # did not move on
        assert window.note_edit.text() == "ملاحظة مهمة"
        assert window.last_error.startswith("The note was not saved: ")
        assert "busy" in window.last_error
        window.flow.mark_done()  # done needs the note saved first: refused as well
        assert window.current_article_id == first
    window.next_article()  # the project is free again: saved, then moves on
    assert window.current_article_id != first
    assert window.store.status(first, "salma").note == "ملاحظة مهمة"
    assert window.store.status(first, "salma").status.value != "done"


def test_closing_with_a_note_that_cannot_be_saved_stays_open_once(window, monkeypatch):
    window.note_edit.setText("لا تضيع")
    with busy(window, monkeypatch):
        window.close()
        assert window.isVisible() and window.note_edit.text() == "لا تضيع"
        assert "The note was not saved" in window.last_error
    window.close()
    assert not window.isVisible()
    with _reopen(window) as store:
        aid = store.article_by_ext_id("seed").id
        assert store.status(aid, "salma").note == "لا تضيع"


@contextmanager
def _reopen(window):
    store = open_store(window.store.path)
    try:
        yield store
    finally:
        store.close()


def test_undo_of_a_span_changed_in_another_window_says_so(window, qtbot):
    aid = window.current_article_id
    select_text(window.article_view, SEED_NAME)
    qtbot.keyClick(window.article_view, "1")
    (span,) = window.store.spans(aid)
    with open_store(window.store.path) as other:
        other.relabel_span(span.id, "ORG")
    window.undo()
    assert "was changed elsewhere" in window.last_error and "left as it is" in window.last_error
    assert stored(window.store, aid) == [("ORG", SEED_NAME)]
    assert [s.label for s in window.article_view.spans] == ["ORG"]  # shown as it is now
    assert not window.undo_stack.can_undo()
    assert window.undo_action.text() == "Undo"  # nothing left to undo


def test_a_renamed_project_is_not_written_and_reopens_where_it_went(window, qtbot, tmp_path):
    aid = window.current_article_id
    moved = tmp_path / "renamed.db"
    os.rename(window.store.path, moved)
    window.files.check_outside_changes()  # the watch timer's tick
    assert str(moved) in window.last_error and "Reopen it there" in window.last_error
    reopen = window.findChild(type(window._reopen_button), "reopenButton")
    assert reopen is not None and not reopen.isHidden()
    select_text(window.article_view, SEED_NAME)
    qtbot.keyClick(window.article_view, "1")
    assert "renamed, moved or deleted while open" in window.last_error
    assert window.article_view.spans == []
    windows: list = []
    monkey_open = window.files._open_window

    def opening(path):
        windows.append(monkey_open(path))
        return windows[-1]

    window.files._open_window = opening
    reopen.click()
    assert len(windows) == 1 and windows[0].store.path == moved
    new = windows[0]
    qtbot.addWidget(new)
    new.open_article(aid)
    select_text(new.article_view, SEED_NAME)
    qtbot.keyClick(new.article_view, "1")
    assert stored(new.store, aid) == [("PERS", SEED_NAME)]
    new.close()


def test_a_deleted_project_is_reported_once(window):
    window.store.path.unlink()
    window.files.check_outside_changes()
    first = window.last_error
    assert "was deleted while open" in first
    window.last_error = ""
    window.files.check_outside_changes()
    assert window.last_error == ""


def test_an_article_with_a_damaged_span_is_refused_with_one_line(window, qtbot):
    """A span whose label row was deleted with another tool: the window says what `check`
    says, and stays on the article it showed."""
    first = window.current_article_id
    a2 = window.store.article_by_ext_id("a2").id
    window.store.add_span(a2, "salma", "LOC", 4, 9)
    conn = sqlite3.connect(window.store.path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DELETE FROM labels WHERE name = 'LOC'")
    conn.commit()
    conn.close()
    window.open_article(a2)
    assert window.current_article_id == first
    assert "its label" in window.last_error and "run annotator check" in window.last_error
