"""Moving through the corpus: next/previous, done, skip, notes, resume, blind annotation."""

from __future__ import annotations

from gui_helpers import SEED_NAME, select_text, stored
from PySide6.QtCore import Qt

from annotator.core.model import Status

CTRL = Qt.KeyboardModifier.ControlModifier


def _ext(window) -> str:
    return window.store.article(window.current_article_id).ext_id


def test_next_previous_from_the_keyboard(window, qtbot):
    view = window.article_view
    assert _ext(window) == "seed"
    qtbot.keyClick(view, Qt.Key.Key_PageDown, CTRL)
    assert _ext(window) == "a2"
    assert view.text == window.store.article_by_ext_id("a2").text
    assert window.title_label.text() == "زيارة"
    assert window.position_label.text() == "Article 2 of 3"
    qtbot.keyClick(view, Qt.Key.Key_PageDown, CTRL)
    qtbot.keyClick(view, Qt.Key.Key_PageDown, CTRL)  # past the end: stays
    assert _ext(window) == "a3"
    qtbot.keyClick(view, Qt.Key.Key_PageUp, CTRL)
    assert _ext(window) == "a2"
    assert window.article_list.currentIndex().row() == 1


def test_done_marks_and_moves_to_the_next_not_done(window, qtbot):
    store, view = window.store, window.article_view
    a2 = store.article_by_ext_id("a2").id
    store.set_status(a2, "salma", Status.DONE)
    qtbot.keyClick(view, Qt.Key.Key_Return, CTRL)
    seed = store.article_by_ext_id("seed").id
    assert store.status(seed, "salma").status == Status.DONE
    assert _ext(window) == "a3"  # a2 was already done
    assert window.progress_label.text() == "salma: 2 / 3 done"
    qtbot.keyClick(view, Qt.Key.Key_Return, CTRL | Qt.KeyboardModifier.ShiftModifier)  # skip
    assert store.status(store.article_by_ext_id("a3").id, "salma").status == Status.SKIPPED
    assert _ext(window) == "a3"  # nothing left to do: stays, says so
    assert "done" in window.statusBar().currentMessage()


def test_tagging_marks_in_progress_and_the_list_follows(window, qtbot):
    view = window.article_view
    select_text(view, SEED_NAME)
    qtbot.keyClick(view, "1")
    seed = window.store.article_by_ext_id("seed").id
    assert window.store.status(seed, "salma").status == Status.IN_PROGRESS
    model = window.list_model
    assert model.data(model.index(0, model.SPANS), Qt.ItemDataRole.DisplayRole) == 1
    assert model.data(model.index(0, model.STATUS), Qt.ItemDataRole.DisplayRole) == "in progress"


def test_note_is_saved_and_reopening_resumes_at_the_last_article(
    window, make_window, project_path, qtbot
):
    qtbot.keyClick(window.article_view, Qt.Key.Key_PageDown, CTRL)
    window.note_edit.setText("عنوان ناقص")
    window.note_edit.editingFinished.emit()
    a2 = window.store.article_by_ext_id("a2").id
    assert window.store.status(a2, "salma").note == "عنوان ناقص"
    window.close()

    again = make_window(project_path)
    assert again.current_article_id == a2
    assert again.note_edit.text() == "عنوان ناقص"
    other = make_window(project_path, "omar")  # another annotator starts at the beginning
    assert _ext(other) == "seed"


def test_note_is_saved_when_moving_on(window, qtbot):
    window.note_edit.setText("مراجعة")
    qtbot.keyClick(window.article_view, Qt.Key.Key_PageDown, CTRL)
    seed = window.store.article_by_ext_id("seed").id
    assert window.store.status(seed, "salma").note == "مراجعة"
    assert window.note_edit.text() == ""


def test_blind_by_default_and_the_toggle_shows_everyone(make_window, project_path, seed_text):
    from annotator.core.store import open_store

    i = seed_text.index(SEED_NAME)
    with open_store(project_path) as store:
        seed = store.article_by_ext_id("seed").id
        store.add_span(seed, "omar", "PERS", i, i + len(SEED_NAME))
        store.add_span(seed, "import", "OCC", i - 8, i - 1)
    window = make_window(project_path)
    assert [(s.annotator, s.label) for s in window.article_view.spans] == [("import", "OCC")]
    window.show_all_action.trigger()
    assert sorted(s.annotator for s in window.article_view.spans) == ["import", "omar"]
    assert not window.span_list.isColumnHidden(2)
    window.show_all_action.trigger()
    assert [s.annotator for s in window.article_view.spans] == ["import"]


def test_others_spans_are_taken_over_not_changed(make_window, project_path, seed_text, qtbot):
    from annotator.core.store import open_store


    i = seed_text.index(SEED_NAME)
    with open_store(project_path) as store:
        seed = store.article_by_ext_id("seed").id
        pre = store.add_span(seed, "import", "OCC", i, i + len(SEED_NAME))
    window = make_window(project_path)
    view = window.article_view
    view.select_span(view.spans[0])
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # not yours: refused
    assert window.store.span(pre.id) == pre
    qtbot.keyClick(view, "1")  # a label key copies it as your own tag
    assert stored(window.store, seed, "salma") == [("PERS", SEED_NAME)]
    assert window.store.span(pre.id) == pre


def test_undo_goes_back_to_the_article_of_the_change(window, qtbot):
    view = window.article_view
    select_text(view, SEED_NAME)
    qtbot.keyClick(view, "1")
    qtbot.keyClick(view, Qt.Key.Key_PageDown, CTRL)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert _ext(window) == "seed"
    assert stored(window.store, window.current_article_id) == []


def test_articles_added_by_another_program_appear(window, project_path, qtbot):
    from annotator.core.model import ArticleIn
    from annotator.core.store import open_store

    assert not window.check_outside_changes()  # nothing happened: nothing re-read
    with open_store(project_path) as other, other.transaction():
        other.insert_article(ArticleIn(ext_id="late", text="خبر وصل متأخرًا.", title="متأخر"))
    # The window looks on a timer and on activation; both call this (called directly
    # here so the test does not depend on the event loop's timers).
    assert window._watch_timer.isActive() and window._watch_timer.interval() <= 3000
    assert window.check_outside_changes()
    assert len(window.list_model.ids) == 4
    assert window.store.article_by_ext_id("late").id in window.list_model.ids
    assert window.progress_label.text() == "salma: 0 / 4 done"
    assert _ext(window) == "seed"  # the annotator stays where they were
    assert not window.check_outside_changes()


def test_next_not_done_wraps_around_a_long_list_window_by_window(
    make_window, tmp_path, monkeypatch
) -> None:
    """After the open article to the end, then from the top; the open article itself is
    never the answer; a window of ids at a time (small windows here, to cross edges)."""
    from annotator.core.labels import default_labels
    from annotator.core.model import ArticleIn
    from annotator.core.store import create_store
    from annotator.gui.workspace import flow

    path = tmp_path / "long.db"
    with create_store(path, default_labels()) as store:
        with store.transaction():
            ids = [store.insert_article(ArticleIn(ext_id=f"n{i}", text="نص")) for i in range(60)]
        for aid in ids[31:] + ids[:10]:
            store.set_status(aid, "salma", Status.DONE)
    monkeypatch.setattr(flow, "WINDOW", 7)
    window = make_window(path)
    window.open_article(ids[30])
    assert window.flow.next_not_done() == ids[10]
    for aid in ids[10:30]:
        window.store.set_status(aid, "salma", Status.SKIPPED)
    assert window.flow.next_not_done() is None  # only the open article is left
    window.store.set_status(ids[29], "salma", Status.TODO)
    assert window.flow.next_not_done() == ids[29]
