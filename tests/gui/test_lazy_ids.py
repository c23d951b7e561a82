"""The article list's ids, read a page at a time from a real project file."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn
from annotator.core.store import Store, create_store
from annotator.gui.workspace.lazy_ids import FIRST_PAGE, LazyIds

N = 2_500


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    store = create_store(Path(tmp_path_factory.mktemp("lazy")) / "ids.db", default_labels())
    with store.transaction():
        for i in range(N):
            store.insert_article(ArticleIn(ext_id=f"n{i:05d}", text=f"نص الخبر {i} 🙂"))
    yield store
    store.close()


class Counting:
    """The store's two reads, counted."""

    def __init__(self, store: Store, **filters: object) -> None:
        self.store, self.filters = store, filters
        self.pages: list[tuple[int, int]] = []
        self.counts = 0

    def fetch(self, after: int, limit: int) -> list[int]:
        self.pages.append((after, limit))
        return self.store.article_ids(**self.filters, after=after, limit=limit)

    def count(self) -> int:
        self.counts += 1
        return self.store.count_article_ids(**self.filters)

    def ids(self) -> LazyIds:
        return LazyIds(self.fetch, self.count)


def test_only_the_first_page_is_read_to_show_the_list(corpus: Store) -> None:
    reads = Counting(corpus)
    ids = reads.ids()
    assert ids.read == FIRST_PAGE and reads.pages == [(0, FIRST_PAGE)]
    assert len(ids) == N and reads.counts == 1
    assert ids[0] == corpus.article_by_ext_id("n00000").id
    assert ids[FIRST_PAGE - 1] == corpus.article_by_ext_id(f"n{FIRST_PAGE - 1:05d}").id
    assert ids.read == FIRST_PAGE and len(reads.pages) == 1
    len(ids)
    assert reads.counts == 1  # the count is asked once


def test_reaching_further_reads_the_next_pages_each_twice_as_large(corpus: Store) -> None:
    reads = Counting(corpus)
    ids = reads.ids()
    everything = corpus.article_ids()
    assert ids[FIRST_PAGE] == everything[FIRST_PAGE]
    assert reads.pages[1] == (everything[FIRST_PAGE - 1], 2 * FIRST_PAGE)
    assert ids[-1] == everything[-1] and ids[-N] == everything[0]
    assert ids[10:20] == everything[10:20] and ids[N - 5 :] == everything[N - 5 :]
    assert ids[::500] == everything[::500]
    assert ids[5:5] == [] and ids[N:] == []
    with pytest.raises(IndexError, match="out of range"):
        ids[N]
    assert list(ids) == everything and ids == everything and ids.all() == everything
    assert len(reads.pages) == 2  # 1,000 ids, then up to 2,000: 1,500 came, the end


def test_position_reads_only_as_far_as_the_article(corpus: Store) -> None:
    reads = Counting(corpus)
    ids = reads.ids()
    everything = corpus.article_ids()
    assert ids.position(everything[10]) == 10 and len(reads.pages) == 1
    assert ids.position(everything[1_500]) == 1_500 and len(reads.pages) == 2
    assert ids.position(everything[-1]) == N - 1
    assert ids.position(everything[-1] + 1) is None
    assert ids.position(0) is None


def test_a_filtered_list_pages_and_counts_the_same_articles(corpus: Store) -> None:
    wanted = corpus.article_ids()[::7]
    for aid in wanted:
        corpus.set_status(aid, "salma", "done")
    try:
        reads = Counting(corpus, annotator="salma", status="done")
        ids = reads.ids()
        assert len(ids) == len(wanted) and ids == wanted
        assert ids.position(wanted[200]) == 200
        empty = Counting(corpus, annotator="salma", status="skipped").ids()
        assert len(empty) == 0 and not empty and list(empty) == []
    finally:
        for aid in wanted:
            corpus.set_status(aid, "salma", "todo")


def test_articles_leaving_the_filter_after_the_count_shorten_the_list_once_read(
    tmp_path: Path,
) -> None:
    """The count is taken once; if articles leave the filtered list meanwhile (marked done
    in another window), the list ends where the store's ids end instead of past them. Ids
    already read stay listed (their rows show the new status) until the list is reloaded."""
    store = create_store(tmp_path / "p.db", default_labels())
    try:
        with store.transaction():
            made = [
                store.insert_article(ArticleIn(ext_id=f"x{i}", text="نص")) for i in range(1_200)
            ]
        ids = Counting(store, annotator="salma", status="todo").ids()
        assert len(ids) == 1_200
        with store.transaction():
            for aid in made[-300:]:
                store.set_status(aid, "salma", "done")
        with pytest.raises(IndexError):
            ids[1_100]
        assert len(ids) == FIRST_PAGE and ids == made[:FIRST_PAGE]
    finally:
        store.close()


def test_a_lazy_list_is_not_equal_to_a_string_and_cannot_be_hashed(corpus: Store) -> None:
    ids = Counting(corpus).ids()
    assert ids != "abc"
    with pytest.raises(TypeError):
        hash(ids)
