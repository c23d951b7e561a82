"""The main window's menus and keyboard shortcuts, kept together so they can be read (and
documented in docs/readme/app.md) as one table.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence


class MenusMixin:
    """Builds the ``MainWindow`` menus; every slot named here is a window method."""

    def _action(
        self,
        menu_text: str,
        slot: Callable[[], object],
        shortcut: str | QKeySequence.StandardKey | list[str] | None = None,
        *,
        checkable: bool = False,
        name: str = "",
    ) -> QAction:
        action = QAction(menu_text, self)  # type: ignore[arg-type]
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
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        """Menus with every action and shortcut (the table in docs/readme/app.md)."""
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("File"))
        file_menu.addAction(
            self._action(self.tr("Open project…"), self.open_project_dialog, "Ctrl+O")
        )
        file_menu.addAction(self._action(self.tr("New project…"), self.new_project_dialog))
        self.recent_menu = file_menu.addMenu(self.tr("Recent projects"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        self.import_action = self._action(
            self.tr("Import…"), self.import_dialog, name="importAction"
        )
        file_menu.addAction(self.import_action)
        self.export_action = self._action(
            self.tr("Export…"), self.export_dialog, name="exportAction"
        )
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("Quit"), self.close, "Ctrl+Q"))

        edit = bar.addMenu(self.tr("Edit"))
        self.undo_action = self._action(self.tr("Undo"), self.undo, "Ctrl+Z", name="undoAction")
        self.redo_action = self._action(
            self.tr("Redo"), self.redo, ["Ctrl+Shift+Z", "Ctrl+Y"], name="redoAction"
        )
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        edit.addAction(self._action(self.tr("Delete span"), self.delete_selected_span))
        self.char_mode_action = self._action(
            self.tr("Character precision"),
            self.set_character_mode,
            "Ctrl+Shift+C",
            checkable=True,
            name="charModeAction",
        )
        edit.addAction(self.char_mode_action)
        edit.addSeparator()
        edit.addAction(self._action(self.tr("Labels…"), self.edit_labels, name="labelsAction"))

        nav = bar.addMenu(self.tr("Article"))
        nav.addAction(self._action(self.tr("Next article"), self.next_article, "Ctrl+PgDown"))
        nav.addAction(self._action(self.tr("Previous article"), self.previous_article, "Ctrl+PgUp"))
        nav.addAction(
            self._action(self.tr("Done, go to next"), self.mark_done, ["Ctrl+Return", "Ctrl+Enter"])
        )
        nav.addAction(
            self._action(self.tr("Skip, go to next"), self.skip_article, "Ctrl+Shift+Return")
        )
        nav.addAction(self._action(self.tr("Edit note"), self.note_edit.setFocus, "Ctrl+Shift+N"))
        nav.addAction(self._action(self.tr("Go to article list"), self._focus_list, "Ctrl+L"))
        nav.addAction(self._action(self.tr("Back to the text"), self._focus_view, "F6"))

        view = bar.addMenu(self.tr("View"))
        self.show_all_action = self._action(
            self.tr("Show everyone's spans"),
            self.set_show_all_annotators,
            "Ctrl+Shift+A",
            checkable=True,
            name="showAllAction",
        )
        view.addAction(self.show_all_action)
        view.addSeparator()
        view.addAction(
            self._action(self.tr("Zoom in"), lambda: self.zoom(+1), ["Ctrl+=", "Ctrl++"])
        )
        view.addAction(self._action(self.tr("Zoom out"), lambda: self.zoom(-1), "Ctrl+-"))
        view.addAction(self._action(self.tr("Font…"), self.choose_font))
        lang = view.addMenu(self.tr("Language"))
        lang.addAction(self._action("English", lambda: self.set_language("en")))
        lang.addAction(self._action("العربية", lambda: self.set_language("ar")))

        review = bar.addMenu(self.tr("Team"))
        self.review_action = self._action(
            self.tr("Review…"), self.review_window, name="reviewAction"
        )
        review.addAction(self.review_action)

        self.export_action.setEnabled(module_exists("annotator.gui.export_dialog"))
        self.review_action.setEnabled(module_exists("annotator.gui.review"))
        self.import_action.setEnabled(module_exists("annotator.core.formats.import_run"))
        self._update_undo_actions()


def module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False
