"""Statuses and notes merge by when they changed: the newer wins, the older never overwrites,
and a change on both sides since the last merge of the same source is a reported conflict."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn, Status
from annotator.core.store import Store, create_store, open_store
from annotator.core.team.merge import merge_projects

TEXT = "قالت الوزيرة نيفين القباج إن برنامج تكافل وكرامة يغطي ملايين الأسر"


def dump(store: Store) -> str:
    """The project's content; the history is checked on its own."""
    return "\n".join(
        line
        for line in store.conn.iterdump()
        if not line.startswith(('INSERT INTO "history"', 'INSERT INTO "sqlite_sequence"'))
    )


def pair(store: Store, aid: int) -> tuple[Status, str]:
    got = store.status(aid, "alice")
    return got.status, got.note


def tick() -> None:
    """Change times are kept to the millisecond: make the next change visibly later."""
    time.sleep(0.005)


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """The project as the lead hands it out: one article, alice has started it."""
    path = tmp_path / "base.db"
    with create_store(path, default_labels()) as store:
        with store.transaction():
            aid = store.insert_article(ArticleIn(ext_id="a1", text=TEXT))
        store.set_status(aid, "alice", Status.IN_PROGRESS)
    tick()
    return path


def copy(src: Path, name: str) -> Path:
    dest = src.with_name(name)
    shutil.copy(src, dest)
    return dest


def test_an_older_copy_never_overwrites_newer_work(base: Path) -> None:
    """The reported case: target done with a note, source an older in_progress copy."""
    old = copy(base, "alice-old.db")
    with open_store(base) as target:
        aid = target.article_by_ext_id("a1").id
        target.set_status(aid, "alice", Status.DONE, note="تم التحقق")
        before = dump(target)
        report = merge_projects(target, [old])
        assert pair(target, aid) == (Status.DONE, "تم التحقق")
        assert report.statuses_set == 0 and not report.changed and report.conflicts == []
        assert dump(target) == before
        event = list(target.history())[-1]
        assert (event.action, event.detail["statuses_set"]) == ("merge", 0)


def test_the_newer_status_wins_and_keeps_its_time(base: Path) -> None:
    newer = copy(base, "alice.db")
    with open_store(newer) as src:
        aid = src.article_by_ext_id("a1").id
        made = src.set_status(aid, "alice", Status.DONE, note="انتهيت")
    with open_store(base) as target:
        report = merge_projects(target, [newer])
        got = target.status(aid, "alice")
        assert (got.status, got.note, got.updated_at) == (Status.DONE, "انتهيت", made.updated_at)
        assert report.statuses_set == 1
        merged = [e for e in target.history(aid, "alice") if e.via == "merge"]
        assert [(e.action, e.at) for e in merged] == [
            ("status", made.updated_at),
            ("note", made.updated_at),
        ]
        event = list(target.history())[-1]
        assert event.action == "merge" and event.detail["source"] == str(newer.resolve())
        # Merging it again, or an older copy under another name, changes nothing.
        before = dump(target)
        events = len(list(target.history()))
        assert not merge_projects(target, [newer]).changed
        assert len(list(target.history())) == events  # not even a record
        assert not merge_projects(target, [copy(base, "alice-older.db")]).changed
        assert dump(target) == before


def test_a_note_edited_in_the_source_merges_in(base: Path) -> None:
    src_path = copy(base, "alice.db")
    with open_store(base) as target:
        merge_projects(target, [src_path])
    with open_store(src_path) as src:
        aid = src.article_by_ext_id("a1").id
        src.set_status(aid, "alice", note="ملاحظة جديدة")  # the status stays in_progress
    with open_store(base) as target:
        report = merge_projects(target, [src_path])
        assert report.statuses_set == 1
        assert pair(target, aid) == (Status.IN_PROGRESS, "ملاحظة جديدة")


def test_changes_on_both_sides_since_the_last_merge_are_a_conflict(base: Path) -> None:
    src_path = copy(base, "alice.db")
    with open_store(base) as target:
        merge_projects(target, [src_path])
        aid = target.article_by_ext_id("a1").id
        tick()
        target.set_status(aid, "alice", Status.SKIPPED, note="lead: skip this one")
    tick()
    with open_store(src_path) as src:
        src.set_status(aid, "alice", Status.DONE, note="alice: done")  # newer, but...
    with open_store(base) as target:
        before = dump(target)
        report = merge_projects(target, [src_path])
        assert report.conflicts == [
            f"{src_path}: article 'a1', annotator 'alice': the status or note changed in"
            " both files since the last merge; the target's was kept"
        ]
        assert pair(target, aid) == (Status.SKIPPED, "lead: skip this one")
        assert dump(target) == before


def test_without_an_earlier_merge_the_newer_side_wins(base: Path) -> None:
    src_path = copy(base, "alice.db")
    with open_store(base) as target:
        aid = target.article_by_ext_id("a1").id
        target.set_status(aid, "alice", note="older, here")
    tick()
    with open_store(src_path) as src:
        src.set_status(aid, "alice", Status.DONE, note="newer, there")
    with open_store(base) as target:
        report = merge_projects(target, [src_path])
        assert report.conflicts == []
        assert pair(target, aid) == (Status.DONE, "newer, there")


def test_the_last_merge_is_dated_when_it_ran_not_by_the_newest_change_it_saw(base: Path) -> None:
    """Pins "changed here since the last merge" as since the merge ran: a change made in the
    target before that merge (after the source's own newest change) was settled by it, so
    a newer change in the source afterwards merges in without a conflict."""
    src_path = copy(base, "alice.db")
    with open_store(src_path) as src:
        aid = src.article_by_ext_id("a1").id
        seen = src.set_status(aid, "alice", Status.IN_PROGRESS, note="بدأت").updated_at
    tick()
    with open_store(base) as target:
        target.set_status(aid, "alice", Status.SKIPPED, note="lead: later")
        tick()
        first = merge_projects(target, [src_path])
        assert (first.statuses_set, first.conflicts) == (0, [])  # ours is newer
        (record,) = [e for e in target.history() if e.action == "merge"]
        assert record.detail["source_seen"] == seen and record.at > seen
    tick()
    with open_store(src_path) as src:
        src.set_status(aid, "alice", Status.DONE, note="انتهيت")
    with open_store(base) as target:
        report = merge_projects(target, [src_path])
        assert (report.statuses_set, report.conflicts) == (1, [])
        assert pair(target, aid) == (Status.DONE, "انتهيت")
