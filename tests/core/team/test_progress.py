"""Each annotator's progress, on a file and on a server: done in total and today, in
progress, the median time per done article from the history, agreement so far on the
articles shared with the others."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from backend_helpers import raw_sql
from team_data import at

from annotator.core.model import ArticleIn, Status
from annotator.core.store import Store
from annotator.core.team.progress import compute_progress

TEXTS = [
    "التقى أحمد حسن بوزير الخارجية في القاهرة أمس.",
    "شاركت وزارة التضامن الاجتماعي في المنتدى العالمي بفيينا",
    "قالت السفيرة نائلة جبر إن مصر شريك أساسي.",
    "أعلن برنامج تكافل وكرامة عن مرحلة جديدة في أسيوط",
]
LONG_AGO = "2020-01-05T10:00:00.000+00:00"


def work(store: Store, who: str, article_id: int, start: datetime, seconds: list[int]) -> None:
    """History records of ``who`` working on an article in the app, ``seconds`` apart."""
    stamp = start
    for gap in [0, *seconds]:
        stamp += timedelta(seconds=gap)
        raw_sql(
            store,
            "INSERT INTO history (at, via, actor, action, article_id, detail)"
            " VALUES (?, 'app', ?, 'create', ?, '{}')",
            (stamp.isoformat(timespec="milliseconds"), who, article_id),
        )


@pytest.fixture
def worked(backend_project: Store) -> tuple[Store, list[int]]:
    store = backend_project
    with store.transaction():
        ids = [store.insert_article(ArticleIn(ext_id=f"a{i}", text=t)) for i, t in enumerate(TEXTS)]
    # a0: both tag "أحمد حسن" PERS (agree); a1: salma ORG, omar GPE on the same words
    for who in ("salma", "omar"):
        store.add_span(ids[0], who, "PERS", *at(TEXTS[0], "أحمد حسن"))
    store.add_span(ids[1], "salma", "ORG", *at(TEXTS[1], "وزارة التضامن الاجتماعي"))
    store.add_span(ids[1], "omar", "GPE", *at(TEXTS[1], "وزارة التضامن الاجتماعي"))
    for who in ("salma", "omar"):
        store.set_status(ids[0], who, Status.DONE)
        store.set_status(ids[1], who, Status.DONE)
    store.set_status(ids[2], "salma", Status.DONE, changed_at=LONG_AGO)  # not today
    store.set_status(ids[2], "omar", Status.IN_PROGRESS)
    store.annotator_id("huda")  # has done nothing yet
    t0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    work(store, "salma", ids[0], t0, [10, 20])  # 30 s
    work(store, "salma", ids[1], t0 + timedelta(hours=1), [60])  # 60 s
    work(store, "salma", ids[2], t0 + timedelta(hours=2), [45, 45])  # 90 s
    work(store, "omar", ids[3], t0, [500])  # not done: not in the median; a gap capped
    return store, ids


def test_progress_per_annotator(worked: tuple[Store, list[int]]) -> None:
    store, _ids = worked
    rep = compute_progress(store)
    got = {a.name: a for a in rep.annotators}
    assert list(got) == ["salma", "omar", "huda"]
    assert rep.articles == 4 and rep.day == datetime.now().astimezone().date().isoformat()
    salma, omar, huda = got["salma"], got["omar"], got["huda"]
    assert (salma.done, salma.done_today, salma.in_progress) == (3, 2, 0)
    assert (omar.done, omar.done_today, omar.in_progress) == (2, 2, 1)
    assert (huda.done, huda.done_today, huda.in_progress, huda.shared) == (0, 0, 0, 0)
    assert salma.median_seconds == 60.0
    assert omar.median_seconds is None and huda.median_seconds is None
    # shared: a0 and a1; exact span F1 there: one of two spans each matches -> 0.5
    assert (salma.shared, omar.shared) == (2, 2)
    assert salma.agreement == omar.agreement == 0.5
    assert huda.agreement is None


def test_today_is_the_local_day_asked_for(worked: tuple[Store, list[int]]) -> None:
    store, _ids = worked
    rep = compute_progress(store, now=datetime(2020, 1, 5, 12, 0, tzinfo=UTC).astimezone())
    assert [(a.name, a.done_today) for a in rep.annotators] == [
        ("salma", 1), ("omar", 0), ("huda", 0),
    ]  # fmt: skip
    assert rep.day == "2020-01-05"


def test_a_lone_annotator_has_no_agreement_yet(backend_project: Store) -> None:
    store = backend_project
    with store.transaction():
        aid = store.insert_article(ArticleIn(ext_id="a0", text=TEXTS[0]))
    store.set_status(aid, "salma", Status.DONE)
    (only,) = compute_progress(store).annotators
    assert (only.name, only.done, only.shared, only.agreement) == ("salma", 1, 0, None)
    assert compute_progress(store).to_dict()["annotators"][0]["agreement"] is None


def test_on_a_team_server_each_sees_what_their_role_may_read(team) -> None:  # type: ignore[no-untyped-def]
    """A lead sees everyone's figures; an annotator (row-level security) only their own:
    others' statuses are hidden from them, so others read 0 and agreement n/a."""
    from annotator.core.store import open_store
    from annotator.core.team.members import add_member

    logins = {n: team.login(n) for n in ("salma", "omar", "nour")}
    with open_store(team.url) as owner:
        for name, role in (("salma", "annotator"), ("omar", "annotator"), ("nour", "lead")):
            add_member(owner, name, role, None, login=logins[name])
        first = owner.article_ids()[0]
    for name in ("salma", "omar"):
        with team.open_as(logins[name]) as store:
            text = store.article_text(first)
            store.add_span(first, name, "ORG", 0, text.index(" "))
            store.set_status(first, name, Status.DONE)
    with team.open_as(logins["nour"]) as lead:
        seen = {a.name: (a.done, a.shared, a.agreement) for a in compute_progress(lead).annotators}
    assert seen["salma"] == seen["omar"] == (1, 1, 1.0)
    with team.open_as(logins["salma"]) as salma:
        seen = {a.name: (a.done, a.shared, a.agreement) for a in compute_progress(salma).annotators}
    assert seen["salma"] == (1, 0, None) and seen["omar"] == (0, 0, None)
