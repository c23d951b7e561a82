"""Shared data for the export tests (core, CLI, GUI): the seed article with real spans."""

from __future__ import annotations

from annotator.core.model import ArticleIn
from annotator.core.store import Store

# (text in the seed article, label, which occurrence)
SEED_SPANS = [
    ("السفيرة", "OCC", 0),
    ("نائلة جبر", "PERS", 0),
    ("وزارة التضامن الاجتماعي", "ORG", 0),
    ("التضامن", "ORG", 1),  # nested inside the ORG above
    ("تكافل وكرامة", "PROGRAM", 0),  # inside typographic quotes
    ("فيينا", "GPE", 0),
]


def find(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(word, pos + 1)
    return pos, pos + len(word)


def add_seed_spans(store: Store, annotator: str = "salma", done: bool = True) -> int:
    """Tag the seed article (ext id ``seed``) and return its id."""
    art = store.article_by_ext_id("seed")
    for word, label, nth in SEED_SPANS:
        start, end = find(art.text, word, nth)
        if word == "التضامن":  # the one inside "وزارة التضامن الاجتماعي"
            start, end = find(art.text, "وزارة التضامن الاجتماعي")
            start += len("وزارة ")
            end = start + len(word)
        store.add_span(art.id, annotator, label, start, end)
    if done:
        store.set_status(art.id, annotator, "done")
    return art.id


def add_article(store: Store, ext_id: str, text: str, title: str = "") -> int:
    with store.transaction():
        return store.insert_article(ArticleIn(ext_id=ext_id, text=text, title=title))
