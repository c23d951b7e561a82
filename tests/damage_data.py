"""Projects gone wrong, for the tests of ``annotator check`` and of the error matrix.

Each is a real project file changed the way a person or a disk changes it: a row deleted
with another SQLite tool (foreign keys are off by default there), an article's text
shortened by hand, bytes overwritten in the middle of the file, a schema version from
another release.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn
from annotator.core.store import create_store
from annotator.core.store.sqlite.schema import APPLICATION_ID, CURRENT_VERSION, MIGRATIONS

FIRST = "شاركت وزارة التضامن الاجتماعي في فيينا"
SECOND = "السفيرة نائلة جبر"
#: (article, label, words): salma's spans, in the order they are stored (span ids 1, 2, 3).
SPANS = [
    ("a1", "ORG", "وزارة التضامن الاجتماعي"),
    ("a1", "GPE", "فيينا"),
    ("a2", "PERS", "نائلة جبر"),
]


def healthy_project(path: Path) -> Path:
    """Two articles, three spans by salma, both articles done."""
    with create_store(path, default_labels()) as store:
        with store.transaction():
            ids = {
                "a1": store.insert_article(ArticleIn(ext_id="a1", text=FIRST, title="التضامن")),
                "a2": store.insert_article(ArticleIn(ext_id="a2", text=SECOND)),
            }
        for ext_id, label, words in SPANS:
            text = FIRST if ext_id == "a1" else SECOND
            start = text.index(words)
            store.add_span(ids[ext_id], "salma", label, start, start + len(words))
        for article_id in ids.values():
            store.set_status(article_id, "salma", "done")
    return path


def edit_by_hand(path: Path, *statements: str) -> Path:
    """Run SQL as another tool would: foreign keys off, CHECK constraints and triggers too."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA ignore_check_constraints = ON")
        triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        saved = list(triggers)
        for name, _sql in saved:
            conn.execute(f"DROP TRIGGER {name}")
        for sql in statements:
            conn.execute(sql)
        for _name, sql in saved:
            conn.execute(sql)
        conn.commit()
    finally:
        conn.close()
    return path


def damaged_project(path: Path) -> Path:
    """A real project whose pages in the middle were overwritten (a bad disk, a bad copy).

    Page 1 (the header, the schema) is intact, so the file still opens: SQLite finds the
    damage only where it reads it.
    """
    with create_store(path, default_labels()) as store, store.transaction():
        for i in range(120):
            store.insert_article(ArticleIn(ext_id=f"a{i}", text="نص الخبر عن وزارة التضامن " * 40))
    data = bytearray(path.read_bytes())
    middle = (len(data) // 4096 // 2) * 4096
    data[middle : middle + 4096] = bytes((i * 37 + 11) % 256 for i in range(4096))
    path.write_bytes(bytes(data))
    return path


def project_with_version(path: Path, version: int) -> Path:
    """A project whose schema is ``version``: an older release's, or a newer one's."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for v in range(1, min(version, CURRENT_VERSION) + 1):
            conn.executescript(MIGRATIONS[v])
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {version}")
    finally:
        conn.close()
    return path
