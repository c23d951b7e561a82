"""Review and adjudication: the window the main window's Team > Review menu opens."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget

from annotator.core.store import Store, open_store
from annotator.gui.common import settings as prefs
from annotator.gui.common.i18n import install_language
from annotator.gui.review.window import ReviewWindow

DEFAULT_REVIEWER = "lead"


def open_review_window(
    parent: QWidget | None,
    store: Store,
    reviewer: str | None,
    settings: QSettings | None = None,
) -> ReviewWindow:
    """Show a review window on ``store``; decisions are recorded under ``reviewer``.
    ``settings`` (default: the user's) give the article font and the remembered sizes."""
    name = (reviewer or "").strip() or DEFAULT_REVIEWER
    window = ReviewWindow(store, name, parent, settings)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window


def run_review_app(db: Path, reviewer: str) -> int:
    """``annotator review-app``: the review window on its own."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    settings = prefs.default_settings()
    install_language(app, prefs.language(settings))
    with open_store(db) as store:
        window = open_review_window(None, store, reviewer, settings)
        window.raise_()
        code = app.exec()
    return code


__all__ = ["ReviewWindow", "open_review_window", "run_review_app"]
