"""The main window's menus and keyboard shortcuts, kept together so they can be read (and
documented in docs/app.md) as one table.

Every action belongs to the window (window-wide shortcuts, wherever the focus is) and calls
the part that does the work: the project files, the flow, tagging, or a panel.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QT_TR_NOOP, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar, QStatusBar, QWidget

from annotator.core.undo import UndoStack
from annotator.gui.common import settings as prefs
from annotator.gui.common.bidi import ui_format
from annotator.gui.common.i18n import LANGUAGES, current_language, install_language, tr
from annotator.gui.common.steps import step_text
from annotator.gui.workspace.article_panel import ArticlePanel
from annotator.gui.workspace.flow import ArticleFlow
from annotator.gui.workspace.list_panel import ArticleListPanel
from annotator.gui.workspace.model_loop import ModelLoop
from annotator.gui.workspace.project_files import ProjectFiles
from annotator.gui.workspace.side_panel import SidePanel
from annotator.gui.workspace.tagging import Tagger


class MenusWindow(Protocol):
    """What the menus call: the window's parts, its view modes, and Qt's window API."""

    settings: QSettings
    list_panel: ArticleListPanel
    article_panel: ArticlePanel
    side_panel: SidePanel
    tagger: Tagger
    flow: ArticleFlow
    files: ProjectFiles
    model_loop: ModelLoop

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
    """Builds the menu bar; keeps the actions whose state changes (undo texts, checks).

    Every menu and action remembers its English text (marked with ``QT_TR_NOOP`` for
    lupdate), so ``retranslate`` can set it again when the language changes.
    """

    def __init__(self, window: MenusWindow) -> None:
        self.window = window
        #: (menu or action, English text) of everything ``retranslate`` names again.
        self._texts: list[tuple[QMenu | QAction, str]] = []
        self._build()

    def _menu(self, parent: QMenuBar | QMenu, source: str) -> QMenu:
        menu = parent.addMenu(tr(source))
        self._texts.append((menu, source))
        return menu

    def _action(
        self,
        source: str,
        slot: Callable[[], object],
        shortcut: str | QKeySequence.StandardKey | list[str] | None = None,
        *,
        checkable: bool = False,
        name: str = "",
    ) -> QAction:
        action = QAction(tr(source), self.window.window())
        self._texts.append((action, source))
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
        """Menus with every action and shortcut (the table in docs/app.md)."""
        w = self.window
        files, flow, tagger = w.files, w.flow, w.tagger
        bar = w.menuBar()
        file_menu = self._menu(bar, QT_TR_NOOP("File"))
        file_menu.addAction(
            self._action(QT_TR_NOOP("Open project…"), files.open_project_dialog, "Ctrl+O")
        )
        file_menu.addAction(self._action(QT_TR_NOOP("New project…"), files.new_project_dialog))
        self.recent_menu = self._menu(file_menu, QT_TR_NOOP("Recent projects"))
        self.recent_menu.aboutToShow.connect(lambda: files.fill_recent(self.recent_menu))
        file_menu.addSeparator()
        self.import_action = self._action(
            QT_TR_NOOP("Import…"), files.import_dialog, name="importAction"
        )
        file_menu.addAction(self.import_action)
        self.export_action = self._action(
            QT_TR_NOOP("Export…"), files.export_dialog, name="exportAction"
        )
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(QT_TR_NOOP("Quit"), w.close, "Ctrl+Q"))

        edit = self._menu(bar, QT_TR_NOOP("Edit"))
        self.undo_action = self._action(
            QT_TR_NOOP("Undo"), tagger.undo, "Ctrl+Z", name="undoAction"
        )
        self.redo_action = self._action(
            QT_TR_NOOP("Redo"), tagger.redo, ["Ctrl+Shift+Z", "Ctrl+Y"], name="redoAction"
        )
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        edit.addAction(self._action(QT_TR_NOOP("Delete span"), tagger.delete_selected_span))
        self.char_mode_action = self._action(
            QT_TR_NOOP("Character precision"),
            w.set_character_mode,
            "Ctrl+Shift+C",
            checkable=True,
            name="charModeAction",
        )
        edit.addAction(self.char_mode_action)
        edit.addSeparator()
        edit.addAction(self._action(QT_TR_NOOP("Labels…"), w.edit_labels, name="labelsAction"))

        nav = self._menu(bar, QT_TR_NOOP("Article"))
        nav.addAction(self._action(QT_TR_NOOP("Next article"), flow.next_article, "Ctrl+PgDown"))
        nav.addAction(
            self._action(QT_TR_NOOP("Previous article"), flow.previous_article, "Ctrl+PgUp")
        )
        nav.addAction(
            self._action(
                QT_TR_NOOP("Done, go to next"), flow.mark_done, ["Ctrl+Return", "Ctrl+Enter"]
            )
        )
        nav.addAction(
            self._action(QT_TR_NOOP("Skip, go to next"), flow.skip_article, "Ctrl+Shift+Return")
        )
        nav.addAction(
            self._action(QT_TR_NOOP("Edit note"), w.side_panel.note_edit.setFocus, "Ctrl+Shift+N")
        )
        nav.addAction(
            self._action(QT_TR_NOOP("Go to article list"), w.list_panel.table.setFocus, "Ctrl+L")
        )
        nav.addAction(
            self._action(QT_TR_NOOP("Back to the text"), w.article_panel.view.setFocus, "F6")
        )

        view = self._menu(bar, QT_TR_NOOP("View"))
        self.show_all_action = self._action(
            QT_TR_NOOP("Show everyone's spans"),
            w.set_show_all_annotators,
            "Ctrl+Shift+A",
            checkable=True,
            name="showAllAction",
        )
        view.addAction(self.show_all_action)
        self.comfortable_action = self._action(
            QT_TR_NOOP("Comfortable spacing"),
            w.article_panel.set_comfortable,
            checkable=True,
            name="comfortableAction",
        )
        self.comfortable_action.setChecked(w.article_panel.comfortable)
        view.addAction(self.comfortable_action)
        view.addSeparator()
        panel = w.article_panel
        view.addAction(
            self._action(QT_TR_NOOP("Zoom in"), lambda: panel.zoom(+1), ["Ctrl+=", "Ctrl++"])
        )
        view.addAction(self._action(QT_TR_NOOP("Zoom out"), lambda: panel.zoom(-1), "Ctrl+-"))
        view.addAction(self._action(QT_TR_NOOP("Font…"), panel.choose_font))
        lang = self._menu(view, QT_TR_NOOP("Language"))
        lang.setObjectName("languageMenu")
        self.language_actions: dict[str, QAction] = {}
        group = QActionGroup(w.window())
        group.setExclusive(True)
        for code, name in LANGUAGES.items():  # each language named in its own language
            action = QAction(name, w.window())
            action.setObjectName(f"language_{code}")
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, code=code: self.set_language(code))
            group.addAction(action)
            lang.addAction(action)
            self.language_actions[code] = action
        self._check_language()

        review = self._menu(bar, QT_TR_NOOP("Team"))
        self.review_action = self._action(
            QT_TR_NOOP("Review…"), files.review_window, name="reviewAction"
        )
        review.addAction(self.review_action)
        self.progress_action = self._action(
            QT_TR_NOOP("Progress…"), files.progress_dialog, "Ctrl+Shift+P", name="progressAction"
        )
        review.addAction(self.progress_action)

        loop = w.model_loop
        model = self._menu(bar, QT_TR_NOOP("Model"))
        model.setObjectName("modelMenu")
        self.train_action = self._action(
            QT_TR_NOOP("Train now"), loop.train_now, "Ctrl+Shift+M", name="trainAction"
        )
        model.addAction(self.train_action)
        model.addAction(
            self._action(
                QT_TR_NOOP("Retrain automatically…"),
                loop.ask_retrain_every,
                "Ctrl+Alt+M",
                name="retrainEveryAction",
            )
        )
        model.addSeparator()
        self.least_confident_action = self._action(
            QT_TR_NOOP("Least confident first"),
            loop.set_least_confident,
            "Ctrl+Shift+L",
            checkable=True,
            name="leastConfidentAction",
        )
        model.addAction(self.least_confident_action)

    def set_language(self, lang: str) -> None:
        """Switch the interface now and remember it for the next start."""
        prefs.save_language(self.window.settings, lang)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_language(app, lang)  # every window retranslates itself
        self._check_language()

    def _check_language(self) -> None:
        for code, action in self.language_actions.items():
            action.setChecked(code == current_language())

    def retranslate(self) -> None:
        """Name every menu and action again in the interface language."""
        for item, source in self._texts:
            if isinstance(item, QMenu):
                item.setTitle(tr(source))
            else:
                item.setText(tr(source))
        self._check_language()

    def update_undo_texts(self, undo_stack: UndoStack) -> None:
        """Undo / Redo name the step they would take ("Undo tag PERS"), or nothing more."""
        self.undo_action.setEnabled(True)  # always reachable; an empty stack does nothing
        undo, redo = undo_stack.undo_text(), undo_stack.redo_text()
        self.undo_action.setText(
            ui_format(tr("Undo {what}"), what=step_text(undo)) if undo else tr("Undo")
        )
        self.redo_action.setText(
            ui_format(tr("Redo {what}"), what=step_text(redo)) if redo else tr("Redo")
        )
