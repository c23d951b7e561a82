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


# The edges pinned after mutation testing (docs/testing.md): each test below fails on a
# small change to adjudication.py that the tests above let through.

SHORT = "زار الوزير مصر أمس"


def test_touching_spans_are_two_disagreements_and_a_touching_gold_span_settles_neither(
    project: Store,
) -> None:
    aid = add_article(project, "touch", SHORT)
    project.add_span(aid, "alice", "OCC", *at("زار ", SHORT))
    project.add_span(aid, "bob", "OCC", 4, 10)  # starts where alice's ends
    groups = disagreements(project, aid)
    assert [(g.start, g.end) for g in groups] == [(0, 4), (4, 10)]
    project.add_span(aid, GOLD_ANNOTATOR, "GPE", 10, 14)  # touches the second one only
    assert review_article(project, aid).settled == [False, False]
    project.add_span(aid, GOLD_ANNOTATOR, "GPE", 9, 14)  # overlaps it by one letter
    assert review_article(project, aid).settled == [False, True]


def test_a_group_reaches_as_far_as_its_longest_span(project: Store) -> None:
    """A long span, a short one inside it, then one overlapping only the long one: one group."""
    aid = add_article(project, "chain", SHORT)
    project.add_span(aid, "alice", "ORG", 0, 10)
    project.add_span(aid, "bob", "ORG", 2, 4)
    project.add_span(aid, "bob", "GPE", 9, 14)
    (group,) = disagreements(project, aid)
    assert (group.start, group.end) == (0, 14)
    assert [(s.annotator, s.start, s.end) for s in group.spans] == [
        ("alice", 0, 10),
        ("bob", 2, 4),
        ("bob", 9, 14),
    ]


def test_agreed_keys_name_their_annotators_sorted_and_reviews_are_recorded_as_review(
    project: Store,
) -> None:
    aid = add_article(project, "order")
    project.add_span(aid, "carol", "PERS", *at("أحمد حسن"))
    project.add_span(aid, "bob", "PERS", *at("أحمد حسن"))
    project.add_span(aid, "alice", "GPE", *at("القاهرة"))
    project.via = "app"
    (span,) = auto_accept(project, aid, "lead", k=2)
    assert span.origin == "agreed:bob,carol"
    assert project.via == "app"  # put back after the review
    (event,) = [e for e in project.history(aid) if e.actor == GOLD_ANNOTATOR]
    assert (event.via, event.action) == ("review", "create")


def test_auto_accept_k_bounds_and_an_article_nobody_tagged(project: Store) -> None:
    aid = three_annotators(project)
    with pytest.raises(
        ValidationError,
        match=r"^k must be between 1 and 3 \(the article's annotators\), got 0$",
    ):
        auto_accept(project, aid, "lead", k=0)
    assert gold(project, aid) == [] and project.review_status(aid) == "pending"
    added = auto_accept(project, aid, "lead", k=1)  # k=1: every key anyone tagged
    assert [(s.label, s.text_in(TEXT), s.origin) for s in added] == [
        ("PERS", "أحمد حسن", "agreed:alice,bob,carol"),
        ("ORG", "بوزير الخارجية", "agreed:bob"),
        ("ORG", "الخارجية", "agreed:alice"),
        ("GPE", "القاهرة", "agreed:alice,bob"),
        ("LOC", "القاهرة", "agreed:carol"),
    ]
    assert project.review_status(aid) == "done"
    # an article nobody tagged: any k, nothing to accept, its status left alone
    empty = add_article(project, "empty")
    assert auto_accept(project, empty, "lead", k=5) == []
    assert project.review_status(empty) == "pending" and project.reviewer(empty) is None


def test_an_agreed_key_inside_a_rejected_stretch_is_still_accepted(project: Store) -> None:
    aid = add_article(project, "inside")
    for who in ("alice", "bob"):
        project.add_span(aid, who, "PERS", *at("أحمد حسن"))
    project.add_span(aid, "alice", "ORG", *at("أحمد"))
    (group,) = disagreements(project, aid)
    reject(project, aid, group, "lead")
    assert [s.origin for s in auto_accept(project, aid, "lead")] == ["agreed:alice,bob"]
    assert gold(project, aid) == [("PERS", "أحمد حسن", "agreed:alice,bob")]


def test_a_changed_disagreement_is_refused_in_one_whole_line(project: Store) -> None:
    aid = three_annotators(project)
    ministry, _city = disagreements(project, aid)
    project.add_span(aid, "carol", "ORG", *at("الخارجية"))
    start, end = ministry.start, ministry.end
    with pytest.raises(ValidationError) as caught:
        accept(project, aid, ministry, "bob", "lead")
    assert str(caught.value) == (
        f"article {aid}: no such disagreement at {start}-{end}"
        " (the annotations changed); reload the article"
    )


def test_review_queue_ties_progress_and_statuses(project: Store) -> None:
    """Equal scores: more disagreements first, then the older article; progress to the end."""
    text = "زار الوزير مصر ثم زار الأردن"
    one = add_article(project, "one", text)
    two = add_article(project, "two", text)
    three = add_article(project, "three", text)
    for aid, pairs in ((one, 1), (two, 2), (three, 1)):
        for word in ("مصر", "الأردن")[:pairs]:
            project.add_span(aid, "alice", "GPE", *at(word, text))
            project.add_span(aid, "bob", "LOC", *at(word, text))
    project.set_review(three, "in_review", "lead")
    seen: list[tuple[int, int | None]] = []
    queue = review_queue(project, progress=lambda done, total: seen.append((done, total)))
    assert [(q.ext_id, q.score, q.disagreements, q.status) for q in queue] == [
        ("two", 0.0, 2, "pending"),
        ("one", 0.0, 1, "pending"),
        ("three", 0.0, 1, "in_review"),
    ]
    assert seen == [(3, 3)]
    # only the chosen annotators count: with alice alone nothing is disputed
    assert review_queue(project, ["alice"]) == []


def pair_and_zaid(store: Store, ext_id: str) -> int:
    """alice and bob agree on the person and split on the city; zaid tagged the city ORG."""
    aid = add_article(store, ext_id)
    for who in ("alice", "bob"):
        store.add_span(aid, who, "PERS", *at("أحمد حسن"))
    store.add_span(aid, "alice", "GPE", *at("القاهرة"))
    store.add_span(aid, "bob", "LOC", *at("القاهرة"))
    store.add_span(aid, "zaid", "ORG", *at("القاهرة"))
    return aid


PAIR = ["alice", "bob"]


def test_every_decision_keeps_to_the_chosen_annotators(project: Store) -> None:
    """With alice and bob chosen, zaid's tags neither make disagreements nor block ``done``."""
    aid = pair_and_zaid(project, "pair")
    assert len(disagreements(project, aid)) == 2  # everyone: the person, and the city three ways
    review = review_article(project, aid, PAIR)
    assert review.annotators == PAIR and review.article_id == aid
    assert review.spans == {n: project.spans(aid, [n]) for n in PAIR}
    assert review.score == 0.5  # alice and bob share one of their two keys each
    (city,) = disagreements(project, aid, PAIR)
    assert (city.start, city.end) == at("القاهرة")
    with pytest.raises(ValidationError, match="'zaid' did not annotate it"):
        accept(project, aid, city, "zaid", "lead", PAIR)
    accept(project, aid, city, "alice", "lead", PAIR)
    assert (project.review_status(aid), project.reviewer(aid)) == ("done", "lead")
    assert review_article(project, aid, PAIR).reviewer == "lead"
    edit(project, aid, city, *at("القاهرة"), "LOC", "lead2", PAIR)
    assert (project.review_status(aid), project.reviewer(aid)) == ("done", "lead2")
    reject(project, aid, city, "lead", PAIR)
    assert gold(project, aid) == [] and project.review_status(aid) == "done"
    # auto-accepting among the pair: the person is agreed, the article stays done
    assert [s.origin for s in auto_accept(project, aid, "lead", annotators=PAIR)] == [
        "agreed:alice,bob"
    ]
    assert project.review_status(aid) == "done"
    # among everyone nothing is agreed by all three
    other = pair_and_zaid(project, "everyone")
    assert auto_accept(project, other, "lead") == []
    assert project.review_status(other) == "in_review"


def test_who_marked_done_takes_part_even_with_no_tags(project: Store) -> None:
    aid = add_article(project, "done")
    project.add_span(aid, "alice", "PERS", *at("أحمد حسن"))
    project.set_status(aid, "bob", Status.DONE)
    project.set_status(aid, "carol", Status.IN_PROGRESS)
    project.add_span(aid, "dave", "PERS", *at("أحمد حسن"))
    chosen = ["alice", "bob", "carol"]
    review = review_article(project, aid, chosen)
    assert review.annotators == ["alice", "bob"]
    assert len(review.groups) == 1 and review.agreed == []
    (item,) = review_queue(project, chosen)
    assert (item.article_id, item.disagreements) == (aid, 1)


def test_rejections_add_up_and_a_later_key_is_still_accepted(project: Store) -> None:
    aid = three_annotators(project)
    ministry, city = disagreements(project, aid)
    reject(project, aid, ministry, "lead")
    assert [g.origin for g in gold(project, aid)] == []
    added = auto_accept(project, aid, "lead", k=1)  # the city comes after the rejected stretch
    assert [s.origin for s in added] == [
        "agreed:alice,bob,carol",
        "agreed:alice,bob",
        "agreed:carol",
    ]
    reject(project, aid, city, "lead")
    review = review_article(project, aid)
    assert review.settled == [True, True] and project.review_status(aid) == "done"


def test_a_gold_span_ending_where_a_disagreement_starts_does_not_settle_it(
    project: Store,
) -> None:
    aid = add_article(project, "before", SHORT)
    project.add_span(aid, "alice", "OCC", 4, 10)
    project.add_span(aid, "bob", "ORG", 4, 10)
    project.add_span(aid, GOLD_ANNOTATOR, "OCC", 0, 4)
    assert review_article(project, aid).settled == [False]


def test_an_empty_reviewer_is_refused_in_one_line(project: Store) -> None:
    aid = three_annotators(project)
    with pytest.raises(ValidationError) as caught:
        auto_accept(project, aid, "")
    assert str(caught.value) == "the reviewer's name is empty"
    assert gold(project, aid) == []


def test_the_queue_reads_past_calm_and_lone_articles(project: Store) -> None:
    """Articles with no disagreement or one annotator come first here; those after count."""
    calm = add_article(project, "calm")
    for who in ("alice", "bob", "carol"):
        project.add_span(calm, who, "PERS", *at("أحمد حسن"))
    alone = add_article(project, "alone")
    project.add_span(alone, "alice", "PERS", *at("أحمد"))
    with project.transaction():
        titled = project.insert_article(ArticleIn(ext_id="t", text=TEXT, title="لقاء القاهرة"))
    for who in ("alice", "bob", "carol"):
        project.add_span(titled, who, "PERS", *at("أحمد حسن"))
    project.add_span(titled, "alice", "GPE", *at("القاهرة"))
    project.add_span(titled, "bob", "GPE", *at("القاهرة"))
    project.add_span(titled, "carol", "LOC", *at("القاهرة"))
    (item,) = review_queue(project)
    review = review_article(project, titled)
    assert (item.ext_id, item.title) == ("t", "لقاء القاهرة")
    assert (
        (item.score, item.disagreements)
        == (review.score, len(review.groups))
        == (
            pytest.approx(2 / 3),  # alice-bob 1, each with carol 1/2
            1,
        )
    )
