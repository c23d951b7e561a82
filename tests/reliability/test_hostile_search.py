"""Search text is literal: FTS5 syntax, quotes, SQL and control characters never break it."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.assist.search import find_in_text, normalized_query, search_corpus
from annotator.core.errors import ValidationError
from annotator.core.model import ArticleIn
from annotator.core.store import Store
from annotator.core.text.matching import Mode, iter_occurrences
from annotator.core.text.normalize import normalize

TEXTS = {
    "quotes": "أطلقت الوزارة برنامج “تكافل وكرامة” في القاهرة",
    "fts": 'كتب المحرر: NEAR(AND OR) NOT "x" * ^ {norm_text}: col:value - + القاهرة',
    "sql": "قال '; DROP TABLE articles; -- ثم انصرف",
    "markup": "<b>عاجل</b> &amp; <font color=red>أحمر</font>",
    "controls": "\u202eمقلوب\u202c و\u2066معزول\u2069 و\x00صفر",
}

FTS_QUERIES = [
    '"', "'", '""', "*", "^", ":", "(", ")", "-", "+", "AND", "OR", "NOT", "NEAR",
    "NEAR(a b)", "a OR b", "a AND NOT b", '"تكافل وكرامة"', "تكافل*", "^تكافل",
    "norm_text: تكافل", "{norm_text norm_rests}: تكافل", "col:value", "تكافل) OR (1",
    "'; DROP TABLE articles; --", "\x00", "\u202e", "\\", "%", "_", "تكافل\x00وكرامة",
    "x" * 10_000, "تكافل " * 500,
]


@pytest.fixture
def store(project: Store) -> Store:
    with project.transaction():
        for key, text in TEXTS.items():
            project.insert_article(ArticleIn(ext_id=key, text=text, title=key))
    return project


def scanned(store: Store, query: str) -> list[tuple[str, int, int]]:
    """The hits ``query`` must give, found without the index: every article scanned.

    The search index only narrows the articles down; whatever a query holds, the hits must
    be exactly those of matching every stored text one by one.
    """
    norm = normalized_query(query)
    return [
        (art.ext_id, occ.start, occ.end)
        for art in store.iter_articles()
        for occ in iter_occurrences(art.text, norm, Mode.WORD_START)
    ]


def searched(store: Store, query: str) -> list[tuple[str, int, int]]:
    hits = search_corpus(store, query, limit=10_000)
    for hit in hits:
        assert store.article_text(hit.article_id)[hit.start : hit.end] == hit.match_text
    return [(h.ext_id, h.start, h.end) for h in hits]


@pytest.mark.parametrize("query", FTS_QUERIES, ids=range(len(FTS_QUERIES)))
def test_fts_syntax_is_literal_text(store: Store, query: str) -> None:
    """Operators, quotes and SQL are searched for as text: the hits of a full scan, no more,
    no fewer; only a query with nothing left after normalizing is refused."""
    before = store.article_count()
    if not normalize(query).strip():
        with pytest.raises(ValidationError, match="nothing to search for"):
            search_corpus(store, query)
    else:
        assert searched(store, query) == scanned(store, query)
    assert store.article_count() == before
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


SPELLED = ["AND", "OR", "NOT", "NEAR", "col:value", "'; DROP TABLE articles; --",
           "\u202e", "\x00", ":", "*", '"']  # fmt: skip


@pytest.mark.parametrize("query", SPELLED)
def test_fts_queries_that_spell_corpus_text_find_it(store: Store, query: str) -> None:
    """Not only queries that find nothing: these FTS queries are text of the corpus."""
    assert query in FTS_QUERIES
    hits = searched(store, query)
    assert hits and hits == scanned(store, query)


@pytest.mark.parametrize(
    "query, ext_id",
    [
        ('“تكافل وكرامة”', "quotes"),
        ("تكافل وكرامة", "quotes"),
        ("NEAR", "fts"),
        ("AND OR", "fts"),
        ("norm_text", "fts"),
        ("DROP TABLE", "sql"),
        ("font", "markup"),
        ("مقلوب", "controls"),
        ("معزول", "controls"),
    ],
)
def test_operators_and_quotes_find_the_words_they_spell(
    store: Store, query: str, ext_id: str
) -> None:
    hits = search_corpus(store, query)
    assert {h.ext_id for h in hits} == {ext_id}


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_empty_search_is_a_clear_refusal(store: Store, query: str) -> None:
    with pytest.raises(ValidationError, match="empty"):
        search_corpus(store, query)


CORPUS_WORDS = sorted({w for text in TEXTS.values() for w in re.findall(r"\w+", text)})
SEARCH = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SEARCH
@given(
    word=st.sampled_from(CORPUS_WORDS),
    cut=st.integers(1, 12),
    space=st.sampled_from(["", " ", "  ", "\t", "\n "]),
)
def test_a_word_of_the_corpus_or_its_beginning_is_found(
    store: Store, word: str, cut: int, space: str
) -> None:
    """A query made of a corpus word (or its first letters) finds the article holding it."""
    query = space + word[:cut] + space
    hits = searched(store, query)
    holders = {key for key, text in TEXTS.items() if re.search(rf"\b{re.escape(word)}", text)}
    assert holders and holders <= {ext_id for ext_id, _, _ in hits}
    assert hits == scanned(store, query)


@SEARCH
@given(query=st.text(max_size=30))
def test_any_query_gives_the_hits_of_a_full_scan(store: Store, query: str) -> None:
    if not normalize(query).strip():
        with pytest.raises(ValidationError, match="nothing to search for"):
            search_corpus(store, query, limit=20)
        return
    assert searched(store, query) == scanned(store, query)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=80), query=st.text(min_size=1, max_size=8))
def test_find_in_article_offsets_are_inside_the_text(text: str, query: str) -> None:
    try:
        spans = find_in_text(text, query)
    except ValidationError:
        return
    for start, end in spans:
        assert 0 <= start < end <= len(text)
