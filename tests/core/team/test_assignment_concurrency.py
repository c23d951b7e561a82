"""Dynamic assignment under concurrency, on the real server: 8 processes ask for work at
the same moment, round after round, until the corpus is full. No article ever gets more
than K annotators, nobody gets an article twice, and the lease of one who walked away
lapses so that the article still reaches K."""

from __future__ import annotations

import multiprocessing
from datetime import UTC, datetime, timedelta

from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn, Status
from annotator.core.store import create_store, open_store
from annotator.core.team.assignment import next_article

WORKERS = 8
ARTICLES = 30
K = 3
LEASE = timedelta(hours=1)
WALKS_AWAY = "w7"  # takes two articles, finishes one, leaves the other open and stops


def _worker(url: str, name: str, start: object, out: object) -> None:
    got: list[int] = []
    with open_store(url) as store:
        store.via = "app"
        start.wait()  # type: ignore[attr-defined]
        while True:
            article = next_article(store, name, K, lease=LEASE)
            if article is None:
                break
            got.append(article)
            if name == WALKS_AWAY and len(got) == 2:
                break  # walks away from the second one
            store.set_status(article, name, Status.DONE)
    out.put((name, got))  # type: ignore[attr-defined]


def test_eight_processes_asking_at_once_never_push_an_article_past_k(pg_url: str) -> None:
    with create_store(pg_url, default_labels()) as store, store.transaction():
        for i in range(ARTICLES):
            store.insert_article(ArticleIn(ext_id=f"a{i:02}", text=f"خبر رقم {i} من بيروت"))
    ctx = multiprocessing.get_context("spawn")
    start, out = ctx.Barrier(WORKERS), ctx.Queue()
    procs = [
        ctx.Process(target=_worker, args=(pg_url, f"w{i}", start, out)) for i in range(WORKERS)
    ]
    for p in procs:
        p.start()
    got = dict(out.get(timeout=120) for _ in procs)
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    for name, ids in got.items():
        assert len(ids) == len(set(ids)), f"{name} got an article twice"
    assert sum(len(ids) for ids in got.values()) == ARTICLES * K  # every slot handed out once
    left_open = got[WALKS_AWAY][1]
    with open_store(pg_url) as store:
        done = store.done_by()
        assert all(len(names) <= K for names in done.values())
        assert {a for a, names in done.items() if len(names) == K} == set(store.article_ids()) - {
            left_open
        }
        assert len(done[left_open]) == K - 1
        # While the lease is alive nobody else takes it; once it has lapsed, someone does.
        assert next_article(store, "late", K, lease=LEASE) is None
        later = datetime.now(UTC) + LEASE + timedelta(minutes=1)
        assert next_article(store, "late", K, lease=LEASE, now=later) == left_open
        assert next_article(store, WALKS_AWAY, K, lease=LEASE, now=later) is None
