"""Live changes: a server project tells listeners of what other programs commit (new
articles, tags, statuses, label edits), naming the articles touched, once the transaction
commits, never for a rollback and never for the listener's own store; a file has no
listener (the app compares ``data_version`` instead)."""

from __future__ import annotations

import select
from collections.abc import Iterator

import pytest
from backend_helpers import FILE_ONLY, raw_sql

from annotator.core.model import ArticleIn, Status
from annotator.core.store import Change, ChangeListener, Store, open_store
from annotator.core.store.location import parse_server_url
from annotator.core.store.postgres import schema

TEXT = "قالت السفيرة نائلة جبر إن مصر شريك أساسي."
NAME = (TEXT.index("نائلة جبر"), TEXT.index("نائلة جبر") + len("نائلة جبر"))
on_server = pytest.mark.parametrize("backend", ["postgres"])


def arrived(listener: ChangeListener, timeout: float = 5.0) -> list[Change]:
    """Wait (at most ``timeout``) for the listener's socket, then take what arrived."""
    got: list[Change] = []
    ready, _, _ = select.select([listener.fileno()], [], [], timeout)
    if ready:
        got = listener.changes()
    return got


def nothing_arrives(listener: ChangeListener) -> bool:
    ready, _, _ = select.select([listener.fileno()], [], [], 0.3)
    return not ready or listener.changes() == []


@pytest.fixture
def article(project: Store) -> int:
    with project.transaction():
        return project.insert_article(ArticleIn(ext_id="a1", text=TEXT))


@pytest.fixture
def other(project: Store) -> Iterator[Store]:
    """Another program's store on the same project, where omar has worked before."""
    store = open_store(project.location)
    store.annotator_id("omar")
    yield store
    store.close()


@FILE_ONLY
def test_a_file_has_no_listener(project: Store) -> None:
    assert project.listen() is None


@on_server
def test_others_commits_arrive_naming_their_articles(
    project: Store, other: Store, article: int
) -> None:
    listener = project.listen()
    assert listener is not None
    try:
        assert nothing_arrives(listener)
        other.add_span(article, "omar", "PERS", *NAME)
        assert arrived(listener) == [Change("spans", frozenset({article}))]
        other.set_status(article, "omar", Status.DONE)
        assert arrived(listener) == [Change("article_status", frozenset({article}))]
        with other.transaction():
            second = other.insert_article(ArticleIn(ext_id="a2", text="خبر ثان"))
        assert Change("articles") in arrived(listener)
        other.update_label("PERS", display_name="شخص")
        assert arrived(listener) == [Change("labels")]
        # SQL typed into another program is heard too
        raw_sql(project, "DELETE FROM spans WHERE article_id = ?", (article,))
        assert arrived(listener) == [Change("spans", frozenset({article}))]
        assert second != article
    finally:
        listener.close()


@on_server
def test_a_rollback_and_the_own_stores_writes_say_nothing(
    project: Store, other: Store, article: int
) -> None:
    listener = project.listen()
    assert listener is not None
    try:
        project.add_span(article, "salma", "PERS", *NAME)  # our own write: already drawn
        with pytest.raises(RuntimeError), other.transaction():
            other.add_span(article, "omar", "ORG", *NAME)
            raise RuntimeError("changed my mind")
        assert nothing_arrives(listener)
    finally:
        listener.close()


@on_server
def test_a_big_change_names_any_article(project: Store, other: Store) -> None:
    listener = project.listen()
    assert listener is not None
    try:
        with other.transaction():
            many = [
                ArticleIn(ext_id=f"n{i}", text=f"{TEXT} {i}")
                for i in range(schema.LIVE_MAX_IDS + 1)
            ]
            ids = other.insert_articles(many)
            other.insert_spans((aid, "import", "PERS", *NAME, None) for aid in ids)
        got = arrived(listener)
        assert Change("spans") in got and Change("articles") in got
    finally:
        listener.close()


@on_server
def test_a_lost_listening_connection_comes_back_saying_anything_changed(
    project: Store, other: Store, article: int
) -> None:
    import psycopg

    listener = project.listen()
    assert listener is not None
    try:
        loc = parse_server_url(project.location)
        with psycopg.connect(loc.conninfo, autocommit=True) as admin:
            ended = admin.execute(
                "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity"
                " WHERE pid <> pg_backend_pid() AND pid <> %s AND query LIKE 'LISTEN %%'"
                " AND query LIKE %s",
                (project.conn.info.backend_pid, f"%{schema.channel_for(loc.schema)}%"),  # type: ignore[attr-defined]
            ).fetchall()
        assert ended == [(True,)]
        other.add_span(article, "omar", "PERS", *NAME)  # sent while nobody listened
        assert arrived(listener) == [Change("*")]
        assert not listener.broken
        other.set_status(article, "omar", Status.DONE)
        assert arrived(listener) == [Change("article_status", frozenset({article}))]
    finally:
        listener.close()
