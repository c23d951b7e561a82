"""Desktop app start-up, and the main-window API the other GUI parts build on.

Stable API (keep it; export, review and search helpers rely on it):

- ``build_main_window(path, annotator, *, settings=None) -> MainWindow``: the window for a
  project and annotator, resumed at the annotator's last article, without any dialog
  (tests, scripts). ``settings`` is a ``QSettings`` (default: the user's).
- ``run(db, annotator) -> int``: starts the app; asks the annotator name once if it is
  neither given nor remembered, and a project if none is given.
- ``MainWindow`` attributes and methods:
    ``store`` (``Store``), ``annotator`` (str), ``current_article_id`` (int | None),
    ``open_article(article_id, select=None)`` (``select``: a code-point range to select
    and scroll to), ``article_view`` (``ArticleView``, with
    ``set_extra_highlights(name, ranges, color)`` for code-point ranges and
    ``selection_cp()``), ``refresh()`` (reload spans from the store), ``undo_stack``
    (``annotator.core.undo.UndoStack``), ``tag_range(start, end, label) -> Span`` (the
    same path a label key takes; raises ``AnnotatorError`` when nothing was stored),
    signals ``articleOpened(int)`` and ``spansChanged()``.
- Object names: ``articleList``, ``articleView``, ``labelPalette`` (also ``spanList``,
  ``noteEdit``, ``statusFilter``, ``titleFilter``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog

from annotator.core.errors import AnnotatorError, ProjectError
from annotator.core.store import DAMAGED_ERRORS, open_store
from annotator.gui import settings as prefs
from annotator.gui.main_window import MainWindow

__all__ = ["MainWindow", "build_main_window", "run"]


def build_main_window(
    path: str | Path, annotator: str, *, settings: QSettings | None = None
) -> MainWindow:
    """Open the project at ``path`` for ``annotator`` and build its window (not shown)."""
    if not annotator or not annotator.strip():
        raise AnnotatorError("the annotator name is empty")
    settings = settings if settings is not None else prefs.default_settings()
    try:
        store = open_store(path)
    except DAMAGED_ERRORS as exc:
        raise ProjectError(f"{path}: the project file is damaged ({exc})") from None
    try:
        window = MainWindow(store, annotator.strip(), settings)
        window.owns_store = True
        window.resume()
    except DAMAGED_ERRORS as exc:
        store.close()
        raise ProjectError(f"{path}: the project file is damaged ({exc})") from None
    except BaseException:
        store.close()
        raise
    prefs.remember_project(settings, path)
    _install_search(window)
    return window


def _install_search(window: MainWindow) -> None:
    try:
        from annotator.gui.search_ui import install_search
    except ModuleNotFoundError as exc:
        if exc.name != "annotator.gui.search_ui":
            raise
        return
    install_search(window)


def _ask_annotator(settings: QSettings) -> str | None:
    saved = str(settings.value("annotator/name", "") or "").strip()
    if saved:
        return saved
    name, ok = QInputDialog.getText(
        None, "annotator", QCoreApplication.translate("App", "Your annotator name:")
    )
    name = name.strip()
    if not ok or not name:
        return None
    settings.setValue("annotator/name", name)
    return name


def _ask_project(settings: QSettings) -> Path | None:
    recent = [p for p in prefs.recent_projects(settings) if Path(p).exists()]
    if recent:
        return Path(recent[0])
    path, _ = QFileDialog.getOpenFileName(
        None,
        QCoreApplication.translate("App", "Open a project"),
        "",
        QCoreApplication.translate("App", "Projects (*.db *.sqlite);;All files (*)"),
    )
    return Path(path) if path else None


def run(db: Path | None, annotator: str | None) -> int:
    """Start the desktop app; returns the exit code."""
    from annotator.gui.i18n import install_language

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("annotator")
    settings = prefs.default_settings()
    install_language(app, prefs.language(settings))
    if annotator:
        settings.setValue("annotator/name", annotator)
    name = annotator or _ask_annotator(settings)
    if not name:
        return 0
    path = db or _ask_project(settings)
    if path is None:
        return 0
    if not Path(path).exists():
        print(
            f"Error: {path}: no such project file (create one with: annotator init {path})",
            file=sys.stderr,
        )
        return 1
    try:
        window = build_main_window(path, name, settings=settings)
    except AnnotatorError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    window.show()
    return app.exec()
