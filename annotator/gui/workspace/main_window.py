"""The annotation workspace: the window that holds one project's open article.

``MainWindow`` is assembled from named parts, each in its own module:

- panels: ``list_panel`` (article list and filters, left), ``article_panel`` (title,
  details and the article view, middle), ``side_panel`` (label palette, the article's
  spans, the note, right), ``status_line`` (mode, position, progress);
- controllers: ``tagger`` (label keys, Delete, undo), ``flow`` (next / previous / done /
  skip, note, resume), ``files`` (open / new / recent / import / export / review, and the
  watch for other programs' commits), ``menus`` (every action and shortcut),
  ``search_ui`` (find, corpus search, tag all, suggestions) and ``model_loop`` (training
  the tagger in the background, the model's F1, least confident first).

The window itself keeps the open article and the view modes, opens articles and redraws
them; the parts reach the window only through the protocols their modules declare. The
keyboard goes back to the article after every action that is not typing (a palette click,
a filter chosen, a dialog or message closed), and a label key pressed in a list tags in
the article rather than jumping through the list. A language switch applies at once:
``changeEvent`` names everything again.
Every tag, relabel, delete and status change is written (committed) through the store or
the core undo stack first; the view is redrawn from the database only after the write
returned. A failed write shows a message and draws nothing.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QPushButton, QSplitter

from annotator.core.errors import AnnotatorError, ProjectError
from annotator.core.model import IMPORT_ANNOTATOR, Span
from annotator.core.store import DAMAGED_ERRORS, Change, Store, open_store, short_name
from annotator.core.undo import UndoStack
from annotator.gui.common import settings as prefs
from annotator.gui.common.bidi import ui_format
from annotator.gui.common.errors import error_text
from annotator.gui.common.i18n import current_language, tr
from annotator.gui.dialogs.label_editor import LabelEditor
from annotator.gui.search.search_ui import SearchUi
from annotator.gui.workspace.article_panel import ArticlePanel
from annotator.gui.workspace.flow import ArticleFlow
from annotator.gui.workspace.list_panel import ArticleListPanel
from annotator.gui.workspace.menus import WindowMenus
from annotator.gui.workspace.model_loop import ModelLoop
from annotator.gui.workspace.project_files import ProjectFiles
from annotator.gui.workspace.side_panel import SidePanel
from annotator.gui.workspace.status_line import StatusLine
from annotator.gui.workspace.tagging import Tagger


class MainWindow(QMainWindow):
    #: An article was opened (its id).
    articleOpened = Signal(int)
    #: The open article's spans changed (tag, relabel, delete, undo, redo, refresh).
    spansChanged = Signal()

    def __init__(self, store: Store, annotator: str, settings: QSettings) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.store = store
        self.annotator = annotator
        self.settings = settings
        self.undo_stack = UndoStack(store)
        #: The open article (None until the first one opens).
        self.current_article_id: int | None = None
        #: Snap selections to grapheme clusters instead of words (Edit > Character precision).
        self.character_mode = False
        #: Show everyone's spans, not only this annotator's and the pre-annotations.
        self.show_all_annotators = False
        #: The last error shown to the user (tests and scripts read it).
        self.last_error = ""
        #: Close the store with the window (set when the window opened the project).
        self.owns_store = False
        #: The label editor, once Edit > Labels… opened it.
        self.label_editor: LabelEditor | None = None
        self._error_box: QMessageBox | None = None
        self._reopen_button: QPushButton | None = None
        self._closing_despite_note = False
        store.via = "app"  # the history says these changes were made in the app
        store.annotator_id(annotator)
        self.setWindowTitle(f"annotator — {short_name(store.location)} — {annotator}")

        # Panels, left to right, then the status bar's permanent part.
        self.list_panel = ArticleListPanel(store, annotator, lambda: self.current_article_id, self)
        self.article_panel = ArticlePanel(settings, self)
        self.side_panel = SidePanel(self.article_panel.view, self)
        self._lay_out()
        self.status_line = StatusLine(store, annotator, self.statusBar())

        # The widgets tests, benchmarks, scripts and search reach on the window itself.
        self.article_view = self.article_panel.view
        self.title_label = self.article_panel.title_label
        self.meta_label = self.article_panel.meta_label
        self.list_model = self.list_panel.model
        self.article_list = self.list_panel.table
        self.status_filter = self.list_panel.status_filter
        self.title_filter = self.list_panel.title_filter
        self.palette_widget = self.side_panel.label_palette
        self.span_list = self.side_panel.span_list
        self.note_edit = self.side_panel.note_edit
        self.progress_label = self.status_line.progress_label
        self.position_label = self.status_line.position_label
        self.mode_label = self.status_line.mode_label

        # Controllers: what the keys and the menus do.
        self.tagger = Tagger(self)
        self.flow = ArticleFlow(self, self.list_model, self.note_edit)
        self.files = ProjectFiles(
            self, partial(open_main_window, annotator=annotator, settings=settings)
        )
        self.model_loop = ModelLoop(self, self)
        self.menus = WindowMenus(self)
        self.undo_action = self.menus.undo_action
        self.redo_action = self.menus.redo_action
        self.char_mode_action = self.menus.char_mode_action
        self.show_all_action = self.menus.show_all_action
        self.import_action = self.menus.import_action
        self.export_action = self.menus.export_action
        self.review_action = self.menus.review_action
        self.train_action = self.menus.train_action
        self.least_confident_action = self.menus.least_confident_action
        self._watch_timer = self.files.watch_timer

        self._connect()
        self.reload_labels()
        self.update_status()
        self.search_ui = SearchUi(self)
        #: The language the window's texts are in.
        self._language = current_language()

    # -- construction ----------------------------------------------------------------

    def _lay_out(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list_panel)
        splitter.addWidget(self.article_panel)
        splitter.addWidget(self.side_panel)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([340, 780, 280])
        self.setCentralWidget(splitter)
        self.resize(1400, 850)

    def _connect(self) -> None:
        self.list_panel.articleChosen.connect(self.open_article)
        self.spansChanged.connect(self.files.project_changed)
        self.list_panel.filterChanged.connect(self.update_status)
        self.list_panel.filterChosen.connect(self.focus_text)
        self.article_view.labelKeyPressed.connect(self.tagger.label_key)
        self.article_view.deletePressed.connect(self.tagger.delete_selected_span)
        self.palette_widget.labelClicked.connect(self._palette_clicked)
        self.note_edit.editingFinished.connect(self.flow.save_note)
        # Enter saves the note and gives the keys back to the text (the next label key
        # tags instead of typing into the note).
        self.note_edit.returnPressed.connect(self.focus_text)
        for lst in (self.article_list, self.span_list):
            lst.installEventFilter(self)
        # Undo/redo texts follow every step, also those pushed by search or review.
        self.undo_stack.listeners.append(lambda _op: self.update_undo_texts())
        self.update_undo_texts()

    def update_undo_texts(self) -> None:
        self.menus.update_undo_texts(self.undo_stack)

    def focus_text(self) -> None:
        """Give the keyboard back to the article (label keys, Tab, Delete act there)."""
        self.article_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _palette_clicked(self, name: str) -> None:
        self.tagger.apply_label(name)
        self.focus_text()

    # -- labels ----------------------------------------------------------------------

    def reload_labels(self) -> None:
        labels = self.store.labels()
        self.palette_widget.set_labels(labels)
        self.article_view.set_labels(labels)
        self.side_panel.fill_span_list(self.show_all_annotators)

    def edit_labels(self) -> None:
        dialog = LabelEditor(self.store, self)
        dialog.labelsChanged.connect(self.reload_labels)
        dialog.labelsChanged.connect(self.refresh)
        dialog.finished.connect(lambda _result: self.focus_text())
        dialog.open()
        self.label_editor = dialog

    # -- the open article ------------------------------------------------------------

    def open_article(self, article_id: int, select: tuple[int, int] | None = None) -> None:
        """Show an article; ``select`` selects and scrolls to a code-point range."""
        if self.current_article_id is not None and self.current_article_id != article_id:
            if not self.flow.save_note():  # keep the article (and the typed note) open
                self.list_panel.sync_selection()
                return
        try:
            article = self.store.article(article_id)
            spans = self.store.spans(article.id, self.visible_annotators())
        except AnnotatorError as exc:  # e.g. a span whose label row was deleted by hand
            if self.current_article_id is None:
                raise  # the window is opening: opening it is refused with this line
            self.show_error(str(exc))  # stay on the article shown
            self.list_panel.sync_selection()
            return
        self.current_article_id = article.id
        self.article_panel.show_header(article)
        self.article_view.set_article(article.text, spans)
        if not self.article_view.offsets_ok:
            self.show_error(
                ui_format(
                    tr("Article {id}: its text cannot be shown exactly; tagging is off."),
                    id=article.ext_id,
                )
            )
        self.flow.load_note(article.id)
        self.side_panel.fill_span_list(self.show_all_annotators)
        self.list_panel.sync_selection()
        self.update_status()
        self.flow.remember_soon()  # one write once the annotator settles, not per key
        if select is not None:
            self.article_view.select_range(*select)
        else:  # from the top, captions of the first line included
            self.article_view.verticalScrollBar().setValue(0)
        self.article_view.setFocus()
        self.articleOpened.emit(article.id)

    def refresh(self) -> None:
        """Reload the open article's spans from the store and redraw."""
        if self.current_article_id is None:
            return
        self.article_view.set_spans(self._visible_spans())
        self.side_panel.fill_span_list(self.show_all_annotators)
        self.list_model.refresh_article(self.current_article_id)
        self.update_status()
        self.spansChanged.emit()

    def after_bulk_change(self) -> None:
        """Re-read list, labels and spans after an import (or any bulk write)."""
        self.list_model.reload()
        self.reload_labels()
        if self.current_article_id is None:
            self.flow.resume()
        else:
            self.refresh()
            self.list_panel.sync_selection()
        self.update_status(recount=True)
        self.files.project_changed()

    def after_outside_changes(self, changes: list[Change]) -> None:
        """Redraw only what other programs' commits touched, as a server names it: the
        list rows and, if it is among them, the open article; the labels. New articles,
        or anything not named exactly, re-read everything (``after_bulk_change``)."""
        tables = {c.table for c in changes}
        if not tables <= {"spans", "article_status", "reviews", "labels", "annotators",
                          "settings"}:  # fmt: skip
            self.after_bulk_change()
            return
        touched: set[int] | None = set()
        for change in changes:
            if change.table in ("spans", "article_status"):
                if change.article_ids is None:
                    touched = None
                    break
                assert touched is not None
                touched |= change.article_ids
        if "labels" in tables:
            self.reload_labels()
        if touched is None:
            self.list_model.reload()
            self.list_panel.sync_selection()
            self.refresh()
        else:
            for article_id in sorted(touched):
                self.list_model.refresh_article(article_id)
            if "labels" in tables or self.current_article_id in touched:
                self.refresh()
        self.update_status(recount=True)
        self.files.project_changed()

    def visible_annotators(self) -> list[str] | None:
        """Blind annotation: own spans and pre-annotations, unless everyone's are shown."""
        if self.show_all_annotators:
            return None
        return [self.annotator, IMPORT_ANNOTATOR]

    def _visible_spans(self) -> list[Span]:
        if self.current_article_id is None:
            return []
        return self.store.spans(self.current_article_id, self.visible_annotators())

    # -- view modes and status -------------------------------------------------------

    def set_show_all_annotators(self, on: bool) -> None:
        self.show_all_annotators = bool(on)
        if self.show_all_action.isChecked() != self.show_all_annotators:
            self.show_all_action.setChecked(self.show_all_annotators)
        self.refresh()

    def set_character_mode(self, on: bool) -> None:
        self.character_mode = bool(on)
        if self.char_mode_action.isChecked() != self.character_mode:
            self.char_mode_action.setChecked(self.character_mode)
        self.update_status()

    def update_status(self, recount: bool = False) -> None:
        """Status bar; the done/total counts are re-read only when a status changed."""
        position = self.flow.position()
        self.status_line.update(
            position,
            len(self.list_model.ids),
            self.character_mode,
            self.show_all_annotators,
            recount,
            hidden=position is None and self.current_article_id is not None,
        )
        if recount:
            self.model_loop.status_changed()

    def show_error(self, message: str) -> None:
        """A clear, non-blocking message, in the interface language (tests read
        ``last_error``, the message as given)."""
        self.last_error = message
        shown = error_text(message)
        self.statusBar().showMessage(shown, 8000)
        if self._error_box is None:
            self._error_box = QMessageBox(self)
            self._error_box.setObjectName("errorBox")
            self._error_box.setIcon(QMessageBox.Icon.Warning)
            self._error_box.setTextFormat(Qt.TextFormat.PlainText)
            self._error_box.addButton(QMessageBox.StandardButton.Ok)
            self._reopen_button = self._error_box.addButton(
                "", QMessageBox.ButtonRole.AcceptRole
            )
            self._reopen_button.setObjectName("reopenButton")
            self._reopen_button.clicked.connect(self.reopen_moved_project)
            self._error_box.finished.connect(lambda _result: self.focus_text())
        assert self._reopen_button is not None
        self._error_box.setWindowTitle(tr("Not saved"))
        self._reopen_button.setText(tr("Reopen it there"))
        # The project file was renamed or moved while open: offer to go on with it there.
        self._reopen_button.setVisible(self.store.moved_to() is not None)
        self._error_box.setText(shown)
        self._error_box.open()

    def reopen_moved_project(self) -> None:
        """Open the project where its file went (after a rename or move) in this window's
        place; nothing is lost: every acknowledged change is in that file."""
        moved = self.store.moved_to()
        if moved is None:
            return
        # The newest work may still wait in the write-ahead log under the old name; closing
        # folds it into the file through the handle we hold, which is the moved file.
        self.files.watch_timer.stop()
        self.store.close()
        self.files.switch_project(moved)

    # -- what the parts do, under the names tests, benchmarks and scripts use --------

    def tag_range(self, start: int, end: int, label: str, *, character: bool | None = None) -> Span:
        """Tag a code-point range of the open article the way a label key does (see
        ``Tagger.tag_range``); raises ``AnnotatorError`` when nothing was stored."""
        return self.tagger.tag_range(start, end, label, character=character)

    def apply_label(self, label: str, character: bool | None = None) -> Span | None:
        return self.tagger.apply_label(label, character)

    def delete_selected_span(self) -> None:
        self.tagger.delete_selected_span()

    def undo(self) -> None:
        self.tagger.undo()

    def redo(self) -> None:
        self.tagger.redo()

    def next_article(self) -> None:
        self.flow.next_article()

    def previous_article(self) -> None:
        self.flow.previous_article()

    def resume(self) -> None:
        """Open this annotator's last article, else the first in the list."""
        self.flow.resume()

    def check_outside_changes(self) -> bool:
        """Re-read the project if another program committed to it; True if one did."""
        return self.files.check_outside_changes()

    # -- events ----------------------------------------------------------------------

    def retranslate(self) -> None:
        """Name everything again in the interface language: menus, panels, status bar."""
        self._language = current_language()
        self.menus.retranslate()
        self.list_panel.retranslate()
        self.side_panel.retranslate()
        self.search_ui.retranslate()
        self.model_loop.show_state()
        self.update_undo_texts()
        self.update_status()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.files.check_outside_changes()
        elif event.type() == QEvent.Type.LanguageChange and self.isVisible():
            # A window not (or no longer) shown catches up when it is shown.
            self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._language != current_language():
            self.retranslate()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """A label key pressed in the article list or the span list tags in the article
        (instead of jumping to a row that starts with that letter)."""
        if event.type() == QEvent.Type.KeyPress and obj in (self.article_list, self.span_list):
            assert isinstance(event, QKeyEvent)
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.AltModifier):
                key = event.text().lower()
                if key and key in self.article_view.shortcuts:
                    self.focus_text()
                    again = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
                    QApplication.sendEvent(self.article_view, again)
                    return True
        return super().eventFilter(obj, event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.flow.save_note() and not self._closing_despite_note:
            # The typed note is not stored: stay open once, so it can be copied or the
            # cause fixed; closing again closes.
            self._closing_despite_note = True
            event.ignore()
            return
        self.files.stop_watching()
        self.model_loop.stop()
        if self.owns_store:
            self.flow.remember_place()
        super().closeEvent(event)
        if self.owns_store:
            self.owns_store = False
            self.store.close()


def open_main_window(path: str | Path, annotator: str, *, settings: QSettings) -> MainWindow:
    """Open the project at ``path`` for ``annotator`` and build its window (not shown),
    resumed at the annotator's last article. The window owns (closes) the store."""
    if not annotator or not annotator.strip():
        raise AnnotatorError("the annotator name is empty")
    try:
        store = open_store(path)
    except DAMAGED_ERRORS as exc:
        raise ProjectError(f"{path}: the project file is damaged ({exc})") from None
    try:
        window = MainWindow(store, annotator.strip(), settings)
        window.owns_store = True
        window.resume()
    except DAMAGED_ERRORS as exc:
        store.close()
        raise ProjectError(f"{path}: the project file is damaged ({exc})") from None
    except BaseException:
        store.close()
        raise
    prefs.remember_project(settings, store.location)
    return window
