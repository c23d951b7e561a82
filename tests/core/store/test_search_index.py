"""Each backend's search index: an ``IndexQuery`` becomes its own syntax (FTS5 on a file,
a ``tsquery`` on a server) with every typed character literal, and both backends give the
same hits for the same queries on the same corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.assist.search import index_query, search_corpus
from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn
from annotator.core.store import IndexQuery, Store, create_store, open_store
from annotator.core.store.postgres.search_index import tsquery_text, tsvector_text
from annotator.core.store.sqlite.search_index import fts_expression
from annotator.core.text.normalize import normalize

WOJOOD = Path(__file__).parents[2] / "data" / "wojood" / "test.txt"

#: Texts that try to break an index's syntax, and Arabic in its many spellings.
TEXTS = {
    "quotes": "أطلقت الوزارة برنامج “تكافل وكرامة” في القاهرة",
    "fts": 'كتب المحرر: NEAR(AND OR) NOT "x" * ^ {norm_text}: col:value - + القاهرة',
    "tsquery": "قال: 'a' & !b | (c <-> d):* \\\\ ثم انصرف",
    "sql": "قال '; DROP TABLE articles; -- ثم انصرف",
    "controls": "\u202eمقلوب\u202c و\u2066معزول\u2069 و\u200dصفر",
    "ministry": "زار وفداً بوزارة التضامن، والتضامنية وَزارةُ التَّضامُن ووزاره التضامن",
    "long": "كلمة" * 400 + " " + "تكافل " * 300,
    "cases": "İstanbul ΣΊΣΥΦΟΣ straße ﻻ ٢٠٢٤ 2024 😀مستورة",
}

QUERIES = [
    "وزارة التضامن", "وزاره التضامن", "التضامن", "تضامن", "ضامن", "بوزارة", "وزارة",
    '" OR *', "NEAR(وزارة)", "معزول", "مقلوب", "تكافل وكرامة", '"تكافل وكرامة"', "تكافل*",
    "'a' & !b", "(c <-> d):*", "\\\\", "DROP TABLE", "القاهرة", "istanbul", "σίσυφος",
    "strasse", "straße", "٢٠٢٤", "2024", "مستوره", "كلمة" * 130, "تكافل " * 5, "x" * 600,
    "ال", "و", "نائلة جبر", "السفيرة نائلة", "مصر", "الاجتماعي ضمن",
]  # fmt: skip


def _fill(store: Store, seed_text: str) -> None:
    with store.transaction():
        store.insert_article(ArticleIn(ext_id="seed", text=seed_text, title="seed"))
        for key, text in TEXTS.items():
            store.insert_article(ArticleIn(ext_id=key, text=text, title=key))
        for n, block in enumerate(WOJOOD.read_text(encoding="utf-8").split("\n\n")):
            words = [line.split(" ")[0] for line in block.splitlines() if line.strip()]
            store.insert_article(ArticleIn(ext_id=f"w{n}", text=" ".join(words)))


@pytest.fixture
def both(tmp_path: Path, pg_url: str, seed_text: str):  # type: ignore[no-untyped-def]
    """The same corpus in a project file and on the server."""
    stores = [create_store(tmp_path / "p.db", default_labels()), create_store(pg_url)]
    for store in stores:
        _fill(store, seed_text)
    yield stores
    for store in stores:
        store.close()


def _hits(store: Store, query: str) -> list[tuple[str, int, int]] | str:
    try:
        return [(h.ext_id, h.start, h.end) for h in search_corpus(store, query, limit=10_000)]
    except Exception as exc:  # the same refusal on both sides counts as the same answer
        return f"{type(exc).__name__}: {exc}"


@pytest.mark.parametrize("query", QUERIES, ids=range(len(QUERIES)))
def test_both_backends_give_the_same_hits(both: list[Store], query: str) -> None:
    file_hits, server_hits = (_hits(s, query) for s in both)
    assert file_hits == server_hits


def test_the_shared_queries_do_find_things(both: list[Store]) -> None:
    """The comparison above is not between two empty answers."""
    found = [q for q in QUERIES if isinstance(_hits(both[1], q), list) and _hits(both[1], q)]
    assert len(found) >= 20
    # the seed's four, and "ministry"'s three (not "والتضامنية": no word starts there)
    assert len(_hits(both[1], "وزارة التضامن")) == 4 + 3


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(alphabet="وزارةالتضمنهىيبك \"'*():&|!<->\\ءآأإ", min_size=1, max_size=12))
def test_any_query_gives_the_same_hits_on_both(both: list[Store], query: str) -> None:
    file_hits, server_hits = (_hits(s, query) for s in both)
    assert file_hits == server_hits


def test_a_new_article_from_another_program_is_found_on_both(both: list[Store]) -> None:
    for store in both:
        with open_store(store.location) as other:
            with other.transaction():
                other.insert_article(ArticleIn(ext_id="late", text="افتتح مصرف الراجحي فرعا"))
        assert [h.ext_id for h in search_corpus(store, "مصرف الراجحى")] == ["late"]


# -- each backend's syntax -----------------------------------------------------------


def test_fts5_quotes_every_word() -> None:
    query = IndexQuery((("and", "or", 'ne"ar'), ("وand", "or", 'ne"ar')))
    assert fts_expression(query) == (
        'norm_text : (("and" + "or" + "ne""ar"*) OR ("وand" + "or" + "ne""ar"*))'
    )
    assert fts_expression(IndexQuery((("مستوره",),))) == 'norm_text : (("مستوره"*))'


def test_tsquery_quotes_every_word_and_asks_all_of_a_phrase() -> None:
    query = IndexQuery((("and", "it's", "n\\ear"), ("وand", "it's", "n\\ear")))
    assert tsquery_text(query) == (
        "('and' & 'it''s' & 'n\\\\ear':*) | ('وand' & 'it''s' & 'n\\\\ear':*)"
    )
    long = "ك" * 700
    assert tsquery_text(IndexQuery(((long, "x"),))) == f"('{'ك' * 500}':* & 'x':*)"


def test_tsvector_holds_each_normalized_word_once() -> None:
    text = "وَزارةُ الوزارة وزاره İstanbul ⁦UNODC⁩ «التضامن» ٢٠٢٤ 😀مستورة"
    assert tsvector_text(text) == (
        "'2024' 'unodc' 'İstanbul' 'التضامن' 'الوزاره' 'مستوره' 'وزاره'"
    )
    assert tsvector_text(" ".join(f"w{i}x" * 60 for i in range(20_000))) is None  # > 1 MB


def test_queries_run_on_a_real_index(project: Store) -> None:
    with project.transaction():
        project.insert_article(
            ArticleIn(ext_id="a", text="زار وفداً بوزارة التضامن، والتضامنية و\u2066معزول\u2069")
        )
    for query, found in [
        ("وزارة التضامن", True), ("التضامن", True), ("تضامن", True), ("ضامن", False),
        ('" OR *', False), ("NEAR(وزارة)", False), ("معزول", True), ("'a' & !b", False),
    ]:  # fmt: skip
        asked = index_query(normalize(query), project.search_terms_present)
        ids = list(project.search_index_match(asked)) if asked else []
        assert bool(ids) == found, query


def test_terms_present_as_words_or_beginnings(project: Store) -> None:
    with project.transaction():
        project.insert_article(ArticleIn(ext_id="a", text="والتضامن وزارة"))
    forms = ["والتضامن", "والتضا", "وزاره", "بوزاره", "it's"]  # normalized, as the index is
    assert project.search_terms_present(forms) == {"والتضامن", "وزاره"}
    assert project.search_terms_present(forms, True) == {"والتضامن", "والتضا", "وزاره"}
    assert project.search_terms_present([]) == set()


def test_a_version_3_index_is_rebuilt_with_the_lean_tokenizer(tmp_path: Path) -> None:
    """Schema 6 re-creates the file's index with the ``ascii`` tokenizer and one column;
    the first search refills it, and finds what the old index found."""
    import sqlite3

    from annotator.core.store.sqlite import project_file, schema

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    project_file.migrate(conn, 0, 3)
    now = "2025-01-01T00:00:00.000+00:00"
    text = TEXTS["ministry"]
    conn.execute(
        "INSERT INTO articles (id, ext_id, text, length, content_hash, created_at)"
        " VALUES (1, 'a', ?, ?, 'h', ?)",
        (text, len(text), now),
    )
    conn.execute("INSERT INTO articles_fts (rowid, norm_text, norm_rests) VALUES (1, 'وزاره', '')")
    conn.close()
    with open_store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.CURRENT_VERSION
        (sql,) = store.conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'articles_fts'"
        ).fetchone()
        assert "tokenize = 'ascii'" in sql and "norm_rests" not in sql
        assert store.search_index_state()[2] == 0  # emptied: the old rows were unicode61's
        hits = search_corpus(store, "وزارة التضامن")
        assert {h.article_id for h in hits} == {1} and len(hits) == 3
        assert store.search_index_state()[2] == 1


def test_fts5_asks_a_listed_word_beginning_as_its_words() -> None:
    query = IndexQuery((("وزاره",), ("البنك", "العربي")))
    words = {"وزاره": ["وزاره", "وزارات"], "العربي": ["العربي", "العربيه"]}
    assert fts_expression(query, words.get) == (
        'norm_text : (("وزاره") OR ("وزارات") OR ("البنك" + "العربي") OR ("البنك" + "العربيه"))'
    )
    assert fts_expression(query, lambda _w: None) == fts_expression(query)


def test_listing_word_beginnings_finds_what_prefix_queries_find(
    tmp_path: Path, seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At a million articles a word beginning asked as its few words is several times
    faster (FTS5 merges a prefix's whole lists first); the hits must be the same for every
    shared query, short, broad, mixed-case or with no word at all."""
    from annotator.core.store.sqlite import search_index

    store = create_store(tmp_path / "p.db", default_labels())
    try:
        _fill(store, seed_text)
        queries = [*QUERIES, "CNN", "İstanbul", "وزار", "التضامني", "العرب"]
        listed = {q: _hits(store, q) for q in queries}
        monkeypatch.setattr(search_index, "EXPAND_MAX", 0)  # every beginning a prefix query
        assert {q: _hits(store, q) for q in queries} == listed
        assert listed["التضامن"] and listed["وزارة"]
    finally:
        store.close()


def test_a_word_another_program_adds_is_found_by_its_beginning_next_time(
    tmp_path: Path,
) -> None:
    """The words a beginning stands for are listed per search: a new word with the same
    beginning, stored by another program between two searches, is found by the second."""
    path = tmp_path / "p.db"
    store = create_store(path, default_labels())
    try:
        with store.transaction():
            store.insert_article(ArticleIn(ext_id="a", text="زار الوزير وزارة الصحة"))
        assert [h.ext_id for h in search_corpus(store, "وزار")] == ["a"]
        with open_store(path) as other, other.transaction():
            other.insert_article(ArticleIn(ext_id="b", text="القرارات الوزارية الجديدة وزاريون"))
        assert [h.ext_id for h in search_corpus(store, "وزار")] == ["a", "b", "b"]  # الوزارية too
    finally:
        store.close()
