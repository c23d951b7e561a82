"""Team > Progress: the figures of ``annotator progress`` in a table that follows the
work: on a server it computes again when another program's commit is heard, on a file
when the one-second watch sees one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from team_data import at

from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn, Status
from annotator.core.store import create_store, open_store

TEXTS = ["التقى أحمد حسن بوزير الخارجية في القاهرة أمس.", "زار وزير الخارجية القاهرة أمس."]


def make_project(target: str | Path) -> str:
    with create_store(target, default_labels()) as store:
        with store.transaction():
            ids = [
                store.insert_article(ArticleIn(ext_id=f"a{i}", text=t)) for i, t in enumerate(TEXTS)
            ]
        for who, label in (("salma", "PERS"), ("omar", "ORG")):
            store.add_span(ids[0], who, label, *at(TEXTS[0], "أحمد حسن"))
            store.set_status(ids[0], who, Status.DONE)
        return store.location


def cells(dialog) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    table = dialog.table
    return {
        table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, 7)]
        for r in range(table.rowCount())
    }


def test_the_progress_dialog_shows_and_follows_the_work(
    make_window, new_target: str | Path, qtbot
) -> None:
    location = make_project(new_target)
    window = make_window(location)
    window.menus.progress_action.trigger()
    dialog = window.files.team_progress
    assert dialog is not None and dialog.isVisible()
    assert cells(dialog) == {
        "salma": ["1", "1", "0", "n/a", "1", "0.00"],
        "omar": ["1", "1", "0", "n/a", "1", "0.00"],
    }
    assert dialog.table.horizontalHeaderItem(2).text() == "Done today"
    with open_store(location) as other:
        second = other.article_by_ext_id("a1").id
        other.set_status(second, "omar", Status.DONE)
        other.set_status(second, "huda", Status.IN_PROGRESS)
    if window.files.listener is None:  # a file: the watch looks every second
        window.check_outside_changes()
    qtbot.waitUntil(lambda: cells(dialog).get("omar", [""])[0] == "2", timeout=5000)
    assert cells(dialog)["huda"] == ["0", "0", "1", "n/a", "0", "n/a"]
    assert dialog.table.item(0, 1).textAlignment() == int(Qt.AlignmentFlag.AlignCenter)
    dialog.close()
