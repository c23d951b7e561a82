"""Application start-up (placeholder until the workspace lands)."""

from __future__ import annotations

import sys
from pathlib import Path


def run(db: Path | None, annotator: str | None) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    from annotator.core.store import Store

    app = QApplication.instance() or QApplication(sys.argv)
    text = "annotator"
    if db is not None:
        with Store.open(db) as store:
            text = f"{db}: {store.article_count()} articles"
    label = QLabel(text)
    label.show()
    return app.exec()
