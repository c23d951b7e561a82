"""The article's ``QTextDocument``, built so that its positions match the stored text.

The view never derives offsets from its own text (``toPlainText`` rewrites NBSP and
paragraph separators). After loading, the document's length is checked against the text's
UTF-16 length; a known mismatch ("\\r\\n" collapses into one break) is repaired by a
same-length display text, and an unknown one gives an empty document, so that the caller
disables tagging rather than storing wrong offsets.

Spacing changes only block formats, never a character, so it cannot move an offset:

- comfortable: every line is 170% high, room above each for the label captions;
- compact (the default): a line takes caption room only if a span starts in its paragraph,
  a blank line is a small gap, and a run of blank lines takes the room of one.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Collection

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)

LINE_HEIGHT_PERCENT = 170  # comfortable: room above every line for the label captions
BLANK_LINE_SHARE = 0.4  # compact: a blank line between paragraphs, as a share of a line
CAPTION_SCALE = 0.45  # label captions, as a share of the article's font size
_PROPORTIONAL, _FIXED = 1, 2  # QTextBlockFormat.LineHeightTypes


def display_text(text: str) -> str:
    """A text the same length as ``text`` (in UTF-16) that QTextDocument will not shorten."""
    return text.replace("\r\n", " \n")


def _fallback_text(text: str) -> str:
    """Last resort: every control or separator but "\\n" becomes a space, one for one."""
    return "".join(
        " " if ch != "\n" and unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Cs") else ch
        for ch in text
    )


def caption_font(font: QFont) -> QFont:
    """The small bold type of the label captions drawn above the spans."""
    small = QFont(font)
    small.setPointSizeF(max(6.0, font.pointSizeF() * CAPTION_SCALE))
    small.setBold(True)
    return small


class Spacing:
    """How lines are spaced in one document: comfortable, or compact around ``span_blocks``."""

    def __init__(self, font: QFont, compact: bool) -> None:
        self.compact = compact
        metrics = QFontMetrics(font)
        self.line = max(1, metrics.lineSpacing())
        #: Room above a line for its captions (compact), in pixels.
        self.caption = QFontMetrics(caption_font(font)).height()
        self.blank = max(1, round(self.line * BLANK_LINE_SHARE))
        self.frame_top = 2 * metrics.height() if not compact else self.caption

    def block_format(self, block: QTextBlock, has_span: bool) -> QTextBlockFormat:
        """The format of ``block``: its direction, alignment and height."""
        fmt = QTextBlockFormat()
        fmt.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        fmt.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        if not self.compact:
            fmt.setLineHeight(LINE_HEIGHT_PERCENT, _PROPORTIONAL)
        elif has_span:
            # Room above the first line, and above each wrapped line (Qt adds a line's
            # extra height below it, where the next line's captions are drawn).
            fmt.setTopMargin(self.caption)
            extra = math.ceil(100 * self.caption / self.line)
            fmt.setLineHeight(100 + extra, _PROPORTIONAL)
        elif is_blank(block):
            follows_blank = block.previous().isValid() and is_blank(block.previous())
            fmt.setLineHeight(0 if follows_blank else self.blank, _FIXED)
        return fmt


def is_blank(block: QTextBlock) -> bool:
    return not block.text().strip()


def span_blocks(doc: QTextDocument, starts_utf16: Collection[int]) -> set[int]:
    """Numbers of the blocks (paragraphs) in which a span starts."""
    return {doc.findBlock(pos).blockNumber() for pos in starts_utf16}


def apply_spacing(doc: QTextDocument, spacing: Spacing, with_spans: set[int]) -> None:
    """Format every block of ``doc`` (cheap on a document no view shows yet)."""
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    block = doc.begin()
    while block.isValid():
        cursor.setPosition(block.position())
        cursor.setBlockFormat(spacing.block_format(block, block.blockNumber() in with_spans))
        block = block.next()
    cursor.endEditBlock()
    frame = doc.rootFrame().frameFormat()  # room for the first line's captions
    frame.setTopMargin(spacing.frame_top)
    doc.rootFrame().setFrameFormat(frame)


def reformat_blocks(
    doc: QTextDocument, spacing: Spacing, numbers: Collection[int], with_spans: set[int]
) -> None:
    """Format only the blocks ``numbers`` again (a tag changed which of them hold spans)."""
    if not spacing.compact or not numbers:
        return
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    for number in sorted(numbers):
        block = doc.findBlockByNumber(number)
        if block.isValid():
            cursor.setPosition(block.position())
            cursor.setBlockFormat(spacing.block_format(block, number in with_spans))
    cursor.endEditBlock()


def build_document(
    text: str,
    length_utf16: int,
    font: QFont,
    parent: QObject,
    spacing: Spacing | None = None,
    starts_utf16: Collection[int] = (),
) -> tuple[QTextDocument, bool]:
    """The article's document, right-to-left, built off screen; False if no display text
    had the stored text's length (``length_utf16``), and the document is then empty.

    ``starts_utf16`` are where the spans start, for the compact spacing. Formatting a
    detached document costs nothing (no layout listens); formatting the shown one
    re-lays out the whole article.
    """
    spacing = spacing or Spacing(font, compact=True)
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
        apply_spacing(doc, spacing, span_blocks(doc, starts_utf16))
    else:
        doc.setPlainText("")
    return doc, ok
