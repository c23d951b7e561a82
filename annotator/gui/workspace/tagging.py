"""Tagging in the main window: label keys, palette clicks, Delete, undo and redo.

Every tag, relabel and delete is committed through the core undo stack first; the view is
redrawn from the database (``window.refresh()``) only after the write returned. A failed
write shows a message and draws nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtWidgets import QStatusBar

from annotator.core.errors import AnnotatorError, StaleError, ValidationError
from annotator.core.model import Span, Status
from annotator.core.store import Store
from annotator.core.text.tokens import arabic_words, trim_options
from annotator.core.undo import Operation, UndoStack
from annotator.gui.article_view import ArticleView
from annotator.gui.common.bidi import ui_format
from annotator.gui.common.errors import error_text
from annotator.gui.common.i18n import tr
from annotator.gui.workspace.snapping import snap_range


class TaggingWindow(Protocol):
    """What tagging uses of the main window."""

    store: Store
    annotator: str
    undo_stack: UndoStack
    article_view: ArticleView
    current_article_id: int | None
    #: Snap to grapheme clusters instead of words (Edit > Character precision).
    character_mode: bool

    def refresh(self) -> None: ...

    def update_undo_texts(self) -> None:
        """Show what Undo and Redo would do now."""
        ...

    def open_article(self, article_id: int, select: tuple[int, int] | None = None) -> None: ...

    def show_error(self, message: str) -> None: ...

    def statusBar(self) -> QStatusBar: ...


class Tagger:
    """Turns a selection and a label into a stored span, and steps through undo."""

    def __init__(self, window: TaggingWindow) -> None:
        self.window = window
        self._words: frozenset[str] = frozenset()
        self._words_for: int | None = None

    def _say(self, message: str, ms: int) -> None:
        self.window.statusBar().showMessage(error_text(message), ms)

    # -- tagging ---------------------------------------------------------------------

    def snap(self, start: int, end: int, character: bool | None = None) -> tuple[int, int] | None:
        """Snap a code-point range to words (default) or grapheme clusters."""
        w = self.window
        return snap_range(
            w.article_view.text,
            start,
            end,
            w.character_mode if character is None else character,
            trim_options(w.store),
            self._article_words,
        )

    def _article_words(self) -> frozenset[str]:
        """The open article's normalized words, computed once per article."""
        if self._words_for != self.window.current_article_id:
            self._words = frozenset(arabic_words(self.window.article_view.text))
            self._words_for = self.window.current_article_id
        return self._words

    def tag_range(self, start: int, end: int, label: str, *, character: bool | None = None) -> Span:
        """Tag a code-point range of the open article with ``label``.

        The same path a label key takes: snap (words, or clusters in character mode),
        commit through the undo stack, then redraw. Raises ``AnnotatorError`` (nothing
        stored, nothing drawn) on an empty range or a failed write.
        """
        w = self.window
        if w.current_article_id is None:
            raise ValidationError(tr("no article is open"))
        snapped = self.snap(start, end, character)
        if snapped is None:
            raise ValidationError(tr("the selection holds no word; nothing tagged"))
        span = w.undo_stack.create_span(w.current_article_id, w.annotator, label, *snapped)
        self._mark_in_progress()
        w.refresh()
        return span

    def apply_label(self, label: str, character: bool | None = None) -> Span | None:
        """A label key or palette click: relabel the selected span, or tag the selection."""
        w = self.window
        view = w.article_view
        selected = view.selected_span
        chosen = view.selection_cp()
        try:
            if selected is not None and chosen in (None, (selected.start, selected.end)):
                if selected.annotator != w.annotator:
                    # Someone else's (e.g. a pre-annotation): take it over as your own tag.
                    span = self.tag_range(selected.start, selected.end, label, character=True)
                else:
                    span = w.undo_stack.relabel_span(selected.id, label)
                    w.refresh()
                view.select_span(self._shown(span))
                return span
            if chosen is None:
                self._say(tr("Select some words first."), 3000)
                return None
            span = self.tag_range(*chosen, label, character=character)
        except ValidationError as exc:
            self._say(str(exc), 4000)
            return None
        except AnnotatorError as exc:
            w.show_error(str(exc))
            return None
        cur = view.textCursor()
        cur.clearSelection()
        cur.setPosition(view.index.to_utf16(span.end))
        view.setTextCursor(cur)
        return span

    def _shown(self, span: Span) -> Span | None:
        return next((s for s in self.window.article_view.spans if s.id == span.id), None)

    def label_key(self, label: str, alt: bool) -> None:
        """A label key in the view; Alt held means character precision for this tag."""
        self.apply_label(label, character=True if alt else None)

    def delete_selected_span(self) -> None:
        w = self.window
        span = w.article_view.selected_span
        if span is None:
            self._say(tr("Click a span first to delete it."), 3000)
            return
        if span.annotator != w.annotator:
            self._say(
                ui_format(
                    tr("This span belongs to {name}; it is not yours to delete."),
                    name=span.annotator,
                ),
                4000,
            )
            return
        try:
            w.undo_stack.delete_span(span.id)
        except AnnotatorError as exc:
            w.show_error(str(exc))
            return
        w.article_view.selected_span = None
        w.refresh()

    def _mark_in_progress(self) -> None:
        """A first tag moves the article from "to do" to "in progress" (best effort: the
        tag itself is already stored, and must be drawn even if this write fails)."""
        w = self.window
        assert w.current_article_id is not None
        try:
            if w.store.status(w.current_article_id, w.annotator).status == Status.TODO:
                w.store.set_status(w.current_article_id, w.annotator, Status.IN_PROGRESS)
        except AnnotatorError as exc:
            self._say(str(exc), 4000)

    # -- undo ------------------------------------------------------------------------

    def undo(self) -> None:
        self._undo_redo(self.window.undo_stack.undo)

    def redo(self) -> None:
        self._undo_redo(self.window.undo_stack.redo)

    def _undo_redo(self, step: Callable[[], Operation | None]) -> None:
        """One step, then show it: in the open article, or by opening the one it changed."""
        w = self.window
        try:
            op = step()
        except StaleError as exc:
            # Someone else changed that span: the step was dropped, nothing written. Show
            # the span as it is now and what Undo / Redo do next.
            w.show_error(str(exc))
            w.refresh()
            w.update_undo_texts()
            return
        except AnnotatorError as exc:
            w.show_error(str(exc))
            return
        if op is None:
            return
        if op.article_id != w.current_article_id:
            w.open_article(op.article_id)
        else:
            w.refresh()
