"""Shared fixtures. Qt runs offscreen in every test, set here rather than by hand."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent / "data"
SEED_ARTICLE = DATA / "seed_article.txt"
WOJOOD_TEST = DATA / "wojood" / "test.txt"


@pytest.fixture
def seed_text() -> str:
    return SEED_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path):
    """A fresh project with the default labels, closed after the test."""
    from annotator.core.labels import default_labels
    from annotator.core.store import create_store

    store = create_store(tmp_path / "project.db", default_labels())
    yield store
    store.close()


@pytest.fixture
def seed_project(project, seed_text):
    """A project holding the seed article (ext id ``seed``)."""
    from annotator.core.model import ArticleIn

    with project.transaction():
        project.insert_article(ArticleIn(ext_id="seed", text=seed_text, title="التضامن"))
    return project


@pytest.fixture
def settings(tmp_path: Path):
    """App settings in a private file, so tests never touch the user's."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, settings):
    """Build and show a main window on a project; closed after the test."""
    from annotator.gui.app import build_main_window

    def make(path: Path, annotator: str = "salma"):
        window = build_main_window(path, annotator, settings=settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make
