"""Read-only projects: a clear message, never a raw SQLite error, and nothing modified.

Root (CI) ignores permission bits, so read-only is made real two ways: a store opened with
``readonly=True`` (SQLite itself refuses writes) and a tmpfs remounted read-only (the
kernel refuses them, for root too).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli.main import cli
from annotator.core.errors import ProjectError, WriteFailedError
from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn
from annotator.core.store import Store, create_store, open_store

NAME = "نائلة جبر"


def _make(path: Path, seed_text: str) -> tuple[int, int]:
    with create_store(path, default_labels()) as store:
        with store.transaction():
            art = store.insert_article(ArticleIn(ext_id="seed", text=seed_text))
        start = seed_text.index(NAME)
        span = store.add_span(art, "salma", "PERS", start, start + len(NAME))
        store.set_status(art, "salma", "in_progress")
    return art, span.id


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        # the -shm index is not data; a read-only reader may leave an empty -wal behind
        if p.is_file() and not p.name.endswith("-shm") and p.stat().st_size
    }


WRITES: dict[str, Callable[[Store, int, int], object]] = {
    "tag": lambda s, a, sp: s.add_span(a, "salma", "LOC", 0, 4),
    "relabel": lambda s, a, sp: s.relabel_span(sp, "ORG"),
    "delete": lambda s, a, sp: s.delete_span(sp),
    "move": lambda s, a, sp: s.move_span(sp, 1, 3),
    "status": lambda s, a, sp: s.set_status(a, "salma", "done"),
    "new annotator": lambda s, a, sp: s.add_span(a, "omar", "PERS", 0, 4),
    "label": lambda s, a, sp: s.add_label("NEW"),
    "edit label": lambda s, a, sp: s.update_label("PERS", display_name="x"),
    "remove label": lambda s, a, sp: s.remove_label("DATE"),
    "setting": lambda s, a, sp: s.set_setting("k", "v"),
}


def _bulk(store: Store) -> None:
    with store.transaction():
        store.insert_article(ArticleIn(ext_id="new", text="نص جديد"))


@pytest.mark.parametrize("write", sorted(WRITES))
def test_readonly_store_refuses_every_write_cleanly(
    tmp_path: Path, seed_text: str, write: str
) -> None:
    path = tmp_path / "project.db"
    art, span = _make(path, seed_text)
    before = _digest(tmp_path)
    with open_store(path, readonly=True) as store:
        with pytest.raises(WriteFailedError, match="read-only; not saved"):
            WRITES[write](store, art, span)
        assert not store.conn.in_transaction
        (kept,) = store.spans(art)
        assert (kept.label, kept.text_in(seed_text)) == ("PERS", NAME)
    assert _digest(tmp_path) == before


def test_readonly_store_refuses_a_bulk_write_cleanly(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "project.db"
    _make(path, seed_text)
    before = _digest(tmp_path)
    with open_store(path, readonly=True) as store:
        with pytest.raises(WriteFailedError, match="read-only; not saved"):
            _bulk(store)
        assert store.article_count() == 1
    assert _digest(tmp_path) == before


def test_readonly_filesystem_is_real_even_for_root(
    mounts, tmp_path: Path, seed_text: str
) -> None:
    disk = mounts.tmpfs("ro")
    path = disk / "project.db"
    art, _span = _make(path, seed_text)
    before = _digest(disk)
    mounts.remount_readonly(disk)
    assert not os.access(path, os.W_OK)  # the kernel says no, even to root

    with pytest.raises(ProjectError, match="read-only; open it read-only or copy it") as info:
        open_store(path)
    assert str(path) in str(info.value)

    with open_store(path, readonly=True) as store:
        (span,) = store.spans(art)
        assert span.text_in(store.article_text(art)) == NAME
        assert store.status(art, "salma").status == "in_progress"
        with pytest.raises(WriteFailedError, match="read-only"):
            store.add_span(art, "salma", "LOC", 0, 4)
        with pytest.raises(WriteFailedError, match="read-only"):
            _bulk(store)

    with pytest.raises(ProjectError, match="read-only; cannot create"):
        create_store(disk / "new.db")

    # the command line: reading commands work, writing ones say why they cannot
    runner = CliRunner()
    out = tmp_path / "train.jsonl"
    done = runner.invoke(cli, ["export", str(path), str(out), "--annotator", "salma",
                               "--status", "all"])
    assert done.exit_code == 0, done.output
    assert NAME in out.read_text(encoding="utf-8")
    refused = runner.invoke(cli, ["labels", "add", str(path), "NEW"])
    assert refused.exit_code == 1
    assert refused.output.startswith("Error: ") and "read-only" in refused.output
    assert "Traceback" not in refused.output

    assert _digest(disk) == before
    assert sorted(p.name for p in disk.iterdir()) == ["project.db"]


def test_readonly_filesystem_with_a_wal_left_behind(
    mounts, tmp_path: Path, seed_text: str
) -> None:
    """A copy taken while the app was open has -wal and -shm beside it: read them too."""
    import shutil

    live = tmp_path / "live.db"
    art, _span = _make(live, seed_text)
    writer = open_store(live)
    try:
        writer.set_status(art, "salma", "done")  # only in the WAL so far
        disk = mounts.tmpfs("ro")
        for suffix in ("", "-wal", "-shm"):
            shutil.copyfile(f"{live}{suffix}", disk / f"project.db{suffix}")
    finally:
        writer.close()
    assert (disk / "project.db-wal").stat().st_size > 0
    mounts.remount_readonly(disk)
    with open_store(disk / "project.db", readonly=True) as store:
        assert store.status(art, "salma").status == "done"
        assert len(store.spans(art)) == 1


def test_readonly_folder_for_ordinary_users(tmp_path: Path, seed_text: str) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "project.db"
    _make(path, seed_text)
    before = _digest(folder)
    os.chmod(folder, 0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("root ignores folder permissions; the tmpfs test covers root")
        with pytest.raises(ProjectError, match="read-only"):
            open_store(path)
        with pytest.raises(ProjectError, match="read-only; cannot create"):
            create_store(folder / "new.db")
    finally:
        os.chmod(folder, 0o755)
    assert _digest(folder) == before


def test_skip_invalid_beside_an_input_on_a_readonly_disk_is_refused_first(
    mounts, tmp_path: Path, project: Store
) -> None:
    """Pins the check before anything is read: the rejects file would go beside the input,
    on a read-only disk; the import is refused with the way out, word for word, and the
    project is untouched (found only when writing the rejects at the end, the whole run
    would be lost)."""
    from annotator.core.errors import ValidationError
    from annotator.core.formats.import_run import run_import

    disk = mounts.tmpfs("inputs")
    src = disk / "a.jsonl"
    src.write_text('{"text": "نص جيد"}\n{\n', encoding="utf-8")
    mounts.remount_readonly(disk)
    assert not os.access(disk, os.W_OK)  # the kernel says no, even to root
    with pytest.raises(ValidationError) as info:
        run_import(project, [src], skip_invalid=True)
    assert str(info.value) == (
        f"--skip-invalid writes the rejected records to {disk}/a.jsonl.rejects.jsonl, but the"
        f" folder {disk} is read-only; copy the input to a folder you can write to, say where"
        " with --rejects FILE, or leave out --skip-invalid; nothing was imported"
    )
    assert project.article_count() == 0
    report = run_import(project, [src], skip_invalid=True, rejects=tmp_path / "r.jsonl")
    assert (report.articles_added, report.rejects_path) == (1, tmp_path / "r.jsonl")
