"""Passes over the corpus a page at a time, on a real project file."""

from __future__ import annotations

from annotator.core.model import ArticleIn, Status
from annotator.core.paging import done_pages, id_pages
from annotator.core.store import Store


def test_pages_cover_every_id_once_in_order_with_their_done_marks(project: Store) -> None:
    with project.transaction():
        ids = [project.insert_article(ArticleIn(ext_id=f"g{i}", text="نص")) for i in range(7)]
    project.set_status(ids[2], "salma", Status.DONE)
    project.set_status(ids[3], "omar", Status.DONE)
    project.set_status(ids[3], "salma", Status.DONE)
    project.set_status(ids[6], "hind", Status.DONE)  # not asked for
    assert list(id_pages(project, 3)) == [ids[:3], ids[3:6], ids[6:]]
    assert list(done_pages(project, ["salma", "omar"], 3)) == [
        (ids[:3], {ids[2]: {"salma"}}),
        (ids[3:6], {ids[3]: {"salma", "omar"}}),
        (ids[6:], {}),
    ]
    assert list(id_pages(project, 7)) == [ids]  # a full last page, then nothing more


def test_an_empty_project_has_no_page(project: Store) -> None:
    assert list(id_pages(project, 5)) == [] and list(done_pages(project, ["salma"], 5)) == []
