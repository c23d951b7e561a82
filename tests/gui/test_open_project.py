"""The app on a project on a PostgreSQL server: File > Open project…'s Server tab, and a
window that tags, sees other people's imports and outlives a lost connection."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from gui_helpers import SEED_NAME
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn
from annotator.core.store import create_store, open_store
from annotator.core.store.location import parse_server_url
from annotator.gui.common import settings as prefs
from annotator.gui.dialogs.open_project import SERVER_TAB, OpenProjectDialog


@pytest.fixture
def server_project(pg_url: str, seed_text: str) -> str:
    with create_store(pg_url, default_labels()) as store, store.transaction():
        store.insert_article(ArticleIn(ext_id="seed", text=seed_text, title="التضامن تشارك"))
        store.insert_article(ArticleIn(ext_id="a2", text="زار وزير الخارجية القاهرة أمس."))
    return pg_url


def _cut_window_connection(window) -> int:
    """Cut the window's connections to the test server (its store's and its listener's)
    from the server's side, as a server restart would; only this window's, since the test
    server may be shared with other runs."""
    loc = parse_server_url(window.store.location)
    pids = [window.store.conn.info.backend_pid]
    listener = window.files.listener
    if listener is not None and listener._conn is not None and not listener.broken:
        pids.append(listener._conn.info.backend_pid)
    with psycopg.connect(loc.conninfo, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM unnest(%s::int[]) AS pid", (pids,)
        ).fetchall()
    return sum(1 for (ok,) in rows if ok)


def test_the_server_tab_gives_the_address_and_keeps_the_password_in_memory(qtbot, pg_server):
    dialog = OpenProjectDialog()
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(SERVER_TAB)
    dialog.server_url.setText("postgresql://salma@db.example.org:5433/news")
    dialog.schema.setText("team2026")
    dialog.password.setText("s3cret")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Open).click()
    target = dialog.target()
    assert target == "postgresql://salma@db.example.org:5433/news?schema=team2026"
    assert parse_server_url(target).password == "s3cret"
    assert dialog.password.text() == ""


def test_an_address_holding_a_password_is_refused_in_the_dialog(qtbot) -> None:
    dialog = OpenProjectDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(SERVER_TAB)
    dialog.server_url.setText("postgresql://salma:s3cret@db.example.org/news")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Open).click()
    assert dialog.target() is None and dialog.isVisible()
    assert dialog.problem.text().startswith("a password does not go in the project's address")
    dialog.server_url.setText("db.example.org/news")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Open).click()
    assert dialog.problem.text().startswith("A server address starts with postgresql://")


def test_a_window_on_a_server_project_tags_and_remembers_the_address(
    make_window, server_project: str, settings
) -> None:
    window = make_window(server_project)
    assert window.store.location == server_project and window.store.path is None
    assert window.windowTitle().endswith(" — salma")
    assert " on " in window.windowTitle()
    text = window.article_view.text
    i = text.index(SEED_NAME)
    span = window.tag_range(i, i + len(SEED_NAME), "PERS")
    with open_store(server_project) as other:  # committed before it was drawn
        assert other.span(span.id).label == "PERS"
    assert prefs.recent_projects(settings)[0] == server_project


def test_articles_imported_by_someone_else_appear(
    make_window, server_project: str, qtbot
) -> None:
    window = make_window(server_project)
    assert len(window.list_model.ids) == 2
    assert window.check_outside_changes() is False
    with open_store(server_project) as other, other.transaction():
        other.insert_article(ArticleIn(ext_id="new", text="خبر جديد عن وزارة التضامن"))
    qtbot.waitUntil(lambda: len(window.list_model.ids) == 3, timeout=5000)  # the server told


def test_a_lost_connection_is_reopened_and_the_tag_saved(make_window, server_project: str):
    window = make_window(server_project)
    text = window.article_view.text
    i = text.index(SEED_NAME)
    assert _cut_window_connection(window) >= 1
    span = window.tag_range(i, i + len(SEED_NAME), "PERS")
    assert window.article_view.spans and span.label == "PERS"
    with open_store(server_project) as other:
        assert [s.label for s in other.spans(span.article_id, ["salma"])] == ["PERS"]
    _cut_window_connection(window)
    window.check_outside_changes()  # listens again; a read reconnects too
    assert window.files.listener is not None and not window.files.listener.broken
    window.next_article()
    assert window.last_error == ""


def test_file_open_switches_to_a_server_project(
    window, server_project: str, qtbot, monkeypatch
) -> None:
    from annotator.gui.workspace import project_files

    monkeypatch.setattr(project_files, "ask_project", lambda parent: server_project)
    new = window.files.open_project_dialog()
    assert new is not None
    qtbot.addWidget(new)
    assert new.store.location == server_project
    assert not window.isVisible()


def test_a_server_that_cannot_be_reached_keeps_this_window(window, tmp_path: Path) -> None:
    url = f"postgresql://nobody@/nothing?host={tmp_path}"  # no server listens there
    assert window.files.switch_project(url) is None
    assert window.last_error.startswith(f"{url}: cannot connect: ")
    assert window.isVisible()


def test_at_start_up_a_server_project_that_does_not_open_asks_again(
    server_project: str, settings, monkeypatch, qapp, tmp_path: Path
) -> None:
    """The recent server project needs what is never kept (a password) or moved: the
    Server tab comes up with the reason, and the project opens from there."""
    import annotator.gui.app as app_mod
    from annotator.gui.common import i18n
    from annotator.gui.workspace.main_window import MainWindow

    monkeypatch.setattr(prefs, "default_settings", lambda: settings)
    settings.setValue("ui/language", "en")
    unreachable = f"postgresql://nobody@/nothing?host={tmp_path}"
    asked: list[str] = []

    def answer(dialog: OpenProjectDialog) -> int:
        asked.append(dialog.problem.text())
        assert dialog.tabs.currentIndex() == SERVER_TAB
        assert dialog.server_url.text() == unreachable
        dialog.server_url.setText(server_project)
        dialog.accept()
        return OpenProjectDialog.DialogCode.Accepted

    shown: list[MainWindow] = []

    def close_it() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, MainWindow) and w.isVisible():
                shown.append(w)
                w.close()

    monkeypatch.setattr(OpenProjectDialog, "exec", answer)
    QTimer.singleShot(0, close_it)
    try:
        assert app_mod.run(unreachable, "salma") == 0
    finally:
        i18n.remove_language(qapp)
    assert asked and asked[0].startswith(f"{unreachable}: cannot connect: ")
    assert len(shown) == 1 and shown[0].store.location == server_project
