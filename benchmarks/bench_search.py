"""Corpus search on N articles: the slowest query's median time, target under 100 ms.

Queries are real Arabic from the corpus vocabulary: a common word, an entity phrase, the
same phrase spelled with folded letters (ى for ي, ه for ة) and with diacritics, and a word
that matches nothing. The search index is built when the cached project is made, so no
query pays for indexing; one untimed warm-up query runs first.
"""

from __future__ import annotations

from benchmarks import corpus
from benchmarks.measure import Config, Figure, median, require, timed

QUERIES = (
    "وزارة",  # common word
    "البنك العربي",  # entity phrase
    "البنك العربى",  # spelling variant: ى for ي
    "مُحافظة غزة",  # with a diacritic
    "مستوره",  # ة written as ه
    "كلمةغيرموجودة",  # no match
)


def figures(cfg: Config) -> list[Figure]:
    return [Figure("search", f"corpus search on {cfg.n:,} articles", "ms", "under", 100.0)]


def measure(cfg: Config, figs: dict[str, Figure]) -> None:
    from annotator.core.store import open_store

    fig = figs["search"]
    search = require("annotator.core.assist.search", "search_corpus")
    db = corpus.project(cfg.n, cfg.seed)
    per_query: dict[str, float] = {}
    hits: dict[str, int] = {}
    with open_store(db) as store:
        search.search_corpus(store, QUERIES[0])  # warm-up (and any lazy indexing)
        for query in QUERIES:
            times = []
            for _ in range(max(3, cfg.repeats)):
                t, result = timed(lambda q=query: search.search_corpus(store, q))
                times.append(t * 1000)
            per_query[query] = median(times)
            hits[query] = len(result)
    slowest = max(per_query, key=per_query.__getitem__)
    fig.title = f"corpus search on {cfg.n:,} articles"
    fig.measured = per_query[slowest]
    fig.note = f"slowest query's median ({slowest!r}, {hits[slowest]} hits)"
    fig.extra = {"median_ms_per_query": per_query, "hits": hits}
