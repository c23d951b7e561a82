"""``read_snapshot()``: one state of the project for a long read, other writers not blocked.

A second connection to the same file plays the other program (a window, ``annotator
import``); its commits must go through at once while the snapshot is open, and show only
after it. The store's own writes cannot join a read transaction: they are refused with one
line and change nothing.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import WriteFailedError
from annotator.core.model import ArticleIn
from annotator.core.store import Store, open_store
from annotator.core.store.postgres import backend as postgres_backend
from annotator.core.store.sqlite import backend as sqlite_backend

TEXT = "قالت السفيرة نائلة جبر إن مصر شريك أساسي."
NAME = (TEXT.index("نائلة جبر"), TEXT.index("نائلة جبر") + len("نائلة جبر"))
EGYPT = (TEXT.index("مصر"), TEXT.index("مصر") + len("مصر"))


@pytest.fixture
def article(project: Store) -> int:
    with project.transaction():
        aid = project.insert_article(ArticleIn(ext_id="a1", text=TEXT))
    project.add_span(aid, "salma", "PERS", *NAME)
    return aid


def _labels(store: Store) -> list[str]:
    return [lab.name for lab in store.labels()]


def _never_wait(other: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any wait for a lock a failure at once: no retries, no busy or lock timeout.

    So "not blocked by the snapshot" is checked without a clock: a blocked write raises.
    """
    monkeypatch.setattr(sqlite_backend, "WRITE_RETRY_SECONDS", 0.0)
    monkeypatch.setattr(postgres_backend, "WRITE_RETRY_SECONDS", 0.0)
    if isinstance(other.conn, sqlite3.Connection):
        other.conn.execute("PRAGMA busy_timeout = 0")
    else:
        other.conn.execute("SET lock_timeout = '1ms'")


def test_commits_of_another_connection_show_only_after_the_snapshot(
    project: Store, article: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(project.location) as other:
        _never_wait(other, monkeypatch)
        with project.read_snapshot():
            assert project.in_transaction()
            before = (_labels(project), project.spans(article))
            other.update_label("GPE", name="مكان")  # not blocked by the open snapshot
            other.add_span(article, "salma", "مكان", *EGYPT)
            other.set_status(article, "salma", "done")
            assert (_labels(project), project.spans(article)) == before
            assert project.done_by(["salma"]) == {}
        assert not project.in_transaction()
        assert "مكان" in _labels(project) and "GPE" not in _labels(project)
        assert [s.label for s in project.spans(article)] == ["PERS", "مكان"]
        assert project.done_by(["salma"]) == {article: {"salma"}}


def test_a_write_through_the_store_inside_a_snapshot_is_refused(
    project: Store, article: int
) -> None:
    with project.read_snapshot():
        with pytest.raises(WriteFailedError) as err:
            project.add_span(article, "salma", "GPE", *EGYPT)
        assert str(err.value) == (
            "an export is reading the project; not saved: try again when it is done"
        )
        with pytest.raises(WriteFailedError, match="an export is reading"):
            project.update_label("GPE", name="مكان")
    assert [s.label for s in project.spans(article)] == ["PERS"]
    assert "GPE" in _labels(project)
    project.add_span(article, "salma", "GPE", *EGYPT)  # after it, writes work again
    assert [s.label for s in project.spans(article)] == ["PERS", "GPE"]


def test_snapshots_nest_and_join_an_open_transaction(project: Store, article: int) -> None:
    with project.read_snapshot():
        with project.read_snapshot():
            assert project.in_transaction()
        assert project.in_transaction()  # the inner one did not end the outer one
    assert not project.in_transaction()
    with project.transaction():
        with project.read_snapshot():
            project.add_span(article, "salma", "GPE", *EGYPT)  # joins the transaction
        assert project.in_transaction()
    assert not project.in_transaction()
    with open_store(project.location, readonly=True) as other:
        assert [s.label for s in other.spans(article)] == ["PERS", "GPE"]  # committed


def test_an_error_inside_ends_the_snapshot(project: Store, article: int) -> None:
    with pytest.raises(KeyError), project.read_snapshot():
        raise KeyError("x")
    assert not project.in_transaction()
    project.add_span(article, "salma", "GPE", *EGYPT)
    assert len(project.spans(article)) == 2


def test_a_read_only_store_takes_a_snapshot(project: Store, article: int, tmp_path: Path) -> None:
    with open_store(project.location, readonly=True) as ro:
        with ro.read_snapshot():
            project.update_label("PERS", name="شخص")
            assert [s.label for s in ro.spans(article)] == ["PERS"]
        assert [s.label for s in ro.spans(article)] == ["شخص"]
