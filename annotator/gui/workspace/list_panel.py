"""The left side of the main window: the article list and its status and title filters.

The panel shows the list and reports what the user picks; opening the article is the
window's. ``sync_selection`` moves the list's selection to the open article without
reporting it back as a pick. When the filters hide the open article, a hint above the list
says so, with a button that shows every article again, so the article on screen never becomes
unreachable. Cells read in their own direction (common/bidi.py); the title takes the room
the other columns, sized to their contents, leave, and is cut at its end.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Status
from annotator.core.store import Store
from annotator.gui.common.bidi import set_cell_direction, ui_format
from annotator.gui.common.i18n import tr
from annotator.gui.workspace.article_list import ArticleListModel

#: Rows measured to size the id, status and count columns: about one screenful (each
#: measured row costs the delegate's work for three cells while the window opens).
PAGE_FOR_WIDTHS = 50
#: Room around a status's text in its column (pixels: the cell's margins).
STATUS_PADDING = 16
#: The id column is never cut below this width (pixels).
ID_MIN_WIDTH = 90


class ArticleListPanel(QWidget):
    """The lazy article list (``model``, shown in ``table``) under its two filters."""

    #: The user picked another article in the list (its id).
    articleChosen = Signal(int)
    #: The filters changed, and with them the list (and the open article's position in it).
    filterChanged = Signal()
    #: The user finished choosing a filter (Enter in the title field, a status picked):
    #: the keyboard can go back to the article.
    filterChosen = Signal()

    def __init__(
        self,
        store: Store,
        annotator: str,
        current_article: Callable[[], int | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._current_article = current_article
        self._syncing = False
        self.model = ArticleListModel(store, annotator)
        self.table = QTableView(self)
        self.table.setObjectName("articleList")
        self.table.setModel(self.model)
        set_cell_direction(self.table)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)  # a title is cut at its end
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ArticleListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for col in (ArticleListModel.ID, ArticleListModel.STATUS, ArticleListModel.SPANS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        # Sized to what the first screen shows (not every loaded row: that would read them).
        header.setResizeContentsPrecision(PAGE_FOR_WIDTHS)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.model.modelReset.connect(self.fit_columns)
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem("", None)
        for st in Status:
            self.status_filter.addItem("", st.value)
        self.title_filter = QLineEdit(self)
        self.title_filter.setObjectName("titleFilter")
        self.title_filter.setClearButtonEnabled(True)
        self.status_filter.activated.connect(lambda _i: self.filterChosen.emit())
        self.status_filter.currentIndexChanged.connect(self._apply_filter)
        self.title_filter.returnPressed.connect(self._apply_filter)
        self.title_filter.returnPressed.connect(self.filterChosen)
        self.title_filter.textChanged.connect(lambda t: None if t else self._apply_filter())
        #: Shown while the filters hide the open article, with a button that lists every
        #: article again.
        self.hidden_hint = QLabel(self)
        self.hidden_hint.setObjectName("hiddenArticleHint")
        self.hidden_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hidden_hint.setWordWrap(True)
        self.hidden_hint.setStyleSheet("color: #8a4b00;")
        self.show_all_button = QPushButton(self)
        self.show_all_button.setObjectName("showAllArticles")
        self.show_all_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.show_all_button.clicked.connect(self.show_all)
        self._hint = QWidget(self)
        hint_row = QHBoxLayout(self._hint)
        hint_row.setContentsMargins(2, 0, 2, 0)
        hint_row.addWidget(self.hidden_hint, 1)
        hint_row.addWidget(self.show_all_button)
        self._hint.hide()
        lv = QVBoxLayout(self)
        lv.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        filters.addWidget(self.status_filter)
        filters.addWidget(self.title_filter, 1)
        lv.addLayout(filters)
        lv.addWidget(self._hint)
        lv.addWidget(self.table)
        self._id_width = ID_MIN_WIDTH
        self._id_capped = False
        self._sizing = False
        header.sectionResized.connect(self._section_resized)
        self._viewport = self.table.viewport()
        self._viewport.installEventFilter(self)
        self.retranslate()  # sizes the columns too

    def retranslate(self) -> None:
        """Set the panel's texts again in the interface language."""
        self.status_filter.setItemText(0, tr("All"))
        for i, st in enumerate(Status, 1):
            self.status_filter.setItemText(i, self.model.status_text(st))
        self.title_filter.setPlaceholderText(tr("Filter by title"))
        self.show_all_button.setText(tr("Show all"))
        self.model.retranslate()
        self._update_hint()
        self.fit_columns()


    def fit_columns(self) -> None:
        """Id, status and span count as wide as their contents (an id at most a third of
        the list, cut at its end beyond that); the title takes the rest."""
        self._sizing = True
        try:
            for col in (ArticleListModel.ID, ArticleListModel.STATUS, ArticleListModel.SPANS):
                self.table.resizeColumnToContents(col)
        finally:
            self._sizing = False
        # Every status's text fits, not only those of the rows measured.
        metrics = self.table.fontMetrics()
        widest_status = max(
            metrics.horizontalAdvance(self.model.status_text(st)) for st in Status
        ) + STATUS_PADDING
        if self.table.columnWidth(ArticleListModel.STATUS) < widest_status:
            self.table.setColumnWidth(ArticleListModel.STATUS, widest_status)
        self._id_width = self.table.columnWidth(ArticleListModel.ID)
        self._id_capped = False
        self._cap_id_column()

    def _cap_id_column(self) -> None:
        """The id column at most a third of the list; one cut by this cap grows back to
        its contents' width as the list widens (a width the user chose is left alone)."""
        widest = max(ID_MIN_WIDTH, self.table.viewport().width() // 3)
        current = self.table.columnWidth(ArticleListModel.ID)
        if current > widest or (self._id_capped and current < self._id_width):
            self._sizing = True
            try:
                self.table.setColumnWidth(ArticleListModel.ID, min(self._id_width, widest))
            finally:
                self._sizing = False
            self._id_capped = self.table.columnWidth(ArticleListModel.ID) < self._id_width

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        if column == ArticleListModel.ID and not self._sizing:
            self._id_capped = False  # the user chose this width: leave it

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        """The list's visible width changed: only the cap follows it. The contents are
        measured when they change (filters, language), not on every resize (200 rows
        each time); the viewport's own resize is watched because the panel's comes
        before the table has laid out its viewport."""
        if watched is self._viewport and event.type() == QEvent.Type.Resize:
            self._cap_id_column()
        return False

    def show_all(self) -> None:
        """Clear both filters (the hint's click): every article is listed again."""
        self.title_filter.blockSignals(True)
        self.title_filter.clear()
        self.title_filter.blockSignals(False)
        self.status_filter.setCurrentIndex(0)  # applies the filter
        if self._hint.isVisible():
            self._apply_filter()
        self.filterChosen.emit()

    def _update_hint(self) -> None:
        article_id = self._current_article()
        hidden = article_id is not None and self.model.position(article_id) is None
        if hidden:
            assert article_id is not None
            self.hidden_hint.setText(
                ui_format(
                    tr("The open article {id} is not in this list."),
                    id=self.model.ext_id(article_id),
                )
            )
        self._hint.setVisible(hidden)

    def _apply_filter(self) -> None:
        value = self.status_filter.currentData()
        self.model.set_filter(Status(value) if value else None, self.title_filter.text())
        self.sync_selection()
        self.filterChanged.emit()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        aid = self.model.data(current, Qt.ItemDataRole.UserRole)
        if aid is not None and aid != self._current_article():
            self.articleChosen.emit(aid)
            self.table.setFocus()

    def sync_selection(self) -> None:
        """Select the open article's row (none if the filters hide it), scrolled to."""
        article_id = self._current_article()
        if article_id is None:
            return
        row = self.model.row_of(article_id)
        self._update_hint()
        self._syncing = True
        try:
            sel = self.table.selectionModel()
            if row is None:
                sel.clearSelection()
            else:
                index = self.model.index(row, 0)
                sel.setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.scrollTo(index)
        finally:
            self._syncing = False
