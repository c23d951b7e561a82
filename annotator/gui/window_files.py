"""Project files, import/export/review hand-offs, font and language of the main window.

A mixin of ``MainWindow``. Export, review and search are other modules, imported only when
used, so the window works (with those actions disabled) before they exist.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QFontDialog

from annotator.core.errors import AnnotatorError
from annotator.core.store import DATABASE_ERRORS, create_store
from annotator.gui import settings as prefs

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


class FilesMixin:
    """Needs the ``MainWindow`` attributes: store, annotator, settings, article_view..."""

    # -- font ------------------------------------------------------------------------

    def zoom(self, step: int) -> None:
        font = self.article_view.font()
        size = max(prefs.MIN_SIZE, min(prefs.MAX_SIZE, font.pointSize() + step))
        font.setPointSize(size)
        self.article_view.setFont(font)
        prefs.save_article_font(self.settings, font)

    def choose_font(self) -> None:
        ok, font = QFontDialog.getFont(self.article_view.font(), self)
        if ok:
            self.article_view.setFont(font)
            prefs.save_article_font(self.settings, font)

    def set_language(self, lang: str) -> None:
        self.settings.setValue("ui/language", lang)
        self.statusBar().showMessage(
            self.tr("The language changes the next time the app starts."), 5000
        )

    # -- files and helpers -----------------------------------------------------------

    def open_project_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open project"), "", self.tr("Projects (*.db *.sqlite);;All files (*)")
        )
        if path:
            self.switch_project(path)

    def new_project_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("New project"), "project.db", self.tr("Projects (*.db)")
        )
        if not path:
            return
        from annotator.core.labels import default_labels

        try:
            create_store(path, default_labels()).close()
        except AnnotatorError as exc:
            self.show_error(str(exc))
            return
        self.switch_project(path)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in prefs.recent_projects(self.settings):
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.switch_project(p))

    def switch_project(self, path: str | Path) -> MainWindow | None:
        from annotator.gui.app import build_main_window

        try:
            window = build_main_window(path, self.annotator, settings=self.settings)
        except AnnotatorError as exc:
            self.show_error(str(exc))
            return None
        window.show()
        self.close()
        return window

    def import_dialog(self) -> None:
        from annotator.gui.import_dialog import import_dialog

        if import_dialog(self, self.store) is not None:
            self.after_bulk_change()

    def check_outside_changes(self) -> bool:
        """Re-read the project if another program committed to it (an import from the
        command line, a merge); True if it did. ``data_version`` changes only for
        other connections' commits, so this costs one tiny query when nothing happened."""
        try:
            if self.store.in_transaction():  # our own import is running; it refreshes then
                return False
            version = self.store.data_version()
        except DATABASE_ERRORS:
            return False  # closed or unreadable: the next user action will say so
        if version == self._data_version:
            return False
        self._data_version = version
        self.after_bulk_change()
        return True

    def after_bulk_change(self) -> None:
        """Re-read list, labels and spans after an import (or any bulk write)."""
        self.list_model.reload()
        self.reload_labels()
        if self.current_article_id is None:
            self.resume()
        else:
            self.refresh()
            self._sync_list_selection()
        self._update_progress(recount=True)

    def export_dialog(self) -> None:
        try:
            from annotator.gui.export_dialog import export_project
        except ModuleNotFoundError:
            self.export_action.setEnabled(False)
            return
        export_project(self, self.store)

    def review_window(self) -> None:
        try:
            from annotator.gui.review import open_review_window
        except ModuleNotFoundError:
            self.review_action.setEnabled(False)
            return
        open_review_window(self, self.store, self.annotator)
