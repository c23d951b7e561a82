"""Find bar, corpus search panel, tag all occurrences and suggestions in a real window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.core.assist.suggest import Term, suggest
from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn
from annotator.core.store import create_store
from annotator.gui.search.corpus_dock import MATCH_ROLE

MINISTRY = "وزارة التضامن"


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def salma(window, article_id: int | None = None) -> list[tuple[str, str]]:
    aid = article_id if article_id is not None else window.current_article_id
    text = window.store.article_text(aid)
    return [(s.label, text[s.start : s.end]) for s in window.store.spans(aid, ["salma"])]


@pytest.fixture
def seed_window(window):
    window.open_article(window.store.article_by_ext_id("seed").id)
    return window


def test_ctrl_f_highlights_every_spelling_and_f3_steps(qtbot, seed_window, seed_text) -> None:
    ui = seed_window.search_ui
    view = seed_window.article_view
    before = len(view.extraSelections())
    seed_window.activateWindow()
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert ui.find_bar.isVisible()
    ui.find_edit.setText("وزاره التضامن")  # QTest cannot type Arabic; the signal is the same
    expected = occurrences(seed_text, MINISTRY)
    assert ui.matches == expected and len(expected) == 4
    assert view.selection_cp() == expected[0]
    assert ui.find_count.text() == "1/4"
    assert len(view.extraSelections()) == before + 5  # four matches and the current one
    qtbot.keyClick(ui.find_edit, Qt.Key.Key_F3)
    assert view.selection_cp() == expected[1]
    qtbot.keyClick(ui.find_edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert view.selection_cp() == expected[0]
    qtbot.keyClick(view, Qt.Key.Key_F3)  # also from the text
    assert view.selection_cp() == expected[1]
    qtbot.keyClick(view, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert view.selection_cp() == expected[0]
    qtbot.keyClick(ui.find_edit, Qt.Key.Key_Escape)
    assert not ui.find_bar.isVisible()
    assert len(view.extraSelections()) == before


def test_find_with_diacritics_and_no_match(seed_window, seed_text) -> None:
    ui = seed_window.search_ui
    ui.open_find()
    ui.find_edit.setText("مُسْتَوْرَة")
    (match,) = ui.matches
    assert seed_text[match[0] : match[1]] == "مستورة"
    ui.find_edit.setText("كلمة غير موجودة")
    assert ui.matches == [] and ui.find_count.text() == "no match"


def test_find_follows_the_opened_article(seed_window) -> None:
    ui = seed_window.search_ui
    ui.open_find()
    ui.find_edit.setText("وزير")
    a2 = seed_window.store.article_by_ext_id("a2").id
    seed_window.open_article(a2)
    text = seed_window.store.article_text(a2)
    assert [text[s:e] for s, e in ui.matches] == ["وزير"]


def test_corpus_search_opens_the_article_at_the_match(qtbot, window, seed_text) -> None:
    ui = window.search_ui
    window.open_article(window.store.article_by_ext_id("a2").id)
    ui.corpus_action.trigger()
    assert ui.dock.isVisible()
    ui.corpus_edit.setText("مستوره")
    qtbot.keyClick(ui.corpus_edit, Qt.Key.Key_Return)
    assert ui.results.count() == 1
    assert ui.corpus_status.text() == "1 hit(s) in 1 article(s)"
    table = ui.results
    assert table.item(0, table.ID).text() == "seed"
    assert table.item(0, table.TITLE).text() == "التضامن تشارك"
    context = table.item(0, table.CONTEXT)
    start, end = context.data(MATCH_ROLE)
    assert context.text()[start:end] == "مستورة"  # highlighted where it is, no «» added
    assert "«" not in context.text()
    assert table.hasFocus()  # the keyboard went to the hits
    ui.results.itemActivated.emit(table.item(0))
    seed_id = window.store.article_by_ext_id("seed").id
    assert window.current_article_id == seed_id
    start = seed_text.index("مستورة")
    assert window.article_view.selection_cp() == (start, start + len("مستورة"))


def test_corpus_search_error_is_shown_in_the_panel(window) -> None:
    ui = window.search_ui
    ui.open_corpus_search()
    ui.corpus_edit.setText("   ")
    ui.search_corpus()
    assert ui.results.count() == 0
    assert "empty" in ui.corpus_status.text()


def test_tag_all_in_article_is_one_undo_step(seed_window, seed_text) -> None:
    first = seed_text.index(MINISTRY)
    span = seed_window.tag_range(first, first + len(MINISTRY), "ORG")
    seed_window.article_view.select_span(span)
    seed_window.search_ui.tag_article_action.trigger()
    assert salma(seed_window) == [("ORG", MINISTRY)] * 4
    seed_window.undo()
    assert salma(seed_window) == [("ORG", MINISTRY)]


def test_tag_all_needs_a_selected_span(seed_window) -> None:
    seed_window.article_view.select_span(None)
    assert seed_window.search_ui.tag_all_in_article() is None
    assert "Select a span first" in seed_window.statusBar().currentMessage()
    assert salma(seed_window) == []


@pytest.fixture
def corpus_path(tmp_path: Path, seed_text: str) -> Path:
    path = tmp_path / "corpus.db"
    with create_store(path, default_labels()) as store, store.transaction():
        store.insert_article(ArticleIn(ext_id="seed", text=seed_text, title="التضامن"))
        store.insert_article(ArticleIn(ext_id="b", text="أكدت وزاره التضامن أمس", title="ب"))
        store.insert_article(ArticleIn(ext_id="c", text="لا علاقة لهذا", title="ج"))
    return path


@pytest.mark.parametrize("confirmed", [True, False])
def test_tag_all_in_corpus_asks_with_counts(make_window, corpus_path, confirmed) -> None:
    window = make_window(corpus_path)
    seed = window.store.article_by_ext_id("seed")
    window.open_article(seed.id)
    first = seed.text.index(MINISTRY)
    window.article_view.select_span(window.tag_range(first, first + len(MINISTRY), "ORG"))
    asked: list[str] = []
    window.search_ui.confirm = lambda _title, text: asked.append(text) or confirmed
    window.search_ui.tag_corpus_action.trigger()
    (question,) = asked
    assert "Tag 4 more occurrence(s)" in question and "in 2 article(s)" in question
    b = window.store.article_by_ext_id("b").id
    if confirmed:
        assert salma(window, b) == [("ORG", "وزاره التضامن")]
        assert len(salma(window, seed.id)) == 4
        window.undo()
        assert salma(window, b) == []
    else:
        assert salma(window, b) == []
    assert len(salma(window, seed.id)) == 1


def _suggest_names(window, term: str, label: str) -> None:
    suggest(window.store, [Term(term, label)], origin="gazetteer:test")
    window.refresh()


def test_suggestions_are_drawn_and_accepted_with_enter(qtbot, seed_window, seed_text) -> None:
    ui = seed_window.search_ui
    view = seed_window.article_view
    before = len(view.extraSelections())
    _suggest_names(seed_window, "نائلة جبر", "PERS")
    assert ui._suggest_names == {"suggest:PERS"}
    assert len(view.extraSelections()) == before + 2
    first, second = occurrences(seed_text, "نائلة جبر")
    view.select_range(first[0] + 2, first[0] + 2)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert salma(seed_window) == [("PERS", "نائلة جبر")]
    assert [(s.start, s.end) for s in ui.current_suggestions()] == [second]
    view.select_range(second[0] + 1, second[0] + 1)
    qtbot.keyClick(view, Qt.Key.Key_Backspace)
    assert ui.current_suggestions() == []
    assert salma(seed_window) == [("PERS", "نائلة جبر")]  # rejecting took nothing of hers
    seed_window.undo()  # the rejection comes back
    assert [(s.start, s.end) for s in ui.current_suggestions()] == [second]
    assert len(view.extraSelections()) == before + 2  # one own span, one suggestion


def test_accept_all_and_reject_all(seed_window) -> None:
    ui = seed_window.search_ui
    _suggest_names(seed_window, "نائلة جبر", "PERS")
    _suggest_names(seed_window, "فيينا", "GPE")
    assert ui.accept_all() == 4
    assert sorted(lab for lab, _t in salma(seed_window)) == ["GPE", "GPE", "PERS", "PERS"]
    assert ui.current_suggestions() == []
    _suggest_names(seed_window, "سعدة", "PERS")
    assert ui.reject_all() == 3
    assert ui.current_suggestions() == []
    assert len(salma(seed_window)) == 4


def test_keys_without_a_suggestion_do_what_they_did(qtbot, seed_window, seed_text) -> None:
    ui = seed_window.search_ui
    view = seed_window.article_view
    start = seed_text.index(MINISTRY)
    span = seed_window.tag_range(start, start + len(MINISTRY), "ORG")
    view.select_span(span)
    assert ui.suggestion_at_cursor() is None
    qtbot.keyClick(view, Qt.Key.Key_Backspace)  # the window deletes the selected span
    assert salma(seed_window) == []
    assert ui.next_suggestion() is None


def test_proclitic_setting_from_the_menu_drives_tag_all(make_window, tmp_path) -> None:
    path = tmp_path / "p.db"
    text = "زار وفد وزارة التضامن ثم عاد إلى بوزارة التضامن"
    with create_store(path, default_labels()) as store, store.transaction():
        store.insert_article(ArticleIn(ext_id="a", text=text))
    window = make_window(path)
    ui = window.search_ui
    assert not ui.trim_action.isChecked() and not ui.trim_article_action.isEnabled()
    ui.trim_action.setChecked(True)
    assert window.store.get_setting("trim_proclitics") == "1"
    assert ui.trim_article_action.isEnabled()
    start = text.index(MINISTRY)
    window.article_view.select_span(window.tag_range(start, start + len(MINISTRY), "ORG"))
    ui.tag_all_in_article()
    assert salma(window) == [("ORG", MINISTRY), ("ORG", MINISTRY)]  # "ب" left out


def test_a_tag_redraws_no_unchanged_suggestion_and_reopening_draws_them(
    seed_window, seed_text, monkeypatch
) -> None:
    view = seed_window.article_view
    _suggest_names(seed_window, "نائلة جبر", "PERS")
    _suggest_names(seed_window, "فيينا", "GPE")
    drawn: list[str] = []
    real = view.set_extra_highlights
    monkeypatch.setattr(
        view, "set_extra_highlights", lambda name, *a: (drawn.append(name), real(name, *a))
    )
    start = seed_text.index(MINISTRY)
    seed_window.tag_range(start, start + len(MINISTRY), "ORG")
    assert drawn == []  # the suggestions did not change: nothing redrawn
    ((first, _end), _second) = occurrences(seed_text, "نائلة جبر")
    view.select_range(first + 1, first + 1)
    assert seed_window.search_ui.accept_current()
    assert drawn == ["suggest:PERS"]  # only the label whose suggestions changed
    seed_window.open_article(seed_window.current_article_id)  # reloading clears the view
    assert seed_window.search_ui._suggest_names == {"suggest:PERS", "suggest:GPE"}
    assert sorted(view._extra) == ["suggest:GPE", "suggest:PERS"]
