from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from backend_helpers import raw_sql

from annotator.core.assist.search import (
    find_in_text,
    index_is_current,
    index_query,
    reindex_missing,
    search_corpus,
)
from annotator.core.errors import ValidationError
from annotator.core.model import ArticleIn
from annotator.core.store import Store, open_store
from annotator.core.store.sqlite import project_file, schema
from annotator.core.text.matching import INDEX_VERSION
from annotator.core.text.normalize import normalize

MINISTRY = "وزارة التضامن"
BANK_TEXT = "قال مدير البنك العربي إن وَزارةُ المالِيّة وافقت. ثم زار البنك الأهلي."


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


@pytest.fixture
def corpus(seed_project: Store) -> Store:
    with seed_project.transaction():
        seed_project.insert_article(ArticleIn(ext_id="bank", text=BANK_TEXT, title="بنك"))
        seed_project.insert_article(ArticleIn(ext_id="none", text="لا شيء هنا عن ذلك."))
    return seed_project


@pytest.mark.parametrize(
    "query",
    [
        MINISTRY,
        "وزاره التضامن",  # haa for taa marbuta
        "وِزارةُ التَّضامُن",  # with diacritics
        "وزارة التضـــامن",  # tatweel
        "وزارة   التضامن",  # extra spaces
        "  وزارة التضامن  ",
    ],
)
def test_ministry_in_any_spelling_finds_every_occurrence_in_the_seed(
    corpus: Store, seed_text: str, query: str
) -> None:
    hits = search_corpus(corpus, query)
    expected = occurrences(seed_text, MINISTRY)
    assert len(expected) == 4
    assert [(h.ext_id, h.start, h.end) for h in hits] == [("seed", s, e) for s, e in expected]
    assert {h.match_text for h in hits} == {MINISTRY}
    assert all(seed_text[h.start : h.end] == MINISTRY for h in hits)


def test_alef_maqsura_query_finds_yaa(corpus: Store) -> None:
    (hit,) = search_corpus(corpus, "البنك العربى")
    assert hit.ext_id == "bank"
    assert hit.match_text == "البنك العربي"
    assert BANK_TEXT[hit.start : hit.end] == "البنك العربي"


def test_haa_query_finds_taa_marbuta(corpus: Store, seed_text: str) -> None:
    (hit,) = search_corpus(corpus, "مستوره")
    assert (hit.ext_id, hit.match_text) == ("seed", "مستورة")
    assert hit.context_before.endswith("برنامج “")
    assert hit.context_after.startswith("” الموجه")
    assert seed_text[hit.start - len(hit.context_before) : hit.start] == hit.context_before


def test_plain_query_finds_text_with_diacritics_and_the_reverse(corpus: Store) -> None:
    (hit,) = search_corpus(corpus, "وزارة المالية")
    assert hit.match_text == "وَزارةُ المالِيّة"
    (hit,) = search_corpus(corpus, "وَزارةُ المالِيّة")
    assert hit.match_text == "وَزارةُ المالِيّة"
    plain = search_corpus(corpus, "مُسْتَوْرَة")
    assert [h.match_text for h in plain] == ["مستورة"]


def test_word_start_matches_follow_proclitics(corpus: Store, seed_text: str) -> None:
    hits = search_corpus(corpus, "العاصمة الإدارية")
    assert [h.match_text for h in hits] == ["العاصمة الإدارية"]
    assert seed_text[hits[0].start - 1] == "ب"  # found inside "بالعاصمة"
    assert len(search_corpus(corpus, "تضامن")) == 5  # "التضامن" after the article
    assert search_corpus(corpus, "ضامن") == []  # but not from the middle of a word


@pytest.mark.parametrize(
    "query",
    ['"', '"وزارة', "وزارة)", "(", "AND", "OR", "NOT وزارة", "NEAR(وزارة التضامن)", "*",
     "وزارة*", "^وزارة", "وزارة OR التضامن", "{norm_text}: وزارة", "+", '""'],
)
def test_any_typed_text_is_a_literal_query(corpus: Store, query: str) -> None:
    hits = search_corpus(corpus, query)  # never an FTS5 syntax error
    assert all(normalize(h.match_text) == normalize(query).strip() for h in hits)


def test_operators_are_not_interpreted(corpus: Store) -> None:
    assert search_corpus(corpus, "وزارة OR التضامن") == []
    assert search_corpus(corpus, "NOT وزارة") == []
    stars = search_corpus(corpus, "*")
    assert [h.match_text for h in stars] == ["*"]  # the one real asterisk in the seed


def test_punctuation_only_query_scans_the_text(corpus: Store, seed_text: str) -> None:
    hits = search_corpus(corpus, "“")
    assert [h.start for h in hits] == [s for s, _ in occurrences(seed_text, "“")]


def test_limit_and_empty_query(corpus: Store) -> None:
    assert len(search_corpus(corpus, MINISTRY, limit=2)) == 2
    with pytest.raises(ValidationError, match="empty"):
        search_corpus(corpus, " \u064e ")
    with pytest.raises(ValidationError, match="at least 1"):
        search_corpus(corpus, MINISTRY, limit=0)


def test_find_in_text_matches_anywhere(seed_text: str) -> None:
    found = find_in_text(seed_text, "وزاره التضامن")
    assert found == occurrences(seed_text, MINISTRY)
    assert find_in_text(seed_text, "ضامن") == occurrences(seed_text, "ضامن")
    assert find_in_text(seed_text, "") == []


def test_find_in_text_never_splits_a_letter_from_its_marks() -> None:
    text = "مُحَمَّدٌ و cafe\u0301 و 👨\u200d👩"
    (span,) = find_in_text(text, "محمد")
    assert text[span[0] : span[1]] == "مُحَمَّدٌ"
    assert find_in_text(text, "cafe") == []  # the e carries a combining accent
    assert find_in_text(text, "👨") == []  # part of a joined emoji sequence


def test_the_index_is_asked_for_words_with_a_proclitic_in_front_of_the_first() -> None:
    asked: list[tuple[list[str], bool]] = []

    def present(terms, as_prefix):  # type: ignore[no-untyped-def]
        asked.append((list(terms), as_prefix))
        return {"والمستوره", "بمستوره", "وand"}

    assert index_query(normalize('"'), present) is None  # nothing to look up: scan
    one = index_query(normalize('مستوره"'), present)
    assert one is not None
    assert one.phrases == (("مستوره",), ("بمستوره",), ("والمستوره",))
    assert asked[-1][1] is True and "ومستوره" in asked[-1][0]  # one word: a beginning
    two = index_query(normalize('and OR "near'), present)
    assert two is not None and two.phrases == (("and", "or", "near"), ("وand", "or", "near"))
    assert asked[-1][1] is False  # the first of several words is a whole word


def test_articles_inserted_after_a_search_are_found(corpus: Store) -> None:
    assert search_corpus(corpus, "مصرف الراجحي") == []
    with corpus.transaction():
        corpus.insert_article(ArticleIn(ext_id="new", text="افتتح مَصْرِف الراجحى فرعا"))
    (hit,) = search_corpus(corpus, "مصرف الراجحي")
    assert hit.ext_id == "new"
    assert index_is_current(corpus)


def _old_project(path: Path, texts: list[str]) -> None:
    """A project file as the first release wrote it (schema 1, no search index)."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    project_file.migrate(conn, 0, 1)
    for i, text in enumerate(texts):
        conn.execute(
            "INSERT INTO articles (ext_id, text, length, content_hash, created_at)"
            " VALUES (?, ?, ?, 'x', 'now')",
            (f"a{i}", text, len(text)),
        )
    conn.close()


def test_old_project_migrates_and_indexes_its_articles(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "old.db"
    _old_project(path, [seed_text, BANK_TEXT])
    with open_store(path) as store:
        assert store.migration_backup is not None and store.migration_backup.exists()
        version = store.conn.execute("PRAGMA user_version").fetchone()[0]
        assert version == schema.CURRENT_VERSION
        assert not index_is_current(store)
        seen: list[tuple[int, int | None]] = []
        assert reindex_missing(store, lambda d, t: seen.append((d, t))) == 2
        assert seen[0] == (0, 2) and seen[-1] == (2, 2)
        assert index_is_current(store)
        assert reindex_missing(store) == 0
        assert len(search_corpus(store, "وزاره التضامن")) == 4


def test_search_indexes_what_is_missing_by_itself(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "old.db"
    _old_project(path, [seed_text])
    with open_store(path) as store:
        assert len(search_corpus(store, MINISTRY)) == 4
        assert index_is_current(store)


def test_read_only_project_with_a_lagging_index_still_finds_everything(
    tmp_path: Path, seed_text: str
) -> None:
    path = tmp_path / "old.db"
    _old_project(path, [seed_text])
    open_store(path).close()  # migrated, index still empty
    with open_store(path, readonly=True) as store:
        assert len(search_corpus(store, MINISTRY)) == 4
        assert not index_is_current(store)  # nothing was written


def test_index_is_rebuilt_for_new_rules_or_deleted_articles(corpus: Store, backend: str) -> None:
    corpus.set_setting("search_index_version", "0")
    assert reindex_missing(corpus) == 3
    assert index_is_current(corpus)
    bank = corpus.article_by_ext_id("bank").id
    raw_sql(corpus, "DELETE FROM articles WHERE id = ?", (bank,))  # by another program
    if backend == "sqlite":  # FTS5 keeps the deleted article's words: rebuilt
        assert not index_is_current(corpus)
        assert reindex_missing(corpus) == 2
    else:  # the server deletes its index row with it
        assert index_is_current(corpus)
    assert search_corpus(corpus, "البنك العربي") == []
    assert len(search_corpus(corpus, MINISTRY)) == 4


def test_a_new_project_indexes_as_it_imports(project: Store) -> None:
    assert index_is_current(project)
    with project.transaction():
        project.insert_article(ArticleIn(ext_id="a", text="زار وزير المالية البنك العربي"))
    assert project.get_setting("search_index_version") == str(INDEX_VERSION)
    assert index_is_current(project)
    assert reindex_missing(project) == 0


def test_index_of_an_older_format_is_rebuilt(corpus: Store) -> None:
    corpus.set_setting("search_index_version", "1")
    assert not index_is_current(corpus)
    assert len(search_corpus(corpus, MINISTRY)) == 4
    assert corpus.get_setting("search_index_version") == str(INDEX_VERSION)


def test_articles_written_by_another_connection_are_indexed_before_searching(
    corpus: Store,
) -> None:
    assert search_corpus(corpus, "مصرف الراجحي") == []
    text = "افتتح مصرف الراجحي فرعا"
    raw_sql(  # a writer that bypasses the store (and so its index hook)
        corpus,
        "INSERT INTO articles (ext_id, text, length, content_hash, created_at)"
        " VALUES ('raw', ?, ?, 'x', 'now')",
        (text, len(text)),
    )
    (hit,) = search_corpus(corpus, "مصرف الراجحى")
    assert hit.ext_id == "raw"


def test_imported_articles_are_searchable_at_once(project: Store, tmp_path: Path) -> None:
    import json

    from annotator.core.formats.import_run import run_import

    src = tmp_path / "a.jsonl"
    rows = [{"id": f"n{i}", "text": f"خبر رقم {i} عن مصرف الراجحى"} for i in range(3)]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    run_import(project, [src], "jsonl")
    assert index_is_current(project)
    assert [h.ext_id for h in search_corpus(project, "مصرف الراجحي")] == ["n0", "n1", "n2"]
