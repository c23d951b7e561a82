"""The project file is the one that was opened, and it is complete on its own: a renamed
or deleted project is never written to; closing folds the write-ahead log back; a backup
of an open project holds every saved change."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from backend_helpers import FILE_ONLY

from annotator.core.errors import ProjectError, ProjectMovedError
from annotator.core.store import Store, open_store

NAME = "نائلة جبر"


def _span_count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT COUNT(*) FROM spans").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def tagged(seed_project: Store, seed_text: str) -> tuple[Store, int, int, int]:
    aid = seed_project.article_by_ext_id("seed").id
    start = seed_text.index(NAME)
    seed_project.add_span(aid, "salma", "PERS", start, start + len(NAME))
    return seed_project, aid, start, start + len(NAME)


@FILE_ONLY
def test_a_renamed_project_is_not_written_and_says_where_it_went(tagged) -> None:
    store, aid, s, e = tagged
    moved = store.path.with_name("renamed.db")
    os.rename(store.path, moved)
    with pytest.raises(ProjectMovedError) as err:
        store.add_span(aid, "salma", "ORG", s, e)
    assert str(err.value) == (
        f"{store.path} was renamed, moved or deleted while open (it is now at {moved});"
        " not saved. Reopen the project to go on"
    )
    assert store.moved_to() == moved
    with pytest.raises(ProjectMovedError):
        store.set_status(aid, "salma", note="ملاحظة")
    store.close()
    # The renamed file has the work saved before the rename and nothing after it.
    with open_store(moved) as again:
        assert [sp.label for sp in again.spans(aid)] == ["PERS"]
        assert again.status(aid, "salma").note == ""


@FILE_ONLY
def test_a_deleted_project_is_not_written(tagged) -> None:
    store, aid, s, e = tagged
    store.path.unlink()
    with pytest.raises(ProjectMovedError, match=r"\(it was deleted\); not saved"):
        store.add_span(aid, "salma", "ORG", s, e)
    assert store.moved_to() is None


@FILE_ONLY
def test_a_file_put_in_the_projects_place_is_not_written(tagged, tmp_path: Path) -> None:
    store, aid, s, e = tagged
    saved = tmp_path / "elsewhere.db"
    shutil.copy(store.path, saved)
    os.replace(saved, store.path)  # same name, another file
    with pytest.raises(ProjectMovedError):
        store.add_span(aid, "salma", "ORG", s, e)


@FILE_ONLY
def test_closing_folds_the_log_so_the_file_alone_is_complete(tagged, tmp_path: Path) -> None:
    store, aid, s, e = tagged
    wal = store.path.with_name(store.path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the newest work waits there
    store.close()
    assert not wal.exists()
    copy = tmp_path / "copy.db"
    shutil.copy(store.path, copy)  # `cp` of the .db alone
    assert _span_count(copy) == 1


@FILE_ONLY
def test_closing_one_of_two_windows_keeps_the_other_working(tagged) -> None:
    store, aid, s, e = tagged
    other = open_store(store.path)
    other.close()  # folds the log while the first one is still open
    assert store.add_span(aid, "salma", "ORG", s, e).label == "ORG"
    assert _span_count(store.path) in (1, 2)  # the log holds the newest one again


def test_backup_of_an_open_project_holds_every_saved_change(tagged, tmp_path: Path) -> None:
    store, aid, s, e = tagged
    out = tmp_path / "backup.db"
    store.backup_to(out)
    assert not out.with_name("backup.db-wal").exists()
    assert _span_count(out) == 1  # a project file, whichever the backend
    with open_store(out) as copy:
        assert [sp.label for sp in copy.spans(aid)] == ["PERS"]
        assert copy.project_uid() == store.project_uid()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".backup")] == []


def test_backup_into_a_missing_folder_is_one_line(tagged, tmp_path: Path) -> None:
    store, *_ = tagged
    with pytest.raises(ProjectError, match="folder .* does not exist"):
        store.backup_to(tmp_path / "nope" / "b.db")
