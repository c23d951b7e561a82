"""Search text is literal: FTS5 syntax, quotes, SQL and control characters never break it."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.assist.search import find_in_text, search_corpus
from annotator.core.errors import ValidationError
from annotator.core.model import ArticleIn
from annotator.core.store import Store

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


@pytest.mark.parametrize("query", FTS_QUERIES, ids=range(len(FTS_QUERIES)))
def test_fts_syntax_is_literal_text(store: Store, query: str) -> None:
    before = store.article_count()
    try:
        hits = search_corpus(store, query, limit=50)
    except ValidationError as exc:
        assert "search" in str(exc)
        return
    for hit in hits:
        text = store.article_text(hit.article_id)
        assert text[hit.start : hit.end] == hit.match_text
    assert store.article_count() == before
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


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


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=30))
def test_any_query_gives_hits_or_a_validation_error(store: Store, query: str) -> None:
    try:
        hits = search_corpus(store, query, limit=20)
    except ValidationError:
        return
    for hit in hits:
        assert store.article_text(hit.article_id)[hit.start : hit.end] == hit.match_text


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=80), query=st.text(min_size=1, max_size=8))
def test_find_in_article_offsets_are_inside_the_text(text: str, query: str) -> None:
    try:
        spans = find_in_text(text, query)
    except ValidationError:
        return
    for start, end in spans:
        assert 0 <= start < end <= len(text)
