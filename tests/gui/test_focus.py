"""The keyboard goes back to the article after every action that is not typing, and a label
key never lands in a text field or a list by accident.

(Enter in the note field: tests/gui/test_safe_edits.py.)
"""

from __future__ import annotations

import pytest
from gui_helpers import SEED_NAME, select_text, stored
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.model import Status

MINISTRY = "وزارة التضامن"


@pytest.fixture
def active(window, qtbot):
    """The seed article open in the active window, the keyboard in the text."""
    window.open_article(window.store.article_by_ext_id("seed").id)
    with qtbot.waitActive(window):
        window.activateWindow()
    window.article_view.setFocus()
    qtbot.waitUntil(window.article_view.hasFocus)
    return window


def _spans(window) -> list[tuple[str, str]]:
    return stored(window.store, window.current_article_id)


def test_a_palette_click_leaves_tab_and_label_keys_with_the_text(active, qtbot, seed_text):
    view = active.article_view
    select_text(view, SEED_NAME)
    qtbot.mouseClick(active.palette_widget.buttons["PERS"], Qt.MouseButton.LeftButton)
    assert _spans(active) == [("PERS", SEED_NAME)]
    assert view.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # steps to the span, not to the next widget
    assert view.hasFocus() and view.selected_span is not None
    assert seed_text[view.selected_span.start : view.selected_span.end] == SEED_NAME
    # the palette's scroll area never takes the keyboard, even when clicked itself
    assert active.side_panel.palette_scroll.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_closing_the_label_editor_gives_the_keys_back_to_the_text(active, qtbot):
    active.edit_labels()
    editor = active.label_editor
    assert editor is not None
    qtbot.waitExposed(editor)
    editor.name.setFocus()
    editor.reject()
    qtbot.waitUntil(active.article_view.hasFocus)
    select_text(active.article_view, SEED_NAME)
    qtbot.keyClick(QApplication.focusWidget(), "1")
    assert _spans(active) == [("PERS", SEED_NAME)]


def test_closing_a_message_gives_the_keys_back_to_the_text(active, qtbot):
    active.show_error("tag PERS: the project is busy in another program; not saved")
    box = active.findChild(QMessageBox, "errorBox")
    qtbot.waitExposed(box)
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(active.article_view.hasFocus)


def test_enter_in_the_find_field_hands_the_match_to_a_label_key(active, qtbot):
    ui = active.search_ui
    ui.open_find()
    ui.find_edit.setText(MINISTRY)
    assert ui.find_edit.hasFocus()
    qtbot.keyClick(ui.find_edit, Qt.Key.Key_Return)
    assert active.article_view.hasFocus()
    qtbot.keyClick(active.article_view, "3")  # ORG, on the first match
    assert _spans(active) == [("ORG", MINISTRY)]
    assert ui.find_edit.text() == MINISTRY  # nothing typed into the field


def test_a_corpus_hit_opens_with_the_keys_in_the_text(active, qtbot):
    ui = active.search_ui
    active.open_article(active.store.article_by_ext_id("a2").id)
    ui.open_corpus_search()
    ui.corpus_edit.setText("القاهرة")
    qtbot.keyClick(ui.corpus_edit, Qt.Key.Key_Return)
    assert ui.results.hasFocus()  # arrows choose a hit
    qtbot.keyClick(ui.results, Qt.Key.Key_Return)
    assert active.current_article_id == active.store.article_by_ext_id("a2").id
    assert active.article_view.hasFocus()
    qtbot.keyClick(active.article_view, "6")  # GPE, on the match
    assert _spans(active) == [("GPE", "القاهرة")]


def test_choosing_a_filter_gives_the_keys_back_to_the_text(active, qtbot):
    active.title_filter.setFocus()
    active.title_filter.setText("التضامن")
    qtbot.keyClick(active.title_filter, Qt.Key.Key_Return)
    assert active.list_model.ids == [active.current_article_id]
    assert active.article_view.hasFocus()
    active.status_filter.setFocus()
    active.status_filter.activated.emit(1)  # what choosing an item with the mouse sends
    assert active.article_view.hasFocus()


def test_a_label_key_in_the_article_list_tags_instead_of_jumping(active, qtbot):
    seed = active.current_article_id
    select_text(active.article_view, SEED_NAME)
    active.article_list.setFocus()
    qtbot.keyClick(active.article_list, "1")
    assert active.current_article_id == seed  # no jump to a row starting with "1"
    assert _spans(active) == [("PERS", SEED_NAME)]
    assert active.article_view.hasFocus()


def test_a_status_filter_hiding_the_open_article_leaves_it_reachable(active, qtbot):
    """Filtered to "done", the article on screen is not listed: a hint says so, the
    position stays shown, and a click on the hint lists every article again."""
    other = active.store.article_by_ext_id("a2").id
    active.store.set_status(other, "salma", Status.DONE)
    active.status_filter.setCurrentIndex(active.status_filter.findData(Status.DONE.value))
    hint = active.list_panel.hidden_hint
    assert active.list_model.ids == [other]
    assert hint.isVisible() and hint.text() == "The open article seed is not in this list."
    assert active.position_label.text() == "Not in this list (1 listed)"
    qtbot.mouseClick(active.list_panel.show_all_button, Qt.MouseButton.LeftButton)
    assert len(active.list_model.ids) == 3 and not hint.isVisible()
    assert active.position_label.text() == "Article 1 of 3"
    assert active.article_list.currentIndex().row() == 0  # the open article, selected
    assert active.article_view.hasFocus()
