"""The article view: the stored text, right-to-left, with spans drawn over it.

The view never derives offsets from its own text (``toPlainText`` rewrites NBSP and
paragraph separators). It keeps the database text and one ``Utf16Index`` of it, and every
Qt position goes through that index. After loading, the document's length is checked
against the text's UTF-16 length; a known mismatch ("\\r\\n" collapses into one break) is
repaired by a same-length display text, and an unknown one disables tagging rather than
storing wrong offsets.

Spans are ``ExtraSelection`` backgrounds in the label's color. A span inside another is
drawn darker and underlined over the lighter outer one, so "وزير ... [وزارة التضامن]" shows
both; spans that cross are dash-underlined. Each span's label is also painted in small type
above its first letter, and shown in a tooltip.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextOption,
)
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from annotator.core.model import Label, Span
from annotator.core.text.offsets import Utf16Index
from annotator.gui.plain import tooltip

LINE_HEIGHT_PERCENT = 170  # room above each line for the label captions
SELECTED_OUTLINE = QColor("#d00000")
#: Code points drawn beyond each edge of the screen (about three screens of Arabic text).
DRAW_MARGIN = 6000


def display_text(text: str) -> str:
    """A text the same length as ``text`` (in UTF-16) that QTextDocument will not shorten."""
    return text.replace("\r\n", " \n")


def _fallback_text(text: str) -> str:
    """Last resort: every control or separator but "\\n" becomes a space, one for one."""
    return "".join(
        " " if ch != "\n" and unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Cs") else ch
        for ch in text
    )


def _key_char(event: QKeyEvent) -> str:
    """The key's own character (digit or Latin letter) whatever the keyboard layout."""
    key = event.key()
    if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 or Qt.Key.Key_A <= key <= Qt.Key.Key_Z:
        return chr(key).lower()
    return event.text().lower()


def nesting(spans: Sequence[Span]) -> tuple[dict[int, int], set[int], dict[int, int]]:
    """Depth of each span (how many others contain it), the ids of crossing spans, and
    each nested span's innermost container.

    One sweep in start order over the spans still open: 2,000 spans cost milliseconds.
    """
    depth: dict[int, int] = {}
    crossing: set[int] = set()
    parent: dict[int, int] = {}
    active: list[Span] = []
    for s in sorted(spans, key=lambda sp: (sp.start, -sp.end, sp.id)):
        active = [o for o in active if o.end > s.start]
        d = 0
        best: Span | None = None
        for o in active:
            if o.end >= s.end and (o.start, o.end) != (s.start, s.end):
                d += 1
                if best is None or o.end - o.start < best.end - best.start:
                    best = o
            elif o.start < s.start and o.end < s.end:
                crossing.add(s.id)
                crossing.add(o.id)
        depth[s.id] = d
        if best is not None:
            parent[s.id] = best.id
        active.append(s)
    return depth, crossing, parent


def blend(a: QColor, b: QColor) -> QColor:
    return QColor(
        (a.red() + b.red()) // 2, (a.green() + b.green()) // 2, (a.blue() + b.blue()) // 2
    )


class ArticleView(QTextEdit):
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
        self.text = ""
        self.index = Utf16Index("")
        #: False when the document could not be made to match the stored text.
        self.offsets_ok = True
        self.spans: list[Span] = []
        self.labels: dict[str, Label] = {}
        self.shortcuts: dict[str, str] = {}
        self.selected_span: Span | None = None
        self.show_captions = True
        self._extra: dict[str, tuple[list[tuple[int, int]], QColor]] = {}
        self._depth: dict[int, int] = {}
        self._crossing: set[int] = set()
        self._parent: dict[int, int] = {}
        self._by_id: dict[int, Span] = {}
        self._starts: list[int] = []
        self._longest = 0
        self._drawn = (0, 0)
        self._loading = False
        self._fresh = False
        self._forget_geometry()
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    # -- content ---------------------------------------------------------------------

    def _forget_geometry(self) -> None:
        """Drop cached selections and caption places (spans, colors or layout changed)."""
        self._sel_cache: dict[int, QTextEdit.ExtraSelection] = {}
        self._caption_at: dict[int, QRect] = {}

    def set_labels(self, labels: Sequence[Label]) -> None:
        self._forget_geometry()
        self.labels = {lab.name: lab for lab in labels}
        self.shortcuts = {lab.shortcut.lower(): lab.name for lab in labels if lab.shortcut}
        self._redraw()

    def set_article(self, text: str, spans: Sequence[Span]) -> None:
        """Show ``text`` (the database text) and its spans; clears extra highlights."""
        self._loading = True  # no redraw of the old spans while the text is replaced
        try:
            self.setExtraSelections([])
            self._forget_geometry()
            self.spans = []
            self.text = text
            self.index = Utf16Index(text)
            self.selected_span = None
            self._extra.clear()
            self.offsets_ok = self._load_document(text)
            self.moveCursor(QTextCursor.MoveOperation.Start)
            self._fresh = True  # shown from the top, not laid out yet
        finally:
            self._loading = False
        self.set_spans(spans)

    def _load_document(self, text: str) -> bool:
        """Build the article's document off screen, then show it.

        Formatting a detached document costs nothing (no layout listens); formatting the
        shown one re-lays out the whole article. Returns False if no display text matched
        the stored text's length.
        """
        want = self.index.length_utf16
        fmt = QTextBlockFormat()
        fmt.setLineHeight(LINE_HEIGHT_PERCENT, 1)  # 1 = ProportionalHeight
        fmt.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        fmt.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option = QTextOption()
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc = QTextDocument(self)
        doc.setUndoRedoEnabled(False)
        doc.setDefaultFont(self.font())
        doc.setDefaultTextOption(option)
        ok = False
        for make in (lambda t: t, display_text, _fallback_text):
            doc.setPlainText(make(text))
            if doc.characterCount() - 1 == want:
                ok = True
                break
        if ok:
            cursor = QTextCursor(doc)
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.mergeBlockFormat(fmt)
            frame = doc.rootFrame().frameFormat()  # room for the first line's captions
            frame.setTopMargin(2 * QFontMetrics(self.font()).height())
            doc.rootFrame().setFrameFormat(frame)
        else:
            doc.setPlainText("")
        old = self.document()
        ours = old is not None and old.parent() is self  # the first one is Qt's own
        self.setDocument(doc)
        if ours:
            old.deleteLater()
        return ok

    def set_spans(self, spans: Sequence[Span]) -> None:
        self.spans = sorted(spans, key=lambda s: (s.start, -s.end, s.label))
        self._depth, self._crossing, self._parent = nesting(self.spans)
        self._by_id = {sp.id: sp for sp in self.spans}
        self._starts = [sp.start for sp in self.spans]
        self._longest = max((sp.end - sp.start for sp in self.spans), default=0)
        self._forget_geometry()
        if self.selected_span is not None:
            same = [s for s in self.spans if s.id == self.selected_span.id]
            self.selected_span = same[0] if same else None
        self._redraw()

    def set_extra_highlights(self, name: str, ranges: list[tuple[int, int]], color: QColor) -> None:
        """Highlight code-point ranges under ``name`` (find hits, suggestions); [] clears."""
        if ranges:
            self._extra[name] = (list(ranges), QColor(color))
        else:
            self._extra.pop(name, None)
        self._redraw()

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
        """Select code points ``start..end`` and scroll them into view."""
        start = max(0, min(start, self.index.length_cp))
        end = max(start, min(end, self.index.length_cp))
        cur = QTextCursor(self.document())
        cur.setPosition(self.index.to_utf16(start))
        cur.setPosition(self.index.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cur)
        self.ensureCursorVisible()

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

    # -- drawing ---------------------------------------------------------------------

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cur = QTextCursor(self.document())
        cur.setPosition(self.index.to_utf16(start))
        cur.setPosition(self.index.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cur  # type: ignore[attr-defined]
        sel.format = fmt  # type: ignore[attr-defined]
        return sel

    def label_color(self, label: str) -> QColor:
        lab = self.labels.get(label)
        return QColor(lab.color if lab else "#dddddd")

    def span_color(self, span: Span) -> QColor:
        """Outer spans in their label's color; a nested span mixes its container's color
        with its own, one shade darker, so both remain readable where they overlap."""
        color = self.label_color(span.label)
        parent = self._by_id.get(self._parent.get(span.id, -1))
        if parent is None:
            return color
        return blend(self.span_color(parent), color).darker(112)

    def _spans_between(self, lo: int, hi: int) -> list[Span]:
        first = bisect_left(self._starts, lo - self._longest)
        return [s for s in self.spans[first : bisect_right(self._starts, hi)] if s.end > lo]

    def _redraw(self) -> None:
        """Draw the spans of the text on screen and a margin around it.

        Building a selection makes Qt analyse the paragraph it touches; drawing only what
        is near the screen keeps a 200,000-character article with 2,000 spans quick to
        open. Scrolling past the margin draws the next stretch.
        """
        if not self.offsets_ok:
            self.setExtraSelections([])
            return
        lo, hi = self.visible_range()
        lo, hi = max(0, lo - DRAW_MARGIN), min(self.index.length_cp, hi + DRAW_MARGIN)
        self._drawn = (lo, hi)
        sels: list[QTextEdit.ExtraSelection] = []
        near = self._spans_between(lo, hi)
        for span in sorted(near, key=lambda s: (self._depth.get(s.id, 0), s.start)):
            cached = self._sel_cache.get(span.id)
            if cached is not None:
                sels.append(cached)
                continue
            fmt = QTextCharFormat()
            fmt.setBackground(self.span_color(span))
            depth = self._depth.get(span.id, 0)
            if depth or span.id in self._crossing:
                fmt.setFontUnderline(True)
                fmt.setUnderlineStyle(
                    QTextCharFormat.UnderlineStyle.DashUnderline
                    if span.id in self._crossing
                    else QTextCharFormat.UnderlineStyle.SingleUnderline
                )
                fmt.setUnderlineColor(self.label_color(span.label).darker(230))
            fmt.setProperty(QTextFormat.Property.UserProperty, span.id)
            sel = self._selection(span.start, span.end, fmt)
            self._sel_cache[span.id] = sel
            sels.append(sel)
        if self.selected_span is not None:
            fmt = QTextCharFormat()
            fmt.setFontUnderline(True)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(SELECTED_OUTLINE)
            s = self.selected_span
            sels.append(self._selection(s.start, s.end, fmt))
        for ranges, color in self._extra.values():
            for start, end in ranges:
                if 0 <= start < end <= self.index.length_cp and start < hi and end > lo:
                    fmt = QTextCharFormat()
                    fmt.setBackground(color)
                    sels.append(self._selection(start, end, fmt))
        self.setExtraSelections(sels)
        self.viewport().update()

    def _scrolled(self) -> None:
        if self._loading:
            return
        self._fresh = False
        lo, hi = self.visible_range()
        if lo < self._drawn[0] or hi > self._drawn[1]:
            self._redraw()

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self._caption_at = {}  # lines re-wrap
        if not self._fresh:  # a new article's drawn stretch already starts at its top
            self._scrolled()

    def visible_range(self) -> tuple[int, int]:
        """Code-point range on screen, generously wide (never narrower than the screen).

        Only the top line is hit-tested: hit-testing the bottom would make Qt lay out the
        article down to there. The end is the start plus more characters than a screen of
        the current font can hold.
        """
        if self._fresh:
            # A new article is shown from its top; asking Qt would lay out all of it.
            return 0, min(self.index.length_cp, DRAW_MARGIN)
        vp = self.viewport().rect()
        top = [self.cursorForPosition(p).position() for p in (vp.topLeft(), vp.topRight())]
        metrics = self.fontMetrics()
        per_line = vp.width() // max(1, metrics.averageCharWidth() // 2) + 1
        lines = vp.height() // max(1, metrics.lineSpacing()) + 2
        u16 = max(0, min(min(top) - per_line, self.index.length_utf16))
        lo = self.index.to_cp(u16)
        return lo, min(self.index.length_cp, lo + per_line * (lines + 1))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self._fresh = False
        if not (self.show_captions and self.spans and self.offsets_ok):
            return
        lo, hi = self.visible_range()
        first = bisect_left(self._starts, lo - 200)  # a caption may sit a line above
        last = bisect_right(self._starts, hi)
        if first >= last:
            return
        painter = QPainter(self.viewport())
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, self.font().pointSizeF() * 0.45))
        font.setBold(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        visible = self.viewport().rect()
        placed: list[QRect] = []
        h = metrics.height()
        dy = self.verticalScrollBar().value()
        dx = self.horizontalScrollBar().value()
        for span in self.spans[first:last]:
            at = self._caption_at.get(span.id)
            if at is None:
                cur = QTextCursor(self.document())
                cur.setPosition(self.index.to_utf16(span.start))
                start_rect = self.cursorRect(cur)
                cur.movePosition(QTextCursor.MoveOperation.NextCharacter)
                at = self.cursorRect(cur).united(start_rect).translated(dx, dy)
                self._caption_at[span.id] = at  # in document coordinates
            first_char = at.translated(-dx, -dy)
            if not visible.intersects(first_char.adjusted(0, -h, 0, h)):
                continue
            caption = span.label
            w = metrics.horizontalAdvance(caption) + 6
            right = first_char.right() + 1
            rect = QRect(right - w, first_char.top() - h + 2, w, h)
            while any(rect.intersects(p) for p in placed):
                rect.translate(0, -h)
            placed.append(rect)
            painter.fillRect(rect, self.span_color(span).darker(115))
            painter.setPen(QColor("#202020"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, caption)
        painter.end()

    # -- input -----------------------------------------------------------------------

    def changeEvent(self, e: QEvent) -> None:
        super().changeEvent(e)
        if e.type() == QEvent.Type.FontChange:
            self._caption_at = {}

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
