"""How far each annotator has got: what a lead watches while a team works
(``annotator progress``, Team > Progress in the app).

Per human annotator:

* done in total, and done today: articles whose status is ``done``, today's being those
  whose status last changed on the local calendar day of ``now`` (the status row's
  ``updated_at``; a note edited later on a done article moves it to that day);
* in progress: articles whose status is ``in_progress``;
* median time per article: the median, over the articles they marked done, of the seconds
  the history shows them working on each (``Store.time_per_article``: the gaps between
  their recorded changes, each gap capped, so a lunch break is not an article's time);
  None before the first done article with recorded work;
* agreement so far: exact span F1 with each other annotator on the articles both marked
  done (``agreement.compute_agreement``, so the figures are those of ``annotator
  agreement``), averaged over the others weighted by shared articles; ``shared`` is how
  many of their done articles someone else marked done too. None with nothing shared.

Everything is read through the store's operations, so it is the same on a file and on a
server.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime

from annotator.core.model import Status
from annotator.core.store import Store
from annotator.core.team.agreement import compute_agreement, human_annotators

BATCH = 500


@dataclass(frozen=True)
class AnnotatorProgress:
    name: str
    done: int
    done_today: int
    in_progress: int
    #: Median seconds per done article, from the history; None before there is any.
    median_seconds: float | None
    #: Done articles someone else marked done too.
    shared: int
    #: Exact span F1 with the others on those shared articles (weighted mean), or None.
    agreement: float | None


@dataclass(frozen=True)
class ProgressReport:
    articles: int
    #: The local calendar day "today" means, ISO format.
    day: str
    annotators: list[AnnotatorProgress]

    def to_dict(self) -> dict[str, object]:
        return {
            "articles": self.articles,
            "day": self.day,
            "annotators": [asdict(a) for a in self.annotators],
        }


def _local_day(stamp: str) -> date | None:
    """The local calendar day of a stored UTC time (ISO 8601), or None if it is not one."""
    try:
        return datetime.fromisoformat(stamp).astimezone().date()
    except ValueError:
        return None


def compute_progress(
    store: Store,
    *,
    now: datetime | None = None,
    progress: Callable[[int, int | None], None] | None = None,
) -> ProgressReport:
    """Each human annotator's figures (see the module docstring), in the project's order."""
    today = (now or datetime.now().astimezone()).date()
    names = human_annotators(store)
    done_by = store.done_by(names)
    done: dict[str, list[int]] = {n: [] for n in names}
    for article_id, who in sorted(done_by.items()):
        for name in who:
            done[name].append(article_id)

    done_today = dict.fromkeys(names, 0)
    ids = sorted(done_by)
    for k in range(0, len(ids), BATCH):
        for statuses in store.statuses_for_articles(ids[k : k + BATCH]).values():
            for name, status in statuses.items():
                if (
                    name in done_today
                    and status.status == Status.DONE
                    and _local_day(status.updated_at) == today
                ):
                    done_today[name] += 1
        if progress is not None:
            progress(min(k + BATCH, len(ids)), len(ids))

    times = store.time_per_article()
    weighted: dict[str, list[tuple[float, int]]] = {n: [] for n in names}
    if len(names) >= 2 and any(len(who) >= 2 for who in done_by.values()):
        report = compute_agreement(store, annotators=names)
        for pair in report.pairs:
            f1 = pair.micro.figures()["f1"]
            if pair.articles and f1 is not None:
                weighted[pair.a].append((f1, pair.articles))
                weighted[pair.b].append((f1, pair.articles))

    out = []
    for name in names:
        spent = [times.get(name, {}).get(aid, 0.0) for aid in done[name]]
        spent = [s for s in spent if s > 0]
        pairs = weighted[name]
        total = sum(n for _, n in pairs)
        out.append(
            AnnotatorProgress(
                name=name,
                done=len(done[name]),
                done_today=done_today[name],
                in_progress=store.status_counts(name).get(Status.IN_PROGRESS, 0),
                median_seconds=round(statistics.median(spent), 3) if spent else None,
                shared=sum(1 for aid in done[name] if len(done_by[aid]) >= 2),
                agreement=round(sum(f * n for f, n in pairs) / total, 4) if total else None,
            )
        )
    return ProgressReport(articles=store.article_count(), day=today.isoformat(), annotators=out)
