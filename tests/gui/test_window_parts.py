"""The main window's parts: the list panel on its own, the window's texts translated
whichever part now shows them, and the window offering what each part's protocol lists."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMenu

from annotator.core.model import Status
from annotator.core.store import open_store
from annotator.gui.common import i18n
from annotator.gui.common.i18n import tr
from annotator.gui.search.host import SearchWindow
from annotator.gui.workspace.flow import FlowWindow
from annotator.gui.workspace.list_panel import ArticleListPanel
from annotator.gui.workspace.menus import MenusWindow
from annotator.gui.workspace.project_files import FilesWindow
from annotator.gui.workspace.tagging import TaggingWindow


@pytest.fixture
def store(project_path: Path):
    with open_store(project_path) as st:
        yield st


def test_list_panel_reports_picks_but_not_its_own_syncing(qtbot, store) -> None:
    current: list[int | None] = [None]
    panel = ArticleListPanel(store, "salma", lambda: current[0])
    qtbot.addWidget(panel)
    chosen: list[int] = []
    panel.articleChosen.connect(chosen.append)
    _first, second, third = store.article_ids()

    current[0] = second
    panel.sync_selection()  # the window opened an article: no pick to report
    assert chosen == []
    assert panel.table.selectionModel().currentIndex().row() == 1

    index = panel.model.index(2, 0)
    panel.table.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    assert chosen == [third]  # the user's pick
    assert panel.model.data(index, Qt.ItemDataRole.UserRole) == third


def test_list_panel_filters_and_says_so(qtbot, store) -> None:
    first = store.article_ids()[0]
    store.set_status(first, "salma", Status.DONE)
    panel = ArticleListPanel(store, "salma", lambda: first)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.filterChanged):
        panel.status_filter.setCurrentIndex(panel.status_filter.findData(Status.DONE.value))
    assert panel.model.ids == [first]
    with qtbot.waitSignal(panel.filterChanged):
        panel.title_filter.setText("زيارة")
        panel.title_filter.returnPressed.emit()
    assert panel.model.ids == []  # done, and titled "زيارة": none


@pytest.fixture
def arabic(qapp):
    assert i18n.install_language(qapp, "ar")
    yield
    i18n.remove_language(qapp)


def _menu_texts(menu: QMenu) -> list[str]:
    texts = []
    for action in menu.actions():
        if action.menu() is not None:
            texts += [action.text(), *_menu_texts(action.menu())]
        elif not action.isSeparator():
            texts.append(action.text())
    return texts


def test_the_window_texts_are_arabic_whichever_part_shows_them(arabic, window) -> None:
    """resources/i18n files them under one context, whichever part shows them."""
    texts = [window.side_panel.span_list.headerItem().text(i) for i in range(3)]
    texts += [window.title_filter.placeholderText(), window.note_edit.placeholderText()]
    texts += [window.progress_label.text(), window.position_label.text()]
    texts.append(window.mode_label.text())
    for action in window.menuBar().actions():
        texts += [action.text(), *_menu_texts(action.menu())]
    english = [t for t in texts if t.isascii() and t != "English"]
    assert english == []
    assert tr("Not saved") == "لم يُحفظ"


def _members(protocol: type) -> set[str]:
    declared = set(getattr(protocol, "__annotations__", {}))
    declared |= {name for name, value in vars(protocol).items() if callable(value)}
    return {name for name in declared if not name.startswith("_")}


@pytest.mark.parametrize(
    "protocol", [TaggingWindow, FlowWindow, FilesWindow, MenusWindow, SearchWindow]
)
def test_the_window_offers_what_each_part_uses(window, protocol: type) -> None:
    """Each part sees the window through a protocol (it cannot import the window)."""
    members = _members(protocol)
    assert members and sorted(m for m in members if not hasattr(window, m)) == []


def test_the_id_column_is_capped_at_a_third_and_grows_back_as_the_list_widens(
    qtbot, project
) -> None:
    """Long external ids are cut at a third of the list; widening the panel gives the
    column its contents' width again; a width the user chose is left as it is."""
    from annotator.core.model import ArticleIn

    with project.transaction():
        for i in range(5):
            project.insert_article(ArticleIn(ext_id=f"مصدر-طويل-جدا-{'x' * 40}-{i}", text="نص"))
    panel = ArticleListPanel(project, "salma", lambda: None)
    qtbot.addWidget(panel)
    panel.resize(600, 400)
    panel.show()
    qtbot.waitExposed(panel)
    id_col = panel.model.ID
    third = panel.table.viewport().width() // 3
    assert panel.table.columnWidth(id_col) == third
    panel.resize(2400, 400)
    qtbot.waitUntil(lambda: panel.table.viewport().width() > 2000)
    wide = panel.table.columnWidth(id_col)
    assert third < wide < panel.table.viewport().width() // 3
    panel.resize(600, 400)
    qtbot.waitUntil(lambda: panel.table.columnWidth(id_col) < wide)
    assert panel.table.columnWidth(id_col) == panel.table.viewport().width() // 3
    panel.table.setColumnWidth(id_col, 95)  # the user narrows it by hand
    panel.resize(700, 400)
    qtbot.waitUntil(lambda: panel.table.viewport().width() > 600)
    assert panel.table.columnWidth(id_col) == 95


def test_the_span_lists_label_column_widens_for_a_label_it_had_not_shown(
    make_window, tmp_path: Path
) -> None:
    """The label column is measured only when a new label appears: a long label name in
    the next article still fits."""
    from PySide6.QtGui import QFontMetrics

    from annotator.core.labels import default_labels
    from annotator.core.model import ArticleIn
    from annotator.core.store import create_store

    path = tmp_path / "labels.db"
    long_name = "ORGANISATION_GOVERNMENTAL_BODY"
    with create_store(path, default_labels()) as store:
        store.add_label(long_name)
        first = store.insert_article(ArticleIn(ext_id="a", text="زار أحمد بغداد"))
        second = store.insert_article(ArticleIn(ext_id="b", text="وزارة الصحة العراقية"))
        store.add_span(first, "salma", "PERS", 4, 8)
        store.add_span(second, "salma", long_name, 0, 11)
    window = make_window(path)
    span_list = window.side_panel.span_list
    window.open_article(first)
    narrow = span_list.columnWidth(0)
    window.open_article(second)
    needed = QFontMetrics(span_list.font()).horizontalAdvance(long_name)
    assert span_list.columnWidth(0) >= needed > narrow
    window.open_article(first)
    assert span_list.columnWidth(0) >= needed  # not measured again for PERS alone


def test_every_status_fits_its_column_though_the_measured_rows_show_one(
    qtbot, project
) -> None:
    """The columns are measured on one screenful of rows (all "to do" here); a status
    further down ("in progress", in Arabic too) still fits without being cut."""
    from PySide6.QtCore import Qt as QtNs

    from annotator.core.model import ArticleIn

    with project.transaction():
        ids = [project.insert_article(ArticleIn(ext_id=f"n{i}", text="نص")) for i in range(120)]
    project.set_status(ids[-1], "salma", Status.IN_PROGRESS)
    panel = ArticleListPanel(project, "salma", lambda: None)
    qtbot.addWidget(panel)
    panel.show()
    metrics = panel.table.fontMetrics()
    col = panel.model.STATUS
    for status in Status:
        assert panel.table.columnWidth(col) > metrics.horizontalAdvance(
            panel.model.status_text(status)
        )
    last = panel.model.row_of(ids[-1])
    assert panel.model.data(panel.model.index(last, col), QtNs.ItemDataRole.DisplayRole) == (
        "in progress"
    )
