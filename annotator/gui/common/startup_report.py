"""A report of the app's start, for the bundle's smoke test and the start-up benchmark.

With ``ANNOTATOR_STARTUP_REPORT=FILE`` in the environment, ``annotator gui`` opens its
window as usual, lets it paint its first article, writes FILE (JSON: when the article was
painted, on the ``time.perf_counter`` clock, which on Linux is the system-wide monotonic
clock a parent process can compare with its own; the interface language; the menu titles;
the article shown) and exits instead of waiting for the person.

It exists because a frozen build runs no Python of ours from outside: the test and the
benchmark can only start the real program and read what it says. The file is written
under a temporary name and renamed, so a reader never sees half of it.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from annotator.gui.common.i18n import current_language

ENV = "ANNOTATOR_STARTUP_REPORT"


def requested() -> Path | None:
    """The file the report goes to, if the environment asks for one."""
    value = os.environ.get(ENV, "").strip()
    return Path(value) if value else None


class _PaintCounter(QObject):
    """Counts paint events of the article view, so the report can say it painted."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def watch_paints(window: Any) -> _PaintCounter:
    """Start counting the article view's paints (call before the window is shown)."""
    counter = _PaintCounter()
    window.article_view.viewport().installEventFilter(counter)
    return counter


def write(app: QApplication, window: Any, counter: _PaintCounter, target: Path) -> int:
    """Let the shown window paint, write the report to ``target``; the exit code."""
    app.processEvents()
    painted_at = time.perf_counter()
    report = {
        "painted_at": painted_at,
        "painted": counter.count,
        "article_id": window.current_article_id,
        "language": current_language(),
        "menus": [action.text() for action in window.menuBar().actions()],
        "project": str(window.store.location),
    }
    partial = target.with_name(target.name + ".partial")
    partial.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, target)
    window.close()
    return 0 if counter.count and window.current_article_id is not None else 1
