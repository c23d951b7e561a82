"""Suggestions in the open article: spans of the annotators ``suggest`` and ``model``
(the trained tagger), drawn faded.

Enter on a suggestion accepts it (it becomes the annotator's own span), Backspace rejects
it; the Search > Suggestions menu accepts or rejects them all, or goes to the next one.
Each accept or reject is one undo step, pushed through ``push``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from annotator.core.assist.suggest import accept_batch, reject_batch, suggestions
from annotator.core.model import Span
from annotator.core.undo import Operation
from annotator.gui.common.i18n import tr
from annotator.gui.search.host import SearchWindow

SUGGEST_PREFIX = "suggest:"


class Suggestions(QObject):
    """Draws the open article's suggestions and accepts or rejects them."""

    def __init__(
        self,
        window: SearchWindow,
        push: Callable[[Operation], bool],
        say: Callable[[str], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.view = window.article_view
        self._push = push
        self._say = say
        #: Suggestion highlights as drawn: name -> (ranges, color).
        self._drawn: dict[str, tuple[list[tuple[int, int]], QColor]] = {}

    def current(self) -> list[Span]:
        if self.window.current_article_id is None:
            return []
        return suggestions(self.window.store, self.window.current_article_id)

    def draw(self) -> None:
        """Suggestions in a faded shade of their label's color.

        Only the labels whose suggestions changed are redrawn: each highlight redraws the
        view, and this runs on every tag (``spansChanged``), mostly changing nothing.
        """
        wanted: dict[str, tuple[list[tuple[int, int]], QColor]] = {}
        for s in self.current():
            name = SUGGEST_PREFIX + s.label
            if name not in wanted:
                color = QColor(self.view.label_color(s.label))
                color.setAlpha(110)
                wanted[name] = ([], color)
            wanted[name][0].append((s.start, s.end))
        for stale in self._drawn.keys() - wanted.keys():
            self.view.set_extra_highlights(stale, [], QColor())
        for name, (ranges, color) in wanted.items():
            if self._drawn.get(name) != (ranges, color):
                self.view.set_extra_highlights(name, ranges, color)
        self._drawn = wanted

    def article_opened(self) -> None:
        """Draw afresh: opening an article cleared the view's highlights."""
        self._drawn = {}
        self.draw()

    @property
    def names(self) -> set[str]:
        """The highlight names the suggestions are drawn under."""
        return set(self._drawn)

    def at_cursor(self) -> Span | None:
        if self.window.current_article_id is None or not self.view.offsets_ok:
            return None
        cur = self.view.textCursor()
        cp = self.view.position_cp(cur)
        lo = self.view.index.to_cp(cur.selectionStart()) if cur.hasSelection() else cp
        here = [s for s in self.current() if s.start <= lo < s.end or s.end == cp]
        return min(here, key=lambda s: s.end - s.start) if here else None

    def accept_current(self) -> bool:
        sug = self.at_cursor()
        if sug is None:
            self._say(tr("Put the cursor on a suggestion first."))
            return False
        return self._push(accept_batch(self.window.store, [sug.id], self.window.annotator))

    def reject_current(self) -> bool:
        sug = self.at_cursor()
        if sug is None:
            self._say(tr("Put the cursor on a suggestion first."))
            return False
        return self._push(reject_batch(self.window.store, [sug.id]))

    def accept_all(self) -> int:
        ids = [s.id for s in self.current()]
        if ids and self._push(accept_batch(self.window.store, ids, self.window.annotator)):
            return len(ids)
        return 0

    def reject_all(self) -> int:
        ids = [s.id for s in self.current()]
        if ids and self._push(reject_batch(self.window.store, ids)):
            return len(ids)
        return 0

    def next_suggestion(self) -> Span | None:
        sugs = self.current()
        if not sugs:
            self._say(tr("No suggestion in this article."))
            return None
        cp = self.view.position_cp()
        after = [s for s in sugs if s.start > cp] or sugs
        target = after[0]
        self.view.select_range(target.start, target.start)
        return target

    def key_pressed(self, key: int) -> bool:
        """Enter accepts, Backspace / Delete rejects the suggestion under the cursor; True
        if the key was used up."""
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.at_cursor():
            self.accept_current()
            return True
        if key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete) and self.at_cursor():
            self.reject_current()
            return True
        return False
