"""The annotation workspace: article list, article view, label palette, spans, flow.

See ``annotator.gui.app`` for the API other modules rely on. Every tag, relabel, delete and
status change is written (committed) through the store or the core undo stack first; the
view is redrawn from the database only after the write returned. A failed write shows a
message and draws nothing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFontDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError, ValidationError
from annotator.core.model import IMPORT_ANNOTATOR, Span, Status
from annotator.core.store import Store
from annotator.core.tokens import snap_to_clusters, snap_to_words, tokenize
from annotator.core.undo import Operation, UndoStack
from annotator.gui import settings as prefs
from annotator.gui.article_list import ArticleListModel
from annotator.gui.article_view import ArticleView
from annotator.gui.label_palette import LabelPalette

SPAN_TEXT_MAX = 120


def _plain_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class MainWindow(QMainWindow):
    #: An article was opened (its id).
    articleOpened = Signal(int)
    #: The current article's spans changed (tag, relabel, delete, undo, redo, refresh).
    spansChanged = Signal()

    def __init__(self, store: Store, annotator: str, settings: QSettings) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.store = store
        self.annotator = annotator
        self.settings = settings
        self.undo_stack = UndoStack(store)
        self.current_article_id: int | None = None
        self.character_mode = False
        self.show_all_annotators = False
        #: The last error shown to the user (tests and scripts read it).
        self.last_error = ""
        self._text = ""
        self._note_loaded = ""
        self._syncing_list = False
        self._error_box: QMessageBox | None = None
        #: Close the store with the window (set when the window opened the project).
        self.owns_store = False
        store.annotator_id(annotator)
        self._build()
        self._build_menus()
        self.reload_labels()
        self._update_progress()

    # -- construction ----------------------------------------------------------------

    def _build(self) -> None:
        self.setWindowTitle(f"annotator — {self.store.path.name} — {self.annotator}")
        # Article list with filters.
        self.list_model = ArticleListModel(self.store, self.annotator)
        self.article_list = QTableView(self)
        self.article_list.setObjectName("articleList")
        self.article_list.setModel(self.list_model)
        self.article_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.article_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.article_list.verticalHeader().setVisible(False)
        self.article_list.verticalHeader().setDefaultSectionSize(24)
        self.article_list.setWordWrap(False)
        header = self.article_list.horizontalHeader()
        header.setSectionResizeMode(ArticleListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        for col in (ArticleListModel.ID, ArticleListModel.STATUS, ArticleListModel.SPANS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.article_list.selectionModel().currentRowChanged.connect(self._list_row_changed)
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem(self.tr("All"), None)
        for st in Status:
            self.status_filter.addItem(self.list_model.status_text(st), st.value)
        self.title_filter = QLineEdit(self)
        self.title_filter.setObjectName("titleFilter")
        self.title_filter.setPlaceholderText(self.tr("Filter by title"))
        self.title_filter.setClearButtonEnabled(True)
        self.status_filter.currentIndexChanged.connect(self._apply_filter)
        self.title_filter.returnPressed.connect(self._apply_filter)
        self.title_filter.textChanged.connect(lambda t: None if t else self._apply_filter())
        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        filters.addWidget(self.status_filter)
        filters.addWidget(self.title_filter, 1)
        lv.addLayout(filters)
        lv.addWidget(self.article_list)

        # Article header and view.
        self.title_label = _plain_label(self, "articleTitle")
        font = self.title_label.font()
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        self.title_label.setFont(font)
        self.meta_label = _plain_label(self, "articleMeta")
        self.meta_label.setStyleSheet("color: #555")
        for lab in (self.title_label, self.meta_label):
            lab.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
            lab.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        self.article_view = ArticleView(self)
        self.article_view.setFont(prefs.article_font(self.settings))
        self.article_view.labelKeyPressed.connect(self._label_key)
        self.article_view.deletePressed.connect(self.delete_selected_span)
        self.article_view.spanSelected.connect(self._span_selected_in_view)
        center = QWidget(self)
        cv = QVBoxLayout(center)
        cv.setContentsMargins(4, 0, 4, 0)
        cv.addWidget(self.title_label)
        cv.addWidget(self.meta_label)
        cv.addWidget(self.article_view, 1)

        # Palette, spans of this article, note.
        self.palette_widget = LabelPalette(self)
        self.palette_widget.labelClicked.connect(lambda name: self.apply_label(name))
        palette_scroll = QScrollArea(self)
        palette_scroll.setWidget(self.palette_widget)
        palette_scroll.setWidgetResizable(True)
        palette_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.span_list = QTreeWidget(self)
        self.span_list.setObjectName("spanList")
        self.span_list.setRootIsDecorated(False)
        self.span_list.setHeaderLabels([self.tr("Label"), self.tr("Words"), self.tr("By")])
        self.span_list.itemClicked.connect(self._span_item_clicked)
        self.span_list.itemActivated.connect(self._span_item_clicked)
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setPlaceholderText(self.tr("Note on this article"))
        self.note_edit.editingFinished.connect(self.save_note)
        right = QWidget(self)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(QLabel(self.tr("Labels")))
        rv.addWidget(palette_scroll, 2)
        rv.addWidget(QLabel(self.tr("Spans in this article")))
        rv.addWidget(self.span_list, 3)
        rv.addWidget(self.note_edit)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(center)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([300, 800, 280])
        self.setCentralWidget(splitter)
        self.resize(1400, 850)

        # Status bar.
        self.progress_label = QLabel(self)
        self.position_label = QLabel(self)
        self.mode_label = QLabel(self)
        for w in (self.mode_label, self.position_label, self.progress_label):
            self.statusBar().addPermanentWidget(w)

    def _action(
        self,
        menu_text: str,
        slot: Callable[[], object],
        shortcut: str | QKeySequence.StandardKey | list[str] | None = None,
        *,
        checkable: bool = False,
        name: str = "",
    ) -> QAction:
        action = QAction(menu_text, self)
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

        self.export_action.setEnabled(_module_exists("annotator.gui.export_dialog"))
        self.review_action.setEnabled(_module_exists("annotator.gui.review"))
        self.import_action.setEnabled(_module_exists("annotator.core.import_run"))
        self._update_undo_actions()

    # -- labels ----------------------------------------------------------------------

    def reload_labels(self) -> None:
        labels = self.store.labels()
        self.palette_widget.set_labels(labels)
        self.article_view.set_labels(labels)
        self._fill_span_list()

    def edit_labels(self) -> None:
        from annotator.gui.label_editor import LabelEditor

        dialog = LabelEditor(self.store, self)
        dialog.labelsChanged.connect(self.reload_labels)
        dialog.labelsChanged.connect(self.refresh)
        dialog.open()
        self.label_editor = dialog

    # -- opening articles ------------------------------------------------------------

    def open_article(self, article_id: int, select: tuple[int, int] | None = None) -> None:
        """Show an article; ``select`` selects and scrolls to a code-point range."""
        if self.current_article_id is not None and self.current_article_id != article_id:
            self.save_note()
        article = self.store.article(article_id)
        self.current_article_id = article.id
        self._text = article.text
        self.title_label.setText(article.title)
        self.title_label.setVisible(bool(article.title))
        self.meta_label.setText(self._meta_text(article))
        self.article_view.set_article(article.text, self._visible_spans())
        if not self.article_view.offsets_ok:
            self.show_error(
                self.tr("Article {id}: its text cannot be shown exactly; tagging is off.").format(
                    id=article.ext_id
                )
            )
        status = self.store.status(article.id, self.annotator)
        self._note_loaded = status.note
        self.note_edit.setText(status.note)
        self._fill_span_list()
        self._sync_list_selection()
        self._update_progress()
        try:
            self.store.set_setting(f"last_article:{self.annotator}", str(article.id))
        except AnnotatorError:
            pass  # remembering the place is a convenience; never block reading
        if select is not None:
            self.article_view.select_range(*select)
        self.article_view.setFocus()
        self.articleOpened.emit(article.id)

    def _meta_text(self, article) -> str:  # type: ignore[no-untyped-def]
        parts = [p for p in (article.author, article.published, article.source) if p]
        parts.insert(0, article.ext_id)
        line = "  ·  ".join(parts)
        if article.meta:
            line += "\n" + "  ·  ".join(f"{k}: {v}" for k, v in list(article.meta.items())[:8])
        return line

    def resume(self) -> None:
        """Open this annotator's last article, else the first in the list."""
        last = self.store.get_setting(f"last_article:{self.annotator}")
        if last and last.isdigit():
            try:
                self.open_article(int(last))
                return
            except AnnotatorError:
                pass
        if self.list_model.ids:
            self.open_article(self.list_model.ids[0])

    def refresh(self) -> None:
        """Reload the current article's spans from the store and redraw."""
        if self.current_article_id is None:
            return
        self.article_view.set_spans(self._visible_spans())
        self._fill_span_list()
        self.list_model.refresh_article(self.current_article_id)
        self._update_progress()
        self.spansChanged.emit()

    def visible_annotators(self) -> list[str] | None:
        """Blind annotation: own spans and pre-annotations, unless everyone's are shown."""
        if self.show_all_annotators:
            return None
        return [self.annotator, IMPORT_ANNOTATOR]

    def _visible_spans(self) -> list[Span]:
        if self.current_article_id is None:
            return []
        return self.store.spans(self.current_article_id, self.visible_annotators())

    def set_show_all_annotators(self, on: bool) -> None:
        self.show_all_annotators = bool(on)
        if self.show_all_action.isChecked() != self.show_all_annotators:
            self.show_all_action.setChecked(self.show_all_annotators)
        self.refresh()

    def _fill_span_list(self) -> None:
        self.span_list.clear()
        labels = {lab.name: lab for lab in self.store.labels()}
        for span in self.article_view.spans:
            words = " ".join(self._text[span.start : span.end].split())
            if len(words) > SPAN_TEXT_MAX:
                words = words[:SPAN_TEXT_MAX] + "…"
            item = QTreeWidgetItem([span.label, words, span.annotator])
            item.setData(0, Qt.ItemDataRole.UserRole, span.id)
            lab = labels.get(span.label)
            if lab is not None:
                item.setBackground(0, QColor(lab.color))
                item.setToolTip(0, lab.display_name)
            self.span_list.addTopLevelItem(item)
        self.span_list.setColumnHidden(2, not self.show_all_annotators)
        self.span_list.resizeColumnToContents(0)

    def _span_item_clicked(self, item: QTreeWidgetItem, _col: int = 0) -> None:
        span_id = item.data(0, Qt.ItemDataRole.UserRole)
        for span in self.article_view.spans:
            if span.id == span_id:
                self.article_view.select_span(span)
                self.article_view.setFocus()
                return

    def _span_selected_in_view(self, span: Span | None) -> None:
        self.span_list.blockSignals(True)
        self.span_list.clearSelection()
        if span is not None:
            for i in range(self.span_list.topLevelItemCount()):
                item = self.span_list.topLevelItem(i)
                if item.data(0, Qt.ItemDataRole.UserRole) == span.id:
                    self.span_list.setCurrentItem(item)
                    self.span_list.scrollToItem(item)
                    break
        self.span_list.blockSignals(False)

    # -- tagging ---------------------------------------------------------------------

    def snap(self, start: int, end: int, character: bool | None = None) -> tuple[int, int] | None:
        """Snap a code-point range to words (default) or grapheme clusters.

        Only the words around the selection are tokenized, so snapping in a 1 MB article
        costs what it costs in a short one.
        """
        if character is None:
            character = self.character_mode
        lo, hi = _local_window(self._text, min(start, end), max(start, end))
        part = self._text[lo:hi]
        if character:
            snapped = snap_to_clusters(part, start - lo, end - lo)
        else:
            snapped = snap_to_words(part, start - lo, end - lo, tokenize(part))
        return None if snapped is None else (snapped[0] + lo, snapped[1] + lo)

    def tag_range(self, start: int, end: int, label: str, *, character: bool | None = None) -> Span:
        """Tag a code-point range of the current article with ``label``.

        The same path a label key takes: snap (words, or clusters in character mode),
        commit through the undo stack, then redraw. Raises ``AnnotatorError`` (nothing
        stored, nothing drawn) on an empty range or a failed write.
        """
        if self.current_article_id is None:
            raise ValidationError("no article is open")
        snapped = self.snap(start, end, character)
        if snapped is None:
            raise ValidationError("the selection holds no word; nothing tagged")
        span = self.undo_stack.create_span(self.current_article_id, self.annotator, label, *snapped)
        self._mark_in_progress()
        self.refresh()
        return span

    def apply_label(self, label: str, character: bool | None = None) -> Span | None:
        """A label key or palette click: relabel the selected span, or tag the selection."""
        view = self.article_view
        selected = view.selected_span
        chosen = view.selection_cp()
        try:
            if selected is not None and chosen in (None, (selected.start, selected.end)):
                if selected.annotator != self.annotator:
                    # Someone else's (e.g. a pre-annotation): take it over as your own tag.
                    span = self.tag_range(selected.start, selected.end, label, character=True)
                else:
                    span = self.undo_stack.relabel_span(selected.id, label)
                    self.refresh()
                view.select_span(self._shown(span))
                return span
            if chosen is None:
                self.statusBar().showMessage(self.tr("Select some words first."), 3000)
                return None
            span = self.tag_range(*chosen, label, character=character)
        except ValidationError as exc:
            self.statusBar().showMessage(str(exc), 4000)
            return None
        except AnnotatorError as exc:
            self.show_error(str(exc))
            return None
        cur = view.textCursor()
        cur.clearSelection()
        cur.setPosition(view.index.to_utf16(span.end))
        view.setTextCursor(cur)
        return span

    def _shown(self, span: Span) -> Span | None:
        return next((s for s in self.article_view.spans if s.id == span.id), None)

    def _label_key(self, label: str, alt: bool) -> None:
        self.apply_label(label, character=True if alt else None)

    def delete_selected_span(self) -> None:
        span = self.article_view.selected_span
        if span is None:
            self.statusBar().showMessage(self.tr("Click a span first to delete it."), 3000)
            return
        if span.annotator != self.annotator:
            self.statusBar().showMessage(
                self.tr("This span belongs to {name}; it is not yours to delete.").format(
                    name=span.annotator
                ),
                4000,
            )
            return
        try:
            self.undo_stack.delete_span(span.id)
        except AnnotatorError as exc:
            self.show_error(str(exc))
            return
        self.article_view.selected_span = None
        self.refresh()

    def _mark_in_progress(self) -> None:
        assert self.current_article_id is not None
        if self.store.status(self.current_article_id, self.annotator).status == Status.TODO:
            self.store.set_status(self.current_article_id, self.annotator, Status.IN_PROGRESS)

    def set_character_mode(self, on: bool) -> None:
        self.character_mode = bool(on)
        if self.char_mode_action.isChecked() != self.character_mode:
            self.char_mode_action.setChecked(self.character_mode)
        self._update_progress()

    # -- undo ------------------------------------------------------------------------

    def undo(self) -> None:
        self._undo_redo(self.undo_stack.undo)

    def redo(self) -> None:
        self._undo_redo(self.undo_stack.redo)

    def _undo_redo(self, step: Callable[[], Operation | None]) -> None:
        try:
            op = step()
        except AnnotatorError as exc:
            self.show_error(str(exc))
            return
        if op is None:
            return
        if op.article_id != self.current_article_id:
            self.open_article(op.article_id)
        else:
            self.refresh()
        self._update_undo_actions()

    def _update_undo_actions(self) -> None:
        self.undo_action.setEnabled(True)  # always reachable; an empty stack does nothing
        self.undo_action.setText(
            self.tr("Undo {what}").format(what=self.undo_stack.undo_text()).strip()
        )
        self.redo_action.setText(
            self.tr("Redo {what}").format(what=self.undo_stack.redo_text()).strip()
        )

    # -- flow ------------------------------------------------------------------------

    def _position(self) -> int | None:
        if self.current_article_id is None:
            return None
        try:
            return self.list_model.ids.index(self.current_article_id)
        except ValueError:
            return None

    def next_article(self) -> None:
        self._step(+1)

    def previous_article(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        ids = self.list_model.ids
        if not ids:
            return
        pos = self._position()
        if pos is None:
            target = 0 if direction > 0 else len(ids) - 1
        else:
            target = pos + direction
        if 0 <= target < len(ids):
            self.open_article(ids[target])
        else:
            self.statusBar().showMessage(self.tr("No more articles in this list."), 3000)

    def next_not_done(self) -> int | None:
        """The next article in the list (wrapping) that is neither done nor skipped."""
        ids = self.list_model.ids
        pos = self._position()
        start = 0 if pos is None else pos + 1
        order = ids[start:] + ids[: max(0, start - 1)]
        for i in range(0, len(order), 200):
            window = order[i : i + 200]
            for row in self.store.article_rows(window, self.annotator):
                if row.status not in (Status.DONE, Status.SKIPPED):
                    return row.id
        return None

    def _finish(self, status: Status) -> None:
        if self.current_article_id is None:
            return
        self.save_note()
        try:
            self.store.set_status(self.current_article_id, self.annotator, status)
        except AnnotatorError as exc:
            self.show_error(str(exc))
            return
        self.list_model.refresh_article(self.current_article_id)
        self._update_progress()
        following = self.next_not_done()
        if following is None:
            self.statusBar().showMessage(self.tr("Every article in this list is done."), 5000)
        else:
            self.open_article(following)

    def mark_done(self) -> None:
        self._finish(Status.DONE)

    def skip_article(self) -> None:
        self._finish(Status.SKIPPED)

    def save_note(self) -> None:
        if self.current_article_id is None:
            return
        note = self.note_edit.text().strip()
        if note == self._note_loaded:
            return
        try:
            self.store.set_status(self.current_article_id, self.annotator, note=note)
        except AnnotatorError as exc:
            self.show_error(str(exc))
            return
        self._note_loaded = note

    # -- article list ----------------------------------------------------------------

    def _apply_filter(self) -> None:
        value = self.status_filter.currentData()
        self.list_model.set_filter(Status(value) if value else None, self.title_filter.text())
        self._sync_list_selection()
        self._update_progress()

    def _list_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing_list or not current.isValid():
            return
        aid = self.list_model.data(current, Qt.ItemDataRole.UserRole)
        if aid is not None and aid != self.current_article_id:
            self.open_article(aid)
            self.article_list.setFocus()

    def _sync_list_selection(self) -> None:
        if self.current_article_id is None:
            return
        row = self.list_model.row_of(self.current_article_id)
        self._syncing_list = True
        try:
            sel = self.article_list.selectionModel()
            if row is None:
                sel.clearSelection()
            else:
                index = self.list_model.index(row, 0)
                sel.setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.article_list.scrollTo(index)
        finally:
            self._syncing_list = False

    def _focus_list(self) -> None:
        self.article_list.setFocus()

    def _focus_view(self) -> None:
        self.article_view.setFocus()

    # -- status bar ------------------------------------------------------------------

    def _update_progress(self) -> None:
        counts = self.store.status_counts(self.annotator)
        total = sum(counts.values())
        self.progress_label.setText(
            self.tr("{name}: {done} / {total} done").format(
                name=self.annotator, done=counts[Status.DONE], total=total
            )
        )
        pos = self._position()
        n = len(self.list_model.ids)
        self.position_label.setText(
            self.tr("Article {pos} of {n}").format(pos=pos + 1, n=n) if pos is not None else ""
        )
        mode = self.tr("Characters") if self.character_mode else self.tr("Words")
        who = self.tr("Everyone's spans") if self.show_all_annotators else self.tr("Blind")
        self.mode_label.setText(f"{mode} · {who}")

    def show_error(self, message: str) -> None:
        """A clear, non-blocking message (tests read ``last_error``)."""
        self.last_error = message
        self.statusBar().showMessage(message, 8000)
        if self._error_box is None:
            self._error_box = QMessageBox(self)
            self._error_box.setObjectName("errorBox")
            self._error_box.setIcon(QMessageBox.Icon.Warning)
            self._error_box.setTextFormat(Qt.TextFormat.PlainText)
            self._error_box.setWindowTitle(self.tr("Not saved"))
        self._error_box.setText(message)
        self._error_box.open()

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
            Store.create(path, default_labels()).close()
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

    def after_bulk_change(self) -> None:
        """Re-read list, labels and spans after an import (or any bulk write)."""
        self.list_model.reload()
        self.reload_labels()
        if self.current_article_id is None:
            self.resume()
        else:
            self.refresh()
            self._sync_list_selection()
        self._update_progress()

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

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_note()
        super().closeEvent(event)
        if self.owns_store:
            self.owns_store = False
            self.store.close()


def _local_window(text: str, start: int, end: int, margin: int = 64) -> tuple[int, int]:
    """A slice around ``start..end`` cut at white space that starts no cluster of its own.

    Words and grapheme clusters never run across such a cut, so tokenizing the slice
    gives the same tokens there as tokenizing the whole text.
    """
    start, end = max(0, start), min(len(text), end)
    lo, hi = max(0, start - margin), min(len(text), end + margin)
    while lo > 0 and not (text[lo - 1].isspace() and _starts_cluster(text, lo)):
        lo -= 1
    while hi < len(text) and not (text[hi].isspace() and _starts_cluster(text, hi + 1)):
        hi += 1
    return lo, hi


def _starts_cluster(text: str, i: int) -> bool:
    """True if ``text[i]`` is not a mark or joiner that would cling to the previous space."""
    if i >= len(text):
        return True
    return unicodedata.category(text[i])[0] != "M" and text[i] not in "\u200c\u200d"


def _module_exists(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False
