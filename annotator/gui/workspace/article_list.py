"""The lazy article list: it holds ids and fetches rows a window at a time.

The ids themselves are read a page at a time (``LazyIds``: the first paint of a
100,000-article project reads 1,000 ids and a count, not 100,000); titles, statuses and
span counts are read through ``store.article_rows`` for the rows Qt actually asks about, in
windows of ``PAGE`` rows, and only a bounded number of windows are cached. Qt grows the
row count with ``canFetchMore``/``fetchMore`` as the user scrolls.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from functools import partial
from itertools import pairwise
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from annotator.core.model import ArticleRow, Status
from annotator.core.store import Store
from annotator.gui.common.i18n import tr
from annotator.gui.common.plain import tooltip
from annotator.gui.workspace.lazy_ids import LazyIds

PAGE = 200
CACHE_ROWS = 5000

Index = QModelIndex | QPersistentModelIndex

STATUS_COLORS = {
    Status.DONE: QColor("#2e7d32"),
    Status.IN_PROGRESS: QColor("#1565c0"),
    Status.SKIPPED: QColor("#8d6e63"),
}


class ArticleListModel(QAbstractTableModel):
    """Columns: id, title, status for this annotator, this annotator's span count."""

    ID, TITLE, STATUS, SPANS = range(4)

    def __init__(self, store: Store, annotator: str) -> None:
        super().__init__()
        self.store = store
        self.annotator = annotator
        self.status_filter: Status | None = None
        self.title_filter = ""
        self._ids: Sequence[int] = []
        self._ascending = True
        self._loaded = 0
        self._rows: dict[int, ArticleRow] = {}
        #: Reorders the filtered ids (Model › Least confident first); None: corpus order.
        self.order: Callable[[list[int]], list[int]] | None = None
        self.reload()

    # -- filtering -------------------------------------------------------------------

    def set_filter(self, status: Status | None = None, title: str = "") -> None:
        self.status_filter = status
        self.title_filter = title.strip()
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        filters = {
            "annotator": self.annotator if self.status_filter else None,
            "status": self.status_filter,
            "title_contains": self.title_filter or None,
            "assigned_to": self.annotator,  # with assignments, only this annotator's
        }
        if self.order is None:  # corpus order: read as needed, always ascending
            self._ids = LazyIds(
                lambda after, limit: self.store.article_ids(
                    **filters, after=after, limit=limit
                ),
                partial(self.store.count_article_ids, **filters),
            )
            self._ascending = True
        else:
            self._ids = self.order(self.store.article_ids(**filters))
            self._ascending = all(a < b for a, b in pairwise(self._ids))
        self._loaded = min(PAGE, len(self._ids))
        self._rows.clear()
        self.endResetModel()

    @property
    def ids(self) -> Sequence[int]:
        """Every id that passes the filter, in corpus order or ``order``'s (rows not yet
        fetched too)."""
        return self._ids

    # -- Qt model --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._loaded < len(self._ids)

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid():
            return
        self._fetch_to(self._loaded + PAGE - 1)

    def _fetch_to(self, row: int) -> None:
        last = min(row, len(self._ids) - 1)
        if last < self._loaded:
            return
        self.beginInsertRows(QModelIndex(), self._loaded, last)
        self._loaded = last + 1
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (tr("ID"), tr("Title"), tr("Status"), tr("Spans"))[section]
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid() or index.row() >= self._loaded:
            return None
        row = self.row_data(index.row())
        if row is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.ID:
                return row.ext_id
            if col == self.TITLE:
                return " ".join(row.title.split())[:200]
            if col == self.STATUS:
                return self.status_text(row.status)
            return row.span_count
        if role == Qt.ItemDataRole.ToolTipRole and col == self.TITLE:
            return tooltip(row.title[:500])
        if role == Qt.ItemDataRole.ForegroundRole and col == self.STATUS:
            return STATUS_COLORS.get(row.status)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def retranslate(self) -> None:
        """Headers and statuses again, in the interface language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        if self._loaded:
            self.dataChanged.emit(
                self.index(0, self.STATUS),
                self.index(self._loaded - 1, self.STATUS),
                [Qt.ItemDataRole.DisplayRole],
            )

    def ext_id(self, article_id: int) -> str:
        """The id shown for an article, listed or not."""
        rows = self.store.article_rows([article_id], self.annotator)
        return rows[0].ext_id if rows else str(article_id)

    def status_text(self, status: Status) -> str:
        return {
            Status.TODO: tr("to do"),
            Status.IN_PROGRESS: tr("in progress"),
            Status.DONE: tr("done"),
            Status.SKIPPED: tr("skipped"),
        }[status]

    # -- rows ------------------------------------------------------------------------

    def row_data(self, row: int) -> ArticleRow | None:
        if not 0 <= row < len(self._ids):
            return None
        try:
            aid = self._ids[row]
        except IndexError:  # removed since the list was counted
            return None
        if aid not in self._rows:
            if len(self._rows) > CACHE_ROWS:
                self._rows.clear()
            first = row - row % PAGE
            for r in self.store.article_rows(self._ids[first : first + PAGE], self.annotator):
                self._rows[r.id] = r
        return self._rows.get(aid)

    def position(self, article_id: int) -> int | None:
        """Where ``article_id`` is in the filtered list: a binary search, as the store lists
        ids in ascending order (a linear search if it ever does not)."""
        if isinstance(self._ids, LazyIds):
            return self._ids.position(article_id)
        if not self._ascending:
            try:
                return self._ids.index(article_id)
            except ValueError:
                return None
        row = bisect_left(self._ids, article_id)
        return row if row < len(self._ids) and self._ids[row] == article_id else None

    def row_of(self, article_id: int) -> int | None:
        """The row of ``article_id`` (fetching rows up to it), or None if filtered out."""
        row = self.position(article_id)
        if row is not None:
            self._fetch_to(row)
        return row

    def refresh_article(self, article_id: int) -> None:
        """Re-read one article's status and span count after a change."""
        self._rows.pop(article_id, None)
        for r in self.store.article_rows([article_id], self.annotator):
            self._rows[r.id] = r
        row = self.position(article_id)
        if row is not None and row < self._loaded:
            self.dataChanged.emit(self.index(row, 0), self.index(row, 3))
