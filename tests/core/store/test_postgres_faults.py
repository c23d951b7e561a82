"""A server project when the connection goes in the middle of work: a person's write cut
off is run again on a new connection, a COMMIT whose answer was lost is looked up on the
server (never run twice), and a write nobody can confirm says so. Afterwards every
acknowledged tag is there exactly once, with one history record each.

The restart test runs its own throwaway server (tests/private_server.py): the shared test
server is never restarted.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from backend_helpers import raw_sql
from private_server import PrivateServer, server_programs
from store_faults import AnswerLost, cut

from annotator.core.errors import (
    AnnotatorError,
    ProjectError,
    UnconfirmedWriteError,
    WriteFailedError,
)
from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn, Span
from annotator.core.store import Store, create_store
from annotator.core.store.postgres import backend as pg_backend
from annotator.core.store.postgres import server

#: Forty Arabic words, each a place to tag.
WORDS = ("وزارة التضامن الاجتماعي أعلنت برنامج تكافل وكرامة في محافظة أسيوط " * 5).split()
TEXT = " ".join(WORDS)
on_server = pytest.mark.parametrize("backend", ["postgres"])


def word_spans() -> list[tuple[int, int]]:
    out, at = [], 0
    for word in WORDS:
        start = TEXT.index(word, at)
        out.append((start, start + len(word)))
        at = start + len(word)
    return out


@pytest.fixture
def article(project: Store) -> int:
    with project.transaction():
        return project.insert_article(ArticleIn(ext_id="a1", text=TEXT))


def tag_rows(store: Store, article_id: int) -> list[tuple[int, int, str]]:
    return [
        (r[0], r[1], r[2])
        for r in raw_sql(
            store,
            'SELECT s.start, s."end", l.name FROM spans s JOIN labels l ON l.id = s.label_id'
            " WHERE s.article_id = ? ORDER BY 1, 2",
            (article_id,),
        )
    ]


def created_records(store: Store) -> list[int]:
    return [r[0] for r in raw_sql(store, "SELECT span_id FROM history WHERE action = 'create'")]


@on_server
def test_a_tagging_loop_whose_connection_is_cut_keeps_every_tag_once(
    project: Store, article: int
) -> None:
    """Every fifth tag has its connection cut inside its transaction, every seventh loses
    the answer to its COMMIT: each tag is acknowledged and stored exactly once."""
    record = project._record  # type: ignore[attr-defined]
    calls = {"n": 0}

    def record_then_cut(*args: Any, **kwargs: Any) -> None:
        calls["n"] += 1
        if calls["n"] % 5 == 0:
            cut(project)
        record(*args, **kwargs)

    project._record = record_then_cut  # type: ignore[attr-defined]
    acknowledged: list[Span] = []
    for i, (start, end) in enumerate(word_spans()):
        if i % 7 == 3:
            project.conn = AnswerLost(project)  # type: ignore[attr-defined]
        acknowledged.append(project.add_span(article, "salma", "ORG", start, end))
    assert [(s.start, s.end, s.label) for s in acknowledged] == [
        (start, end, "ORG") for start, end in word_spans()
    ]
    assert tag_rows(project, article) == [(s, e, "ORG") for s, e in word_spans()]
    assert sorted(created_records(project)) == sorted(s.id for s in acknowledged)
    assert project.spans(article) == sorted(acknowledged, key=lambda s: (s.start, s.end))


@on_server
def test_a_commit_cut_before_it_reached_the_server_is_run_again(
    project: Store, article: int
) -> None:
    start, end = word_spans()[0]
    project.conn = AnswerLost(project, before=True)  # type: ignore[attr-defined]
    span = project.add_span(article, "salma", "PERS", start, end)
    assert tag_rows(project, article) == [(start, end, "PERS")]
    assert created_records(project) == [span.id]


@on_server
def test_a_status_whose_commit_answer_was_lost_is_recorded_once(
    project: Store, article: int
) -> None:
    project.conn = AnswerLost(project)  # type: ignore[attr-defined]
    assert project.set_status(article, "salma", "done", "راجعته").status == "done"
    rows = raw_sql(project, "SELECT action FROM history WHERE action IN ('status', 'note')")
    assert sorted(r[0] for r in rows) == ["note", "status"]
    assert project.status(article, "salma").note == "راجعته"


@on_server
def test_a_write_nobody_can_confirm_says_so(
    project: Store, article: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The COMMIT's answer is lost and the server cannot be reached again: the user is
    told the change may or may not be saved; once the server is back, it was."""
    start, end = word_spans()[1]
    monkeypatch.setattr(pg_backend, "CONFIRM_SECONDS", 0.5)
    real_connect = server.connect

    def unreachable(*args: Any, **kwargs: Any) -> Any:
        raise ProjectError(f"{project.location}: cannot connect: server closed the connection")

    project.annotator_id("salma")  # the tag is the only write in flight
    project.conn = AnswerLost(project)  # type: ignore[attr-defined]
    monkeypatch.setattr(server, "connect", unreachable)
    with pytest.raises(UnconfirmedWriteError) as err:
        project.add_span(article, "salma", "PERS", start, end)
    assert str(err.value).startswith(f"saving to {project.location}: the connection to the")
    assert str(err.value).endswith(
        "could not confirm the change; it may or may not be saved: look at the article again"
    )
    assert "\n" not in str(err.value)
    monkeypatch.setattr(server, "connect", real_connect)
    assert [(s.start, s.end, s.label) for s in project.spans(article)] == [(start, end, "PERS")]


@on_server
def test_a_bulk_transaction_cut_off_is_not_run_again(project: Store, article: int) -> None:
    """An import is all or nothing: cut off, it says "not saved" and left nothing."""
    (s1, e1), (s2, e2) = word_spans()[:2]
    with pytest.raises(WriteFailedError) as err, project.transaction():
        project.add_span(article, "salma", "PERS", s1, e1)
        cut(project)
        project.add_span(article, "salma", "PERS", s2, e2)
    assert str(err.value).endswith("; not saved")
    assert tag_rows(project, article) == []


# -- a server restart -------------------------------------------------------------------


@pytest.fixture
def private_server() -> Iterator[PrivateServer]:
    if server_programs() is None:
        pytest.skip("no PostgreSQL server programs (initdb, pg_ctl) on this machine")
    # Not under pytest's folder, which only root may enter: the server runs as postgres.
    folder = Path(tempfile.mkdtemp(prefix="annotator-pg."))
    own = PrivateServer(folder)
    try:
        own.init()
        own.start()
        yield own
    finally:
        own.remove()


@pytest.mark.parametrize("mode", ["fast", "immediate"])
def test_a_server_restart_in_a_tagging_loop_keeps_every_acknowledged_tag_once(
    private_server: PrivateServer, mode: str
) -> None:
    """A store stays open while its server restarts (``fast``: sessions ended; ``immediate``:
    a crash and recovery) under a tagging loop run in a thread: every tag acknowledged
    is there once; a tag refused was not saved; none is unconfirmed and left out."""
    store = create_store(private_server.url, default_labels())
    with store.transaction():
        article = store.insert_article(ArticleIn(ext_id="a1", text=TEXT))
    acknowledged: list[Span] = []
    refused: list[tuple[int, int, str]] = []
    unconfirmed: list[tuple[int, int, str]] = []
    started, restarted, finished = threading.Event(), threading.Event(), threading.Event()

    def tag_on() -> None:
        """Tag word after word (a new annotator each round) until the server is back,
        then five more; bounded in count either way."""
        after = 0
        for n in range(5000):
            start, end = word_spans()[n % len(WORDS)]
            who = f"annotator{n // len(WORDS)}"
            try:
                acknowledged.append(store.add_span(article, who, "LOC", start, end))
            except UnconfirmedWriteError:
                unconfirmed.append((start, end, who))
            except AnnotatorError:  # not saved, or the server not reachable to read
                refused.append((start, end, who))
            started.set()
            after += restarted.is_set()
            if after > 5:
                finished.set()
                return

    loop = threading.Thread(target=tag_on)
    loop.start()
    assert started.wait(30)
    try:
        private_server.restart(mode)
    finally:
        restarted.set()
    loop.join(120)
    assert finished.is_set()
    try:
        stored = [(s.start, s.end, s.annotator) for s in store.spans(article)]
        for span in acknowledged:
            assert stored.count((span.start, span.end, span.annotator)) == 1
        for place in refused:
            assert place not in stored
        assert (
            len(stored)
            == len(set(stored))
            == len(acknowledged) + len([p for p in unconfirmed if p in stored])
        )
        records = created_records(store)
        assert sorted(records) == sorted(s.id for s in store.spans(article))
        # the store goes on working on the restarted server
        start, end = word_spans()[0]
        assert store.add_span(article, "omar", "LOC", start, end).annotator == "omar"
    finally:
        store.close()
