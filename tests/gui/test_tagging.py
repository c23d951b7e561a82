"""Tagging in the real article view: select like a person, press a label key, read the DB."""

from __future__ import annotations

import sqlite3

from gui_helpers import SEED_NAME, find_in_view, select_positions, select_text, stored
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat

import annotator.core.store.sqlite.backend as store_mod
from annotator.gui.common.bidi import CellDirectionDelegate


def _seed(window) -> int:
    return window.store.article_by_ext_id("seed").id


def test_selecting_the_name_after_emoji_stores_exactly_that_name(window, qtbot, seed_text):
    view = window.article_view
    assert window.current_article_id == _seed(window)
    start, end = select_text(view, SEED_NAME)
    # Emoji before the name: Qt's UTF-16 positions are not the stored code points.
    assert start != seed_text.index(SEED_NAME)
    qtbot.keyClick(view, "1")  # PERS
    assert stored(window.store, _seed(window)) == [("PERS", SEED_NAME)]
    span = window.store.spans(_seed(window))[0]
    assert seed_text[span.start : span.end] == SEED_NAME
    assert [s.id for s in view.spans] == [span.id]  # drawn only after it was stored
    assert window.span_list.topLevelItem(0).text(1) == SEED_NAME
    # the words are painted right to left, right-aligned (the shared cell delegate)
    assert isinstance(window.span_list.itemDelegate(), CellDirectionDelegate)


def test_a_drag_from_mid_word_snaps_to_whole_words(window, qtbot):
    view = window.article_view
    start, end = find_in_view(view, SEED_NAME)
    select_positions(view, end - 2, start + 2)  # dragged backwards, both ends mid-word
    qtbot.keyClick(view, "1")
    assert stored(window.store, _seed(window)) == [("PERS", SEED_NAME)]


def test_typographic_quotes_and_spaces_are_dropped(window, qtbot):
    view = window.article_view
    start, end = find_in_view(view, "“تكافل وكرامة”")
    select_positions(view, start - 1, end + 1)
    qtbot.keyClick(view, "4")  # PROGRAM
    assert stored(window.store, _seed(window)) == [("PROGRAM", "تكافل وكرامة")]


def test_alt_gives_character_precision(window, qtbot):
    view = window.article_view
    start, _end = find_in_view(view, "الاجتماعي")
    select_positions(view, start + 2, start + 9)  # "اجتماعي" without the article
    qtbot.keyClick(view, "3", Qt.KeyboardModifier.AltModifier)
    assert stored(window.store, _seed(window)) == [("ORG", "اجتماعي")]


def test_character_mode_toggle_and_palette_click(window, qtbot):
    view = window.article_view
    window.char_mode_action.trigger()
    assert window.character_mode
    start, _end = find_in_view(view, "الاجتماعي")
    select_positions(view, start + 2, start + 5)
    qtbot.mouseClick(window.palette_widget.buttons["ORG"], Qt.MouseButton.LeftButton)
    assert stored(window.store, _seed(window)) == [("ORG", "اجت")]
    assert window.palette_widget.buttons["ORG"].focusPolicy() == Qt.FocusPolicy.NoFocus


def test_empty_or_blank_selection_and_unlabelled_keys_store_nothing(window, qtbot):
    view = window.article_view
    qtbot.keyClick(view, "1")  # no selection
    start, _end = find_in_view(view, SEED_NAME)
    select_positions(view, start - 1, start)  # one space
    qtbot.keyClick(view, "1")
    select_text(view, SEED_NAME)
    qtbot.keyClick(view, "9")  # no label has key 9
    qtbot.keyClick(view, "q")
    assert stored(window.store, _seed(window)) == []
    assert view.spans == []
    assert window.last_error == ""


def _click_span(qtbot, view, needle: str) -> None:
    start, end = find_in_view(view, needle)
    cursor = view.textCursor()
    cursor.setPosition((start + end) // 2)
    point = view.cursorRect(cursor).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_click_relabel_delete_undo_redo(window, qtbot):
    view, store, aid = window.article_view, window.store, _seed(window)
    select_text(view, SEED_NAME)
    qtbot.keyClick(view, "1")
    span_id = store.spans(aid)[0].id
    assert window.undo_action.text() == "Undo tag PERS"

    _click_span(qtbot, view, SEED_NAME)
    assert view.selected_span is not None and view.selected_span.id == span_id
    qtbot.keyClick(view, "3")  # relabel to ORG
    assert stored(store, aid) == [("ORG", SEED_NAME)]
    assert store.spans(aid)[0].id == span_id

    _click_span(qtbot, view, SEED_NAME)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert stored(store, aid) == []
    assert view.spans == []

    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo delete
    assert stored(store, aid) == [("ORG", SEED_NAME)]
    assert store.spans(aid)[0].id == span_id
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo relabel
    assert stored(store, aid) == [("PERS", SEED_NAME)]
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo tag
    assert stored(store, aid) == []
    assert view.spans == []
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(view, Qt.Key.Key_Z, redo)
    assert stored(store, aid) == [("PERS", SEED_NAME)]
    assert [s.id for s in view.spans] == [span_id]


def test_tab_selects_spans_for_keyboard_only_relabel(window, qtbot):
    view, store, aid = window.article_view, window.store, _seed(window)
    select_text(view, "وزارة التضامن الاجتماعي")
    qtbot.keyClick(view, "3")
    select_text(view, SEED_NAME)
    qtbot.keyClick(view, "1")
    view.moveCursor(view.textCursor().MoveOperation.Start)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.selected_span.label == "ORG"
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.selected_span.label == "PERS"
    qtbot.keyClick(view, "6")
    assert sorted(stored(store, aid)) == [("GPE", SEED_NAME), ("ORG", "وزارة التضامن الاجتماعي")]


def test_nested_spans_are_drawn_distinguishably(window, qtbot):
    view = window.article_view
    select_text(view, "وزارة التضامن الاجتماعي")
    qtbot.keyClick(view, "3")
    start, end = find_in_view(view, "وزارة التضامن الاجتماعي")
    select_positions(view, start + 6, start + 13)
    qtbot.keyClick(view, "3", Qt.KeyboardModifier.AltModifier)
    outer, inner = sorted(view.spans, key=lambda s: s.start - s.end)
    assert window.store.article_text(_seed(window))[inner.start : inner.end] == "التضامن"
    assert view.span_color(inner) != view.span_color(outer)
    formats = {
        sel.cursor.selectedText(): QTextCharFormat(sel.format) for sel in view.extraSelections()
    }
    assert formats["التضامن"].fontUnderline()
    assert not formats["وزارة التضامن الاجتماعي"].fontUnderline()
    tip_cursor = view.textCursor()
    tip_cursor.setPosition(start + 8)
    tip = view.tooltip_at(view.cursorRect(tip_cursor).center())
    assert tip.count("ORG") == 2 and "salma" in tip


def test_locked_database_shows_a_message_and_draws_nothing(window, qtbot, monkeypatch):
    view, store, aid = window.article_view, window.store, _seed(window)
    monkeypatch.setattr(store_mod, "WRITE_RETRY_SECONDS", 0.2)
    store.conn.execute("PRAGMA busy_timeout = 20")
    other = sqlite3.connect(store.path, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    try:
        select_text(view, SEED_NAME)
        qtbot.keyClick(view, "1")
        assert "busy" in window.last_error and "not saved" in window.last_error
        assert window.findChild(type(window._error_box), "errorBox").isVisible()
        assert view.spans == []
        assert window.span_list.topLevelItemCount() == 0
    finally:
        other.rollback()
        other.close()
    assert stored(store, aid) == []
    assert not window.undo_stack.can_undo()
    qtbot.keyClick(view, "1")  # the selection is still there: now it lands
    assert stored(store, aid) == [("PERS", SEED_NAME)]


def test_tag_range_api_raises_for_empty_and_returns_the_span(window):
    from annotator.core.errors import ValidationError

    text = window.store.article_text(_seed(window))
    i = text.index(SEED_NAME)
    span = window.tag_range(i + 1, i + len(SEED_NAME) - 1, "PERS")
    assert text[span.start : span.end] == SEED_NAME
    try:
        window.tag_range(i - 1, i, "PERS")
    except ValidationError as exc:
        assert "no word" in str(exc)
    else:
        raise AssertionError("a blank range was tagged")
    assert len(window.store.spans(_seed(window))) == 1


def test_keyboard_only_selection_with_shift_ctrl_arrows(window, qtbot):
    view = window.article_view
    start, _end = find_in_view(view, SEED_NAME)
    select_positions(view, start, start)  # the caret before the name, no selection
    words = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
    # In a right-to-left paragraph the left arrow moves forward through the text.
    qtbot.keyClick(view, Qt.Key.Key_Left, words)
    qtbot.keyClick(view, Qt.Key.Key_Left, words)
    assert view.textCursor().hasSelection()
    qtbot.keyClick(view, "1")
    assert stored(window.store, _seed(window)) == [("PERS", SEED_NAME)]
    # Then on to the next article and mark it done, all from the keyboard.
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.store.article(window.current_article_id).ext_id == "a2"


def test_project_setting_leaves_the_proclitic_out_of_a_tag(window, qtbot):
    from annotator.core.text.tokens import TrimOptions, set_trim_options

    view = window.article_view
    select_text(view, "بالعاصمة الإدارية")
    qtbot.keyClick(view, "7")  # LOC, setting off: the proclitic stays (as in Wojood)
    assert stored(window.store, _seed(window)) == [("LOC", "بالعاصمة الإدارية")]
    window.undo_stack.undo()
    set_trim_options(window.store, TrimOptions(proclitics=True))
    select_text(view, "بالعاصمة الإدارية")
    qtbot.keyClick(view, "7")
    assert stored(window.store, _seed(window)) == [("LOC", "العاصمة الإدارية")]
