"""The left side of the main window: the article list and its status and title filters.

The panel shows the list and reports what the user picks; opening the article is the
window's. ``sync_selection`` moves the list's selection to the open article without
reporting it back as a pick.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Status
from annotator.core.store import Store
from annotator.gui.workspace.article_list import ArticleListModel
from annotator.gui.workspace.translation import tr


class ArticleListPanel(QWidget):
    """The lazy article list (``model``, shown in ``table``) under its two filters."""

    #: The user picked another article in the list (its id).
    articleChosen = Signal(int)
    #: The filters changed, and with them the list (and the open article's position in it).
    filterChanged = Signal()

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
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ArticleListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        # Fixed widths: "resize to contents" would read every loaded row on each change.
        for col, width in (
            (ArticleListModel.ID, 90),
            (ArticleListModel.STATUS, 80),
            (ArticleListModel.SPANS, 50),
        ):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(col, width)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem(tr("All"), None)
        for st in Status:
            self.status_filter.addItem(self.model.status_text(st), st.value)
        self.title_filter = QLineEdit(self)
        self.title_filter.setObjectName("titleFilter")
        self.title_filter.setPlaceholderText(tr("Filter by title"))
        self.title_filter.setClearButtonEnabled(True)
        self.status_filter.currentIndexChanged.connect(self._apply_filter)
        self.title_filter.returnPressed.connect(self._apply_filter)
        self.title_filter.textChanged.connect(lambda t: None if t else self._apply_filter())
        lv = QVBoxLayout(self)
        lv.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        filters.addWidget(self.status_filter)
        filters.addWidget(self.title_filter, 1)
        lv.addLayout(filters)
        lv.addWidget(self.table)

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
