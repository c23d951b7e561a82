"""Corpus search and find-in-article over Arabic-normalized text.

The store's search index (filled with this normalizer's words by the store on insert and
by ``reindex_missing`` for articles stored before it existed) only narrows 100,000
articles down to candidates; each candidate's stored text then confirms every match and
gives exact code-point offsets through the normalizer's map. The index is asked with an
``IndexQuery`` (``index_query``: words, the last one a word beginning), which each backend
turns into its own index's syntax, so whatever a user types stays literal text there.

Corpus search finds matches that start a word (also right after a proclitic such as و ب
ال), so "تضامن" finds "والتضامن"; find-in-article matches anywhere, like a browser.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from annotator.core.errors import ValidationError, WriteFailedError
from annotator.core.store.interface import IndexQuery
from annotator.core.text.matching import (
    INDEX_VERSION,
    PROCLITIC_PREFIXES,
    Mode,
    TermFilter,
    find_occurrences,
    iter_occurrences,
    words,
)
from annotator.core.text.normalize import normalize

if TYPE_CHECKING:
    from annotator.core.store import Store

ProgressCallback = Callable[[int, int | None], None]
CONTEXT_CHARS = 40
INDEX_BATCH = 500
_CANDIDATE_BATCH = 50


@dataclass(frozen=True, slots=True)
class Hit:
    """One match in the corpus; offsets are code points of the article's stored text."""

    article_id: int
    ext_id: str
    title: str
    start: int
    end: int
    context_before: str
    match_text: str
    context_after: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def find_in_text(text: str, query: str) -> list[tuple[int, int]]:
    """Every match of ``query`` in ``text`` (normalized on both sides), as code-point spans."""
    return [(o.start, o.end) for o in find_occurrences(text, query, Mode.SUBSTRING)]


def normalized_query(query: str) -> str:
    """The query as it is matched; raises when nothing is left to search for."""
    norm = normalize(query).strip()
    if not norm:
        raise ValidationError("nothing to search for: the search text is empty")
    return norm


#: Proclitic chains, shortest first (the order the alternatives of a query are listed in).
_PREFIXES = sorted(PROCLITIC_PREFIXES, key=lambda p: (len(p), p))


def index_query(norm_query: str, present: TermFilter) -> IndexQuery | None:
    """What to ask the index for the articles that can hold a word-start match.

    The first word may follow a proclitic, so it is also asked for with each proclitic
    chain in front of it; ``present(terms, as_prefix)`` (the store's vocabulary lookup)
    keeps only the forms the index holds. A single word may end inside a word of the text
    (a word beginning); of several, the last may. None when the query has no letter or
    digit (the caller scans instead).
    """
    toks = words(norm_query)
    if not toks:
        return None
    forms = [p + toks[0] for p in _PREFIXES]
    found = present(forms, len(toks) == 1)
    firsts = [toks[0], *(f for f in forms if f in found)]
    return IndexQuery(tuple((first, *toks[1:]) for first in firsts))


def _index_state(store: Store) -> tuple[bool, bool]:
    """(the index is complete, it must be rebuilt from scratch)."""
    articles, max_article, indexed, max_indexed, version = store.search_index_state()
    # An empty index has no format yet; rows of another format, or of deleted articles,
    # cannot be told apart from good ones, so the whole index is rebuilt.
    rebuild = indexed > 0 and (
        version != str(INDEX_VERSION) or indexed > articles or max_indexed > max_article
    )
    complete = not rebuild and (articles, max_article) == (indexed, max_indexed)
    return complete, rebuild


# Store -> its change_stamp() when its index was last found complete: counting
# 100,000 rows costs ~10 ms a search, and these two numbers say whether anything changed.
_verified: WeakKeyDictionary[Store, tuple[int, int]] = WeakKeyDictionary()


def index_is_current(store: Store) -> bool:
    return _index_state(store)[0]


def reindex_missing(store: Store, progress: ProgressCallback | None = None) -> int:
    """Bring the search index up to date; returns how many articles were indexed.

    Cheap when nothing is missing (a few counts). Articles stored before the index existed
    are indexed in committed batches, so an interrupted run resumes where it stopped. If
    the index holds rows of deleted articles or was built with other rules, it is rebuilt.
    """
    stamp = store.change_stamp()
    if _verified.get(store) == stamp:
        return 0  # nothing was written anywhere since the index was last found complete
    complete, rebuild = _index_state(store)
    if complete:
        _verified[store] = stamp
        return 0
    if rebuild:
        store.search_index_reset(str(INDEX_VERSION))
    missing = store.search_index_missing()
    total = len(missing)
    if progress:
        progress(0, total)
    for i in range(0, total, INDEX_BATCH):
        store.search_index_add(missing[i : i + INDEX_BATCH])
        if progress:
            progress(min(i + INDEX_BATCH, total), total)
    return total


def candidate_ids(
    store: Store,
    norm_query: str,
    progress: ProgressCallback | None = None,
    *,
    reindex: bool = True,
) -> Iterator[int]:
    """Ids of the articles that may hold a word-start match of ``norm_query``, ascending.

    Brings the index up to date first; on a read-only project whose index lags behind,
    the unindexed articles are added as candidates instead. A caller that looks up many
    queries brings the index up to date once itself and passes ``reindex=False``.
    """
    stale: list[int] = []
    if reindex:
        try:
            reindex_missing(store, progress)
        except WriteFailedError:
            stale = store.search_index_missing()
    query = index_query(norm_query, store.search_terms_present)
    if query is None:  # only punctuation or symbols: nothing to look up, so scan
        yield from store.article_ids()
        return
    if not stale:
        yield from store.search_index_match(query)
        return
    yield from sorted(set(store.search_index_match(query)) | set(stale))


def _chunks(ids: Iterator[int], size: int) -> Iterator[list[int]]:
    while chunk := list(islice(ids, size)):
        yield chunk


def iter_hits(
    store: Store, query: str, progress: ProgressCallback | None = None
) -> Iterator[Hit]:
    """Every hit in corpus order, lazily (stop whenever enough were read).

    ``progress`` reports indexing of articles the search index does not hold yet.
    """
    norm_query = normalized_query(query)
    for chunk in _chunks(candidate_ids(store, norm_query, progress), _CANDIDATE_BATCH):
        for art in store.iter_articles(chunk, batch=_CANDIDATE_BATCH):
            text = art.text
            for occ in iter_occurrences(text, norm_query, Mode.WORD_START):
                yield Hit(
                    article_id=art.id,
                    ext_id=art.ext_id,
                    title=art.title,
                    start=occ.start,
                    end=occ.end,
                    context_before=text[max(0, occ.start - CONTEXT_CHARS) : occ.start],
                    match_text=text[occ.start : occ.end],
                    context_after=text[occ.end : occ.end + CONTEXT_CHARS],
                )


def search_corpus(
    store: Store, query: str, *, limit: int = 100, progress: ProgressCallback | None = None
) -> list[Hit]:
    """The first ``limit`` hits of ``query`` in the corpus, in article order."""
    if limit < 1:
        raise ValidationError(f"the number of results must be at least 1, got {limit}")
    return list(islice(iter_hits(store, query, progress), limit))


def count_articles(hits: Iterable[Hit]) -> int:
    return len({h.article_id for h in hits})
