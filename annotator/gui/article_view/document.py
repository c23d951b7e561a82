"""The article's ``QTextDocument``, built so that its positions match the stored text.

The view never derives offsets from its own text (``toPlainText`` rewrites NBSP and
paragraph separators). After loading, the document's length is checked against the text's
UTF-16 length; a known mismatch ("\\r\\n" collapses into one break) is repaired by a
same-length display text, and an unknown one gives an empty document, so that the caller
disables tagging rather than storing wrong offsets.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)

LINE_HEIGHT_PERCENT = 170  # room above each line for the label captions


def display_text(text: str) -> str:
    """A text the same length as ``text`` (in UTF-16) that QTextDocument will not shorten."""
    return text.replace("\r\n", " \n")


def _fallback_text(text: str) -> str:
    """Last resort: every control or separator but "\\n" becomes a space, one for one."""
    return "".join(
        " " if ch != "\n" and unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Cs") else ch
        for ch in text
    )


def build_document(
    text: str, length_utf16: int, font: QFont, parent: QObject
) -> tuple[QTextDocument, bool]:
    """The article's document, right-to-left, built off screen; False if no display text
    had the stored text's length (``length_utf16``), and the document is then empty.

    Formatting a detached document costs nothing (no layout listens); formatting the
    shown one re-lays out the whole article.
    """
    fmt = QTextBlockFormat()
    fmt.setLineHeight(LINE_HEIGHT_PERCENT, 1)  # 1 = ProportionalHeight
    fmt.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    fmt.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
    option = QTextOption()
    option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc = QTextDocument(parent)
    doc.setUndoRedoEnabled(False)
    doc.setDefaultFont(font)
    doc.setDefaultTextOption(option)
    ok = False
    for make in (lambda t: t, display_text, _fallback_text):
        doc.setPlainText(make(text))
        if doc.characterCount() - 1 == length_utf16:
            ok = True
            break
    if ok:
        cursor = QTextCursor(doc)
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(fmt)
        frame = doc.rootFrame().frameFormat()  # room for the first line's captions
        frame.setTopMargin(2 * QFontMetrics(font).height())
        doc.rootFrame().setFrameFormat(frame)
    else:
        doc.setPlainText("")
    return doc, ok
