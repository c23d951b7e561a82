"""The main window's project files: open, new, recent, import, export, review, and the
watch for changes other programs commit to the open project.

A window shows one project; opening another builds a new window (``open_window``, given
by the window's module) and closes this one. Import, export and review are the dialogs'
and the review window's; this part opens them on the window's store.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from annotator.core.errors import AnnotatorError, ProjectMovedError
from annotator.core.labels import default_labels
from annotator.core.store import DATABASE_ERRORS, Store, create_store
from annotator.gui.common import settings as prefs
from annotator.gui.common.bidi import ui_format
from annotator.gui.common.i18n import tr
from annotator.gui.dialogs.open_project import ask_project
from annotator.gui.review import open_review_window

#: How often the window looks for commits by other programs (and on every activation).
WATCH_EVERY_MS = 1000


class FilesWindow(Protocol):
    """What the project-files part uses of the main window."""

    store: Store
    annotator: str
    settings: QSettings

    def show_error(self, message: str) -> None: ...

    def after_bulk_change(self) -> None:
        """Re-read list, labels and spans after an import or another program's commit."""
        ...

    def close(self) -> bool: ...

    def window(self) -> QWidget:
        """The window as a Qt widget (``QWidget.window()``): the parent of the dialogs."""
        ...


class ProjectFiles:
    """File menu commands, Team > Review, and the outside-changes watch."""

    def __init__(self, window: FilesWindow, open_window: Callable[[str | Path], QWidget]) -> None:
        self.window = window
        self._open_window = open_window
        self._data_version = window.store.data_version()
        self._moved_reported = False
        #: Looks for other programs' commits (``check_outside_changes``) while the window is open.
        self.watch_timer = QTimer(window.window())
        self.watch_timer.setInterval(WATCH_EVERY_MS)
        self.watch_timer.timeout.connect(self.check_outside_changes)
        self.watch_timer.start()

    # -- projects --------------------------------------------------------------------

    def open_project_dialog(self) -> QWidget | None:
        """A project file, or a project on a server (the dialog's Server tab); the new
        window, if one opened."""
        target = ask_project(self.window.window())
        return self.switch_project(target) if target else None

    def new_project_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window.window(), tr("New project"), "project.db", tr("Projects (*.db)")
        )
        if not path:
            return
        try:
            create_store(path, default_labels()).close()
        except AnnotatorError as exc:
            self.window.show_error(str(exc))
            return
        self.switch_project(path)

    def fill_recent(self, menu: QMenu) -> None:
        """File > Recent projects, read when it opens (another window may have added one)."""
        menu.clear()
        for path in prefs.recent_projects(self.window.settings):
            action = menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.switch_project(p))

    def switch_project(self, path: str | Path) -> QWidget | None:
        """Show ``path`` in a new window and close this one; None (and a message) if the
        project does not open."""
        try:
            window = self._open_window(path)
        except AnnotatorError as exc:
            self.window.show_error(str(exc))
            return None
        window.show()
        self.window.close()
        return window

    # -- import, export, review ------------------------------------------------------

    def import_dialog(self) -> None:
        # The dialogs load the format readers and writers, which opening the window does
        # not need (issue 18: the first paint imports only what it shows).
        from annotator.gui.dialogs.import_dialog import import_dialog

        if import_dialog(self.window.window(), self.window.store) is not None:
            self.window.after_bulk_change()

    def export_dialog(self) -> None:
        from annotator.gui.dialogs.export_dialog import export_project

        export_project(self.window.window(), self.window.store)

    def review_window(self) -> None:
        open_review_window(
            self.window.window(), self.window.store, self.window.annotator, self.window.settings
        )

    # -- other programs' changes -----------------------------------------------------

    def check_file(self) -> None:
        """Say so (once) as soon as the project file was renamed, moved or deleted, before
        the annotator tags anything that could not be saved."""
        if self._moved_reported:
            return
        try:
            self.window.store.check_file()
        except ProjectMovedError:
            self._moved_reported = True
            moved = self.window.store.moved_to()
            if moved is not None:
                message = ui_format(
                    tr(
                        "The project file was renamed or moved to {path}; nothing more can"
                        " be saved here. Reopen it there to go on."
                    ),
                    path=str(moved),
                )
            else:
                message = ui_format(
                    tr(
                        "The project file {path} was deleted while open; nothing more can"
                        " be saved to it."
                    ),
                    path=self.window.store.location,
                )
            self.window.show_error(message)

    def check_outside_changes(self) -> bool:
        """Re-read the project if another program committed to it (an import from the
        command line, a merge); True if it did. ``data_version`` changes only for
        other connections' commits, so this costs one tiny query when nothing happened."""
        store = self.window.store
        self.check_file()
        try:
            if store.in_transaction():  # our own import is running; it refreshes then
                return False
            version = store.data_version()
        except (*DATABASE_ERRORS, AnnotatorError):
            # closed, unreadable or the server out of reach: the next user action says so
            return False
        if version == self._data_version:
            return False
        self._data_version = version
        self.window.after_bulk_change()
        return True
