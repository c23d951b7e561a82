"""The middle of the main window: the article's title and details above the article view.

Titles, authors and metadata come from scraped pages, so every label here shows plain
text (never rich text). The panel also owns the view's font and spacing: zoom, the font
dialog and View > Comfortable spacing change them and remember them in the user's settings.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFontDialog, QLabel, QVBoxLayout, QWidget

from annotator.core.model import Article
from annotator.gui.article_view import ArticleView
from annotator.gui.common import settings as prefs


def _plain_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def meta_text(article: Article) -> str:
    """The details line: id, author, date, source, then up to eight metadata fields."""
    parts = [p for p in (article.author, article.published, article.source) if p]
    parts.insert(0, article.ext_id)
    line = "  ·  ".join(parts)
    if article.meta:
        line += "\n" + "  ·  ".join(f"{k}: {v}" for k, v in list(article.meta.items())[:8])
    return line


class ArticlePanel(QWidget):
    """``title_label`` and ``meta_label`` over ``view``, the article itself."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.title_label = _plain_label(self, "articleTitle")
        font = self.title_label.font()
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        self.title_label.setFont(font)
        self.meta_label = _plain_label(self, "articleMeta")
        self.meta_label.setStyleSheet("color: #555")
        for lab in (self.title_label, self.meta_label):
            lab.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
            lab.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        self.view = ArticleView(self)
        self.view.setFont(prefs.article_font(settings))
        self.view.set_compact(not prefs.comfortable_spacing(settings))
        cv = QVBoxLayout(self)
        cv.setContentsMargins(4, 0, 4, 0)
        cv.addWidget(self.title_label)
        cv.addWidget(self.meta_label)
        cv.addWidget(self.view, 1)

    def show_header(self, article: Article) -> None:
        """Title (hidden when there is none) and details of ``article``."""
        self.title_label.setText(article.title)
        self.title_label.setVisible(bool(article.title))
        self.meta_label.setText(meta_text(article))

    # -- font and spacing ------------------------------------------------------------

    @property
    def comfortable(self) -> bool:
        """Every line keeps room for label captions (else only lines with spans do)."""
        return not self.view.compact

    def set_comfortable(self, on: bool) -> None:
        self.view.set_compact(not on)
        prefs.save_comfortable_spacing(self.settings, bool(on))

    def zoom(self, step: int) -> None:
        font = self.view.font()
        size = max(prefs.MIN_SIZE, min(prefs.MAX_SIZE, font.pointSize() + step))
        font.setPointSize(size)
        self.view.setFont(font)
        prefs.save_article_font(self.settings, font)

    def choose_font(self) -> None:
        ok, font = QFontDialog.getFont(self.view.font(), self.window())
        if ok:
            self.view.setFont(font)
            prefs.save_article_font(self.settings, font)
