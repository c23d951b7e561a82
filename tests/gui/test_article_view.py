"""The article view shows stored text exactly, whatever it holds, and stays usable."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import find_in_view, select_positions, select_text, shown_tooltip, stored
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics, QTextCharFormat, QTextFormat

from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn
from annotator.core.store import create_store, open_store
from annotator.core.text.offsets import Utf16Index
from annotator.gui.article_view import ArticleView, display_text
from annotator.gui.article_view.document import caption_font


def _project(tmp_path: Path, *articles: ArticleIn) -> Path:
    path = tmp_path / "odd.db"
    with create_store(path, default_labels()) as store, store.transaction():
        for art in articles:
            store.insert_article(art)
    return path


@pytest.mark.parametrize(
    "text",
    [
        "😀 فقرة أولى\u2029😀 وزارة الصحة",
        "سطر\u2028😀 ثان: وزارة الصحة",
        "رقم\u00a0١٢\u00a0😀 وزارة الصحة",
        "سطر أول\r\n😀 وزارة الصحة\r\n",
        "\n\n😀😀\n\nوزارة الصحة\n",
    ],
    ids=["paragraph-sep", "line-sep", "nbsp", "crlf", "blank-lines"],
)
def test_document_length_matches_the_stored_text(qtbot, text):
    view = ArticleView()
    qtbot.addWidget(view)
    view.set_article(text, [])
    assert view.offsets_ok
    assert view.document().characterCount() - 1 == Utf16Index(text).length_utf16
    start, end = find_in_view(view, "وزارة الصحة")
    select_positions(view, start, end)
    s, e = view.selection_cp()
    assert text[s:e] == "وزارة الصحة"


def test_crlf_gets_a_same_length_display_text():
    assert display_text("a\r\nb") == "a \nb"
    assert len(display_text("a\r\nb\r\n")) == len("a\r\nb\r\n")


def test_tagging_after_line_and_paragraph_separators(tmp_path, make_window, qtbot):
    text = "مقدمة\u2029😀\u00a0السفيرة\u2028نائلة جبر\r\nوزيرة"
    window = make_window(_project(tmp_path, ArticleIn(ext_id="x", text=text, title="t")))
    select_text(window.article_view, "نائلة جبر")
    qtbot.keyClick(window.article_view, "1")
    assert stored(window.store, window.current_article_id) == [("PERS", "نائلة جبر")]


def test_hostile_titles_are_plain_text(tmp_path, make_window):
    html = '<b>عاجل</b><img src="x.png"><a href="http://x">رابط</a>'
    rlo = "\u202eرئيس abc 123\u202c"
    path = _project(
        tmp_path,
        ArticleIn(
            ext_id="h",
            text="<i>نص</i> &amp; <script>x</script>",
            title=html,
            author="<u>كاتب</u>",
            meta={"قسم": "<h1>أخبار</h1>"},
        ),
        ArticleIn(ext_id="r", text=f"{rlo} نص عادي", title=rlo),
    )
    window = make_window(path)
    assert window.title_label.textFormat() == Qt.TextFormat.PlainText
    assert window.title_label.text() == html
    assert "<u>كاتب</u>" in window.meta_label.text()
    assert "<h1>أخبار</h1>" in window.meta_label.text()
    assert window.meta_label.textFormat() == Qt.TextFormat.PlainText
    assert window.article_view.document().toPlainText() == "<i>نص</i> &amp; <script>x</script>"
    model = window.list_model
    assert model.data(model.index(0, model.TITLE), Qt.ItemDataRole.DisplayRole) == html
    tip = model.data(model.index(0, model.TITLE), Qt.ItemDataRole.ToolTipRole)
    assert shown_tooltip(tip) == html
    window.next_article()
    assert window.title_label.text() == rlo
    assert window.article_view.text == f"{rlo} نص عادي"


def test_empty_latin_and_huge_articles_open_and_tag(tmp_path, make_window, qtbot):
    huge = ("كلمة عربية طويلة 123 " * 50_000) + "وزارة الصحة"
    assert len(huge) > 1_000_000 and "\n" not in huge
    path = _project(
        tmp_path,
        ArticleIn(ext_id="empty", text="", title=""),
        ArticleIn(ext_id="latin", text="Only Latin text from Reuters, London.", title="EN"),
        ArticleIn(ext_id="huge", text=huge, title="كبير"),
    )
    window = make_window(path)
    view = window.article_view
    assert view.text == "" and view.offsets_ok
    qtbot.keyClick(view, "1")
    window.next_article()
    select_text(view, "Reuters")
    qtbot.keyClick(view, "3")
    assert stored(window.store, window.current_article_id) == [("ORG", "Reuters")]
    window.next_article()
    assert view.offsets_ok and view.text == huge
    start, end = find_in_view(view, "وزارة الصحة")
    select_positions(view, start, end)
    qtbot.keyClick(view, "3")
    assert stored(window.store, window.current_article_id) == [("ORG", "وزارة الصحة")]
    window.previous_article()
    window.previous_article()
    assert view.text == ""


def test_extra_highlights_are_drawn_and_cleared(window):
    view = window.article_view
    text = view.text
    i = text.index("نائلة جبر")
    before = len(view.extraSelections())
    view.set_extra_highlights("find", [(i, i + 9), (0, 1)], QColor("#ffff00"))
    sels = view.extraSelections()
    assert len(sels) == before + 2
    assert {s.cursor.selectedText() for s in sels} >= {"نائلة جبر", text[0]}
    view.set_extra_highlights("find", [], QColor("#ffff00"))
    assert len(view.extraSelections()) == before


def test_open_article_with_a_selection_scrolls_to_it(window):
    text = window.article_view.text
    i = text.rindex("وزارة التضامن")
    window.open_article(window.current_article_id, select=(i, i + 13))
    assert window.article_view.selection_cp() == (i, i + 13)
    assert window.article_view.textCursor().selectedText() == "وزارة التضامن"


def test_zoom_and_font_are_remembered(window, make_window, project_path, settings, qtbot):
    size = window.article_view.font().pointSize()
    qtbot.keyClick(window.article_view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.article_view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.article_view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.article_view.font().pointSize() == size + 1
    assert window.article_view.document().defaultFont().pointSize() == size + 1
    assert int(settings.value("view/font_size")) == size + 1
    again = make_window(project_path)
    assert again.article_view.font().pointSize() == size + 1
    assert again.article_view.font().family() == window.article_view.font().family()


def test_the_view_is_right_to_left_and_read_only(window):
    view = window.article_view
    assert view.isReadOnly()
    assert view.layoutDirection() == Qt.LayoutDirection.RightToLeft
    block = view.document().firstBlock()
    assert block.blockFormat().layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert block.blockFormat().alignment() & Qt.AlignmentFlag.AlignRight


def test_spans_far_down_a_long_article_are_drawn_when_scrolled_to(tmp_path, make_window, qtbot):
    para = "وزارة الصحة تعلن خطة جديدة للعام المقبل في القاهرة. " * 40
    text = "\n\n".join([para] * 20)  # about 40,000 characters
    path = _project(tmp_path, ArticleIn(ext_id="long", text=text, title="طويل"))
    first, last = text.index("القاهرة"), text.rindex("القاهرة")
    with open_store(path) as store:
        aid = store.article_by_ext_id("long").id
        store.add_span(aid, "salma", "GPE", first, first + 7)
        store.add_span(aid, "salma", "GPE", last, last + 7)
    window = make_window(path)
    view = window.article_view

    def drawn() -> set[str]:
        return {
            str(QTextCharFormat(s.format).property(QTextFormat.Property.UserProperty))
            for s in view.extraSelections()
        }

    ids = sorted(s.id for s in view.spans)
    assert str(ids[0]) in drawn() and str(ids[1]) not in drawn()
    window.open_article(aid, select=(last, last + 7))
    qtbot.waitUntil(lambda: str(ids[1]) in drawn())
    assert view.textCursor().selectedText() == "القاهرة"


def test_nesting_depth_containers_and_crossing():
    from annotator.core.model import Span
    from annotator.gui.article_view import nesting

    outer = Span(1, 1, "a", "OCC", 0, 20)
    inner = Span(2, 1, "a", "ORG", 5, 15)
    innermost = Span(3, 1, "a", "GPE", 8, 10)
    cross = Span(4, 1, "a", "EVENT", 18, 30)
    same = Span(5, 1, "b", "ORG", 5, 15)
    depth, crossing, parent = nesting([cross, innermost, inner, outer, same])
    assert depth == {1: 0, 2: 1, 5: 1, 3: 3, 4: 0}
    assert parent[3] in (2, 5) and parent[2] == 1 and 1 not in parent
    assert crossing == {1, 4}


def test_an_article_opens_at_the_top_with_room_for_first_line_captions(make_window, tmp_path):
    """The window is built before it is shown: a tiny viewport must not leave it scrolled."""
    path = _project(
        tmp_path,
        ArticleIn(ext_id="a", text="جريدة فلسطين 19 تشرين الأول 1921 .\n" * 40),
        ArticleIn(ext_id="b", text="وزارة التضامن الاجتماعي\n" * 40),
    )
    window = make_window(path, "salma")
    b = window.store.article_by_ext_id("b").id
    window.store.add_span(b, "salma", "ORG", 0, 5)
    window.open_article(b)
    window.resize(900, 400)
    window.show()
    view = window.article_view
    assert view.verticalScrollBar().value() == 0
    doc = view.document()
    first_line = doc.firstBlock().layout()
    first_line_top = first_line.position().y() + first_line.lineAt(0).y()
    caption_height = QFontMetrics(caption_font(view.font())).height()
    assert first_line_top >= caption_height


def test_selecting_a_range_scrolls_its_label_into_view(qtbot):
    """The find bar, corpus hits and the review window select a span away from the screen:
    its label, above the line, is on screen too (not cut off at the top)."""
    from annotator.core.model import Span

    text = "".join(f"سطر رقم {i} من المقال\n" for i in range(80))
    start = text.index("سطر رقم 60")
    span = Span(1, 1, "salma", "ORG", start, start + len("سطر رقم 60"))
    view = ArticleView()
    view.resize(600, 300)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.set_article(text, [span])
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())  # the span is above the screen: scrolling up to it
    view.select_range(span.start, span.end)
    assert 0 < bar.value() < bar.maximum()
    ((shown, rect),) = view.caption_rects([span])
    assert shown is span and rect.top() >= 0
