"""Workload assignment on both backends: static (each article to K named people,
balanced, idempotent) and dynamic ("next article": fewer than K done-or-working, never
twice to one person, leases that lapse), with an injected clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from annotator.core.errors import ValidationError
from annotator.core.model import ArticleIn, Status
from annotator.core.store import Store
from annotator.core.team.assignment import assign_static, next_article

T0 = datetime(2031, 5, 1, 9, 0, tzinfo=UTC)  # later than any real change in the test
LEASE = timedelta(minutes=10)


@pytest.fixture
def corpus(backend_project: Store) -> Store:
    project = backend_project
    with project.transaction():
        for i in range(6):
            project.insert_article(ArticleIn(ext_id=f"a{i}", text=f"خبر رقم {i} من القاهرة"))
    return project


def test_static_assignment_gives_each_article_k_people_evenly(corpus: Store) -> None:
    report = assign_static(corpus, 2, ["salma", "omar", "huda"])
    assert report.added == 12 and report.per_annotator == {"salma": 4, "omar": 4, "huda": 4}
    per_article: dict[int, set[str]] = {}
    for a in corpus.assignments():
        per_article.setdefault(a.article_id, set()).add(a.annotator)
        assert a.kind == "static"
    assert sorted(len(v) for v in per_article.values()) == [2] * 6
    assert assign_static(corpus, 2, ["salma", "omar", "huda"]).added == 0  # idempotent
    # an annotator with assignments sees only their articles; one without sees all
    mine = corpus.article_ids(assigned_to="salma")
    assert mine == sorted(a.article_id for a in corpus.assignments("salma")) and len(mine) == 4
    assert len(corpus.article_ids(assigned_to="nobody")) == 6
    with pytest.raises(ValidationError, match="needs at least 3 annotators"):
        assign_static(corpus, 3, ["salma", "omar"])
    with pytest.raises(ValidationError, match="no annotators to assign to"):
        assign_static(corpus, 1)


def test_next_article_keeps_each_article_under_k_and_never_repeats(corpus: Store) -> None:
    _fill_by_asking(corpus)


@pytest.mark.parametrize("scenario", ["fill", "lease"])
def test_the_servers_own_search_does_the_same_without_candidates(
    backend: str, corpus: Store, monkeypatch: pytest.MonkeyPatch, scenario: str
) -> None:
    """On a server the read proposes candidates and the write checks them; when others
    took them all meanwhile, the write searches the corpus itself: that path alone."""
    if backend != "postgres":
        pytest.skip("a server's two-step search")
    from annotator.core.store.postgres import assignment

    monkeypatch.setattr(assignment, "CANDIDATES", 0)
    (_fill_by_asking if scenario == "fill" else _lease_holds_then_lapses)(corpus)


def _fill_by_asking(corpus: Store) -> None:
    got: dict[str, list[int]] = {}
    for _ in range(6):
        for name in ("salma", "omar", "huda"):
            article = next_article(corpus, name, 2, lease=LEASE, now=T0)
            if article is None:
                continue
            got.setdefault(name, []).append(article)
            corpus.set_status(article, name, Status.DONE, changed_at=T0.isoformat())
    for name, ids in got.items():
        assert len(ids) == len(set(ids)), name  # nobody gets an article twice
    counts = corpus.done_by()
    assert all(len(names) == 2 for names in counts.values()) and len(counts) == 6
    assert next_article(corpus, "salma", 2, lease=LEASE, now=T0) is None  # all full


def test_a_lease_holds_while_worked_on_and_lapses_when_idle(corpus: Store) -> None:
    _lease_holds_then_lapses(corpus)


def _lease_holds_then_lapses(corpus: Store) -> None:
    first = next_article(corpus, "salma", 1, lease=LEASE, now=T0)
    assert first is not None
    # salma asks again: the same unfinished article; omar gets another one (K = 1)
    assert next_article(corpus, "salma", 1, lease=LEASE, now=T0 + timedelta(minutes=5)) == first
    other = next_article(corpus, "omar", 1, lease=LEASE, now=T0 + timedelta(minutes=6))
    assert other not in (None, first)
    # salma idle past the lease (since her last ask at +5 min): the article goes to huda
    later = T0 + timedelta(minutes=16)
    assert next_article(corpus, "huda", 1, lease=LEASE, now=later) == first
    assert {(a.article_id, a.annotator) for a in corpus.assignments()} >= {
        (first, "salma"), (first, "huda"), (other, "omar")
    }  # fmt: skip


def test_skipping_frees_the_article_for_someone_else(corpus: Store) -> None:
    first = next_article(corpus, "salma", 1, lease=LEASE, now=T0)
    assert first is not None
    corpus.set_status(first, "salma", Status.SKIPPED, changed_at=T0.isoformat())
    assert next_article(corpus, "omar", 1, lease=LEASE, now=T0) == first
    assert next_article(corpus, "salma", 1, lease=LEASE, now=T0) != first


def test_static_work_comes_first_in_next_article(corpus: Store) -> None:
    assign_static(corpus, 1, ["salma", "omar"])
    theirs = [a.article_id for a in corpus.assignments("salma")]
    assert next_article(corpus, "salma", 1, lease=LEASE, now=T0) == theirs[0]
    corpus.set_status(theirs[0], "salma", Status.DONE)
    assert next_article(corpus, "salma", 1, lease=LEASE, now=T0) == theirs[1]


def test_a_server_project_of_schema_1_is_upgraded_with_its_work(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.core.labels import default_labels
    from annotator.core.store import create_store, open_store
    from annotator.core.store.postgres import server

    monkeypatch.setattr(server, "CURRENT_VERSION", 1)  # a project made before team work
    with create_store(pg_url, default_labels()) as old:
        with old.transaction():
            aid = old.insert_article(ArticleIn(ext_id="a0", text="خبر من تونس"))
        old.add_span(aid, "salma", "GPE", 6, 10)
    monkeypatch.undo()
    with open_store(pg_url) as store:
        assert [(s.annotator, s.start) for s in store.spans(aid)] == [("salma", 6)]
        assert next_article(store, "omar", 1, lease=LEASE, now=T0) == aid
        assert [a.annotator for a in store.assignments()] == ["omar"]


def test_an_annotators_counts_cover_their_assigned_articles(corpus: Store) -> None:
    assert corpus.status_counts("salma")[Status.TODO] == 6  # no assignment: the corpus
    assign_static(corpus, 1, ["salma", "omar"])
    mine = corpus.article_ids(assigned_to="salma")
    corpus.set_status(mine[0], "salma", Status.DONE)
    counts = corpus.status_counts("salma")
    assert (counts[Status.TODO], counts[Status.DONE]) == (2, 1)
