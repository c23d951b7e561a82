"""Find in this article (Ctrl+F): a bar under the text, every match highlighted.

Matching is the core's (normalized text, offsets of the stored text); the matches are drawn
with the view's ``set_extra_highlights``, the current one darker and selected. Typing
selects the first match; Enter gives the keyboard to the article with that match selected
(a label key then tags it); F3 / Shift+F3, here or in the article, go to the next /
previous match; Esc closes the bar.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TR_NOOP, QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QToolBar, QToolButton, QWidget

from annotator.core.assist.search import find_in_text
from annotator.gui.article_view import ArticleView
from annotator.gui.common.i18n import tr

FIND_COLOR = QColor("#fff176")
FIND_CURRENT_COLOR = QColor("#ffb300")


class FindBar(QToolBar):
    """The find bar; hidden until ``open_find``."""

    def __init__(self, view: ArticleView, has_article: Callable[[], bool], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.setMovable(False)
        self.view = view
        self._has_article = has_article
        #: Code-point ranges of the matches in the open article, and the current one.
        self.matches: list[tuple[int, int]] = []
        self.current = -1
        self.find_edit = QLineEdit(self)
        self.find_edit.setObjectName("findEdit")
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.textChanged.connect(self.find)
        self.find_edit.installEventFilter(self)
        self.find_count = QLabel(self)
        self.find_count.setObjectName("findCount")
        self.addWidget(self.find_edit)
        self.addWidget(self.find_count)
        self._buttons: list[tuple[QToolButton, str]] = []
        for text, slot, tip in (
            ("▲", self.find_previous, QT_TR_NOOP("Previous match (Shift+F3)")),
            ("▼", self.find_next, QT_TR_NOOP("Next match (F3)")),
            ("✕", self.close_find, QT_TR_NOOP("Close (Esc)")),
        ):
            button = QToolButton(self)
            button.setText(text)
            button.clicked.connect(slot)
            self.addWidget(button)
            self._buttons.append((button, tip))
        self.retranslate()

    def retranslate(self) -> None:
        """Set the bar's texts again in the interface language."""
        self.setWindowTitle(tr("Find"))
        self.find_edit.setPlaceholderText(tr("Find in this article"))
        for button, tip in self._buttons:
            button.setToolTip(tr(tip))
        if self.find_edit.text().strip() and not self.matches:
            self.find_count.setText(tr("no match"))


    def open_find(self) -> None:
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()
        self.find(self.find_edit.text())

    def close_find(self) -> None:
        self.hide()
        self.matches, self.current = [], -1
        self.view.set_extra_highlights("find", [], FIND_COLOR)
        self.view.set_extra_highlights("find-current", [], FIND_CURRENT_COLOR)
        self.view.setFocus()

    def find(self, query: str | None = None) -> None:
        """Highlight every match of the find text in the open article."""
        query = self.find_edit.text() if query is None else query
        text = self.view.text if self._has_article() else ""
        self.matches = find_in_text(text, query) if query.strip() and text else []
        self.current = -1
        self.view.set_extra_highlights("find", self.matches, FIND_COLOR)
        if self.matches:
            self._go(0)
        else:
            self.view.set_extra_highlights("find-current", [], FIND_CURRENT_COLOR)
            self.find_count.setText(tr("no match") if query.strip() else "")

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

    def article_opened(self) -> None:
        """Find again in the article just opened, if the bar is in use."""
        if self.isVisible() and self.find_edit.text().strip():
            self.find(self.find_edit.text())
            self.view.setFocus()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Enter (to the article), F3 / Shift+F3 and Esc in the find field."""
        if obj is not self.find_edit or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if mods & Qt.KeyboardModifier.ShiftModifier:
                self.find_previous()
            elif self.matches:
                self.view.setFocus()  # the match stays selected: a label key tags it
            return True
        if key == Qt.Key.Key_F3:
            if mods & Qt.KeyboardModifier.ShiftModifier:
                self.find_previous()
            else:
                self.find_next()
            return True
        if key == Qt.Key.Key_Escape:
            self.close_find()
            return True
        return False
