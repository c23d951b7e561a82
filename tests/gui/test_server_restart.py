"""The app open while its server restarts: the window's next tag is saved once, its
listener connects again and re-reads what may have changed meanwhile, and others' work
appears live again. The server is a private throwaway one (tests/private_server.py), never
the shared test server."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import SEED_NAME
from private_server import PrivateServer, server_programs

from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn
from annotator.core.store import create_store, open_store


@pytest.fixture
def private_server() -> Iterator[PrivateServer]:
    if server_programs() is None:
        pytest.skip("no PostgreSQL server programs (initdb, pg_ctl) on this machine")
    own = PrivateServer(Path(tempfile.mkdtemp(prefix="annotator-pg.")))
    try:
        own.init()
        own.start()
        yield own
    finally:
        own.remove()


def test_a_window_outlives_a_server_restart(
    make_window, private_server: PrivateServer, seed_text: str, qtbot
) -> None:
    url = private_server.url
    with create_store(url, default_labels()) as store, store.transaction():
        store.insert_article(ArticleIn(ext_id="seed", text=seed_text, title="التضامن تشارك"))
    window = make_window(url)
    listener = window.files.listener
    assert listener is not None
    private_server.restart("fast")
    with open_store(url) as other, other.transaction():  # while the window's listener is gone
        other.insert_article(ArticleIn(ext_id="new", text="خبر جديد عن وزارة التضامن"))
    # the watch connects the listener again and re-reads what may have changed meanwhile
    qtbot.waitUntil(lambda: len(window.list_model.ids) == 2, timeout=10_000)
    assert not listener.broken
    text = window.article_view.text
    i = text.index(SEED_NAME)
    span = window.tag_range(i, i + len(SEED_NAME), "PERS")
    assert [s.id for s in window.article_view.spans] == [span.id]
    with open_store(url) as other:
        assert [(s.label, s.start) for s in other.spans(span.article_id)] == [("PERS", i)]
        other.insert_article(ArticleIn(ext_id="third", text="خبر ثالث"))
    qtbot.waitUntil(lambda: len(window.list_model.ids) == 3, timeout=5000)  # live again
    assert window.last_error == ""
