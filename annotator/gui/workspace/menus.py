"""The main window's menus and keyboard shortcuts, kept together so they can be read (and
documented in docs/readme/app.md) as one table.

Every action belongs to the window (window-wide shortcuts, wherever the focus is) and calls
the part that does the work: the project files, the flow, tagging, or a panel.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar, QStatusBar, QWidget

from annotator.core.undo import UndoStack
from annotator.gui.common import settings as prefs
from annotator.gui.workspace.article_panel import ArticlePanel
from annotator.gui.workspace.flow import ArticleFlow
from annotator.gui.workspace.list_panel import ArticleListPanel
from annotator.gui.workspace.project_files import ProjectFiles
from annotator.gui.workspace.side_panel import SidePanel
from annotator.gui.workspace.tagging import Tagger
from annotator.gui.workspace.translation import tr


class MenusWindow(Protocol):
    """What the menus call: the window's parts, its view modes, and Qt's window API."""

    settings: QSettings
    list_panel: ArticleListPanel
    article_panel: ArticlePanel
    side_panel: SidePanel
    tagger: Tagger
    flow: ArticleFlow
    files: ProjectFiles

    def set_character_mode(self, on: bool) -> None: ...

    def set_show_all_annotators(self, on: bool) -> None: ...

    def edit_labels(self) -> None: ...

    def close(self) -> bool: ...

    def menuBar(self) -> QMenuBar: ...

    def statusBar(self) -> QStatusBar: ...

    def addAction(self, action: QAction) -> None: ...

    def window(self) -> QWidget:
        """The window as a Qt widget (``QWidget.window()``): the owner of the actions."""
        ...


class WindowMenus:
    """Builds the menu bar; keeps the actions whose state changes (undo texts, checks)."""

    def __init__(self, window: MenusWindow) -> None:
        self.window = window
        self._build()

    def _action(
        self,
        menu_text: str,
        slot: Callable[[], object],
        shortcut: str | QKeySequence.StandardKey | list[str] | None = None,
        *,
        checkable: bool = False,
        name: str = "",
    ) -> QAction:
        action = QAction(menu_text, self.window.window())
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
        self.window.addAction(action)
        return action

    def _build(self) -> None:
        """Menus with every action and shortcut (the table in docs/readme/app.md)."""
        w = self.window
        files, flow, tagger = w.files, w.flow, w.tagger
        bar = w.menuBar()
        file_menu = bar.addMenu(tr("File"))
        file_menu.addAction(self._action(tr("Open project…"), files.open_project_dialog, "Ctrl+O"))
        file_menu.addAction(self._action(tr("New project…"), files.new_project_dialog))
        self.recent_menu = file_menu.addMenu(tr("Recent projects"))
        self.recent_menu.aboutToShow.connect(lambda: files.fill_recent(self.recent_menu))
        file_menu.addSeparator()
        self.import_action = self._action(tr("Import…"), files.import_dialog, name="importAction")
        file_menu.addAction(self.import_action)
        self.export_action = self._action(tr("Export…"), files.export_dialog, name="exportAction")
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(tr("Quit"), w.close, "Ctrl+Q"))

        edit = bar.addMenu(tr("Edit"))
        self.undo_action = self._action(tr("Undo"), tagger.undo, "Ctrl+Z", name="undoAction")
        self.redo_action = self._action(
            tr("Redo"), tagger.redo, ["Ctrl+Shift+Z", "Ctrl+Y"], name="redoAction"
        )
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        edit.addAction(self._action(tr("Delete span"), tagger.delete_selected_span))
        self.char_mode_action = self._action(
            tr("Character precision"),
            w.set_character_mode,
            "Ctrl+Shift+C",
            checkable=True,
            name="charModeAction",
        )
        edit.addAction(self.char_mode_action)
        edit.addSeparator()
        edit.addAction(self._action(tr("Labels…"), w.edit_labels, name="labelsAction"))

        nav = bar.addMenu(tr("Article"))
        nav.addAction(self._action(tr("Next article"), flow.next_article, "Ctrl+PgDown"))
        nav.addAction(self._action(tr("Previous article"), flow.previous_article, "Ctrl+PgUp"))
        nav.addAction(
            self._action(tr("Done, go to next"), flow.mark_done, ["Ctrl+Return", "Ctrl+Enter"])
        )
        nav.addAction(self._action(tr("Skip, go to next"), flow.skip_article, "Ctrl+Shift+Return"))
        nav.addAction(
            self._action(tr("Edit note"), w.side_panel.note_edit.setFocus, "Ctrl+Shift+N")
        )
        nav.addAction(self._action(tr("Go to article list"), w.list_panel.table.setFocus, "Ctrl+L"))
        nav.addAction(self._action(tr("Back to the text"), w.article_panel.view.setFocus, "F6"))

        view = bar.addMenu(tr("View"))
        self.show_all_action = self._action(
            tr("Show everyone's spans"),
            w.set_show_all_annotators,
            "Ctrl+Shift+A",
            checkable=True,
            name="showAllAction",
        )
        view.addAction(self.show_all_action)
        view.addSeparator()
        panel = w.article_panel
        view.addAction(self._action(tr("Zoom in"), lambda: panel.zoom(+1), ["Ctrl+=", "Ctrl++"]))
        view.addAction(self._action(tr("Zoom out"), lambda: panel.zoom(-1), "Ctrl+-"))
        view.addAction(self._action(tr("Font…"), panel.choose_font))
        lang = view.addMenu(tr("Language"))
        lang.addAction(self._action("English", lambda: self._set_language("en")))
        lang.addAction(self._action("العربية", lambda: self._set_language("ar")))

        review = bar.addMenu(tr("Team"))
        self.review_action = self._action(tr("Review…"), files.review_window, name="reviewAction")
        review.addAction(self.review_action)

    def _set_language(self, lang: str) -> None:
        prefs.save_language(self.window.settings, lang)
        self.window.statusBar().showMessage(
            tr("The language changes the next time the app starts."), 5000
        )

    def update_undo_texts(self, undo_stack: UndoStack) -> None:
        """Undo / Redo name the step they would take ("Undo tag PERS")."""
        self.undo_action.setEnabled(True)  # always reachable; an empty stack does nothing
        self.undo_action.setText(tr("Undo {what}").format(what=undo_stack.undo_text()).strip())
        self.redo_action.setText(tr("Redo {what}").format(what=undo_stack.redo_text()).strip())
