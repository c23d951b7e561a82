from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import ProjectError, SchemaTooNewError
from annotator.core.store import create_store, open_store
from annotator.core.store.sqlite import schema


def _snapshot(path: Path) -> bytes:
    return path.read_bytes()


def test_create_sets_identity_and_durability(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    create_store(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.CURRENT_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with open_store(path) as store:
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_create_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    path.write_text("keep me")
    with pytest.raises(ProjectError, match="already exists"):
        create_store(path)
    assert path.read_text() == "keep me"


@pytest.mark.parametrize(
    "content, message",
    [(b"", "empty file"), (b"hello, not a database\n" * 20, "not a SQLite database")],
)
def test_not_sqlite_is_refused_untouched(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(ProjectError, match=message) as info:
        open_store(path)
    assert str(path) in str(info.value)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_foreign_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "scraper.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE posts (body TEXT)")
    conn.commit()
    conn.close()
    before = _snapshot(path)
    with pytest.raises(ProjectError, match="not an annotator project"):
        open_store(path)
    assert _snapshot(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scraper.db"]


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="no such project file"):
        open_store(tmp_path / "nope.db")


def test_newer_schema_is_refused_not_migrated_down(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    create_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.CURRENT_VERSION + 1}")
    conn.close()
    before = _snapshot(path)
    with pytest.raises(SchemaTooNewError, match="newer annotator"):
        open_store(path)
    assert _snapshot(path) == before


def test_migration_backs_up_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.db"
    with create_store(path) as store:
        store.set_setting("marker", "v1-data")
    extra = schema.CURRENT_VERSION + 1
    monkeypatch.setitem(
        schema.MIGRATIONS, extra, "CREATE TABLE future_table (x INTEGER);"
    )
    monkeypatch.setattr(schema, "CURRENT_VERSION", extra)
    from annotator.core.store.sqlite import project_file

    monkeypatch.setattr(project_file, "CURRENT_VERSION", extra)
    with open_store(path) as store:
        backup = store.migration_backup
        assert backup is not None and backup.exists()
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == extra
        assert store.get_setting("marker") == "v1-data"
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == extra - 1
    assert old.execute("SELECT value FROM settings").fetchone()[0] == "v1-data"
    assert not old.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'future_table'"
    ).fetchone()


def test_failed_migration_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.db"
    create_store(path).close()
    extra = schema.CURRENT_VERSION + 1
    monkeypatch.setitem(
        schema.MIGRATIONS, extra, "CREATE TABLE t (x INTEGER); THIS IS NOT SQL;"
    )
    from annotator.core.store.sqlite import project_file

    monkeypatch.setattr(project_file, "CURRENT_VERSION", extra)
    with pytest.raises(ProjectError, match="cannot open project"):
        open_store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == extra - 1
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 't'").fetchone()


def test_read_only_file_is_refused_for_writing(tmp_path: Path) -> None:
    """Permission bits hold for ordinary users; a read-only store holds for root too."""
    import os

    from annotator.core.errors import WriteFailedError

    path = tmp_path / "p.db"
    create_store(path).close()
    before = _snapshot(path)
    os.chmod(path, 0o444)
    try:
        if not os.access(path, os.W_OK):  # root can write anyway: see tests/reliability
            with pytest.raises(ProjectError, match="read-only"):
                open_store(path)
        with open_store(path, readonly=True) as store:
            assert store.article_count() == 0
            with pytest.raises(WriteFailedError, match="read-only; not saved"):
                store.set_setting("k", "v")
            with pytest.raises(WriteFailedError, match="read-only; not saved"):
                store.add_label("NEW")
        assert _snapshot(path) == before
    finally:
        os.chmod(path, 0o644)
