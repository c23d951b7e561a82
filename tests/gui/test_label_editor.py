"""The label editor writes through the store and the palette follows; refusals change nothing."""

from __future__ import annotations

from gui_helpers import select_text, shown_tooltip, stored
from PySide6.QtCore import Qt


def _open_editor(window):
    window.findChild(type(window.undo_action), "labelsAction").trigger()
    return window.label_editor


def _select(editor, name: str) -> None:
    wanted = editor.store.label(name).id  # rows hold ids, which survive renames elsewhere
    for i in range(editor.list.count()):
        if editor.list.item(i).data(Qt.ItemDataRole.UserRole) == wanted:
            editor.list.setCurrentRow(i)
            return
    raise AssertionError(name)


def test_edit_display_name_key_color_and_guideline(window, qtbot):
    editor = _open_editor(window)
    _select(editor, "PERS")
    assert editor.name.text() == "PERS" and editor.key.text() == "1"
    editor.display_name.setText("اسم شخص")
    editor.key.setText("p")
    editor.guideline.setPlainText("الاسم دون <b>اللقب</b> &amp;")
    editor._set_color("#ff0000")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    lab = window.store.label("PERS")
    assert (lab.display_name, lab.shortcut, lab.color, lab.guideline) == (
        "اسم شخص",
        "p",
        "#ff0000",
        "الاسم دون <b>اللقب</b> &amp;",
    )
    button = window.palette_widget.buttons["PERS"]
    assert "اسم شخص" in button.text()
    assert shown_tooltip(button.toolTip()) == "الاسم دون <b>اللقب</b> &amp;"  # literally
    view = window.article_view
    select_text(view, "نائلة جبر")
    qtbot.keyClick(view, "1")  # the old key no longer tags
    assert stored(window.store, window.current_article_id) == []
    qtbot.keyClick(view, "p")
    assert stored(window.store, window.current_article_id) == [("PERS", "نائلة جبر")]


def test_new_label_and_refused_changes(window, qtbot):
    editor = _open_editor(window)
    editor.new_label()
    editor.name.setText("LAW")
    editor.display_name.setText("قانون")
    editor.key.setText("9")
    assert editor.save()
    assert window.store.label("LAW").shortcut == "9"
    assert "LAW" in window.palette_widget.buttons

    _select(editor, "ORG")
    editor.key.setText("2")  # OCC has it
    assert not editor.save()
    assert "2" in editor.error.text()
    assert window.store.label("ORG").shortcut == "3"
    editor.new_label()
    editor.name.setText("   ")
    assert not editor.save()
    assert "empty" in editor.error.text()
    assert [lab.name for lab in window.store.labels()].count("LAW") == 1
    assert len(window.store.labels()) == 9


def test_guideline_is_the_palette_tooltip(window):
    guideline = window.store.label("PROGRAM").guideline
    assert shown_tooltip(window.palette_widget.buttons["PROGRAM"].toolTip()) == guideline
    assert window.palette_widget.objectName() == "labelPalette"


def test_save_edits_the_label_shown_even_after_a_rename_elsewhere(window, qtbot):
    """Another program renames PERS to PERS_2023 and adds a new PERS while the editor shows
    PERS: saving edits the label that was shown (now PERS_2023), not the new one."""
    from annotator.core.store import open_store

    editor = _open_editor(window)
    _select(editor, "PERS")
    shown = editor.store.label("PERS").id
    with open_store(window.store.path) as other:
        other.update_label("PERS", name="PERS_2023")
        other.add_label("PERS", display_name="new")
    editor.display_name.setText("اسم شخص")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert window.store.label_by_id(shown).display_name == "اسم شخص"
    assert window.store.label("PERS").display_name == "new"


def test_a_name_with_a_tab_is_refused_with_its_reason(window):
    editor = _open_editor(window)
    before = [lab.name for lab in window.store.labels()]
    editor.new_label()
    editor.name.setText("قانون\tعام")
    assert editor.name.text() == "قانون\tعام"
    assert not editor.save()
    assert editor.error.text() == (
        "label name 'قانون\\tعام' holds a tab; a label name is one line of text without tabs"
        " or control characters"
    )
    _select(editor, "ORG")
    editor.name.setText("PERS\x00")
    assert not editor.save()
    assert "a NUL character" in editor.error.text()
    assert [lab.name for lab in window.store.labels()] == before


def test_every_field_is_titled_in_the_interface_language(window, qapp):
    from PySide6.QtWidgets import QFormLayout, QLabel

    from annotator.gui.common import i18n

    editor = _open_editor(window)
    form = editor.findChild(QFormLayout)

    def titles() -> list[str]:
        out = []
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and isinstance(item.widget(), QLabel):
                out.append(item.widget().text())
        return out

    assert titles() == ["Name", "Display name (Arabic)", "Color", "Key", "Guideline"]
    assert i18n.install_language(qapp, "ar")
    try:
        qapp.processEvents()
        assert titles() == ["الاسم", "الاسم المعروض (بالعربية)", "اللون", "المفتاح", "الإرشاد"]
        assert editor.color.text() == "\u2066#ffd6a5\u2069"  # left to right in Arabic too
    finally:
        i18n.remove_language(qapp)
