"""Tag all occurrences: give every other occurrence of a tagged span's text the same label.

The span's text is normalized (so any spelling variant counts) and matched on whole words,
also after a proclitic ("بوزارة التضامن" is an occurrence of "وزارة التضامن"). Whether the
proclitic goes into the new span follows the project's trim setting, as snapping does.
First a plan is made (what the confirmation shows: how many articles and matches), then
it is applied as ONE undo step (an ``undo.Batch`` of span creations, one transaction).
Matches overlapping a span with the same label by the same annotator are skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import groupby

from annotator.core.assist.search import candidate_ids
from annotator.core.errors import ValidationError
from annotator.core.model import Span
from annotator.core.store import Store
from annotator.core.text.matching import Mode, iter_occurrences
from annotator.core.text.normalize import normalize
from annotator.core.text.tokens import TrimOptions, trim_options, trim_proclitic
from annotator.core.undo import Batch, CreateSpan

ProgressCallback = Callable[[int, int | None], None]
BULK_ORIGIN = "bulk"


@dataclass(frozen=True, slots=True)
class BulkPlan:
    """What "tag all occurrences" will do, before it does it."""

    annotator: str
    label: str
    key: str  # the normalized text that was searched
    matches: tuple[tuple[int, int, int], ...] = field(default=())  # (article, start, end)
    skipped: int = 0  # occurrences already covered by a span with this label

    @property
    def match_count(self) -> int:
        return len(self.matches)

    @property
    def article_count(self) -> int:
        return len({m[0] for m in self.matches})

    def describe(self) -> str:
        return (
            f"{self.match_count} match(es) in {self.article_count} article(s) will be tagged"
            f" {self.label}; {self.skipped} already tagged"
        )


def search_key(text: str, start: int, end: int, options: TrimOptions) -> str:
    """The normalized text to look for: the span without its own leading proclitic."""
    s, e = trim_proclitic(text, start, end, article=options.proclitics and options.article)
    key = normalize(text[s:e]).strip()
    if not key:
        raise ValidationError("the span holds no text to look for")
    return key


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _plan_text(
    text: str,
    key: str,
    taken: Callable[[], list[tuple[int, int]]],
    options: TrimOptions,
) -> tuple[list[tuple[int, int]], int]:
    """New (start, end) spans for one text, and how many occurrences were skipped.

    ``taken`` (the same-label spans) is asked for only when the text holds a match.
    """
    found: list[tuple[int, int]] = []
    skipped = 0
    covered: list[tuple[int, int]] | None = None
    for occ in iter_occurrences(text, key, Mode.WORDS):
        if covered is None:
            covered = taken()
        start = occ.start if options.proclitics else occ.word_start
        if _overlaps(covered, start, occ.end):
            skipped += 1
            continue
        found.append((start, occ.end))
    return found, skipped


def _same_label(store: Store, article_id: int, annotator: str, label: str) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in store.spans(article_id, [annotator]) if s.label == label]


def plan_in_article(store: Store, span: Span, *, options: TrimOptions | None = None) -> BulkPlan:
    """Every other occurrence of ``span``'s text in its own article."""
    options = options or trim_options(store)
    text = store.article_text(span.article_id)
    key = search_key(text, span.start, span.end, options)
    found, skipped = _plan_text(
        text, key, lambda: _same_label(store, span.article_id, span.annotator, span.label), options
    )
    return BulkPlan(
        span.annotator,
        span.label,
        key,
        tuple((span.article_id, s, e) for s, e in found),
        skipped,
    )


def plan_in_corpus(
    store: Store,
    span: Span,
    *,
    options: TrimOptions | None = None,
    progress: ProgressCallback | None = None,
) -> BulkPlan:
    """Every other occurrence of ``span``'s text in the whole corpus (streamed)."""
    options = options or trim_options(store)
    key = search_key(store.article_text(span.article_id), span.start, span.end, options)
    ids = list(candidate_ids(store, key))
    matches: list[tuple[int, int, int]] = []
    skipped = 0
    for done, art in enumerate(store.iter_articles(ids), 1):
        found, n_skipped = _plan_text(
            art.text,
            key,
            lambda aid=art.id: _same_label(store, aid, span.annotator, span.label),
            options,
        )
        matches.extend((art.id, s, e) for s, e in found)
        skipped += n_skipped
        if progress and (done % 200 == 0 or done == len(ids)):
            progress(done, len(ids))
    return BulkPlan(span.annotator, span.label, key, tuple(matches), skipped)


def tag_batch(store: Store, plan: BulkPlan) -> Batch:
    """The plan as one undoable step (not applied yet): push it on an ``UndoStack``.

    Matches that became covered since the plan was made (same label) are dropped.
    """
    ops: list[CreateSpan] = []
    for article_id, group in groupby(plan.matches, key=lambda m: m[0]):
        taken = _same_label(store, article_id, plan.annotator, plan.label)
        for _aid, start, end in group:
            if not _overlaps(taken, start, end):
                ops.append(
                    CreateSpan(article_id, plan.annotator, plan.label, start, end, BULK_ORIGIN)
                )
    return Batch(list(ops), f"tag {len(ops)} × {plan.label}")


def apply_plan(store: Store, plan: BulkPlan) -> list[Span]:
    """Apply the plan in one transaction (without undo); returns the new spans."""
    batch = tag_batch(store, plan)
    batch.apply(store)
    return spans_of(store, batch.ops)


def spans_of(store: Store, ops: Iterable[object]) -> list[Span]:
    return [
        store.span(op.span_id)
        for op in ops
        if isinstance(op, CreateSpan) and op.span_id is not None
    ]
