"""A disk that fills up: a clear "disk is full", the project intact, nothing half-written.

Two ways to fill the disk: ``PRAGMA max_page_count`` makes SQLite itself report
SQLITE_FULL (runs everywhere), and a real 1 MB tmpfs (runs where mounting is allowed).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import WriteFailedError
from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn
from annotator.core.store import Store, create_store, open_store

BIG = "خبر عاجل من القاهرة " * 400  # about 8,000 characters, 15 kB of UTF-8


def _cap(store: Store, spare_pages: int) -> None:
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages + spare_pages}")


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def _ext_ids(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT ext_id FROM articles ORDER BY id")]
    finally:
        conn.close()


def test_bulk_write_on_a_full_disk_lands_not_at_all(seed_project: Store) -> None:
    store = seed_project
    art = store.article_by_ext_id("seed")
    kept = store.add_span(art.id, "salma", "PERS", 0, 5)
    _cap(store, 4)
    with pytest.raises(WriteFailedError, match="disk is full") as info:
        with store.transaction():
            for i in range(100):
                store.insert_article(ArticleIn(ext_id=f"big-{i}", text=BIG))
    assert "project.db" in str(info.value)
    assert not store.conn.in_transaction
    assert _ext_ids(store.path) == ["seed"]
    assert _integrity(store.path) == "ok"
    assert store.spans(art.id) == [kept]
    # the same open store works again once there is room
    store.conn.execute("PRAGMA max_page_count = 1073741823")
    with store.transaction():
        store.insert_article(ArticleIn(ext_id="after", text=BIG))
    assert _ext_ids(store.path) == ["seed", "after"]


def test_bulk_insert_many_on_a_full_disk(seed_project: Store) -> None:
    _cap(seed_project, 2)
    with pytest.raises(WriteFailedError, match="disk is full"):
        with seed_project.transaction():
            seed_project.insert_articles(
                [ArticleIn(ext_id=f"b{i}", text=BIG) for i in range(50)]
            )
    assert _ext_ids(seed_project.path) == ["seed"]
    assert _integrity(seed_project.path) == "ok"


def test_single_tag_on_a_full_disk(seed_project: Store) -> None:
    store = seed_project
    art = store.article_by_ext_id("seed")
    store.add_span(art.id, "salma", "PERS", 0, 5)  # annotator row exists
    # fill every free page with a note, so the next write needs a new page
    _cap(store, 0)
    with pytest.raises(WriteFailedError, match="disk is full"):
        store.set_status(art.id, "salma", "done", note="ملاحظة " * 5000)
    assert store.status(art.id, "salma").note == ""
    with pytest.raises(WriteFailedError, match=r"^setting: the disk is full; not saved$"):
        store.set_setting("big", "x" * 100_000)
    assert store.get_setting("big") is None
    assert _integrity(store.path) == "ok"


def test_real_full_disk_during_import(mounts, seed_text: str) -> None:
    small = mounts.tmpfs("small", "1m")
    path = small / "project.db"
    store = create_store(path, default_labels())
    with store.transaction():
        store.insert_article(ArticleIn(ext_id="seed", text=seed_text))
    art = store.article_by_ext_id("seed")
    start = seed_text.index("نائلة جبر")
    store.add_span(art.id, "salma", "PERS", start, start + 9)
    with pytest.raises(WriteFailedError, match="disk is full"):
        with store.transaction():
            for i in range(500):
                store.insert_article(ArticleIn(ext_id=f"big-{i}", text=BIG))
    assert not store.conn.in_transaction
    # tags still work after the failed import released its pages
    store.set_status(art.id, "salma", "done")
    store.close()
    assert _integrity(path) == "ok"
    assert _ext_ids(path) == ["seed"]
    with open_store(path) as again:
        (span,) = again.spans(art.id)
        assert span.text_in(again.article_text(art.id)) == "نائلة جبر"
        assert again.status(art.id, "salma").status == "done"
