"""Line spacing of the article: compact by default, comfortable on request; neither moves a
letter. Heights are measured on the sample article (tests/data/seed_article.txt, the
scraped page with its advert lines) at one width and one font size."""

from __future__ import annotations

import pytest
from gui_helpers import SEED_NAME, select_text, stored
from PySide6.QtGui import QFont, QFontMetrics

from annotator.core.model import Span
from annotator.core.text.offsets import Utf16Index
from annotator.gui.article_view import ArticleView
from annotator.gui.article_view.document import LINE_HEIGHT_PERCENT, caption_font

WIDTH, HEIGHT = 800, 600


@pytest.fixture
def view(qtbot):
    widget = ArticleView()
    widget.setFont(QFont("DejaVu Sans", 16))
    widget.resize(WIDTH, HEIGHT)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def height(view: ArticleView, text: str, spans: list[Span], compact: bool) -> float:
    view.set_compact(compact)
    view.set_article(text, spans)
    return view.document().size().height()


def line_tops(view: ArticleView) -> list[float]:
    doc = view.document()
    tops = []
    block = doc.begin()
    while block.isValid():
        layout = block.layout()
        tops += [layout.position().y() + layout.lineAt(i).y() for i in range(layout.lineCount())]
        block = block.next()
    return tops


def test_the_sample_article_takes_at_most_half_the_height(view, seed_text) -> None:
    comfortable = height(view, seed_text, [], compact=False)
    compact = height(view, seed_text, [], compact=True)
    assert compact <= comfortable / 2, (compact, comfortable)


def test_comfortable_spacing_keeps_room_above_every_line(view, seed_text) -> None:
    height(view, seed_text, [], compact=False)
    block = view.document().begin()
    while block.isValid():
        assert block.blockFormat().lineHeight() == LINE_HEIGHT_PERCENT
        block = block.next()
    frame = view.document().rootFrame().frameFormat()
    assert frame.topMargin() == 2 * QFontMetrics(view.font()).height()


def test_a_run_of_blank_lines_takes_the_room_of_one(view) -> None:
    one = height(view, "سطر أول\n\nسطر ثان", [], compact=True)
    five = height(view, "سطر أول\n\n\n\n\n\nسطر ثان", [], compact=True)
    assert five == one
    none = height(view, "سطر أول\nسطر ثان", [], compact=True)
    line = QFontMetrics(view.font()).lineSpacing()
    assert none < one < none + line  # a blank line is a smaller gap than a line


def test_only_lines_with_a_span_get_caption_room(view) -> None:
    text = "السطر الأول هنا\nوزارة التضامن في السطر الثاني\nالسطر الثالث هنا"
    plain = height(view, text, [], compact=True)
    tops = line_tops(view)
    start = text.index("وزارة")
    span = Span(1, 1, "salma", "ORG", start, start + len("وزارة التضامن"))
    view.set_spans([span])  # as a tag does: only that paragraph changes
    caption = QFontMetrics(caption_font(view.font())).height()
    tagged = line_tops(view)
    assert tagged[0] == tops[0]  # the line above keeps its place
    assert tagged[1] - tagged[0] >= tops[1] - tops[0] + caption  # room for ORG's caption
    assert view.document().size().height() >= plain + caption
    view.set_spans([])
    assert line_tops(view) == tops  # and gives it back when the span goes


def test_captions_never_cover_text_in_either_spacing(view, seed_text) -> None:
    body = seed_text.index("شاركت وزارة")
    spans = []
    for i, (words, label) in enumerate(
        [("وزارة التضامن الاجتماعي", "ORG"), ("السفيرة", "OCC"), ("نائلة جبر", "PERS")]
    ):
        start = seed_text.index(words, body)
        spans.append(Span(i + 1, 1, "salma", label, start, start + len(words)))
    for compact in (True, False):
        view.set_compact(compact)
        view.set_article(seed_text, spans)
        view.select_range(body, body)
        rects = view.caption_rects(view.spans)
        assert len(rects) == 3
        for _span, rect in rects:
            for line in text_rects(view):
                assert not rect.intersects(line), (compact, _span.label, rect, line)


def text_rects(view: ArticleView):
    """Each laid-out line's own height (ascent + descent), in viewport coordinates."""
    from PySide6.QtCore import QRect

    dy = view.verticalScrollBar().value()
    doc = view.document()
    block = doc.begin()
    while block.isValid():
        layout = block.layout()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            top = layout.position().y() + line.y() - dy
            if line.textLength() and block.text().strip():
                yield QRect(0, int(top) + 1, view.viewport().width(), int(line.height()) - 1)
        block = block.next()


def test_compact_view_stores_exactly_the_selected_letters(make_window, project_path, qtbot):
    window = make_window(project_path)
    assert window.article_panel.comfortable is False  # compact is the default
    text = window.article_view.text
    assert window.article_view.document().characterCount() - 1 == Utf16Index(text).length_utf16
    select_text(window.article_view, SEED_NAME)
    qtbot.keyClick(window.article_view, "1")
    assert stored(window.store, window.current_article_id) == [("PERS", SEED_NAME)]


def test_comfortable_spacing_is_a_remembered_view_choice(make_window, project_path, settings):
    window = make_window(project_path)
    window.menus.comfortable_action.trigger()
    assert window.article_panel.comfortable and not window.article_view.compact
    assert settings.value("view/comfortable") == "true"
    window.close()
    again = make_window(project_path)
    assert again.menus.comfortable_action.isChecked() and not again.article_view.compact
