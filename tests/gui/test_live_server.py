"""A window on a server project learns of other programs' commits from the server's
notices (LISTEN/NOTIFY) as they happen, and redraws what they touched: the open
article's spans, a list row's status, the labels, new articles; and it keeps listening
after its listening connection is cut."""

from __future__ import annotations

import psycopg
import pytest
from gui_helpers import SEED_NAME

from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn, Status
from annotator.core.store import Store, create_store, open_store
from annotator.core.store.location import parse_server_url

SECOND = "زار وزير الخارجية القاهرة أمس."


@pytest.fixture
def server_project(pg_url: str, seed_text: str) -> str:
    with create_store(pg_url, default_labels()) as store, store.transaction():
        store.insert_article(ArticleIn(ext_id="seed", text=seed_text, title="التضامن تشارك"))
        store.insert_article(ArticleIn(ext_id="a2", text=SECOND))
    return pg_url


@pytest.fixture
def other(server_project: str):  # type: ignore[no-untyped-def]
    """The same annotator's work from another program (the CLI, a second computer)."""
    store = open_store(server_project)
    store.annotator_id("salma")
    yield store
    store.close()


def test_a_tag_made_elsewhere_appears_in_the_open_article(
    make_window, server_project: str, other: Store, qtbot
) -> None:
    window = make_window(server_project)
    assert window.files.listener is not None
    article = window.current_article_id
    text = window.article_view.text
    i = text.index(SEED_NAME)
    assert window.article_view.spans == []
    other.add_span(article, "salma", "PERS", i, i + len(SEED_NAME))
    qtbot.waitUntil(lambda: len(window.article_view.spans) == 1, timeout=5000)
    assert window.article_view.spans[0].label == "PERS"
    assert window.list_model.row_data(window.list_model.row_of(article)).span_count == 1


def test_a_status_label_and_article_made_elsewhere_appear(
    make_window, server_project: str, other: Store, qtbot
) -> None:
    window = make_window(server_project)
    second = other.article_by_ext_id("a2").id
    other.set_status(second, "salma", Status.DONE)
    row = window.list_model.row_of(second)
    qtbot.waitUntil(lambda: window.list_model.row_data(row).status == Status.DONE, timeout=5000)
    other.update_label("PERS", display_name="شخص")
    qtbot.waitUntil(lambda: "شخص" in window.palette_widget.buttons["PERS"].text(), timeout=5000)
    with other.transaction():
        other.insert_article(ArticleIn(ext_id="new", text="خبر جديد عن وزارة التضامن"))
    qtbot.waitUntil(lambda: len(window.list_model.ids) == 3, timeout=5000)


def test_the_window_listens_again_after_its_connection_is_cut(
    make_window, server_project: str, other: Store, qtbot
) -> None:
    window = make_window(server_project)
    listener = window.files.listener
    loc = parse_server_url(server_project)
    with psycopg.connect(loc.conninfo, autocommit=True) as admin:
        ended = admin.execute(
            "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity"
            " WHERE pid <> pg_backend_pid() AND query LIKE 'LISTEN %%' AND query LIKE %s",
            (f"%{loc.schema}%",),
        ).fetchall()
    assert ended == [(True,)]
    with other.transaction():  # while nobody listened
        other.insert_article(ArticleIn(ext_id="new", text="خبر جديد عن وزارة التضامن"))
    qtbot.waitUntil(lambda: len(window.list_model.ids) == 3, timeout=5000)
    assert not listener.broken
    second = other.article_by_ext_id("a2").id
    other.set_status(second, "salma", Status.SKIPPED)
    row = window.list_model.row_of(second)
    qtbot.waitUntil(lambda: window.list_model.row_data(row).status == Status.SKIPPED, timeout=5000)
    assert window.last_error == ""
