"""The gold layer: settling the annotators' disagreements, one article at a time.

Gold spans are ordinary spans of the annotator ``model.GOLD_ANNOTATOR`` (kind ``gold``); the
span's ``origin`` says how each got there and its ``created_at`` when:

* ``agreed:alice,bob,carol`` — at least k annotators tagged exactly this (auto-accept);
* ``accepted:alice by lead`` — the reviewer took alice's version of a disagreement;
* ``edited by lead`` — the reviewer settled it with their own offsets or label.

The ``reviews`` table holds each article's review status (``pending`` → ``in_review`` →
``done``) and who adjudicated; an article is ``done`` once every disagreement is settled.

Who takes part in an article: the chosen annotators (by default every human annotator)
that tagged something in it or marked it done. A key (start, end, label) tagged by all of
them is agreed. The other spans form *disagreements*: groups of spans that overlap one
another (transitively), in text order. Each group is settled by accepting one
annotator's version (their spans in the group; none is a valid version), by an edit, or
by a rejection. A rejection leaves no gold span, so the settled stretches are also
recorded in the project settings (``review.decided.<article id>``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from annotator.core.errors import ValidationError
from annotator.core.model import GOLD_ANNOTATOR, Span, Status
from annotator.core.store import Store
from annotator.core.team.agreement import article_agreement, human_annotators

Key = tuple[int, int, str]
BATCH = 500


def _key(sp: Span) -> Key:
    return (sp.start, sp.end, sp.label)


@dataclass(frozen=True)
class Group:
    """One disagreement: overlapping spans that not every annotator tagged alike."""

    start: int
    end: int
    spans: tuple[Span, ...]

    def version(self, annotator: str) -> list[Span]:
        return [sp for sp in self.spans if sp.annotator == annotator]

    def overlaps(self, start: int, end: int) -> bool:
        return start < self.end and self.start < end


@dataclass
class ArticleReview:
    """Everything the review screen and ``annotator review`` show for one article."""

    article_id: int
    annotators: list[str]
    spans: dict[str, list[Span]]
    agreed: list[Key]
    groups: list[Group]
    gold: list[Span]
    settled: list[bool]
    status: str
    reviewer: str | None
    score: float
    support: dict[Key, list[str]] = field(default_factory=dict)

    @property
    def open_groups(self) -> int:
        return self.settled.count(False)


def _decided_key(article_id: int) -> str:
    return f"review.decided.{article_id}"


def decided(store: Store, article_id: int) -> set[tuple[int, int]]:
    raw = store.get_setting(_decided_key(article_id))
    return {(s, e) for s, e in json.loads(raw)} if raw else set()


def _record_decision(store: Store, article_id: int, group: Group) -> None:
    done = decided(store, article_id) | {(group.start, group.end)}
    store.set_setting(_decided_key(article_id), json.dumps(sorted(done)))


def select_participants(
    spans: Sequence[Span], done: set[str], annotators: Sequence[str]
) -> list[str]:
    tagged = {sp.annotator for sp in spans}
    return [n for n in annotators if n in tagged or n in done]


def group_disputed(spans: dict[str, list[Span]]) -> tuple[list[Key], list[Group], dict]:
    """Agreed keys, the disagreement groups and each key's supporters."""
    support: dict[Key, list[str]] = {}
    for name, items in spans.items():
        for sp in items:
            who = support.setdefault(_key(sp), [])
            if name not in who:
                who.append(name)
    n = len(spans)
    agreed = sorted(k for k, who in support.items() if len(who) == n)
    disputed = sorted(
        (sp for items in spans.values() for sp in items if len(support[_key(sp)]) < n),
        key=lambda sp: (sp.start, sp.end, sp.label, sp.annotator),
    )
    groups: list[Group] = []
    current: list[Span] = []
    end = -1
    for sp in disputed:
        if current and sp.start >= end:
            groups.append(Group(current[0].start, end, tuple(current)))
            current = []
        current.append(sp)
        end = max(end, sp.end) if len(current) > 1 else sp.end
    if current:
        groups.append(Group(current[0].start, end, tuple(current)))
    return agreed, groups, support


def _belongs(sp: Span, group: Group, agreed: set[Key]) -> bool:
    return group.overlaps(sp.start, sp.end) and _key(sp) not in agreed


def review_article(
    store: Store, article_id: int, annotators: Sequence[str] | None = None
) -> ArticleReview:
    names = list(annotators) if annotators else human_annotators(store)
    every = store.spans(article_id)
    statuses = store.statuses_for_articles([article_id]).get(article_id, {})
    done = {n for n, st in statuses.items() if st.status == Status.DONE}
    who = select_participants([sp for sp in every if sp.annotator in names], done, names)
    spans = {n: [sp for sp in every if sp.annotator == n] for n in who}
    gold = [sp for sp in every if sp.annotator == GOLD_ANNOTATOR]
    agreed, groups, support = group_disputed(spans)
    agreed_set = set(agreed)
    settled_stretches = decided(store, article_id)
    settled = [
        (g.start, g.end) in settled_stretches or any(_belongs(sp, g, agreed_set) for sp in gold)
        for g in groups
    ]
    return ArticleReview(
        article_id=article_id,
        annotators=who,
        spans=spans,
        agreed=agreed,
        groups=groups,
        gold=gold,
        settled=settled,
        status=store.review_status(article_id),
        reviewer=store.reviewer(article_id),
        score=article_agreement({n: [_key(sp) for sp in v] for n, v in spans.items()}),
        support=support,
    )


def disagreements(
    store: Store, article_id: int, annotators: Sequence[str] | None = None
) -> list[Group]:
    return review_article(store, article_id, annotators).groups


def _update_status(
    store: Store, article_id: int, reviewer: str, annotators: Sequence[str] | None
) -> str:
    review = review_article(store, article_id, annotators)
    status = "done" if all(review.settled) else "in_review"
    store.set_review(article_id, status, reviewer)
    return status


def _check_reviewer(reviewer: str) -> None:
    if not reviewer or not reviewer.strip():
        raise ValidationError("the reviewer's name is empty")


@contextmanager
def _as_review(store: Store) -> Iterator[None]:
    """Gold decisions are recorded in the history as coming from review."""
    before, store.via = store.via, "review"
    try:
        yield
    finally:
        store.via = before


def auto_accept(
    store: Store,
    article_id: int,
    reviewer: str,
    k: int | None = None,
    annotators: Sequence[str] | None = None,
) -> list[Span]:
    """Put every key tagged alike by at least ``k`` annotators (default: all) into gold.

    Keys inside a stretch the reviewer already settled are left alone.
    """
    _check_reviewer(reviewer)
    review = review_article(store, article_id, annotators)
    n = len(review.annotators)
    k = n if k is None else k
    if n and not 1 <= k <= n:
        raise ValidationError(f"k must be between 1 and {n} (the article's annotators), got {k}")
    settled_by_hand = decided(store, article_id)
    have = {_key(sp) for sp in review.gold}
    added: list[Span] = []
    with _as_review(store), store.transaction():
        for key, who in sorted(review.support.items()):
            if len(who) < k or key in have:
                continue
            if (
                any(
                    (g.start, g.end) in settled_by_hand and g.overlaps(key[0], key[1])
                    for g in review.groups
                )
                and key not in review.agreed
            ):
                continue
            origin = "agreed:" + ",".join(sorted(who))
            added.append(
                store.add_span(article_id, GOLD_ANNOTATOR, key[2], key[0], key[1], origin=origin)
            )
        if n:
            _update_status(store, article_id, reviewer, annotators)
    return added


def _replace(
    store: Store,
    article_id: int,
    group: Group,
    new: Sequence[tuple[Key, str]],
    reviewer: str,
    annotators: Sequence[str] | None,
) -> list[Span]:
    _check_reviewer(reviewer)
    review = review_article(store, article_id, annotators)
    if group not in review.groups:
        raise ValidationError(
            f"article {article_id}: no such disagreement at {group.start}-{group.end}"
            " (the annotations changed); reload the article"
        )
    agreed = set(review.agreed)
    out: list[Span] = []
    with _as_review(store), store.transaction():
        for sp in review.gold:
            if _belongs(sp, group, agreed):
                store.delete_span(sp.id)
        for (s, e, label), origin in new:
            out.append(store.add_span(article_id, GOLD_ANNOTATOR, label, s, e, origin=origin))
        _record_decision(store, article_id, group)
        _update_status(store, article_id, reviewer, annotators)
    return out


def accept(
    store: Store,
    article_id: int,
    group: Group,
    annotator: str,
    reviewer: str,
    annotators: Sequence[str] | None = None,
) -> list[Span]:
    """Settle ``group`` with ``annotator``'s version (none at all is a valid version)."""
    names = {sp.annotator for sp in group.spans} | set(
        review_article(store, article_id, annotators).annotators
    )
    if annotator not in names:
        raise ValidationError(f"article {article_id}: {annotator!r} did not annotate it")
    origin = f"accepted:{annotator} by {reviewer}"
    return _replace(
        store,
        article_id,
        group,
        [(_key(sp), origin) for sp in group.version(annotator)],
        reviewer,
        annotators,
    )


def edit(
    store: Store,
    article_id: int,
    group: Group,
    start: int,
    end: int,
    label: str,
    reviewer: str,
    annotators: Sequence[str] | None = None,
) -> Span:
    """Settle ``group`` with one span of the reviewer's own offsets and label."""
    store.label(label)  # one clear error for an unknown label
    (span,) = _replace(
        store,
        article_id,
        group,
        [((start, end, label), f"edited by {reviewer}")],
        reviewer,
        annotators,
    )
    return span


def reject(
    store: Store,
    article_id: int,
    group: Group,
    reviewer: str,
    annotators: Sequence[str] | None = None,
) -> None:
    """Settle ``group`` with no gold span at all."""
    _replace(store, article_id, group, [], reviewer, annotators)


@dataclass(frozen=True)
class QueueItem:
    article_id: int
    ext_id: str
    title: str
    score: float
    disagreements: int
    status: str


def review_queue(
    store: Store,
    annotators: Sequence[str] | None = None,
    progress: Callable[[int, int | None], None] | None = None,
) -> list[QueueItem]:
    """Articles with at least one disagreement, worst agreement first."""
    names = list(annotators) if annotators else human_annotators(store)
    done = store.done_by(names)
    statuses = store.review_statuses()
    ids = store.article_ids()
    out: list[QueueItem] = []
    for k in range(0, len(ids), BATCH):
        chunk = ids[k : k + BATCH]
        spans = store.spans_for_articles(chunk, names)
        rows = {r.id: r for r in store.article_rows(chunk)}
        for aid in chunk:
            who = select_participants(spans[aid], done.get(aid, set()), names)
            if len(who) < 2:
                continue
            per = {n: [sp for sp in spans[aid] if sp.annotator == n] for n in who}
            _agreed, groups, _support = group_disputed(per)
            if not groups:
                continue
            score = article_agreement({n: [_key(sp) for sp in v] for n, v in per.items()})
            row = rows[aid]
            out.append(
                QueueItem(
                    aid, row.ext_id, row.title, score, len(groups), statuses.get(aid, "pending")
                )
            )
        if progress is not None:
            progress(min(k + BATCH, len(ids)), len(ids))
    out.sort(key=lambda q: (q.score, -q.disagreements, q.article_id))
    return out
