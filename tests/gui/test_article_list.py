"""The lazy article list: rows arrive a window at a time; filters by status and title."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt

from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn, Status
from annotator.core.store import create_store
from annotator.gui.workspace.article_list import PAGE, ArticleListModel

N = 450


@pytest.fixture
def big(tmp_path: Path):
    store = create_store(tmp_path / "big.db", default_labels())
    with store.transaction():
        for i in range(N):
            title = "وزارة الصحة" if i % 50 == 0 else f"خبر رقم {i}"
            store.insert_article(ArticleIn(ext_id=f"n{i:04d}", text=f"نص الخبر {i}", title=title))
    yield store
    store.close()


def _display(model: ArticleListModel, row: int, col: int):
    return model.data(model.index(row, col), Qt.ItemDataRole.DisplayRole)


def test_rows_are_fetched_on_demand(big, qtmodeltester):
    model = ArticleListModel(big, "salma")
    assert model.rowCount() == PAGE and len(model.ids) == N
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE
    assert _display(model, 0, model.ID) == "n0000"
    assert _display(model, 399, model.TITLE) == "خبر رقم 399"
    assert _display(model, 399, model.STATUS) == "to do"
    assert model.row_of(big.article_by_ext_id("n0449").id) == N - 1
    assert model.rowCount() == N and not model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)


def test_filters_by_status_and_title(big):
    model = ArticleListModel(big, "salma")
    done = big.article_by_ext_id("n0007").id
    big.set_status(done, "salma", Status.DONE)
    big.set_status(big.article_by_ext_id("n0008").id, "omar", Status.DONE)
    model.set_filter(Status.DONE)
    assert model.ids == [done]
    assert _display(model, 0, model.STATUS) == "done"
    model.set_filter(None, "وزارة الصحة")
    assert len(model.ids) == N // 50
    model.set_filter(Status.TODO, "وزارة")
    assert len(model.ids) == N // 50
    assert model.row_of(done) is None


def test_span_count_follows_a_tag(big):
    model = ArticleListModel(big, "salma")
    aid = big.article_by_ext_id("n0001").id
    assert _display(model, 1, model.SPANS) == 0
    big.add_span(aid, "salma", "ORG", 0, 2)
    big.add_span(aid, "omar", "ORG", 0, 2)  # others' spans are not counted
    model.refresh_article(aid)
    assert _display(model, 1, model.SPANS) == 1


def test_window_filters_drive_the_list(window, qtbot):
    window.title_filter.setText("مؤتمر")
    qtbot.keyClick(window.title_filter, Qt.Key.Key_Return)
    assert window.list_model.ids == [window.store.article_by_ext_id("a3").id]
    window.title_filter.clear()
    assert len(window.list_model.ids) == 3
    window.status_filter.setCurrentIndex(window.status_filter.findData("done"))
    assert window.list_model.ids == []
    window.status_filter.setCurrentIndex(0)
    window.article_list.setCurrentIndex(window.list_model.index(2, 1))
    assert window.current_article_id == window.store.article_by_ext_id("a3").id
