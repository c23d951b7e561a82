"""Crossing spans: each one's whole extent stays visible where they share words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QFont, QTextCursor

from annotator.core.model import Label, Span
from annotator.gui.article_view import ArticleView

TEXT = "شاركت وزارة التضامن الاجتماعي ضمن الوفد المصري في فيينا"
LABELS = [Label(1, "ORG", "", "#9bf6ff", "3", "", 1), Label(2, "EVENT", "", "#fdffb6", "5", "", 2)]


def _span(i: int, label: str, words: str) -> Span:
    start = TEXT.index(words)
    return Span(i, 1, "salma", label, start, start + len(words))


ORG = _span(1, "ORG", "وزارة التضامن الاجتماعي")
EVENT = _span(2, "EVENT", "الاجتماعي ضمن الوفد")


@pytest.fixture
def view(qtbot):
    widget = ArticleView()
    widget.setFont(QFont("DejaVu Sans", 16))
    widget.resize(900, 300)
    widget.set_labels(LABELS)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_article(TEXT, [ORG, EVENT])
    return widget


def letter_x(view: ArticleView, cp: int) -> tuple[int, int]:
    """The middle of the letter at code point ``cp`` (viewport coordinates)."""
    cur = QTextCursor(view.document())
    cur.setPosition(view.index.to_utf16(cp))
    a = view.cursorRect(cur)
    cur.setPosition(view.index.to_utf16(cp + 1))
    b = view.cursorRect(cur)
    return (a.center().x() + b.center().x()) // 2, a.center().y()


def test_each_crossing_span_is_outlined_over_all_its_letters(view) -> None:
    for span in (ORG, EVENT):
        rects = view.span_rects(span)
        assert rects
        for cp in range(span.start, span.end):
            x, y = letter_x(view, cp)
            assert any(r.contains(QPoint(x, y)) for r in rects), (span.label, cp)
        outside = [cp for cp in range(len(TEXT)) if not span.start <= cp < span.end]
        for cp in outside:
            if TEXT[cp].strip():
                x, y = letter_x(view, cp)
                assert not any(r.adjusted(2, 0, -2, 0).contains(QPoint(x, y)) for r in rects)


def test_the_outlines_are_painted_in_each_label_color(view) -> None:
    image = view.viewport().grab().toImage()
    for span in (ORG, EVENT):
        pen = QColor(next(lab.color for lab in LABELS if lab.name == span.label)).darker(200)
        (rect,) = view.span_rects(span)
        inset = 1 if span is ORG else 4
        x = int(rect.right()) - inset  # the outline's right edge
        column = [image.pixelColor(dx, int(rect.center().y())) for dx in range(x - 2, x + 3)]
        assert any(_near(c, pen) for c in column), (span.label, [c.name() for c in column])


def test_the_shared_words_mix_both_colors(view) -> None:
    image = view.viewport().grab().toImage()
    shared = TEXT.index("الاجتماعي")
    x, y = letter_x(view, shared + 3)
    mixed = image.pixelColor(x, y - 10)
    assert not _near(mixed, QColor("#9bf6ff"), 8) and not _near(mixed, QColor("#fdffb6"), 8)


def _near(a: QColor, b: QColor, tolerance: int = 60) -> bool:
    return sum(abs(x - y) for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True)) < tolerance


def test_a_long_article_is_laid_out_whole_when_opened(view) -> None:
    """Up to WHOLE_LAYOUT_MAX, the last paragraph has its lines before anything is
    painted: no slice of layout is left to land between the reader's first page steps."""
    from annotator.gui.article_view import canvas

    paragraph = "أعلنت وزارة الصحة العراقية اليوم 🙂 عن خطة جديدة للمستشفيات. " * 40
    text = "\n".join([paragraph] * 100)  # about 230,000 code points, 100 paragraphs
    assert len(text.encode("utf-16-le")) // 2 <= canvas.WHOLE_LAYOUT_MAX
    view.set_article(text, [])
    last = view.document().lastBlock()
    assert last.layout().lineCount() > 0
    assert view.document().documentLayout().documentSize().height() > 100 * view.height()


def test_beyond_the_bound_qt_lays_out_in_slices(view, monkeypatch) -> None:
    from annotator.gui.article_view import canvas

    monkeypatch.setattr(canvas, "WHOLE_LAYOUT_MAX", 1_000)
    paragraph = "أعلنت وزارة الصحة العراقية اليوم عن خطة جديدة للمستشفيات. " * 40
    view.set_article("\n".join([paragraph] * 100), [])
    assert view.document().lastBlock().layout().lineCount() == 0  # not yet
