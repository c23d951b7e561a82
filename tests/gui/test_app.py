"""Start-up: the app runs on a project, remembers the annotator, refuses bad projects cleanly."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import annotator.gui.app as app_mod
from annotator.core.errors import AnnotatorError, ProjectError
from annotator.gui.app import build_main_window
from annotator.gui.common import i18n
from annotator.gui.common import settings as prefs
from annotator.gui.workspace.main_window import MainWindow


@pytest.fixture
def user_settings(settings, monkeypatch, qapp):
    monkeypatch.setattr(prefs, "default_settings", lambda: settings)
    settings.setValue("ui/language", "en")
    yield settings
    i18n.remove_language(qapp)


def test_run_opens_the_project_and_remembers_the_annotator(user_settings, project_path, qapp):
    shown: list[MainWindow] = []

    def close_it() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, MainWindow) and w.isVisible():
                shown.append(w)
                w.close()

    QTimer.singleShot(0, close_it)
    assert app_mod.run(project_path, "salma") == 0
    assert len(shown) == 1 and shown[0].annotator == "salma"
    assert user_settings.value("annotator/name") == "salma"
    assert prefs.recent_projects(user_settings) == [str(project_path.resolve())]


def test_run_refuses_a_missing_or_broken_project(user_settings, tmp_path, capsys):
    assert app_mod.run(tmp_path / "nope.db", "salma") == 1
    assert "no such project file" in capsys.readouterr().err
    junk = tmp_path / "junk.db"
    junk.write_text("<html>not a database</html>", encoding="utf-8")
    assert app_mod.run(junk, "salma") == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and "junk.db" in err and "Traceback" not in err


def test_build_main_window_refuses_bad_input(tmp_path, settings, project_path):
    with pytest.raises(AnnotatorError, match="annotator name is empty"):
        build_main_window(project_path, "  ", settings=settings)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00" * 100)
    with pytest.raises(ProjectError):
        build_main_window(junk, "salma", settings=settings)


def test_window_api_and_object_names(window):
    from annotator.core.undo import UndoStack

    assert window.findChild(object, "articleList") is window.article_list
    assert window.findChild(object, "articleView") is window.article_view
    assert window.findChild(object, "labelPalette") is window.palette_widget
    assert isinstance(window.undo_stack, UndoStack)
    assert window.store.article(window.current_article_id).ext_id == "seed"
    # Import, export and review are plain imports of the window: always there, even frozen.
    assert window.import_action.isEnabled() and window.export_action.isEnabled()
    assert window.review_action.isEnabled()


def test_a_damaged_project_file_is_named_not_a_traceback(tmp_path, settings):
    from annotator.core.labels import default_labels
    from annotator.core.model import ArticleIn
    from annotator.core.store import create_store

    path = tmp_path / "damaged.db"
    with create_store(path, default_labels()) as store, store.transaction():
        for i in range(200):
            store.insert_article(ArticleIn(ext_id=f"a{i}", text="نص طويل " * 200))
    data = bytearray(path.read_bytes())
    for off in range(8192, len(data) - 4096, 4096 * 5):
        data[off : off + 4096] = b"\xde\xad" * 2048  # a bad disk, a bad copy
    path.write_bytes(bytes(data))
    with pytest.raises(ProjectError, match="damaged.db.*damaged"):
        build_main_window(path, "salma", settings=settings)
    assert prefs.recent_projects(settings) == []  # a file that does not open is not "recent"


#: What the first paint of a project does not show, so opening the window must not load it
#: (each cost start-up time and memory: issue 18's budget is 0.4 s and 90 MB).
NOT_AT_START = (
    "sqlite_utils",  # which loads pandas and numpy when they are installed
    "pandas",
    "multiprocessing",  # the model's background training
    "pycrfsuite",
    "statistics",
    "annotator.core.tagger.crf",
    "annotator.core.tagger.background",
    "annotator.core.formats",  # import and export dialogs
    "annotator.gui.review",
    "annotator.gui.dialogs.team_progress",
)


def test_opening_the_window_loads_nothing_the_first_paint_does_not_show(project_path) -> None:
    import json
    import subprocess
    import sys

    code = (
        "import json, os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QSettings\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from annotator.gui.app import build_main_window\n"
        f"ini = {str(project_path.parent / 's.ini')!r}\n"
        "settings = QSettings(ini, QSettings.Format.IniFormat)\n"
        f"w = build_main_window(Path({str(project_path)!r}), 'salma', settings=settings)\n"
        "w.show(); app.processEvents()\n"
        "first = w.current_article_id is not None\n"
        "loaded = sorted(sys.modules)\n"
        "w.files.progress_dialog(); app.processEvents()\n"
        "print(json.dumps([first, loaded, 'annotator.gui.dialogs.team_progress' in sys.modules]))\n"
        "sys.stdout.flush(); os._exit(0)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    painted, loaded, progress_later = json.loads(out.strip().splitlines()[-1])
    assert painted
    early = [m for m in loaded if m.startswith(NOT_AT_START)]
    assert early == []
    assert progress_later  # Team > Progress still opens: it loads on demand
