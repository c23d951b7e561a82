"""The annotation workspace: article list, article view, label palette, spans, flow.

See ``annotator.gui.app`` for the API other modules rely on. Every tag, relabel, delete and
status change is written (committed) through the store or the core undo stack first; the
view is redrawn from the database only after the write returned. A failed write shows a
message and draws nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
from annotator.core.text.tokens import arabic_words, trim_options
from annotator.core.undo import Operation, UndoStack
from annotator.gui import settings as prefs
from annotator.gui.article_list import ArticleListModel
from annotator.gui.article_view import ArticleView
from annotator.gui.label_palette import LabelPalette
from annotator.gui.plain import tooltip
from annotator.gui.snapping import snap_range
from annotator.gui.window_files import FilesMixin
from annotator.gui.window_flow import FlowMixin
from annotator.gui.window_menus import MenusMixin

SPAN_TEXT_MAX = 120
#: The current article is remembered this long after the last move (one write, not one
#: per Ctrl+PgDown).
REMEMBER_AFTER_MS = 800
#: How often the window looks for commits by other programs (and on every activation).
WATCH_EVERY_MS = 1000


def _plain_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class MainWindow(MenusMixin, FlowMixin, FilesMixin, QMainWindow):
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
        self._words: frozenset[str] = frozenset()
        self._words_for: int | None = None
        self._note_loaded = ""
        self._syncing_list = False
        self._error_box: QMessageBox | None = None
        #: Close the store with the window (set when the window opened the project).
        self.owns_store = False
        self._counts: dict[Status, int] | None = None
        self._remember_timer = QTimer(self)
        self._remember_timer.setSingleShot(True)
        self._remember_timer.setInterval(REMEMBER_AFTER_MS)
        self._remember_timer.timeout.connect(self.remember_place)
        self._data_version = store.data_version()
        self._watch_timer = QTimer(self)
        self._watch_timer.setInterval(WATCH_EVERY_MS)
        self._watch_timer.timeout.connect(self.check_outside_changes)
        self._watch_timer.start()
        store.annotator_id(annotator)
        self._build()
        self._build_menus()
        # Undo/redo texts follow every step, also those pushed by search or review.
        self.undo_stack.listeners.append(lambda _op: self._update_undo_actions())
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
        # Fixed widths: "resize to contents" would read every loaded row on each change.
        for col, width in (
            (ArticleListModel.ID, 90),
            (ArticleListModel.STATUS, 80),
            (ArticleListModel.SPANS, 50),
        ):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.article_list.setColumnWidth(col, width)
        self.article_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
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
        self._remember_timer.start()  # one write once the annotator settles, not per key
        if select is not None:
            self.article_view.select_range(*select)
        else:  # from the top, captions of the first line included
            self.article_view.verticalScrollBar().setValue(0)
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
        labels = self.article_view.labels  # set by reload_labels; no query per redraw
        for span in self.article_view.spans:
            words = " ".join(self._text[span.start : span.end].split())
            if len(words) > SPAN_TEXT_MAX:
                words = words[:SPAN_TEXT_MAX] + "…"
            item = QTreeWidgetItem([span.label, words, span.annotator])
            item.setData(0, Qt.ItemDataRole.UserRole, span.id)
            # The words are Arabic: right-aligned like the article, elided at their end.
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            lab = labels.get(span.label)
            if lab is not None:
                item.setBackground(0, QColor(lab.color))
                item.setToolTip(0, tooltip(lab.display_name))
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
        """Snap a code-point range to words (default) or grapheme clusters."""
        return snap_range(
            self._text,
            start,
            end,
            self.character_mode if character is None else character,
            trim_options(self.store),
            self._article_words,
        )

    def _article_words(self) -> frozenset[str]:
        """The current article's normalized words, computed once per article."""
        if self._words_for != self.current_article_id:
            self._words = frozenset(arabic_words(self._text))
            self._words_for = self.current_article_id
        return self._words

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

    def remember_place(self) -> None:
        """Store this annotator's current article, so reopening resumes there."""
        self._remember_timer.stop()
        if self.current_article_id is None:
            return
        try:
            self.store.set_setting(f"last_article:{self.annotator}", str(self.current_article_id))
        except AnnotatorError:
            pass  # remembering the place is a convenience; never block reading

    def _mark_in_progress(self) -> None:
        """A first tag moves the article from "to do" to "in progress" (best effort: the
        tag itself is already stored, and must be drawn even if this write fails)."""
        assert self.current_article_id is not None
        try:
            if self.store.status(self.current_article_id, self.annotator).status == Status.TODO:
                self.store.set_status(self.current_article_id, self.annotator, Status.IN_PROGRESS)
        except AnnotatorError as exc:
            self.statusBar().showMessage(str(exc), 4000)

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

    def _update_undo_actions(self) -> None:
        self.undo_action.setEnabled(True)  # always reachable; an empty stack does nothing
        self.undo_action.setText(
            self.tr("Undo {what}").format(what=self.undo_stack.undo_text()).strip()
        )
        self.redo_action.setText(
            self.tr("Redo {what}").format(what=self.undo_stack.redo_text()).strip()
        )

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

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.check_outside_changes()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._watch_timer.stop()
        self.save_note()
        if self.owns_store:
            self.remember_place()
        super().closeEvent(event)
        if self.owns_store:
            self.owns_store = False
            self.store.close()
