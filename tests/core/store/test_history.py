"""The history: every change a person makes is recorded with who, when and from where, in
the same transaction as the change; ids are never reused; old projects migrate to it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import ConflictError, WriteFailedError
from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn, Status
from annotator.core.store import Store, create_store, open_store
from annotator.core.store.sqlite import project_file, schema

NAME = "نائلة جبر"


@pytest.fixture
def seeded(seed_project: Store, seed_text: str) -> tuple[Store, int, int, int]:
    aid = seed_project.article_by_ext_id("seed").id
    start = seed_text.index(NAME)
    return seed_project, aid, start, start + len(NAME)


def test_each_change_is_recorded_with_who_where_and_what(seeded) -> None:
    store, aid, s, e = seeded
    store.via = "app"
    span = store.add_span(aid, "salma", "PERS", s, e)
    store.relabel_span(span.id, "ORG")
    store.move_span(span.id, s, e - 1)
    store.delete_span(span.id)
    store.set_status(aid, "salma", Status.DONE, note="راجعت الأسماء")
    store.set_status(aid, "salma", Status.DONE, note="راجعت الأسماء")  # unchanged: no record
    got = [(h.via, h.actor, h.action, h.article_id, h.detail) for h in store.history(aid)]
    assert got == [
        ("app", "salma", "create", aid, {"label": "PERS", "start": s, "end": e, "origin": None}),
        (
            "app",
            "salma",
            "relabel",
            aid,
            {"label": "ORG", "start": s, "end": e, "old_label": "PERS"},
        ),
        (
            "app",
            "salma",
            "move",
            aid,
            {"label": "ORG", "start": s, "end": e - 1, "old_start": s, "old_end": e},
        ),
        ("app", "salma", "delete", aid, {"label": "ORG", "start": s, "end": e - 1}),
        ("app", "salma", "status", aid, {"old": "todo", "new": "done"}),
        ("app", "salma", "note", aid, {"note": "راجعت الأسماء"}),
    ]
    assert {
        h.span_id for h in store.history(aid) if h.action != "status" and h.action != "note"
    } == {span.id}


def test_label_edits_are_recorded(project: Store) -> None:
    start = len(list(project.history()))  # the default labels' records
    project.add_label("VEHICLE")
    project.update_label("VEHICLE", name="VEH", color="#123456")
    project.remove_label("VEH")
    events = list(project.history())[start:]
    got = [(h.action, h.detail.get("name")) for h in events]
    assert got == [("label_add", "VEHICLE"), ("label_edit", "VEHICLE"), ("label_remove", "VEH")]
    edit = events[1].detail["changes"]
    assert edit["name"] == ["VEHICLE", "VEH"] and edit["color"][1] == "#123456"


def test_a_refused_change_records_nothing(seeded) -> None:
    store, aid, s, e = seeded
    store.add_span(aid, "salma", "PERS", s, e)
    other = store.add_span(aid, "salma", "ORG", s, e)
    before = list(store.history())
    with pytest.raises(ConflictError):
        store.relabel_span(other.id, "PERS")  # the same span exists already
    assert list(store.history()) == before


def test_history_filters_and_limit(seeded) -> None:
    store, aid, s, e = seeded
    store.add_span(aid, "salma", "PERS", s, e)
    store.add_span(aid, "omar", "PERS", s, e)
    store.set_status(aid, "omar", Status.DONE)
    assert [h.action for h in store.history(annotator="omar")] == ["create", "status"]
    assert [h.actor for h in store.history(limit=2)] == ["omar", "omar"]


def test_time_per_article_adds_gaps_capped_at_the_idle_limit(seeded) -> None:
    store, aid, s, e = seeded
    store.via = "app"
    for at in (
        "2026-01-01T10:00:00.000+00:00",
        "2026-01-01T10:01:30.000+00:00",
        "2026-01-01T12:00:00.000+00:00",
    ):
        store.set_status(aid, "salma", note=at, changed_at=at)
    assert store.time_per_article() == {"salma": {aid: 90.0 + 300.0}}


def test_ids_are_never_reused(project: Store, seed_text: str) -> None:
    with project.transaction():
        aid = project.insert_article(ArticleIn(ext_id="x", text=seed_text))
    first = project.add_span(aid, "salma", "PERS", 0, 3)
    project.delete_span(first.id)
    assert project.add_span(aid, "salma", "PERS", 0, 3).id > first.id
    label = project.add_label("VEHICLE")
    project.remove_label("VEHICLE")
    assert project.add_label("VEHICLE2").id > label.id


def test_a_version_2_project_migrates_keeping_every_id(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    project_file.migrate(conn, 0, 2)
    now = "2025-01-01T00:00:00.000+00:00"
    conn.execute("INSERT INTO labels (id, name, color) VALUES (7, 'PERS', '#fff')")
    conn.execute("INSERT INTO annotators (id, name, created_at) VALUES (3, 'salma', ?)", (now,))
    conn.execute(
        "INSERT INTO articles (id, ext_id, text, length, content_hash, created_at)"
        " VALUES (5, 'a', ?, ?, 'h', ?)",
        (seed_text, len(seed_text), now),
    )
    conn.execute(
        'INSERT INTO spans (id, article_id, annotator_id, label_id, start, "end", created_at,'
        " updated_at) VALUES (40, 5, 3, 7, 0, 4, ?, ?)",
        (now, now),
    )
    conn.close()
    with open_store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.CURRENT_VERSION
        (span,) = store.spans(5)
        assert (span.id, span.label, span.annotator) == (40, "PERS", "salma")
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert len(store.project_uid()) == 32
        store.delete_span(40)
        assert store.add_span(5, "salma", "PERS", 0, 4).id == 41
        with pytest.raises(sqlite3.IntegrityError):  # the triggers came along
            store.conn.execute(
                'INSERT INTO spans (article_id, annotator_id, label_id, start, "end",'
                " created_at, updated_at) VALUES (5, 3, 7, 0, 99999, ?, ?)",
                (now, now),
            )


def test_new_projects_get_their_own_identity(make_target) -> None:  # type: ignore[no-untyped-def]
    with (
        create_store(make_target(), default_labels()) as a,
        create_store(make_target()) as b,
    ):
        assert a.project_uid() != b.project_uid()
        assert len(a.project_uid()) == len(b.project_uid()) == 32


def test_a_read_only_command_upgrades_an_older_project_it_can_write(tmp_path: Path) -> None:
    """`annotator stats old.db` used to say "needs an upgrade but is read-only" of a file
    it could write; now it upgrades (after a backup) and reads."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    project_file.migrate(conn, 0, 2)
    conn.close()
    with open_store(path, readonly=True) as store:
        assert store.migration_backup is not None and store.migration_backup.exists()
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.CURRENT_VERSION
        with pytest.raises(WriteFailedError, match="read-only"):
            store.set_setting("x", "y")


def test_an_import_is_one_record_with_its_counts(project: Store, tmp_path: Path) -> None:
    from annotator.core.formats.import_run import run_import

    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"id": "a1", "text": "زار الوزير القاهرة", "spans": [{"start": 4, "end": 10,'
        ' "label": "OCC"}]}\n{"id": "a2", "text": "نص آخر"}\n',
        encoding="utf-8",
    )
    before = len(list(project.history()))
    run_import(project, [src], "jsonl")
    (event,) = list(project.history())[before:]
    assert (event.via, event.actor, event.action) == ("import", "import", "import")
    assert event.detail == {
        "files": [str(src)],
        "articles_added": 2,
        "spans_added": 1,
        "duplicates": 0,
        "rejected": 0,
    }
