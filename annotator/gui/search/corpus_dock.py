"""Search the corpus (Ctrl+Shift+F): a dock listing every hit in every article.

The search is the core's (an index of normalized text, brought up to date first if it
lags, under a progress dialog); a hit opens its article with the match selected.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from annotator.core.assist.search import Hit, search_corpus
from annotator.core.errors import AnnotatorError
from annotator.core.store import Store
from annotator.gui.article_view import ArticleView
from annotator.gui.common.plain import tooltip

CORPUS_LIMIT = 500


class CorpusSearchDock(QDockWidget):
    """The query field, a one-line summary, and the hits with their context."""

    def __init__(
        self,
        store: Store,
        view: ArticleView,
        open_article: Callable[[int, tuple[int, int]], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Search the corpus"))
        self.setObjectName("searchDock")
        self.store = store
        self.view = view
        #: Opens a hit: (article id, code-point range to select).
        self._open_article = open_article
        self._owner = parent  # the window, also while the dock floats on its own
        self.hits: list[Hit] = []
        body = QWidget(self)
        layout = QVBoxLayout(body)
        row = QHBoxLayout()
        self.corpus_edit = QLineEdit(body)
        self.corpus_edit.setObjectName("corpusSearchEdit")
        self.corpus_edit.setPlaceholderText(self.tr("Search every article (Enter)"))
        self.corpus_edit.setClearButtonEnabled(True)
        self.corpus_edit.returnPressed.connect(self.search_corpus)
        row.addWidget(self.corpus_edit)
        layout.addLayout(row)
        self.corpus_status = QLabel(body)
        self.corpus_status.setObjectName("searchStatus")
        layout.addWidget(self.corpus_status)
        self.results = QListWidget(body)
        self.results.setObjectName("searchResults")
        self.results.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.results.setWordWrap(True)
        self.results.itemActivated.connect(self.open_result)
        self.results.itemClicked.connect(self.open_result)
        layout.addWidget(self.results, 1)
        self.setWidget(body)

    def open_corpus_search(self) -> None:
        """Show the dock, the query field focused (filled with the selection if empty)."""
        self.show()
        self.raise_()
        selected = self.view.selection_cp()
        if selected and not self.corpus_edit.text():
            self.corpus_edit.setText(self.view.text[selected[0] : selected[1]])
        self.corpus_edit.setFocus()
        self.corpus_edit.selectAll()

    def search_corpus(self) -> None:
        """Run the corpus search and list the hits (indexing first if the index lags)."""
        query = self.corpus_edit.text()
        self.results.clear()
        progress: QProgressDialog | None = None

        def report(done: int, total: int | None) -> None:
            nonlocal progress
            if not total:
                return
            if progress is None:
                progress = QProgressDialog(
                    self.tr("Indexing articles for search…"),
                    "",
                    0,
                    total,
                    self._owner,
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
            self.corpus_status.setText(str(exc))
            return
        finally:
            if progress is not None:
                progress.close()
        for hit in self.hits:
            before = " ".join(hit.context_before.split())
            after = " ".join(hit.context_after.split())
            item = QListWidgetItem(f"{hit.ext_id}: …{before} «{hit.match_text}» {after}…")
            item.setData(Qt.ItemDataRole.UserRole, (hit.article_id, hit.start, hit.end))
            item.setToolTip(tooltip(hit.title))
            self.results.addItem(item)
        articles = len({h.article_id for h in self.hits})
        more = (
            self.tr(" (first {n})").format(n=CORPUS_LIMIT) if len(self.hits) == CORPUS_LIMIT else ""
        )
        self.corpus_status.setText(
            self.tr("{hits} hit(s) in {articles} article(s)").format(
                hits=len(self.hits), articles=articles
            )
            + more
        )

    def open_result(self, item: QListWidgetItem) -> None:
        article_id, start, end = item.data(Qt.ItemDataRole.UserRole)
        self._open_article(article_id, (start, end))
