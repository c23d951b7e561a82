"""Desktop app start-up: ``run`` (the ``annotator gui`` command) and ``build_main_window``.

- ``build_main_window(path, annotator, *, settings=None) -> MainWindow``: the window for a
  project and annotator, resumed at the annotator's last article, without any dialog
  (tests, scripts). ``settings`` is a ``QSettings`` (default: the user's).
- ``run(db, annotator) -> int``: starts the app; asks the annotator name once if it is
  neither given nor remembered, and a project if none is given (the standalone app opens
  its sample project then, ``common/sample_project.py``). With
  ``ANNOTATOR_STARTUP_REPORT=FILE`` it reports its first painted article and exits
  (``common/startup_report.py``: the bundle's smoke test and start-up benchmark).

The window and its parts are in ``annotator.gui.workspace`` (main_window.py lists them);
what the window offers its parts, search and scripts is written down there: the ``store``,
``annotator``, ``current_article_id``, ``article_view``, ``undo_stack``,
``open_article(article_id, select=None)``, ``refresh()``, ``tag_range(start, end, label)``
(the path a label key takes), and the signals ``articleOpened(int)`` and ``spansChanged()``.
Object names tests rely on: ``articleList``, ``articleView``, ``labelPalette``,
``spanList``, ``noteEdit``, ``statusFilter``, ``titleFilter``.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog

from annotator.core.errors import AnnotatorError
from annotator.core.store import is_server_url
from annotator.gui.common import settings as prefs
from annotator.gui.common import startup_report
from annotator.gui.common.i18n import install_language, tr
from annotator.gui.common.sample_project import sample_project
from annotator.gui.dialogs.open_project import OpenProjectDialog
from annotator.gui.workspace.main_window import MainWindow, open_main_window

__all__ = ["MainWindow", "build_main_window", "run"]


def build_main_window(
    path: str | Path, annotator: str, *, settings: QSettings | None = None
) -> MainWindow:
    """Open the project at ``path`` for ``annotator`` and build its window (not shown)."""
    settings = settings if settings is not None else prefs.default_settings()
    return open_main_window(path, annotator, settings=settings)


def _ask_annotator(settings: QSettings) -> str | None:
    saved = str(settings.value("annotator/name", "") or "").strip()
    if saved:
        return saved
    name, ok = QInputDialog.getText(
        None, "annotator", tr("Your annotator name:")
    )
    name = name.strip()
    if not ok or not name:
        return None
    settings.setValue("annotator/name", name)
    return name


def _ask_project(settings: QSettings) -> str | Path | None:
    recent = [p for p in prefs.recent_projects(settings) if is_server_url(p) or Path(p).exists()]
    if recent:
        return recent[0] if is_server_url(recent[0]) else Path(recent[0])
    sample = sample_project()
    if sample is not None:
        return sample
    path, _ = QFileDialog.getOpenFileName(
        None,
        tr("Open a project"),
        "",
        tr("Projects (*.db *.sqlite);;All files (*)"),
    )
    return Path(path) if path else None


def app_icon() -> QIcon:
    """The windows' icon, from the package (a checkout, a wheel and the standalone app
    alike); the desktop entry installed by packaging/install.sh shows the same picture."""
    try:
        data = resources.files("annotator.gui").joinpath("icons", "annotator.png").read_bytes()
    except (OSError, ModuleNotFoundError):
        return QIcon()
    pixmap = QPixmap()
    pixmap.loadFromData(data)
    return QIcon(pixmap)


def run(db: str | Path | None, annotator: str | None) -> int:
    """Start the desktop app; returns the exit code."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("annotator")
    # Wayland compositors and docks match the window to annotator.desktop by this name.
    app.setDesktopFileName("annotator")
    app.setWindowIcon(app_icon())
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
    if not is_server_url(path) and not Path(path).exists():
        print(
            f"Error: {path}: no such project file (create one with: annotator init {path})",
            file=sys.stderr,
        )
        return 1
    try:
        window = build_main_window(path, name, settings=settings)
    except AnnotatorError as exc:
        window = _retry_on_server(path, name, settings, exc)
        if window is None:
            print(f"Error: {exc}", file=sys.stderr)
            return 1
    report_to = startup_report.requested()
    paints = startup_report.watch_paints(window) if report_to else None
    window.show()
    if report_to is not None and paints is not None:
        return startup_report.write(app, window, paints, report_to)
    return app.exec()


def _retry_on_server(
    path: str | Path, name: str, settings: QSettings, exc: AnnotatorError
) -> MainWindow | None:
    """A server project that does not open (its password is never kept, the server may be
    elsewhere now): the Open dialog on it, with the reason, until it opens or is given up."""
    if not is_server_url(path):
        return None
    dialog = OpenProjectDialog(None, str(path))
    dialog.problem.setText(str(exc))
    while dialog.exec() == OpenProjectDialog.DialogCode.Accepted and dialog.target():
        try:
            return build_main_window(dialog.target() or "", name, settings=settings)
        except AnnotatorError as again:
            dialog.problem.setText(str(again))
    return None
