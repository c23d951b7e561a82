"""Switching projects from a window (File > Open, Recent): the window part that opens a
project is handed a factory by the window's module, so it needs no import of the app."""

from __future__ import annotations

import shutil
from pathlib import Path

from gui_helpers import SEED_NAME

from annotator.core.store import open_store


def test_opening_another_project_replaces_the_window(window, project_path, tmp_path, qtbot):
    other = tmp_path / "other.db"
    shutil.copy(project_path, other)
    new = window.files.switch_project(other)
    assert new is not None
    qtbot.addWidget(new)
    assert new.store.path == other and new.annotator == window.annotator
    assert not window.isVisible()
    # The new window works on the new file, and only on it.
    text = new.article_view.text
    i = text.index(SEED_NAME)
    new.tag_range(i, i + len(SEED_NAME), "PERS")
    with open_store(other) as store:
        assert [s.label for s in store.spans(new.current_article_id, ["salma"])] == ["PERS"]
    with open_store(project_path) as store:
        assert store.spans(new.current_article_id, ["salma"]) == []


def test_a_project_that_is_gone_keeps_this_window(window, tmp_path: Path):
    missing = tmp_path / "moved-away.db"
    assert window.files.switch_project(missing) is None
    assert window.last_error == f"{missing}: no such project file"
    assert window.isVisible()
    text = window.article_view.text
    i = text.index(SEED_NAME)
    assert window.tag_range(i, i + len(SEED_NAME), "PERS").label == "PERS"


def test_a_file_that_is_no_project_keeps_this_window(window, tmp_path: Path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("not a database", encoding="utf-8")
    assert window.files.switch_project(bogus) is None
    assert window.last_error == f"{bogus}: not a SQLite database, not an annotator project"
    assert bogus.read_text(encoding="utf-8") == "not a database"
    assert window.isVisible()
