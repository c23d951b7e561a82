"""Span painting: the stored text, right-to-left, with its spans drawn over it.

Spans are ``ExtraSelection`` backgrounds in the label's color. A span inside another is
drawn darker and underlined over the lighter outer one, so "وزير ... [وزارة التضامن]" shows
both. Spans that cross share some words: each is outlined over its whole extent (the second
one inset), and their backgrounds mix on the shared words, so neither looks shorter than it
is. Each span's label is painted in small type above its first letter, in the room the
document leaves above that line (document.py); captions that would meet are set side by
side, never over the text. Only the stretch of text near the screen is drawn, so a long
article with thousands of spans opens and scrolls quickly.

``SpanCanvas`` knows nothing of the keyboard or the mouse; ``ArticleView`` (view.py) adds
selection and input on top of it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from annotator.core.model import Label, Span
from annotator.core.text.offsets import Utf16Index
from annotator.gui.article_view.document import (
    Spacing,
    apply_spacing,
    build_document,
    caption_font,
    reformat_blocks,
    span_blocks,
)

SELECTED_OUTLINE = QColor("#d00000")
#: Code points drawn beyond each edge of the screen (about three screens of Arabic text).
DRAW_MARGIN = 6000
#: Articles up to this many UTF-16 units are laid out whole when opened. Qt otherwise lays
#: out a long document in slices on a timer, and each slice (20-50 ms for a 200,000-
#: character article) lands between the first page steps of a reader who scrolls at once;
#: laid out whole, the article opens about 0.1 s later and every page step stays within a
#: frame. Longer articles keep Qt's slices (a whole layout would hold the window too long).
WHOLE_LAYOUT_MAX = 600_000
#: Opacity of a crossing span's background, so the words two spans share mix both colors.
CROSSING_ALPHA = 150
#: The longest stretch of one line whose outline is measured letter by letter.
OUTLINE_MAX = 400


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


class SpanCanvas(QTextEdit):
    """Read-only text with spans, extra highlights and label captions drawn over it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.index = Utf16Index("")
        #: False when the document could not be made to match the stored text.
        self.offsets_ok = True
        self.spans: list[Span] = []
        self.labels: dict[str, Label] = {}
        self.selected_span: Span | None = None
        self.show_captions = True
        #: Compact spacing (the default): caption room only above lines with spans.
        self.compact = True
        self._spacing = Spacing(self.font(), self.compact)
        self._span_blocks: set[int] = set()
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
            self.offsets_ok = self._load_document(text, spans)
            self.moveCursor(QTextCursor.MoveOperation.Start)
            if self.index.length_utf16 <= WHOLE_LAYOUT_MAX:
                doc = self.document()
                doc.documentLayout().blockBoundingRect(doc.lastBlock())  # lays out up to it
            self._fresh = True  # shown from the top, not laid out yet
        finally:
            self._loading = False
        self.set_spans(spans)

    def _load_document(self, text: str, spans: Sequence[Span] = ()) -> bool:
        """Show the article's document, built off screen; False if it could not match."""
        self._spacing = Spacing(self.font(), self.compact)
        starts = [self.index.to_utf16(s.start) for s in spans if 0 <= s.start < s.end]
        doc, ok = build_document(
            text, self.index.length_utf16, self.font(), self, self._spacing, starts
        )
        self._span_blocks = span_blocks(doc, starts) if ok else set()
        old = self.document()
        ours = old is not None and old.parent() is self  # the first one is Qt's own
        self.setDocument(doc)
        if ours:
            old.deleteLater()
        return ok

    def set_compact(self, compact: bool) -> None:
        """Compact or comfortable spacing; the text, spans and selection stay as they are."""
        if compact == self.compact:
            return
        self.compact = compact
        self._respace()

    def _respace(self) -> None:
        """Format the shown document's lines again (spacing or font changed)."""
        self._spacing = Spacing(self.font(), self.compact)
        if self.offsets_ok and self.text:
            apply_spacing(self.document(), self._spacing, self._span_blocks)
        self._caption_at = {}
        self._redraw()

    def _update_span_blocks(self) -> None:
        """Give caption room to the paragraphs that now hold a span start, and take it
        from those that no longer do (compact spacing; one paragraph per tag)."""
        if not self.offsets_ok or not self.text:
            return
        starts = [self.index.to_utf16(s.start) for s in self.spans if 0 <= s.start < s.end]
        blocks = span_blocks(self.document(), starts)
        changed = blocks ^ self._span_blocks
        self._span_blocks = blocks
        if changed:
            reformat_blocks(self.document(), self._spacing, changed, blocks)

    def set_spans(self, spans: Sequence[Span]) -> None:
        self.spans = sorted(spans, key=lambda s: (s.start, -s.end, s.label))
        self._depth, self._crossing, self._parent = nesting(self.spans)
        self._by_id = {sp.id: sp for sp in self.spans}
        self._starts = [sp.start for sp in self.spans]
        self._longest = max((sp.end - sp.start for sp in self.spans), default=0)
        if not self._loading:
            self._update_span_blocks()
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
            color = self.span_color(span)
            if span.id in self._crossing:
                color.setAlpha(CROSSING_ALPHA)
            fmt.setBackground(color)
            depth = self._depth.get(span.id, 0)
            if depth and span.id not in self._crossing:  # crossing ones are outlined
                fmt.setFontUnderline(True)
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
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

    def changeEvent(self, e: QEvent) -> None:
        super().changeEvent(e)
        if e.type() == QEvent.Type.FontChange:
            self._respace()  # caption room follows the font size

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
        """The text, the outlines of crossing spans, then each span's label in small type
        above its first letter."""
        super().paintEvent(event)
        self._fresh = False
        if not (self.spans and self.offsets_ok):
            return
        lo, hi = self.visible_range()
        first = bisect_left(self._starts, lo - self._longest)
        last = bisect_right(self._starts, hi)
        if first >= last:
            return
        painter = QPainter(self.viewport())
        self._paint_crossing(painter, [s for s in self.spans[first:last] if s.end > lo])
        if self.show_captions:
            first = bisect_left(self._starts, lo - 200)  # a caption may sit a line above
            self._paint_captions(painter, self.spans[first:last])
        painter.end()

    def _paint_crossing(self, painter: QPainter, near: list[Span]) -> None:
        """An outline around every piece of each crossing span, the later one inset."""
        crossing = [s for s in near if s.id in self._crossing]
        dx = self.horizontalScrollBar().value()
        dy = self.verticalScrollBar().value()
        visible = QRectF(self.viewport().rect())
        for n, span in enumerate(crossing):
            pen = QPen(self.label_color(span.label).darker(200))
            pen.setWidthF(1.6)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            inset = 1.0 + 3.0 * (n % 2)
            for rect in self.span_rects(span):
                piece = rect.translated(-dx, -dy).adjusted(inset, inset, -inset, -inset)
                if piece.intersects(visible):
                    painter.drawRoundedRect(piece, 3, 3)

    def span_rects(self, span: Span) -> list[QRectF]:
        """The rectangles (document coordinates, one per line) a span's letters cover."""
        doc = self.document()
        a, b = self.index.to_utf16(span.start), self.index.to_utf16(span.end)
        rects: list[QRectF] = []
        block = doc.findBlock(a)
        while block.isValid() and block.position() < b:
            layout = block.layout()
            origin = layout.position()
            base = block.position()
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                lo = max(a, base + line.textStart())
                hi = min(b, base + line.textStart() + line.textLength())
                if lo >= hi:
                    continue
                step = max(1, (hi - lo) // OUTLINE_MAX)
                xs = [line.cursorToX(p - base)[0] for p in range(lo, hi + 1, step)]
                xs.append(line.cursorToX(hi - base)[0])
                left, right = min(xs), max(xs)
                rects.append(
                    QRectF(origin.x() + left, origin.y() + line.y(), right - left, line.height())
                )
            block = block.next()
        return rects

    def _paint_captions(self, painter: QPainter, spans: list[Span]) -> None:
        """Each label above its span's first letter (see ``caption_rects``)."""
        painter.setFont(caption_font(self.font()))
        painter.setPen(QColor("#202020"))
        for span, rect in self.caption_rects(spans):
            painter.fillRect(rect, self.span_color(span).darker(115))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, span.label)

    def caption_rects(self, spans: Sequence[Span]) -> list[tuple[Span, QRect]]:
        """Where each span's caption goes (viewport coordinates): in the room above the line
        of its first letter, ending at its right edge; a caption that would meet another
        moves along the line (to the left of it), never up over the line above."""
        metrics = QFontMetrics(caption_font(self.font()))
        visible = self.viewport().rect()
        placed: list[QRect] = []
        out: list[tuple[Span, QRect]] = []
        h = metrics.height()
        dy = self.verticalScrollBar().value()
        dx = self.horizontalScrollBar().value()
        for span in spans:
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
            w = metrics.horizontalAdvance(span.label) + 6
            rect = QRect(first_char.right() + 1 - w, first_char.top() - h, w, h)
            for other in sorted(placed, key=lambda r: -r.right()):
                if rect.intersects(other):
                    rect.moveRight(other.left() - 2)
            placed.append(rect)
            out.append((span, rect))
        return out
