"""The main window's project files: open, new, recent, import, export, review, and the
watch for changes other programs commit to the open project.

The watch has two ways to learn of others' commits. A project file is asked every second
for its ``data_version`` (one read of its header), and on a change the window re-reads its
list, labels and spans. A server tells: the store's listener (``Store.listen``, the
server's LISTEN/NOTIFY) makes its socket readable the moment another program commits; a
``QSocketNotifier`` on that socket wakes the window, which takes the notices without
waiting and redraws only what they name (``after_outside_changes``). The one-second
timer then only looks after the listener (it connects it again after a server restart,
reporting that anything may have changed) and costs the server nothing.

A window shows one project; opening another builds a new window (``open_window``, given
by the window's module) and closes this one. Import, export and review are the dialogs'
and the review window's; this part opens them on the window's store.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QSettings, QSocketNotifier, QTimer
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from annotator.core.errors import AnnotatorError, ProjectMovedError
from annotator.core.labels import default_labels
from annotator.core.store import DATABASE_ERRORS, Change, ChangeListener, Store, create_store
from annotator.gui.common import settings as prefs
from annotator.gui.common.bidi import ui_format
from annotator.gui.common.i18n import tr
from annotator.gui.dialogs.open_project import ask_project

if TYPE_CHECKING:  # Team > Progress and the review window load when first opened
    from annotator.gui.dialogs.team_progress import TeamProgressDialog

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

    def after_outside_changes(self, changes: list[Change]) -> None:
        """Redraw what other programs' commits touched, as a server's notices name it."""
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
        #: A server's notices of others' commits (None for a file, or no server answer).
        self.listener: ChangeListener | None = None
        self._notifier: QSocketNotifier | None = None
        #: Notices taken while our own import held the store: applied after it.
        self._pending: list[Change] = []
        #: Team > Progress, once opened.
        self.team_progress: TeamProgressDialog | None = None
        try:
            self.listener = window.store.listen()
        except (*DATABASE_ERRORS, AnnotatorError):
            self.listener = None  # the timer compares data_version instead
        self._watch_socket()
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
        from annotator.gui.review import open_review_window  # loaded when first asked for

        open_review_window(
            self.window.window(), self.window.store, self.window.annotator, self.window.settings
        )

    def progress_dialog(self) -> TeamProgressDialog:
        """Team > Progress: one dialog per window, computed again as the project changes."""
        if self.team_progress is None:
            from annotator.gui.dialogs.team_progress import TeamProgressDialog

            self.team_progress = TeamProgressDialog(self.window.store, self.window.window())
        self.team_progress.show()
        self.team_progress.raise_()
        self.team_progress.refresh()
        return self.team_progress

    def project_changed(self) -> None:
        """Tell the open views that compute over the whole project (Team > Progress)."""
        if self.team_progress is not None:
            self.team_progress.changed()

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

    def _watch_socket(self) -> None:
        """Watch the listener's socket (again, after a reconnect gave it a new one)."""
        listener = self.listener
        fileno = -1 if listener is None or listener.broken else listener.fileno()
        if self._notifier is not None:
            if self._notifier.socket() == fileno and self._notifier.isEnabled():
                return
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if fileno < 0:
            return  # lost: the timer connects it again
        self._notifier = QSocketNotifier(fileno, QSocketNotifier.Type.Read, self.window.window())
        self._notifier.activated.connect(self.take_notices)

    def take_notices(self) -> bool:
        """Take the notices that arrived and redraw what they name; True if there were."""
        if self.listener is None:
            return False
        self._pending.extend(self.listener.changes())
        self._watch_socket()
        if not self._pending:
            return False
        try:
            if self.window.store.in_transaction():  # our own import; applied after it
                return False
        except (*DATABASE_ERRORS, AnnotatorError):
            return False
        changes, self._pending = self._pending, []
        self.window.after_outside_changes(changes)
        return True

    def stop_watching(self) -> None:
        """The window closes: no more timer, socket or listening connection."""
        self.watch_timer.stop()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier = None
        if self.listener is not None:
            self.listener.close()
            self.listener = None

    def check_outside_changes(self) -> bool:
        """Re-read the project if another program committed to it (an import from the
        command line, a merge); True if it did. ``data_version`` changes only for
        other connections' commits, so this costs one tiny query when nothing happened;
        with a server's listener it costs the server nothing (``take_notices``)."""
        store = self.window.store
        if self.listener is not None:
            return self.take_notices()
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
