"""What to export: the selection (annotators, gold, status, labels) streamed as records.

A record is one (article, annotator) pair with that annotator's spans. Articles are read
in batches of ids with one query for their spans and one for their statuses, so memory
stays flat on a corpus of 100,000 articles and the query count stays small.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from annotator.core.formats.export_checks import ExportCancelled, ExportError, SpanOut, check_record
from annotator.core.model import GOLD_ANNOTATOR, AnnotatorKind, Article, Status
from annotator.core.paging import done_pages
from annotator.core.store import Store

BATCH = 500
#: Article ids read at a time to find the done ones (20,000: as fast as reading them all
#: at once at a million articles, about 10 MB of done marks a page).
ID_PAGE = 20_000
STATUSES = ("done", "all")

ProgressFn = Callable[[int, int | None], None]
CancelFn = Callable[[], bool]


@dataclass(slots=True)
class ExportRecord:
    article: Article
    annotator: str
    status: str  # the gold layer's: pending, in_review or done
    spans: list[SpanOut]  # checked against the article text, sorted by (start, end, label)
    note: str = ""
    #: When the status or note last changed (UTC); None if they never were set.
    changed_at: str | None = None
    reviewer: str | None = None  # the gold layer's


@dataclass(frozen=True, slots=True)
class Selection:
    """Whose spans on which articles; built (and checked) before anything is written."""

    annotators: tuple[str, ...]
    gold: bool
    status: str
    labels: frozenset[str] | None


def make_selection(
    store: Store,
    *,
    annotator: str | None,
    gold: bool,
    status: str,
    labels: Sequence[str] | None,
) -> Selection:
    if status not in STATUSES:
        raise ExportError(f"unknown status {status!r}; use done or all")
    if gold and annotator is not None:
        raise ExportError("choose one annotator or the gold layer, not both")
    kinds = store.annotator_kinds()
    if gold:
        names: tuple[str, ...] = (GOLD_ANNOTATOR,)
    elif annotator is not None:
        if annotator not in kinds:
            raise ExportError(f"no annotator named {annotator!r} in {store.location}")
        names = (annotator,)
    else:
        wanted = (AnnotatorKind.HUMAN.value, AnnotatorKind.IMPORT.value)
        names = tuple(n for n, kind in kinds.items() if kind in wanted)
    label_set: frozenset[str] | None = None
    if labels is not None:
        known = {lab.name for lab in store.labels()}
        unknown = [lab for lab in labels if lab not in known]
        if unknown:
            raise ExportError(
                f"no label named {', '.join(map(repr, unknown))} in {store.location};"
                f" labels: {', '.join(sorted(known))}"
            )
        if not labels:
            raise ExportError("no labels chosen to export")
        label_set = frozenset(labels)
    return Selection(names, gold, status, label_set)


def article_ids(store: Store, sel: Selection) -> Sequence[int]:
    """Ids of the articles that yield at least one record, in corpus order."""
    if sel.gold:
        reviews = store.review_statuses()
        if sel.status == "done":
            return sorted(i for i, st in reviews.items() if st == "done")
        return sorted(set(reviews) | set(store.annotated_article_ids(sel.annotators)))
    if sel.status == "done":
        return done_ids(store, list(sel.annotators))
    return store.annotated_article_ids(sel.annotators)


def done_ids(store: Store, names: list[str]) -> array[int]:
    """Ids of the articles any of ``names`` marked done, in corpus order, 8 bytes each.

    Read a page of article ids at a time with that page's done marks: the whole corpus's
    done marks at once (article id -> names) took 383 MB at a million articles.
    """
    out: array[int] = array("q")
    for page, done in done_pages(store, names, ID_PAGE):
        out.extend(i for i in page if i in done)
    return out


def nothing_message(store: Store, sel: Selection) -> str:
    if sel.gold:
        what = "no article is reviewed (done)" if sel.status == "done" else "no gold spans"
    elif not sel.annotators:
        what = "no annotator has worked on it yet"
    elif sel.status == "done":
        what = f"no article is marked done by {', '.join(sel.annotators)}"
    else:
        what = f"{', '.join(sel.annotators)} has no spans or statuses"
    hint = "; status all exports unfinished work too" if sel.status == "done" else ""
    return f"nothing to export from {store.location}: {what}{hint}"


def iter_records(
    store: Store,
    sel: Selection,
    ids: Sequence[int],
    *,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
) -> Iterator[ExportRecord]:
    """Records in corpus order, then annotator order; each span checked before it leaves."""
    total = len(ids)
    reviews = store.review_statuses() if sel.gold else {}
    names = list(sel.annotators)
    labels = sel.labels
    done_only = sel.status == "done"
    for k in range(0, total, BATCH):
        if should_cancel is not None and should_cancel():
            raise ExportCancelled("export cancelled; nothing was written")
        chunk = list(ids[k : k + BATCH])
        # article id -> annotator -> (start, end, label); any label counts as "worked on"
        rows: dict[int, dict[str, list[tuple[int, int, str]]]] = {}
        for aid, ann, label, start, end in store.span_rows(chunk, names):
            rows.setdefault(aid, {}).setdefault(ann, []).append((start, end, label))
        statuses = {} if sel.gold else store.statuses_for_articles(chunk)
        for art in store.iter_articles(chunk, batch=len(chunk)):
            text = art.text
            mine = rows.get(art.id, {})
            for name in names:
                note, changed_at, reviewer = "", None, None
                if sel.gold:
                    status = reviews.get(art.id)
                    if status is None and name not in mine:
                        continue  # never reviewed, no gold spans
                    if status is not None:
                        reviewer = store.reviewer(art.id)
                    status = status or "pending"
                else:
                    st = statuses.get(art.id, {}).get(name)
                    if st is None and name not in mine:
                        continue  # this annotator never worked on the article
                    status = Status.TODO.value
                    if st is not None:
                        status, note, changed_at = st.status.value, st.note, st.updated_at or None
                if done_only and status != "done":
                    continue
                found = mine.get(name, [])
                found.sort()
                spans: list[SpanOut] = [
                    (s, e, lab, text[s:e])
                    for s, e, lab in found
                    if labels is None or lab in labels
                ]
                check_record(art.ext_id, text, spans)
                yield ExportRecord(art, name, status, spans, note, changed_at, reviewer)
        if progress is not None:
            progress(min(k + BATCH, total), total)
