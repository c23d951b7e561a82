from __future__ import annotations

import pytest

from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.model import GOLD_ANNOTATOR, ArticleIn, Status
from annotator.core.store import Store
from annotator.core.team.adjudication import (
    accept,
    auto_accept,
    disagreements,
    edit,
    reject,
    review_article,
    review_queue,
)

TEXT = "التقى أحمد حسن بوزير الخارجية في القاهرة أمس."


def at(words: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def add_article(store: Store, ext_id: str, text: str = TEXT) -> int:
    with store.transaction():
        return store.insert_article(ArticleIn(ext_id=ext_id, text=text))


def three_annotators(store: Store, ext_id: str = "a1") -> int:
    """All agree on the person; 2 of 3 on the city; the ministry is tagged two ways."""
    aid = add_article(store, ext_id)
    for who in ("alice", "bob", "carol"):
        store.add_span(aid, who, "PERS", *at("أحمد حسن"))
        store.set_status(aid, who, Status.DONE)
    store.add_span(aid, "alice", "GPE", *at("القاهرة"))
    store.add_span(aid, "bob", "GPE", *at("القاهرة"))
    store.add_span(aid, "carol", "LOC", *at("القاهرة"))
    store.add_span(aid, "alice", "ORG", *at("الخارجية"))
    store.add_span(aid, "bob", "ORG", *at("بوزير الخارجية"))
    return aid


def gold(store: Store, aid: int) -> list[tuple[str, str, str | None]]:
    text = store.article_text(aid)
    return [(s.label, s.text_in(text), s.origin) for s in store.spans(aid, [GOLD_ANNOTATOR])]


def test_disagreements_are_overlapping_groups_not_all_agree_on(project: Store) -> None:
    aid = three_annotators(project)
    review = review_article(project, aid)
    assert review.annotators == ["alice", "bob", "carol"]
    assert review.agreed == [(*at("أحمد حسن"), "PERS")]
    groups = review.groups
    assert [(g.start, g.end) for g in groups] == [
        (at("بوزير الخارجية")[0], at("الخارجية")[1]),
        at("القاهرة"),
    ]
    ministry, city = groups
    assert [(s.label, s.text_in(TEXT)) for s in ministry.version("bob")] == [
        ("ORG", "بوزير الخارجية")
    ]
    assert ministry.version("carol") == []
    assert sorted(s.label for s in city.spans) == ["GPE", "GPE", "LOC"]
    assert review.settled == [False, False]
    assert review.status == "pending"
    assert disagreements(project, aid) == groups


def test_auto_accept_all_then_k(project: Store) -> None:
    aid = three_annotators(project)
    added = auto_accept(project, aid, "lead")
    assert [(s.label, s.origin) for s in added] == [("PERS", "agreed:alice,bob,carol")]
    assert project.review_status(aid) == "in_review"
    assert project.reviewer(aid) == "lead"
    assert project.annotator_kinds()[GOLD_ANNOTATOR] == "gold"
    auto_accept(project, aid, "lead", k=2)
    assert gold(project, aid) == [
        ("PERS", "أحمد حسن", "agreed:alice,bob,carol"),
        ("GPE", "القاهرة", "agreed:alice,bob"),
    ]
    assert review_article(project, aid).settled == [False, True]
    # again: nothing new
    assert auto_accept(project, aid, "lead", k=2) == []
    with pytest.raises(ValidationError, match="k must be between 1 and 3"):
        auto_accept(project, aid, "lead", k=4)


def test_accept_edit_reject_settle_every_disagreement(project: Store) -> None:
    aid = three_annotators(project)
    auto_accept(project, aid, "lead")
    ministry, city = disagreements(project, aid)
    accept(project, aid, ministry, "bob", "lead")
    assert ("ORG", "بوزير الخارجية", "accepted:bob by lead") in gold(project, aid)
    # changing one's mind replaces the earlier decision, agreed gold stays
    accept(project, aid, ministry, "alice", "lead")
    assert gold(project, aid) == [
        ("PERS", "أحمد حسن", "agreed:alice,bob,carol"),
        ("ORG", "الخارجية", "accepted:alice by lead"),
    ]
    assert project.review_status(aid) == "in_review"
    edit(project, aid, city, *at("القاهرة"), "LOC", "lead")
    assert ("LOC", "القاهرة", "edited by lead") in gold(project, aid)
    assert project.review_status(aid) == "done"
    reject(project, aid, city, "lead")
    assert [g[0] for g in gold(project, aid)] == ["PERS", "ORG"]
    review = review_article(project, aid)
    assert review.settled == [True, True] and review.status == "done"


def test_accepting_a_version_with_no_span_settles_it_empty(project: Store) -> None:
    aid = three_annotators(project)
    ministry, _city = disagreements(project, aid)
    assert accept(project, aid, ministry, "carol", "lead") == []
    assert review_article(project, aid).settled == [True, False]


def test_auto_accept_leaves_a_rejected_stretch_alone(project: Store) -> None:
    aid = three_annotators(project)
    _ministry, city = disagreements(project, aid)
    reject(project, aid, city, "lead")
    auto_accept(project, aid, "lead", k=2)
    assert [g[0] for g in gold(project, aid)] == ["PERS"]


def test_bad_decisions_change_nothing(project: Store) -> None:
    aid = three_annotators(project)
    ministry, city = disagreements(project, aid)
    accept(project, aid, ministry, "bob", "lead")
    before = gold(project, aid)
    with pytest.raises(ValidationError, match="beyond the text"):
        edit(project, aid, ministry, 5, 10_000, "ORG", "lead")
    with pytest.raises(NotFoundError, match="no label named 'NOPE'"):
        edit(project, aid, ministry, 5, 9, "NOPE", "lead")
    with pytest.raises(ValidationError, match="'zaid' did not annotate it"):
        accept(project, aid, city, "zaid", "lead")
    with pytest.raises(ValidationError, match="reviewer's name is empty"):
        reject(project, aid, city, " ")
    assert gold(project, aid) == before
    # annotations changed under the reviewer: the old group is refused
    project.add_span(aid, "carol", "ORG", *at("الخارجية"))
    with pytest.raises(ValidationError, match="no such disagreement"):
        reject(project, aid, ministry, "lead")
    assert gold(project, aid) == before


def test_review_status_store_methods(project: Store) -> None:
    aid = add_article(project, "a1")
    assert project.review_status(aid) == "pending"
    assert project.reviewer(aid) is None
    with pytest.raises(ValidationError, match="unknown review status 'finished'"):
        project.set_review(aid, "finished", "lead")
    assert project.review_status(aid) == "pending"
    project.set_review(aid, "in_review", "lead")
    assert (project.review_status(aid), project.reviewer(aid)) == ("in_review", "lead")
    with pytest.raises(NotFoundError):
        project.set_review(999, "done", "lead")


def test_review_queue_lists_disagreements_worst_first(project: Store) -> None:
    mild = three_annotators(project, "mild")
    worst = add_article(project, "worst", "زار الوزير مصر")
    project.add_span(worst, "alice", "GPE", *at("مصر", "زار الوزير مصر"))
    project.add_span(worst, "bob", "OCC", *at("الوزير", "زار الوزير مصر"))
    calm = add_article(project, "calm")
    for who in ("alice", "bob"):
        project.add_span(calm, who, "PERS", *at("أحمد حسن"))
    alone = add_article(project, "alone")
    project.add_span(alone, "alice", "PERS", *at("أحمد"))
    queue = review_queue(project)
    assert [q.ext_id for q in queue] == ["worst", "mild"]
    assert queue[0].score == 0.0 and queue[0].disagreements == 2
    assert 0 < queue[1].score < 1 and queue[1].article_id == mild
    assert queue[1].status == "pending"
