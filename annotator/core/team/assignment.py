"""Who annotates which article: static assignment (``annotator assign``: each article to K
named people, balanced) and dynamic assignment ("next article", the way INCEpTION's
dynamic workload hands out documents: an article that fewer than K annotators have done or
are working on, leased to the one asking until they are idle for ``lease``).

The rules about who may take what, and the locking that keeps two annotators asking at
once from pushing an article past K, are the store's (``Store.next_article``); here are
the choices: which annotators, how the articles are spread, what the clock says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from annotator.core.errors import ProjectError, ValidationError
from annotator.core.model import AnnotatorKind, kind_for_name
from annotator.core.store import Store

#: How long an annotator may leave a dynamically assigned article untouched before it
#: goes back to the pool (INCEpTION's default idle time is of this order, too).
DEFAULT_LEASE = timedelta(minutes=30)


def stamp(when: datetime) -> str:
    """A time as the project stores times: UTC, ISO 8601, milliseconds."""
    return when.astimezone(UTC).isoformat(timespec="milliseconds")


@dataclass
class AssignReport:
    annotators: list[str]
    articles: int
    added: int
    per_annotator: dict[str, int]


def _check_names(names: Sequence[str]) -> list[str]:
    out = list(dict.fromkeys(n.strip() for n in names if n.strip()))
    for name in out:
        if kind_for_name(name) != AnnotatorKind.HUMAN:
            raise ValidationError(f"{name!r} is a reserved name, not a person")
    return out


def team_annotators(store: Store) -> list[str]:
    """The team's members with the annotator role, on a server project that has a team."""
    try:
        members = store.team_members()
    except ProjectError:  # a project file has no team: the caller names the people
        return []
    return [m.annotator for m in members if m.role == "annotator"]


def assign_static(
    store: Store, per_article: int, annotators: Sequence[str] | None = None
) -> AssignReport:
    """Give each article ``per_article`` of ``annotators`` (default: the team's
    annotators), spreading the load evenly: each article goes to those with the fewest
    articles so far (in the order named, on a tie). Articles already assigned keep their
    people and get only the ones they lack; running it again adds nothing."""
    names = _check_names(annotators) if annotators else team_annotators(store)
    if not names:
        raise ValidationError(
            "no annotators to assign to: name them with --annotators a,b,c (or add team"
            " members with the annotator role)"
        )
    if per_article < 1:
        raise ValidationError("--per-article must be at least 1")
    if per_article > len(names):
        raise ValidationError(
            f"--per-article {per_article} needs at least {per_article} annotators;"
            f" {len(names)} named"
        )
    current: dict[int, set[str]] = {}
    load = dict.fromkeys(names, 0)
    for a in store.assignments():
        if a.kind == "static":
            current.setdefault(a.article_id, set()).add(a.annotator)
            if a.annotator in load:
                load[a.annotator] += 1
    order = {n: i for i, n in enumerate(names)}
    pairs: list[tuple[int, str]] = []
    ids = store.article_ids()
    for article_id in ids:
        have = current.get(article_id, set())
        need = per_article - len(have & load.keys())
        if need <= 0:
            continue
        free = sorted((n for n in names if n not in have), key=lambda n: (load[n], order[n]))
        for name in free[:need]:
            pairs.append((article_id, name))
            load[name] += 1
    added = store.assign_articles(pairs, at=stamp(datetime.now(UTC))) if pairs else 0
    return AssignReport(names, len(ids), added, load)


def next_article(
    store: Store,
    annotator: str,
    per_article: int,
    *,
    lease: timedelta = DEFAULT_LEASE,
    now: datetime | None = None,
) -> int | None:
    """The article ``annotator`` should open next, leased to them (see the module
    docstring), or None when every article has its K annotators or is done by them."""
    if per_article < 1:
        raise ValidationError("--per-article must be at least 1")
    if kind_for_name(annotator) != AnnotatorKind.HUMAN:
        raise ValidationError(f"{annotator!r} is a reserved name, not a person")
    when = now if now is not None else datetime.now(UTC)
    return store.next_article(
        annotator, per_article, idle_after=stamp(when - lease), at=stamp(when)
    )
