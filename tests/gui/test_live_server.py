"""A window on a server project learns of other programs' commits from the server's
notices (LISTEN/NOTIFY) as they happen, and redraws what they touched: the open
article's spans, a list row's status, the labels, new articles; and it keeps listening
after its listening connection is cut."""

from __future__ import annotations

import psycopg
import pytest
from gui_helpers import SEED_NAME
from store_faults import AnswerLost

from annotator.core.errors import ProjectError
from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn, Status
from annotator.core.store import Store, create_store, open_store
from annotator.core.store.location import parse_server_url
from annotator.core.store.postgres import backend as pg_backend
from annotator.core.store.postgres import server

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


def test_a_tag_nobody_can_confirm_is_said_and_shown_once_the_server_answers(
    make_window, server_project: str, qtbot, monkeypatch
) -> None:
    """The COMMIT's answer is lost and the server cannot be reached to ask (simulated: the
    store's connection drops after COMMIT, connecting fails for a while): the window says
    the tag may or may not be saved and draws nothing; when the server answers again the
    listener, cut with everything else, connects again and the window re-reads: the tag was
    saved, and is drawn once."""
    window = make_window(server_project)
    text = window.article_view.text
    i = text.index(SEED_NAME)
    monkeypatch.setattr(pg_backend, "CONFIRM_SECONDS", 0.3)
    real_connect = server.connect

    def unreachable(*args: object, **kwargs: object) -> None:
        raise ProjectError(f"{server_project}: cannot connect: the server is restarting")

    window.store.conn = AnswerLost(window.store)
    monkeypatch.setattr(server, "connect", unreachable)
    window.article_view.select_range(i, i + len(SEED_NAME))
    assert window.apply_label("PERS") is None
    assert "could not confirm the change; it may or may not be saved" in window.last_error
    assert window.article_view.spans == []
    monkeypatch.setattr(server, "connect", real_connect)
    loc = parse_server_url(server_project)
    with psycopg.connect(loc.conninfo, autocommit=True) as admin:  # the listener went too
        admin.execute(
            "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity"
            " WHERE pid <> pg_backend_pid() AND query LIKE 'LISTEN %%' AND query LIKE %s",
            (f"%{loc.schema}%",),
        )
    qtbot.waitUntil(lambda: len(window.article_view.spans) == 1, timeout=5000)
    assert window.article_view.spans[0].label == "PERS"
