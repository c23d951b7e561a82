"""Selecting text in the view the way a person does, located by Qt's own text search.

Positions come from ``QTextDocument.find`` (Qt's UTF-16 positions), never from the core
offset converter, so the tests check that converter instead of trusting it.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument

SEED_NAME = "نائلة جبر"


def find_in_view(view, needle: str, nth: int = 0) -> tuple[int, int]:
    """(start, end) UTF-16 positions of the ``nth`` occurrence of ``needle`` in the view."""
    doc: QTextDocument = view.document()
    cursor = QTextCursor(doc)
    for _ in range(nth + 1):
        cursor = doc.find(needle, cursor)
        assert not cursor.isNull(), f"{needle!r} not found in the view"
    return cursor.selectionStart(), cursor.selectionEnd()


def select_positions(view, start: int, end: int) -> None:
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def select_text(view, needle: str, nth: int = 0) -> tuple[int, int]:
    start, end = find_in_view(view, needle, nth)
    select_positions(view, start, end)
    return start, end


def stored(store, article_id: int, annotator: str | None = None) -> list[tuple[str, str]]:
    """(label, stored text[start:end]) of an article's spans."""
    text = store.article_text(article_id)
    names = [annotator] if annotator else None
    return [(s.label, text[s.start : s.end]) for s in store.spans(article_id, names)]


def shown_tooltip(tip: str) -> str:
    """What a tooltip displays: Qt renders anything that looks like HTML as HTML."""
    from PySide6.QtGui import Qt as QtGuiNamespace
    from PySide6.QtGui import QTextDocumentFragment

    if QtGuiNamespace.mightBeRichText(tip):
        return QTextDocumentFragment.fromHtml(tip).toPlainText()
    return tip
