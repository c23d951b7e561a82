"""The main window's menus and keyboard shortcuts, kept together so they can be read (and
documented in docs/readme/app.md) as one table.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


def add_action(
    w: MainWindow,
    menu_text: str,
    slot: Callable[[], object],
    shortcut: str | QKeySequence.StandardKey | list[str] | None = None,
    *,
    checkable: bool = False,
    name: str = "",
) -> QAction:
    action = QAction(menu_text, w)
    if name:
        action.setObjectName(name)
    if isinstance(shortcut, list):
        action.setShortcuts([QKeySequence(s) for s in shortcut])
    elif shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setCheckable(checkable)
    if checkable:
        action.toggled.connect(slot)
    else:
        action.triggered.connect(lambda _=False: slot())
    w.addAction(action)
    return action


def build_menus(w: MainWindow) -> None:
    """Menus with every action and shortcut (the table in docs/readme/app.md)."""
    bar = w.menuBar()
    file_menu = bar.addMenu(w.tr("File"))
    file_menu.addAction(add_action(w, w.tr("Open project…"), w.open_project_dialog, "Ctrl+O"))
    file_menu.addAction(add_action(w, w.tr("New project…"), w.new_project_dialog))
    w.recent_menu = file_menu.addMenu(w.tr("Recent projects"))
    w.recent_menu.aboutToShow.connect(w._fill_recent)
    file_menu.addSeparator()
    w.import_action = add_action(w, w.tr("Import…"), w.import_dialog, name="importAction")
    file_menu.addAction(w.import_action)
    w.export_action = add_action(w, w.tr("Export…"), w.export_dialog, name="exportAction")
    file_menu.addAction(w.export_action)
    file_menu.addSeparator()
    file_menu.addAction(add_action(w, w.tr("Quit"), w.close, "Ctrl+Q"))

    edit = bar.addMenu(w.tr("Edit"))
    w.undo_action = add_action(w, w.tr("Undo"), w.undo, "Ctrl+Z", name="undoAction")
    w.redo_action = add_action(
        w, w.tr("Redo"), w.redo, ["Ctrl+Shift+Z", "Ctrl+Y"], name="redoAction"
    )
    edit.addAction(w.undo_action)
    edit.addAction(w.redo_action)
    edit.addSeparator()
    edit.addAction(add_action(w, w.tr("Delete span"), w.delete_selected_span))
    w.char_mode_action = add_action(
        w,
        w.tr("Character precision"),
        w.set_character_mode,
        "Ctrl+Shift+C",
        checkable=True,
        name="charModeAction",
    )
    edit.addAction(w.char_mode_action)
    edit.addSeparator()
    edit.addAction(add_action(w, w.tr("Labels…"), w.edit_labels, name="labelsAction"))

    nav = bar.addMenu(w.tr("Article"))
    nav.addAction(add_action(w, w.tr("Next article"), w.next_article, "Ctrl+PgDown"))
    nav.addAction(add_action(w, w.tr("Previous article"), w.previous_article, "Ctrl+PgUp"))
    nav.addAction(
        add_action(w, w.tr("Done, go to next"), w.mark_done, ["Ctrl+Return", "Ctrl+Enter"])
    )
    nav.addAction(add_action(w, w.tr("Skip, go to next"), w.skip_article, "Ctrl+Shift+Return"))
    nav.addAction(add_action(w, w.tr("Edit note"), w.note_edit.setFocus, "Ctrl+Shift+N"))
    nav.addAction(add_action(w, w.tr("Go to article list"), w._focus_list, "Ctrl+L"))
    nav.addAction(add_action(w, w.tr("Back to the text"), w._focus_view, "F6"))

    view = bar.addMenu(w.tr("View"))
    w.show_all_action = add_action(
        w,
        w.tr("Show everyone's spans"),
        w.set_show_all_annotators,
        "Ctrl+Shift+A",
        checkable=True,
        name="showAllAction",
    )
    view.addAction(w.show_all_action)
    view.addSeparator()
    view.addAction(add_action(w, w.tr("Zoom in"), lambda: w.zoom(+1), ["Ctrl+=", "Ctrl++"]))
    view.addAction(add_action(w, w.tr("Zoom out"), lambda: w.zoom(-1), "Ctrl+-"))
    view.addAction(add_action(w, w.tr("Font…"), w.choose_font))
    lang = view.addMenu(w.tr("Language"))
    lang.addAction(add_action(w, "English", lambda: w.set_language("en")))
    lang.addAction(add_action(w, "العربية", lambda: w.set_language("ar")))

    review = bar.addMenu(w.tr("Team"))
    w.review_action = add_action(w, w.tr("Review…"), w.review_window, name="reviewAction")
    review.addAction(w.review_action)

    w.export_action.setEnabled(module_exists("annotator.gui.export_dialog"))
    w.review_action.setEnabled(module_exists("annotator.gui.review"))
    w.import_action.setEnabled(module_exists("annotator.core.import_run"))
    w._update_undo_actions()


def module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False
