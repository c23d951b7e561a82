"""The article view: the span canvas plus selection, label keys, Tab stepping and tooltips.

Every Qt position goes through the canvas's ``Utf16Index`` of the stored text, so what the
view reports (``selection_cp``, ``position_cp``) is a code-point offset of the database text.
The view writes nothing: it emits what the user asks (a label key, Delete, a span chosen)
and the window decides.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QMouseEvent, QTextCursor
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from annotator.core.model import Label, Span
from annotator.gui.article_view.canvas import SpanCanvas
from annotator.gui.article_view.document import caption_font
from annotator.gui.common.plain import tooltip


def _key_char(event: QKeyEvent) -> str:
    """The key's own character (digit or Latin letter) whatever the keyboard layout."""
    key = event.key()
    if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 or Qt.Key.Key_A <= key <= Qt.Key.Key_Z:
        return chr(key).lower()
    return event.text().lower()


class ArticleView(SpanCanvas):
    """Read-only RTL text with spans; emits what the user asks, writes nothing itself."""

    #: A label key was pressed: (label name, character precision held with Alt).
    labelKeyPressed = Signal(str, bool)
    deletePressed = Signal()
    #: The selected span changed (a ``Span`` or None).
    spanSelected = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(False)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        #: Label key (lower case) -> label name.
        self.shortcuts: dict[str, str] = {}

    def set_labels(self, labels: Sequence[Label]) -> None:
        self.shortcuts = {lab.shortcut.lower(): lab.name for lab in labels if lab.shortcut}
        super().set_labels(labels)

    # -- positions -------------------------------------------------------------------

    def selection_cp(self) -> tuple[int, int] | None:
        """The selection as a code-point range of the stored text (None when empty)."""
        cur = self.textCursor()
        if not cur.hasSelection() or not self.offsets_ok:
            return None
        start, end = self.index.span_to_cp(cur.selectionStart(), cur.selectionEnd())
        return (start, end) if start < end else None

    def position_cp(self, cursor: QTextCursor | None = None) -> int:
        cur = cursor or self.textCursor()
        return self.index.to_cp(min(cur.position(), self.index.length_utf16))

    def select_range(self, start: int, end: int) -> None:
        """Select code points ``start..end`` and scroll them into view, the labels above
        their first line included."""
        start = max(0, min(start, self.index.length_cp))
        end = max(start, min(end, self.index.length_cp))
        cur = QTextCursor(self.document())
        cur.setPosition(self.index.to_utf16(start))
        cur.setPosition(self.index.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cur)
        self.ensureCursorVisible()
        first = QTextCursor(self.document())
        first.setPosition(self.index.to_utf16(start))
        room = QFontMetrics(caption_font(self.font())).height() + 2
        top = self.cursorRect(first).top()
        if top < room:
            bar = self.verticalScrollBar()
            bar.setValue(max(0, bar.value() - (room - top)))

    def spans_at(self, cp: int) -> list[Span]:
        """Spans covering code point ``cp``, innermost (shortest) first."""
        hits = [s for s in self.spans if s.start <= cp < s.end]
        return sorted(hits, key=lambda s: (s.end - s.start, s.start))

    def select_span(self, span: Span | None) -> None:
        self.selected_span = span
        if span is not None:
            self.select_range(span.start, span.end)
        self._redraw()
        self.spanSelected.emit(span)

    # -- input -----------------------------------------------------------------------

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.KeyPress and e.key() in (  # type: ignore[attr-defined]
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
        ):
            # A read-only QTextEdit would move the focus; Tab steps through spans instead.
            self._step_span(-1 if e.key() == Qt.Key.Key_Backtab else +1)  # type: ignore[attr-defined]
            return True
        if e.type() == QEvent.Type.ToolTip:
            pos: QPoint = e.pos()  # type: ignore[attr-defined]
            tip = self.tooltip_at(self.viewport().mapFrom(self, pos))
            if tip:
                QToolTip.showText(e.globalPos(), tooltip(tip), self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().event(e)

    def tooltip_at(self, viewport_pos: QPoint) -> str:
        if not self.offsets_ok or not self.text:
            return ""
        cp = self.position_cp(self.cursorForPosition(viewport_pos))
        lines = []
        for span in self.spans_at(min(cp, max(0, len(self.text) - 1))):
            lab = self.labels.get(span.label)
            shown = f"{span.label} ({lab.display_name})" if lab and lab.display_name else span.label
            lines.append(f"{shown} — {span.annotator}")
        return "\n".join(lines)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        mods = e.modifiers()
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier):
            super().keyPressEvent(e)
            return
        key = e.key()
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.deletePressed.emit()
            return
        if key == Qt.Key.Key_Escape:
            cur = self.textCursor()
            cur.clearSelection()
            self.setTextCursor(cur)
            self.select_span(None)
            return
        char = _key_char(e)
        if char and char in self.shortcuts:
            alt = bool(mods & Qt.KeyboardModifier.AltModifier)
            self.labelKeyPressed.emit(self.shortcuts[char], alt)
            return
        if char and (char.isalnum() or char.isprintable()) and not char.isspace():
            return  # a key with no label does nothing
        super().keyPressEvent(e)

    def _step_span(self, direction: int) -> None:
        """Tab / Shift+Tab: select the next / previous span, for keyboard-only work."""
        if not self.spans:
            return
        here = self.selected_span
        if here is not None and here in self.spans:
            i = self.spans.index(here) + direction
        else:
            cp = self.position_cp()
            after = [i for i, s in enumerate(self.spans) if s.start >= cp]
            i = (after[0] if after else len(self.spans)) if direction > 0 else -1
            if direction < 0:
                before = [i for i, s in enumerate(self.spans) if s.start < cp]
                i = before[-1] if before else len(self.spans) - 1
        self.select_span(self.spans[i % len(self.spans)])

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        super().mouseReleaseEvent(e)
        if e.button() != Qt.MouseButton.LeftButton:
            return
        if self.textCursor().hasSelection():
            if self.selected_span is not None:
                self.selected_span = None
                self._redraw()
                self.spanSelected.emit(None)
            return
        cp = self.position_cp(self.cursorForPosition(e.position().toPoint()))
        hits = self.spans_at(cp) or (self.spans_at(cp - 1) if cp else [])
        self.select_span(hits[0] if hits else None)
