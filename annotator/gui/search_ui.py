"""Find in the article, corpus search, tag all occurrences and suggestions, in the app.

``install_search(main_window)`` adds everything to a built main window, using only its
documented API (see ``annotator.gui.app``): a find bar (Ctrl+F) whose matches are drawn
with ``article_view.set_extra_highlights``, a corpus search panel (Ctrl+Shift+F) whose
results open with ``open_article(article_id, select=...)``, "tag all occurrences" of the
selected span in the article or the corpus (each one undo step on ``undo_stack``), and
suggestions (spans of the annotator ``suggest``) drawn faded, accepted with Enter and
rejected with Backspace when the cursor is on one. Matching is the core's: normalized
text, offsets of the stored text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.assist.bulk_tag import BulkPlan, plan_in_article, plan_in_corpus, tag_batch
from annotator.core.assist.search import Hit, find_in_text, search_corpus
from annotator.core.assist.suggest import accept_batch, reject_batch, suggestions
from annotator.core.errors import AnnotatorError
from annotator.core.model import Span
from annotator.core.text.tokens import TrimOptions, set_trim_options, trim_options
from annotator.core.undo import Operation
from annotator.gui.plain import tooltip

FIND_COLOR = QColor("#fff176")
FIND_CURRENT_COLOR = QColor("#ffb300")
CORPUS_LIMIT = 500
SUGGEST_PREFIX = "suggest:"


def install_search(main_window: Any) -> None:
    """Add find, corpus search, tag-all and suggestion handling to ``main_window``."""
    main_window.search_ui = SearchUi(main_window)


class SearchUi(QObject):
    """Everything search adds to one main window (kept as ``window.search_ui``)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("searchUi")
        self.window = window
        self.view = window.article_view
        self.matches: list[tuple[int, int]] = []
        self.current = -1
        self.hits: list[Hit] = []
        #: Suggestion highlights as drawn: name -> (ranges, color).
        self._suggest_drawn: dict[str, tuple[list[tuple[int, int]], QColor]] = {}
        #: Asks the user to confirm a corpus-wide change (tests replace it).
        self.confirm: Callable[[str, str], bool] = self._ask
        self._build_find_bar()
        self._build_corpus_dock()
        self._build_actions()
        window.articleOpened.connect(self._article_opened)
        window.spansChanged.connect(self.draw_suggestions)
        self.view.installEventFilter(self)
        self.draw_suggestions()

    # -- construction ----------------------------------------------------------------

    def _build_find_bar(self) -> None:
        bar = QToolBar(self.tr("Find"), self.window)
        bar.setObjectName("findBar")
        bar.setMovable(False)
        self.find_edit = QLineEdit(bar)
        self.find_edit.setObjectName("findEdit")
        self.find_edit.setPlaceholderText(self.tr("Find in this article"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.textChanged.connect(self.find)
        self.find_edit.installEventFilter(self)
        self.find_count = QLabel(bar)
        self.find_count.setObjectName("findCount")
        bar.addWidget(self.find_edit)
        bar.addWidget(self.find_count)
        for text, slot in (
            ("▲", self.find_previous),
            ("▼", self.find_next),
            ("✕", self.close_find),
        ):
            button = QToolButton(bar)
            button.setText(text)
            button.clicked.connect(slot)
            bar.addWidget(button)
        self.window.addToolBar(Qt.ToolBarArea.BottomToolBarArea, bar)
        bar.hide()
        self.find_bar = bar

    def _build_corpus_dock(self) -> None:
        dock = QDockWidget(self.tr("Search the corpus"), self.window)
        dock.setObjectName("searchDock")
        body = QWidget(dock)
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
        dock.setWidget(body)
        self.window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        dock.hide()
        self.dock = dock

    def _action(self, text: str, slot: Callable[[], object], shortcut: str = "") -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _=False: slot())
        self.window.addAction(action)
        return action

    def _build_actions(self) -> None:
        menu = self.window.menuBar().addMenu(self.tr("Search"))
        menu.setObjectName("searchMenu")
        self.find_action = self._action(self.tr("Find in this article"), self.open_find, "Ctrl+F")
        self.corpus_action = self._action(
            self.tr("Search the corpus"), self.open_corpus_search, "Ctrl+Shift+F"
        )
        self.tag_article_action = self._action(
            self.tr("Tag all occurrences in this article"),
            self.tag_all_in_article,
            "Ctrl+Shift+T",
        )
        self.tag_corpus_action = self._action(
            self.tr("Tag all occurrences in the corpus…"), self.tag_all_in_corpus, "Ctrl+Alt+T"
        )
        for action in (self.find_action, self.corpus_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.tag_article_action)
        menu.addAction(self.tag_corpus_action)
        menu.addSeparator()
        options = trim_options(self.window.store)
        self.trim_action = QAction(self.tr("Leave proclitics (و ف ب ك ل) out of spans"), menu)
        self.trim_article_action = QAction(self.tr("… and the article (ال)"), menu)
        for action, on in (
            (self.trim_action, options.proclitics),
            (self.trim_article_action, options.article),
        ):
            action.setCheckable(True)
            action.setChecked(on)
            action.toggled.connect(lambda _on: self._save_trim_options())
            menu.addAction(action)
        self.trim_article_action.setEnabled(options.proclitics)
        sug = menu.addMenu(self.tr("Suggestions"))
        self.accept_action = self._action(self.tr("Accept (Enter)"), self.accept_current)
        self.reject_action = self._action(self.tr("Reject (Backspace)"), self.reject_current)
        self.accept_all_action = self._action(
            self.tr("Accept all in this article"), self.accept_all
        )
        self.reject_all_action = self._action(
            self.tr("Reject all in this article"), self.reject_all
        )
        self.next_suggestion_action = self._action(
            self.tr("Next suggestion"), self.next_suggestion, "Ctrl+Shift+G"
        )
        for action in (
            self.accept_action,
            self.reject_action,
            self.accept_all_action,
            self.reject_all_action,
            self.next_suggestion_action,
        ):
            sug.addAction(action)

    # -- messages --------------------------------------------------------------------

    def _say(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 5000)

    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self.window, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def _push(self, op: Operation) -> bool:
        """Apply an operation as one undo step; a failed write is shown, nothing drawn."""
        try:
            self.window.undo_stack.push(op)
        except AnnotatorError as exc:
            self.window.show_error(str(exc))
            return False
        self.window.refresh()  # the undo menu follows the stack by itself (its listener)
        return True

    def _save_trim_options(self) -> None:
        """The project's proclitic setting (tag all occurrences and suggestions follow it)."""
        options = TrimOptions(self.trim_action.isChecked(), self.trim_article_action.isChecked())
        self.trim_article_action.setEnabled(options.proclitics)
        try:
            set_trim_options(self.window.store, options)
        except AnnotatorError as exc:
            self.window.show_error(str(exc))

    # -- find in the article ---------------------------------------------------------

    def open_find(self) -> None:
        self.find_bar.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()
        self.find(self.find_edit.text())

    def close_find(self) -> None:
        self.find_bar.hide()
        self.matches, self.current = [], -1
        self.view.set_extra_highlights("find", [], FIND_COLOR)
        self.view.set_extra_highlights("find-current", [], FIND_CURRENT_COLOR)
        self.view.setFocus()

    def find(self, query: str | None = None) -> None:
        """Highlight every match of the find text in the open article."""
        query = self.find_edit.text() if query is None else query
        text = self.view.text if self.window.current_article_id is not None else ""
        self.matches = find_in_text(text, query) if query.strip() and text else []
        self.current = -1
        self.view.set_extra_highlights("find", self.matches, FIND_COLOR)
        if self.matches:
            self._go(0)
        else:
            self.view.set_extra_highlights("find-current", [], FIND_CURRENT_COLOR)
            self.find_count.setText(self.tr("no match") if query.strip() else "")

    def find_next(self) -> None:
        if self.matches:
            self._go((self.current + 1) % len(self.matches))

    def find_previous(self) -> None:
        if self.matches:
            self._go((self.current - 1) % len(self.matches))

    def _go(self, i: int) -> None:
        self.current = i
        start, end = self.matches[i]
        self.view.set_extra_highlights("find-current", [(start, end)], FIND_CURRENT_COLOR)
        self.view.select_range(start, end)
        self.find_count.setText(f"{i + 1}/{len(self.matches)}")

    # -- corpus search ---------------------------------------------------------------

    def open_corpus_search(self) -> None:
        self.dock.show()
        self.dock.raise_()
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
                    self.tr("Indexing articles for search…"), "", 0, total, self.window
                )
                progress.setCancelButton(None)
                progress.setWindowModality(Qt.WindowModality.WindowModal)
                progress.setMinimumDuration(500)
            progress.setValue(done)
            QApplication.processEvents()

        try:
            self.hits = search_corpus(self.window.store, query, limit=CORPUS_LIMIT, progress=report)
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
        self.window.open_article(article_id, select=(start, end))

    # -- tag all occurrences ---------------------------------------------------------

    def _selected_own_span(self) -> Span | None:
        span = self.view.selected_span
        if span is None:
            self._say(self.tr("Select a span first (click it), then tag its occurrences."))
            return None
        if span.annotator != self.window.annotator:
            self._say(
                self.tr("This span is {name}'s; select one of yours.").format(name=span.annotator)
            )
            return None
        return span

    def tag_all_in_article(self) -> BulkPlan | None:
        span = self._selected_own_span()
        if span is None:
            return None
        try:
            plan = plan_in_article(self.window.store, span)
        except AnnotatorError as exc:
            self.window.show_error(str(exc))
            return None
        return self._apply(plan)

    def tag_all_in_corpus(self) -> BulkPlan | None:
        span = self._selected_own_span()
        if span is None:
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            plan = plan_in_corpus(self.window.store, span)
        except AnnotatorError as exc:
            self.window.show_error(str(exc))
            return None
        finally:
            QApplication.restoreOverrideCursor()
        if plan.match_count and not self.confirm(
            self.tr("Tag all occurrences"),
            self.tr(
                "Tag {matches} more occurrence(s) of “{text}” as {label} in {articles}"
                " article(s)? ({skipped} already tagged.) One undo step."
            ).format(
                matches=plan.match_count,
                articles=plan.article_count,
                label=plan.label,
                text=span.text_in(self.view.text),
                skipped=plan.skipped,
            ),
        ):
            return None
        return self._apply(plan)

    def _apply(self, plan: BulkPlan) -> BulkPlan | None:
        if not plan.match_count:
            self._say(
                self.tr("No other occurrence to tag ({skipped} already tagged).").format(
                    skipped=plan.skipped
                )
            )
            return plan
        if self._push(tag_batch(self.window.store, plan)):
            self._say(
                self.tr("Tagged {n} occurrence(s) in {a} article(s).").format(
                    n=plan.match_count, a=plan.article_count
                )
            )
            return plan
        return None

    # -- suggestions -----------------------------------------------------------------

    def current_suggestions(self) -> list[Span]:
        if self.window.current_article_id is None:
            return []
        return suggestions(self.window.store, self.window.current_article_id)

    def draw_suggestions(self) -> None:
        """Suggestions in a faded shade of their label's color.

        Only the labels whose suggestions changed are redrawn: each highlight redraws the
        view, and this runs on every tag (``spansChanged``), mostly changing nothing.
        """
        wanted: dict[str, tuple[list[tuple[int, int]], QColor]] = {}
        for s in self.current_suggestions():
            name = SUGGEST_PREFIX + s.label
            if name not in wanted:
                color = QColor(self.view.label_color(s.label))
                color.setAlpha(110)
                wanted[name] = ([], color)
            wanted[name][0].append((s.start, s.end))
        for stale in self._suggest_drawn.keys() - wanted.keys():
            self.view.set_extra_highlights(stale, [], QColor())
        for name, (ranges, color) in wanted.items():
            if self._suggest_drawn.get(name) != (ranges, color):
                self.view.set_extra_highlights(name, ranges, color)
        self._suggest_drawn = wanted

    @property
    def _suggest_names(self) -> set[str]:
        """The highlight names the suggestions are drawn under."""
        return set(self._suggest_drawn)

    def suggestion_at_cursor(self) -> Span | None:
        if self.window.current_article_id is None or not self.view.offsets_ok:
            return None
        cur = self.view.textCursor()
        cp = self.view.position_cp(cur)
        lo = self.view.index.to_cp(cur.selectionStart()) if cur.hasSelection() else cp
        here = [s for s in self.current_suggestions() if s.start <= lo < s.end or s.end == cp]
        return min(here, key=lambda s: s.end - s.start) if here else None

    def accept_current(self) -> bool:
        sug = self.suggestion_at_cursor()
        if sug is None:
            self._say(self.tr("Put the cursor on a suggestion first."))
            return False
        return self._push(accept_batch(self.window.store, [sug.id], self.window.annotator))

    def reject_current(self) -> bool:
        sug = self.suggestion_at_cursor()
        if sug is None:
            self._say(self.tr("Put the cursor on a suggestion first."))
            return False
        return self._push(reject_batch(self.window.store, [sug.id]))

    def accept_all(self) -> int:
        ids = [s.id for s in self.current_suggestions()]
        if ids and self._push(accept_batch(self.window.store, ids, self.window.annotator)):
            return len(ids)
        return 0

    def reject_all(self) -> int:
        ids = [s.id for s in self.current_suggestions()]
        if ids and self._push(reject_batch(self.window.store, ids)):
            return len(ids)
        return 0

    def next_suggestion(self) -> Span | None:
        sugs = self.current_suggestions()
        if not sugs:
            self._say(self.tr("No suggestion in this article."))
            return None
        cp = self.view.position_cp()
        after = [s for s in sugs if s.start > cp] or sugs
        target = after[0]
        self.view.select_range(target.start, target.start)
        return target

    # -- events ----------------------------------------------------------------------

    def _article_opened(self, _article_id: int) -> None:
        self._suggest_drawn = {}  # opening an article cleared the view's highlights
        self.draw_suggestions()
        if self.find_bar.isVisible() and self.find_edit.text().strip():
            self.find(self.find_edit.text())
            self.view.setFocus()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        key, mods = event.key(), event.modifiers()
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if obj is self.find_edit:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F3):
                if mods & Qt.KeyboardModifier.ShiftModifier:
                    self.find_previous()
                else:
                    self.find_next()
                return True
            if key == Qt.Key.Key_Escape:
                self.close_find()
                return True
            return False
        if obj is self.view and plain:
            if key == Qt.Key.Key_F3 and self.matches:
                self.find_next()
                return True
            own = self.view.selected_span
            if own is not None:
                return False  # the window's own keys act on the selected span
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.suggestion_at_cursor():
                self.accept_current()
                return True
            if key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete) and self.suggestion_at_cursor():
                self.reject_current()
                return True
        return False
