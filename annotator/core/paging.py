"""Passes over the whole corpus a page of article ids at a time.

A pass that held every article's id and done marks at once (agreement, the export of done
work) grew by about 500 bytes an article: half a gigabyte at a million. These read the ids
in corpus order with keyset paging (``Store.article_ids(after=, limit=)``: no OFFSET scan)
and each page's done marks by id range (``Store.done_by(between=)``), so a pass holds one
page. The window's list pages its ids too, with random access: ``gui/workspace/lazy_ids.py``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from annotator.core.store import Store


def id_pages(store: Store, size: int) -> Iterator[list[int]]:
    """Every article id in corpus order, ``size`` at a time."""
    after = 0
    while page := store.article_ids(after=after, limit=size):
        yield page
        after = page[-1]


def done_pages(
    store: Store, names: Sequence[str], size: int
) -> Iterator[tuple[list[int], dict[int, set[str]]]]:
    """Each page of article ids with its done marks: article id -> which of ``names``
    marked it done (articles nobody of them finished are left out of the marks)."""
    for page in id_pages(store, size):
        yield page, store.done_by(names, between=(page[0], page[-1]))
