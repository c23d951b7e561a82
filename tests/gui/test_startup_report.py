"""The start-up report (``ANNOTATOR_STARTUP_REPORT``): what the bundle's smoke test and the
start-up benchmark read from a real start of the app, in either language."""

from __future__ import annotations

import json
import time

import pytest
from PySide6.QtWidgets import QApplication

import annotator.gui.app as app_mod
from annotator.gui.common import i18n, startup_report
from annotator.gui.common import settings as prefs
from annotator.gui.workspace.main_window import MainWindow


@pytest.fixture
def user_settings(settings, monkeypatch, qapp):
    monkeypatch.setattr(prefs, "default_settings", lambda: settings)
    yield settings
    i18n.remove_language(qapp)


def _windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def test_without_the_variable_nothing_is_reported(monkeypatch) -> None:
    monkeypatch.delenv(startup_report.ENV, raising=False)
    assert startup_report.requested() is None
    monkeypatch.setenv(startup_report.ENV, "  ")
    assert startup_report.requested() is None


def test_the_report_says_the_first_article_painted_in_arabic(
    user_settings, project_path, tmp_path, monkeypatch
) -> None:
    report = tmp_path / "start.json"
    monkeypatch.setenv(startup_report.ENV, str(report))
    user_settings.setValue("ui/language", "ar")
    before = time.perf_counter()
    assert app_mod.run(project_path, "salma") == 0
    got = json.loads(report.read_text(encoding="utf-8"))
    assert before < got["painted_at"] < time.perf_counter()
    assert got["painted"] >= 1 and got["article_id"] is not None
    assert got["language"] == "ar"
    assert got["menus"][0] == "ملف" and "File" not in got["menus"]
    assert got["project"] == str(project_path.resolve())
    assert not report.with_name("start.json.partial").exists()
    assert all(not w.isVisible() for w in _windows())  # it did not wait for a person
    app = QApplication.instance()
    assert app.desktopFileName() == "annotator"  # matches resources/annotator.desktop
    assert app.windowIcon().pixmap(64, 64).width() == 64


def test_in_english_the_menus_are_english(
    user_settings, project_path, tmp_path, monkeypatch
) -> None:
    report = tmp_path / "start.json"
    monkeypatch.setenv(startup_report.ENV, str(report))
    user_settings.setValue("ui/language", "en")
    assert app_mod.run(project_path, "salma") == 0
    got = json.loads(report.read_text(encoding="utf-8"))
    assert got["language"] == "en" and got["menus"][:2] == ["File", "Edit"]
