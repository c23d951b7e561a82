"""Suggestions: spans proposed from a gazetteer or from an annotator's past work.

Suggestions are ordinary spans under the reserved annotator ``suggest``, so every view
and export already knows how to read them, and they never mix with a person's own spans
until that person accepts them (the span becomes theirs and the suggestion goes) or
rejects them (the suggestion goes). Terms are matched like "tag all occurrences": after
normalization, on whole words, also after a proclitic (kept in the span or not, per the
project's trim setting). Longer terms go first, and a match overlapping a suggestion (or
the source annotator's span) with the same label is skipped.

The trained model's pre-annotations (annotator ``model``, ``core/tagger/suggesting.py``)
are suggestions too: listed, accepted and rejected here the same way, an accepted one
keeping the origin ``model``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.assist.search import candidate_ids, reindex_missing
from annotator.core.errors import ValidationError
from annotator.core.model import MODEL_ANNOTATOR, SUGGEST_ANNOTATOR, Span
from annotator.core.store import Store
from annotator.core.text.matching import Mode, iter_occurrences
from annotator.core.text.normalize import normalize
from annotator.core.text.tokens import trim_options
from annotator.core.undo import Batch, CreateSpan, DeleteSpan

ProgressCallback = Callable[[int, int | None], None]
ACCEPTED_ORIGIN = "suggest"
#: Annotators whose spans are suggestions: the gazetteer's and the trained model's
#: (``core/tagger/suggesting.py``). An accepted span's origin says which it came from.
SUGGESTERS = (SUGGEST_ANNOTATOR, MODEL_ANNOTATOR)
_ORIGIN_OF = {SUGGEST_ANNOTATOR: ACCEPTED_ORIGIN, MODEL_ANNOTATOR: "model"}
_INSERT_BATCH = 1000


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    label: str

    @property
    def key(self) -> str:
        return normalize(self.text).strip()


@dataclass(slots=True)
class SuggestReport:
    terms: int = 0
    suggestions: int = 0
    articles: set[int] = field(default_factory=set)
    skipped: int = 0

    def summary(self) -> str:
        return (
            f"{self.suggestions} suggestion(s) in {len(self.articles)} article(s) from"
            f" {self.terms} term(s); {self.skipped} already covered"
        )


def load_gazetteer(path: str | Path, labels: Iterable[str]) -> list[Term]:
    """Read ``term<TAB>label`` lines (UTF-8; blank lines and ``#`` comments skipped).

    Every line is checked before anything is used, so a bad file changes nothing.
    """
    path = Path(path)
    known = set(labels)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise ValidationError(f"{path}: no such gazetteer file") from None
    except IsADirectoryError:
        raise ValidationError(f"{path}: is a folder, not a gazetteer file") from None
    except UnicodeDecodeError:
        raise ValidationError(f"{path}: not UTF-8 text") from None
    terms: dict[tuple[str, str], Term] = {}
    for lineno, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            raise ValidationError(
                f"{path}:{lineno}: expected 'term<TAB>label', got {len(parts) - 1} tab(s)"
            )
        text, label = parts[0].strip(), parts[1].strip()
        if label not in known:
            raise ValidationError(
                f"{path}:{lineno}: unknown label {label!r} (the project has"
                f" {', '.join(sorted(known))})"
            )
        term = Term(text, label)
        if not term.key:
            raise ValidationError(f"{path}:{lineno}: the term is empty")
        terms.setdefault((term.key, label), term)
    if not terms:
        raise ValidationError(f"{path}: holds no terms")
    return list(terms.values())


def terms_from_annotator(store: Store, annotator: str) -> list[Term]:
    """The distinct texts an annotator tagged, each with the label they used most."""
    if annotator == SUGGEST_ANNOTATOR:
        raise ValidationError("suggestions cannot be made from the suggestions themselves")
    counts: dict[str, Counter[str]] = {}
    texts: dict[str, str] = {}
    for text, label, n in store.span_texts(annotator):
        key = normalize(text).strip()
        if key:
            counts.setdefault(key, Counter())[label] += n
            texts.setdefault(key, text)
    if not counts:
        raise ValidationError(f"annotator {annotator!r} has tagged nothing yet")
    return [Term(texts[k], c.most_common(1)[0][0]) for k, c in sorted(counts.items())]


def suggest(
    store: Store,
    terms: list[Term],
    *,
    origin: str,
    source_annotator: str | None = None,
    progress: ProgressCallback | None = None,
) -> SuggestReport:
    """Store suggestions for every occurrence of the terms, in one transaction.

    The search index is brought up to date once, first, in its own committed batches (an
    interrupted run keeps them); each term then only asks it for candidates.
    """
    keep_proclitic = not trim_options(store).proclitics
    report = SuggestReport(terms=len(terms))
    taken: dict[tuple[int, str], list[tuple[int, int]]] = {}
    watch = [SUGGEST_ANNOTATOR] + ([source_annotator] if source_annotator else [])

    def covered(article_id: int, label: str) -> list[tuple[int, int]]:
        if (article_id, label) not in taken:
            taken[article_id, label] = [
                (s.start, s.end) for s in store.spans(article_id, watch) if s.label == label
            ]
        return taken[article_id, label]

    rows: list[tuple[int, str, str, int, int, str | None]] = []
    ordered = sorted(terms, key=lambda t: (-len(t.key), t.key, t.label))
    reindex_missing(store, progress)
    with store.transaction():
        store.annotator_id(SUGGEST_ANNOTATOR)  # created up front, so counts are of spans only
        for done, term in enumerate(ordered, 1):
            key = term.key
            for art in store.iter_articles(list(candidate_ids(store, key, reindex=False))):
                for occ in iter_occurrences(art.text, key, Mode.WORDS):
                    start = occ.word_start if keep_proclitic else occ.start
                    spans = covered(art.id, term.label)
                    if any(s < occ.end and start < e for s, e in spans):
                        report.skipped += 1
                        continue
                    spans.append((start, occ.end))
                    rows.append((art.id, SUGGEST_ANNOTATOR, term.label, start, occ.end, origin))
                    report.articles.add(art.id)
            if len(rows) >= _INSERT_BATCH:
                report.suggestions += store.insert_spans(rows)
                rows = []
            if progress:
                progress(done, len(ordered))
        report.suggestions += store.insert_spans(rows)
        store.record_event(
            "suggest",
            actor=SUGGEST_ANNOTATOR,
            detail={"suggestions": report.suggestions, "articles": len(report.articles)},
        )
    return report


# -- accepting and rejecting -----------------------------------------------------------


def suggestions(store: Store, article_id: int) -> list[Span]:
    """The article's suggestions, the gazetteer's and the model's, in span order."""
    return store.spans(article_id, list(SUGGESTERS))


def _suggestion(store: Store, span_id: int) -> Span:
    span = store.span(span_id)
    if span.annotator not in SUGGESTERS:
        raise ValidationError(f"span {span_id} is {span.annotator}'s, not a suggestion")
    return span


def _check_annotator(annotator: str) -> None:
    if annotator in SUGGESTERS or not annotator.strip():
        raise ValidationError(f"suggestions are accepted by a person, not {annotator!r}")


def accept_batch(store: Store, span_ids: Iterable[int], annotator: str) -> Batch:
    """Accepting as one undoable step (not applied yet): each becomes ``annotator``'s span."""
    _check_annotator(annotator)
    ops: list[CreateSpan | DeleteSpan] = []
    count = 0
    for span_id in span_ids:
        s = _suggestion(store, span_id)
        own = {(o.start, o.end, o.label) for o in store.spans(s.article_id, [annotator])}
        if (s.start, s.end, s.label) not in own:  # else undo would delete their own span
            origin = _ORIGIN_OF[s.annotator]
            ops.append(CreateSpan(s.article_id, annotator, s.label, s.start, s.end, origin))
        ops.append(DeleteSpan(s))
        count += 1
    return Batch(list(ops), f"accept {count} suggestion(s)")


def reject_batch(store: Store, span_ids: Iterable[int]) -> Batch:
    """Rejecting as one undoable step (not applied yet)."""
    ops = [DeleteSpan(_suggestion(store, i)) for i in span_ids]
    return Batch(list(ops), f"reject {len(ops)} suggestion(s)")


def accept(store: Store, span_id: int, annotator: str) -> Span:
    """Make one suggestion ``annotator``'s own span (committed); returns that span."""
    s = _suggestion(store, span_id)
    accept_batch(store, [span_id], annotator).apply(store)
    (own,) = [
        o for o in store.spans(s.article_id, [annotator])
        if (o.start, o.end, o.label) == (s.start, s.end, s.label)
    ]
    return own


def reject(store: Store, span_id: int) -> Span:
    """Remove one suggestion; returns it as it was."""
    batch = reject_batch(store, [span_id])
    batch.apply(store)
    return batch.ops[0].span  # type: ignore[attr-defined,no-any-return]


def accept_all(store: Store, article_id: int, annotator: str) -> int:
    """Accept every suggestion in an article; returns how many."""
    ids = [s.id for s in suggestions(store, article_id)]
    if ids:
        accept_batch(store, ids, annotator).apply(store)
    return len(ids)


def reject_all(store: Store, article_id: int) -> int:
    """Reject every suggestion in an article; returns how many."""
    ids = [s.id for s in suggestions(store, article_id)]
    if ids:
        reject_batch(store, ids).apply(store)
    return len(ids)
