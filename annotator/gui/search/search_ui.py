"""Find in the article, corpus search, tag all occurrences and suggestions, in the app.

``SearchUi(window)`` adds everything to a main window, using only what ``SearchWindow``
(host.py) lists: a find bar (Ctrl+F, find_bar.py), a corpus search dock (Ctrl+Shift+F,
corpus_dock.py) whose hits open with ``open_article(article_id, select=...)``, suggestions
(suggestions.py) accepted with Enter and rejected with Backspace when the cursor is on one,
and, here, the Search menu and "tag all occurrences" of the selected span in the article or
the corpus (each one undo step on ``undo_stack``). Matching is the core's: normalized text,
offsets of the stored text. The parts' commands are reachable on ``SearchUi`` too, under
the names tests and scripts use.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TR_NOOP, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTableWidgetItem,
)

from annotator.core.assist.bulk_tag import BulkPlan, plan_in_article, plan_in_corpus, tag_batch
from annotator.core.assist.search import Hit
from annotator.core.errors import AnnotatorError
from annotator.core.model import Span
from annotator.core.text.tokens import TrimOptions, set_trim_options, trim_options
from annotator.core.undo import Operation
from annotator.gui.common.bidi import ui_format
from annotator.gui.common.errors import error_text
from annotator.gui.common.i18n import tr
from annotator.gui.search.corpus_dock import CorpusSearchDock, HitTable
from annotator.gui.search.find_bar import FindBar
from annotator.gui.search.host import SearchWindow
from annotator.gui.search.suggestions import Suggestions


class SearchUi(QObject):
    """Everything search adds to one main window (kept as ``window.search_ui``)."""

    def __init__(self, window: SearchWindow) -> None:
        super().__init__(window.window())
        self.setObjectName("searchUi")
        self.window = window
        self.view = window.article_view
        #: Asks the user to confirm a corpus-wide change (tests replace it).
        self.confirm: Callable[[str, str], bool] = self._ask
        self.find_bar = FindBar(
            self.view, lambda: window.current_article_id is not None, window.window()
        )
        window.addToolBar(Qt.ToolBarArea.BottomToolBarArea, self.find_bar)
        self.find_bar.hide()
        self.suggestions = Suggestions(window, self._push, self._say, self)
        self.dock = CorpusSearchDock(window.store, self.view, window.open_article, window.window())
        # Under the article, the whole window's width: it never narrows the article list
        # or the span list.
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        #: (menu or action, English text) of what ``retranslate`` names again.
        self._texts: list[tuple[QMenu | QAction, str]] = []
        self._build_actions()
        window.articleOpened.connect(self._article_opened)
        window.spansChanged.connect(self.suggestions.draw)
        self.view.installEventFilter(self)
        self.suggestions.draw()

    # -- construction ----------------------------------------------------------------

    def _action(self, source: str, slot: Callable[[], object], shortcut: str = "") -> QAction:
        action = QAction(tr(source), self.window.window())
        self._texts.append((action, source))
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _=False: slot())
        self.window.addAction(action)
        return action

    def _build_actions(self) -> None:
        menu = self.window.menuBar().addMenu(tr("Search"))
        menu.setObjectName("searchMenu")
        self._texts.append((menu, QT_TR_NOOP("Search")))
        self.find_action = self._action(
            QT_TR_NOOP("Find in this article"), self.find_bar.open_find, "Ctrl+F"
        )
        self.corpus_action = self._action(
            QT_TR_NOOP("Search the corpus"), self.open_corpus_search, "Ctrl+Shift+F"
        )
        self.tag_article_action = self._action(
            QT_TR_NOOP("Tag all occurrences in this article"),
            self.tag_all_in_article,
            "Ctrl+Shift+T",
        )
        self.tag_corpus_action = self._action(
            QT_TR_NOOP("Tag all occurrences in the corpus…"), self.tag_all_in_corpus, "Ctrl+Alt+T"
        )
        for action in (self.find_action, self.corpus_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.tag_article_action)
        menu.addAction(self.tag_corpus_action)
        menu.addSeparator()
        options = trim_options(self.window.store)
        self.trim_action = QAction(menu)
        self.trim_article_action = QAction(menu)
        self._texts.append(
            (self.trim_action, QT_TR_NOOP("Leave proclitics (و ف ب ك ل) out of spans"))
        )
        self._texts.append((self.trim_article_action, QT_TR_NOOP("… and the article (ال)")))
        for action, on in (
            (self.trim_action, options.proclitics),
            (self.trim_article_action, options.article),
        ):
            action.setCheckable(True)
            action.setChecked(on)
            action.toggled.connect(lambda _on: self._save_trim_options())
            menu.addAction(action)
        self.trim_article_action.setEnabled(options.proclitics)
        sug = menu.addMenu("")
        self._texts.append((sug, QT_TR_NOOP("Suggestions")))
        found = self.suggestions
        self.accept_action = self._action(QT_TR_NOOP("Accept (Enter)"), found.accept_current)
        self.reject_action = self._action(QT_TR_NOOP("Reject (Backspace)"), found.reject_current)
        self.accept_all_action = self._action(
            QT_TR_NOOP("Accept all in this article"), found.accept_all, "Ctrl+Alt+A"
        )
        self.reject_all_action = self._action(
            QT_TR_NOOP("Reject all in this article"), found.reject_all, "Ctrl+Alt+R"
        )
        self.next_suggestion_action = self._action(
            QT_TR_NOOP("Next suggestion"), found.next_suggestion, "Ctrl+Shift+G"
        )
        for action in (
            self.accept_action,
            self.reject_action,
            self.accept_all_action,
            self.reject_all_action,
            self.next_suggestion_action,
        ):
            sug.addAction(action)
        self.retranslate()

    def retranslate(self) -> None:
        """Name the Search menu, its actions, the find bar and the corpus panel again in
        the interface language."""
        self.find_bar.retranslate()
        self.dock.retranslate()
        for item, source in self._texts:
            if isinstance(item, QMenu):
                item.setTitle(tr(source))
            else:
                item.setText(tr(source))

    # -- messages --------------------------------------------------------------------

    def _say(self, message: str) -> None:
        self.window.statusBar().showMessage(error_text(message), 5000)

    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self.window.window(), title, text)
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

    # -- find in the article (the find bar's, reachable here) ------------------------

    @property
    def find_edit(self) -> QLineEdit:
        return self.find_bar.find_edit

    @property
    def find_count(self) -> QLabel:
        return self.find_bar.find_count

    @property
    def matches(self) -> list[tuple[int, int]]:
        return self.find_bar.matches

    def open_find(self) -> None:
        self.find_bar.open_find()

    def close_find(self) -> None:
        self.find_bar.close_find()

    def find(self, query: str | None = None) -> None:
        self.find_bar.find(query)

    def find_next(self) -> None:
        self.find_bar.find_next()

    def find_previous(self) -> None:
        self.find_bar.find_previous()

    # -- corpus search (the dock's, reachable here) ----------------------------------

    @property
    def corpus_edit(self) -> QLineEdit:
        return self.dock.corpus_edit

    @property
    def corpus_status(self) -> QLabel:
        return self.dock.corpus_status

    @property
    def results(self) -> HitTable:
        return self.dock.results

    @property
    def hits(self) -> list[Hit]:
        return self.dock.hits

    def open_corpus_search(self) -> None:
        first = not self.dock.isVisible()
        self.dock.open_corpus_search()
        if first and not self.dock.isFloating():
            host = self.window.window()
            if hasattr(host, "resizeDocks"):  # about a third of the window's height
                host.resizeDocks(
                    [self.dock], [max(180, host.height() // 3)], Qt.Orientation.Vertical
                )

    def search_corpus(self) -> None:
        self.dock.search_corpus()

    def open_result(self, item: QTableWidgetItem) -> None:
        self.dock.open_result(item)

    # -- tag all occurrences ---------------------------------------------------------

    def _selected_own_span(self) -> Span | None:
        span = self.view.selected_span
        if span is None:
            self._say(tr("Select a span first (click it), then tag its occurrences."))
            return None
        if span.annotator != self.window.annotator:
            self._say(
                ui_format(tr("This span is {name}'s; select one of yours."), name=span.annotator)
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
            tr("Tag all occurrences"),
            ui_format(
                tr(
                    "Tag {matches} more occurrence(s) of “{text}” as {label} in {articles}"
                    " article(s)? ({skipped} already tagged.) One undo step."
                ),
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
                ui_format(
                    tr("No other occurrence to tag ({skipped} already tagged)."),
                    skipped=plan.skipped,
                )
            )
            return plan
        if self._push(tag_batch(self.window.store, plan)):
            self._say(
                ui_format(
                    tr("Tagged {n} occurrence(s) in {a} article(s)."),
                    n=plan.match_count,
                    a=plan.article_count,
                )
            )
            return plan
        return None

    # -- suggestions (the suggestions part's, reachable here) ------------------------

    def current_suggestions(self) -> list[Span]:
        return self.suggestions.current()

    def draw_suggestions(self) -> None:
        self.suggestions.draw()

    @property
    def _suggest_names(self) -> set[str]:
        """The highlight names the suggestions are drawn under."""
        return self.suggestions.names

    def suggestion_at_cursor(self) -> Span | None:
        return self.suggestions.at_cursor()

    def accept_current(self) -> bool:
        return self.suggestions.accept_current()

    def reject_current(self) -> bool:
        return self.suggestions.reject_current()

    def accept_all(self) -> int:
        return self.suggestions.accept_all()

    def reject_all(self) -> int:
        return self.suggestions.reject_all()

    def next_suggestion(self) -> Span | None:
        return self.suggestions.next_suggestion()

    # -- events ----------------------------------------------------------------------

    def _article_opened(self, _article_id: int) -> None:
        self.suggestions.article_opened()
        self.find_bar.article_opened()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Keys in the article: F3 / Shift+F3 find the next / previous match; with no span
        selected, Enter and Backspace act on the suggestion under the cursor."""
        if obj is not self.view or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F3 and self.find_bar.matches:
            if mods & Qt.KeyboardModifier.ShiftModifier:
                self.find_bar.find_previous()
            else:
                self.find_bar.find_next()
            return True
        if mods not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            return False
        if self.view.selected_span is not None:
            return False  # the window's own keys act on the selected span
        return self.suggestions.key_pressed(key)
