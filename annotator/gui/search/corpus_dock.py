"""Search the corpus (Ctrl+Shift+F): a panel under the article listing every hit as a row.

Each row is one hit: the article's id, its title, and the matched words highlighted in
their context (drawn centred in the cell, right to left, the match in bold on yellow; no
marks are added to the text). The panel sits in the bottom dock area, so it takes height
from the window but never width from the article list or the span list.

The search is the core's (an index of normalized text, brought up to date first if it
lags, under a progress dialog); a hit opens its article with the match selected and the
keyboard in the article, ready for a label key.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter, QTextCharFormat, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.assist.search import Hit, search_corpus
from annotator.core.errors import AnnotatorError
from annotator.core.store import Store
from annotator.gui.article_view import ArticleView
from annotator.gui.common.bidi import set_cell_direction, ui_format
from annotator.gui.common.errors import error_text
from annotator.gui.common.i18n import tr
from annotator.gui.common.plain import tooltip

CORPUS_LIMIT = 500
#: Characters of context kept on each side of a match.
CONTEXT_CHARS = 80
#: Where, in a hit's context cell, the match is: (start, end) in its display text.
MATCH_ROLE = Qt.ItemDataRole.UserRole + 1
MATCH_BACKGROUND = QColor("#fff176")


class HitContextDelegate(QStyledItemDelegate):
    """Paints a hit's context right to left with the match highlighted, the match kept in
    view (centred when the context is wider than the cell)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text  # type: ignore[attr-defined]
        opt.text = ""  # type: ignore[attr-defined]
        widget = opt.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        match = index.data(MATCH_ROLE) or (0, 0)
        layout = self.context_layout(text, opt.font, match)  # type: ignore[attr-defined]
        rect = QRectF(opt.rect).adjusted(4, 0, -4, 0)  # type: ignore[attr-defined]
        line = layout.lineAt(0)
        lo, hi = sorted((line.cursorToX(match[0])[0], line.cursorToX(match[1])[0]))
        width = line.naturalTextWidth()
        if width <= rect.width():
            x = rect.right() - width  # right-aligned, like the article
        else:  # centre the match, but never leave a gap at either end
            x = rect.center().x() - (lo + hi) / 2
            x = min(rect.left(), max(x, rect.right() - width))
        y = rect.top() + (rect.height() - line.height()) / 2
        painter.save()
        painter.setClipRect(rect)
        selected = opt.state & QStyle.StateFlag.State_Selected  # type: ignore[attr-defined]
        role = opt.palette.ColorRole.HighlightedText if selected else opt.palette.ColorRole.Text  # type: ignore[attr-defined]
        painter.setPen(opt.palette.color(role))  # type: ignore[attr-defined]
        layout.draw(painter, QPointF(x, y))
        painter.restore()

    @staticmethod
    def context_layout(text: str, font: QFont, match: tuple[int, int]) -> QTextLayout:
        """One right-to-left line of ``text`` with ``match`` in bold on yellow."""
        layout = QTextLayout(text, font)
        option = QTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setWrapMode(QTextOption.WrapMode.NoWrap)
        layout.setTextOption(option)
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setBackground(MATCH_BACKGROUND)
        fmt.setForeground(QColor("#000000"))
        bold = QTextLayout.FormatRange()
        bold.start, bold.length, bold.format = match[0], match[1] - match[0], fmt
        layout.setFormats([bold])
        layout.beginLayout()
        layout.createLine().setLineWidth(1e6)
        layout.endLayout()
        return layout


class HitTable(QTableWidget):
    """The hits: one row each (id, title, context). ``item(row)`` is the row's title cell,
    whose tooltip is the whole title."""

    ID, TITLE, CONTEXT = range(3)

    def item(self, row: int, column: int = TITLE) -> QTableWidgetItem:  # type: ignore[override]
        return super().item(row, column)

    def count(self) -> int:
        return self.rowCount()


class CorpusSearchDock(QDockWidget):
    """The query field, a one-line summary, and the hits as rows."""

    def __init__(
        self,
        store: Store,
        view: ArticleView,
        open_article: Callable[[int, tuple[int, int]], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("searchDock")
        self.store = store
        self.view = view
        #: Opens a hit: (article id, code-point range to select).
        self._open_article = open_article
        self._owner = parent  # the window, also while the dock floats on its own
        self.hits: list[Hit] = []
        self._summary: tuple[int, int] | None = None
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 2)
        row = QHBoxLayout()
        self.corpus_edit = QLineEdit(body)
        self.corpus_edit.setObjectName("corpusSearchEdit")
        self.corpus_edit.setClearButtonEnabled(True)
        self.corpus_edit.returnPressed.connect(self.search_corpus)
        row.addWidget(self.corpus_edit, 2)
        self.corpus_status = QLabel(body)
        self.corpus_status.setObjectName("searchStatus")
        self.corpus_status.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.corpus_status, 1)
        layout.addLayout(row)
        self.results = HitTable(0, 3, body)
        self.results.setObjectName("searchResults")
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setWordWrap(False)
        self.results.setShowGrid(False)
        self.results.setAlternatingRowColors(True)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.results.verticalHeader().setVisible(False)
        set_cell_direction(self.results)
        self.results.setItemDelegateForColumn(HitTable.CONTEXT, HitContextDelegate(self.results))
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(HitTable.ID, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HitTable.TITLE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(HitTable.CONTEXT, QHeaderView.ResizeMode.Stretch)
        self.results.setColumnWidth(HitTable.TITLE, 260)
        self.results.itemActivated.connect(self.open_result)
        self.results.itemClicked.connect(self.open_result)
        layout.addWidget(self.results, 1)
        self.setWidget(body)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the panel's texts again in the interface language."""
        self.setWindowTitle(tr("Search the corpus"))
        self.corpus_edit.setPlaceholderText(tr("Search every article (Enter)"))
        self.results.setHorizontalHeaderLabels([tr("ID"), tr("Title"), tr("Context")])
        if self._summary is not None:
            self._show_summary(*self._summary)


    def open_corpus_search(self) -> None:
        """Show the panel, the query field focused (filled with the selection if empty)."""
        self.show()
        self.raise_()
        selected = self.view.selection_cp()
        if selected and not self.corpus_edit.text():
            self.corpus_edit.setText(self.view.text[selected[0] : selected[1]])
        self.corpus_edit.setFocus()
        self.corpus_edit.selectAll()

    def search_corpus(self) -> None:
        """Run the corpus search and list the hits (indexing first if the index lags); the
        keyboard moves to the first hit."""
        query = self.corpus_edit.text()
        self.results.setRowCount(0)
        self._summary = None
        progress: QProgressDialog | None = None

        def report(done: int, total: int | None) -> None:
            nonlocal progress
            if not total:
                return
            if progress is None:
                progress = QProgressDialog(
                    tr("Indexing articles for search…"), "", 0, total, self._owner
                )
                progress.setCancelButton(None)
                progress.setWindowModality(Qt.WindowModality.WindowModal)
                progress.setMinimumDuration(500)
            progress.setValue(done)
            QApplication.processEvents()

        try:
            self.hits = search_corpus(self.store, query, limit=CORPUS_LIMIT, progress=report)
        except AnnotatorError as exc:
            self.hits = []
            self.corpus_status.setText(error_text(exc))
            return
        finally:
            if progress is not None:
                progress.close()
        self.results.setRowCount(len(self.hits))
        for row, hit in enumerate(self.hits):
            self._fill_row(row, hit)
        self._summary = (len(self.hits), len({h.article_id for h in self.hits}))
        self._show_summary(*self._summary)
        if self.hits:
            self.results.setCurrentCell(0, HitTable.TITLE)
            self.results.setFocus()

    def _fill_row(self, row: int, hit: Hit) -> None:
        before = " ".join(hit.context_before.split())[-CONTEXT_CHARS:]
        after = " ".join(hit.context_after.split())[:CONTEXT_CHARS]
        match = " ".join(hit.match_text.split())
        lead = f"…{before} " if before else ""
        context = f"{lead}{match} {after}…" if after else f"{lead}{match}"
        title = " ".join(hit.title.split())
        cells = (hit.ext_id, title, context)
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, (hit.article_id, hit.start, hit.end))
            item.setToolTip(tooltip(hit.title))
            self.results.setItem(row, col, item)
        self.results.item(row, HitTable.CONTEXT).setData(
            MATCH_ROLE, (len(lead), len(lead) + len(match))
        )

    def _show_summary(self, hits: int, articles: int) -> None:
        text = ui_format(tr("{hits} hit(s) in {articles} article(s)"), hits=hits, articles=articles)
        if hits == CORPUS_LIMIT:
            text += ui_format(tr(" (first {n})"), n=CORPUS_LIMIT)
        self.corpus_status.setText(text)

    def open_result(self, item: QTableWidgetItem) -> None:
        """Open the hit's article with the match selected (the article takes the keys)."""
        article_id, start, end = item.data(Qt.ItemDataRole.UserRole)
        self._open_article(article_id, (start, end))
        self.view.setFocus()
