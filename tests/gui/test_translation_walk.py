"""In Arabic, no text the app shows is still English.

The walk opens what a user can open (every menu and action, the panels, the find bar and
the corpus search with hits, the label editor, the import and export dialogs, the review
window with its agreement view and its edit dialog, a message, the file dialogs' titles
and filters, a confirmation, status messages) and reads every text on it: titles, labels,
buttons, placeholders, tooltips, combo items, headers and cells. What may stay Latin is
data or a technical name: the project's labels (names, keys, guidelines: the team writes
them), annotator names, ids, file names, colors, format names, key names (Enter, Esc,
Ctrl+F...) and the F1 figure.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSpinBox,
    QTabWidget,
    QToolBar,
    QWidget,
)
from team_data import annotator_file

from annotator.core.formats.registry import EXPORT_FORMATS, IMPORT_FORMATS
from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn, Status
from annotator.core.store import create_store
from annotator.core.team.merge import merge_projects
from annotator.gui.common import i18n
from annotator.gui.common.bidi import plain
from annotator.gui.dialogs.export_dialog import ExportDialog
from annotator.gui.dialogs.import_dialog import ImportOptions
from annotator.gui.review.window import ReviewWindow

SHORT = "زار وزير الخارجية القاهرة أمس."
KEY_NAMES = {
    "Enter", "Esc", "Backspace", "Delete", "Tab", "Ctrl", "Shift", "Alt",
    "PgUp", "PgDn", "PgDown", "F3", "F6", "N", "P", "E", "R", "A", "F1",
}  # fmt: skip
PROGRAM = {"annotator", "English"}  # the program's name; a language named in its own


@pytest.fixture
def team_path(tmp_path: Path, seed_text: str) -> Path:
    """Two annotators' work merged, so that review and agreement have something to show."""
    texts = {"seed": seed_text, "short": SHORT}
    alice = annotator_file(
        tmp_path / "alice.db",
        "alice",
        [("seed", "PERS", "نائلة جبر"), ("short", "GPE", "القاهرة")],
        texts,
    )
    bob = annotator_file(
        tmp_path / "bob.db",
        "bob",
        [("seed", "PERS", "نائلة جبر"), ("short", "LOC", "القاهرة"), ("short", "OCC", "وزير")],
        texts,
    )
    path = tmp_path / "team.db"
    with create_store(path, default_labels()) as store:
        merge_projects(store, [alice, bob])
        with store.transaction():
            store.insert_article(ArticleIn(ext_id="a3", text="نص ثالث.", title="مؤتمر"))
        store.set_status(store.article_by_ext_id("short").id, "salma", Status.DONE)
    return path


def allowed_tokens(store) -> set[str]:
    tokens = set(KEY_NAMES) | PROGRAM | set(EXPORT_FORMATS) | set(IMPORT_FORMATS)
    for label in store.labels():
        tokens |= {label.name, label.shortcut or ""}
    tokens |= set(store.annotators()) | {"salma", "lead", "gold"}
    tokens |= {"public"}  # PostgreSQL's default schema name, shown as the Server tab's hint
    tokens |= {row.ext_id for row in store.article_rows(store.article_ids())}
    tokens |= set(re.findall(r"[A-Za-z0-9_]+", str(store.path)))
    return {t for t in tokens if t}


def project_data(store) -> set[str]:
    """Texts the project holds and the app shows as they are: the labels' guidelines."""
    return {label.guideline for label in store.labels() if label.guideline}


def as_shown(text: str) -> str:
    """What a text displays (a tooltip that looks like HTML is shown as HTML)."""
    from PySide6.QtGui import Qt as QtGui
    from PySide6.QtGui import QTextDocumentFragment

    if QtGui.mightBeRichText(text):
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    return plain(text).replace("\xa0", " ")


def english_in(text: str, allowed: set[str]) -> list[str]:
    text = re.sub(r"#[0-9a-fA-F]{6}\b", " ", text)  # a label's color
    text = re.sub(r"\*\.\w+", " ", text)  # file patterns of a filter: *.db
    text = re.sub(r"\S+\.(db|sqlite|jsonl|conll|csv|txt)\b", " ", text)  # file names
    text = re.sub(r"postgresql://\S*", " ", text)  # a server address (an example)
    text = re.sub(r"~/\.pgpass|\bPGPASSWORD\b", " ", text)  # libpq's own names
    return [w for w in re.findall(r"[A-Za-z][A-Za-z_0-9]*", text) if w not in allowed]


def texts_of(widget: QWidget) -> list[str]:
    """Every text ``widget`` and its children show (or would, on hover)."""
    out: list[str] = []
    widgets = [widget, *widget.findChildren(QWidget)]
    for w in widgets:
        out += [w.toolTip(), w.whatsThis()]
        if w.isWindow() or isinstance(w, QDockWidget | QToolBar):
            out.append(w.windowTitle())
        if isinstance(w, QLabel):
            out.append(w.text())
        elif isinstance(w, QAbstractButton):
            out.append(w.text())
        elif isinstance(w, QLineEdit):
            out.append(w.placeholderText())
        elif isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QTabWidget):
            out += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QMenu):
            out.append(w.title())
        if isinstance(w, QSpinBox):
            out += [w.prefix(), w.suffix(), w.specialValueText()]
        if isinstance(w, QAbstractSpinBox):
            out.append(w.text())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            out += model_texts(w.model())
        for action in w.actions():
            out += [action.text(), action.toolTip(), action.statusTip()]
    return out


def model_texts(model) -> list[str]:
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
    out = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
    for row in range(min(model.rowCount(), 60)):
        for col in range(columns):
            index = model.index(row, col)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    out.append(value)
    return out


@pytest.fixture
def arabic(qapp):
    assert i18n.install_language(qapp, "ar")
    yield
    i18n.remove_language(qapp)


def test_nothing_the_app_shows_in_arabic_is_english(
    arabic, make_window, team_path, qtbot, monkeypatch, seed_text
) -> None:
    window = make_window(team_path, "salma")
    store = window.store
    allowed = allowed_tokens(store)
    shown: dict[str, list[str]] = {}

    def look(where: str, *texts: str) -> None:
        shown.setdefault(where, []).extend(t for t in texts if t)

    # file dialogs, the confirmation and the name prompt: what they are given to show
    def dialog_texts(*args, **_kwargs):
        look("file dialog", *[a for a in args if isinstance(a, str)])
        return ("", "") if "Names" not in _kwargs.get("_kind", "") else ([], "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(dialog_texts))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog_texts))
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileNames",
        staticmethod(lambda *a, **k: (dialog_texts(*a), ([], ""))[1]),
    )
    monkeypatch.setattr(
        QInputDialog,
        "getText",
        staticmethod(lambda *a, **k: (look("name prompt", *a[1:3]), ("", False))[1]),
    )

    # the window, every menu and action, with an article open and spans in it
    window.open_article(store.article_by_ext_id("seed").id)
    start = seed_text.index("نائلة جبر")
    window.tag_range(start, start + len("نائلة جبر"), "PERS")
    window.set_show_all_annotators(True)
    look("main window", *texts_of(window))
    for action in window.findChildren(QAction):
        look("actions", action.text(), action.toolTip())
    window.menus.recent_menu.aboutToShow.emit()
    look("recent", *texts_of(window.menus.recent_menu))

    # the list filtered so that the open article is hidden: the hint and the position
    window.status_filter.setCurrentIndex(window.status_filter.findData(Status.DONE.value))
    look("hidden article", window.list_panel.hidden_hint.text(), window.position_label.text())
    window.list_panel.show_all()

    # status messages
    window.article_view.select_span(None)
    window.delete_selected_span()
    look("status", window.statusBar().currentMessage())
    window.article_view.select_range(0, 0)
    window.apply_label("PERS")
    look("status", window.statusBar().currentMessage())
    window.previous_article()
    look("status", window.statusBar().currentMessage())
    window.show_error("tag PERS: the project is busy in another program; not saved")
    box = window.findChild(QMessageBox, "errorBox")
    look("error box", *texts_of(box), box.text())
    box.close()

    # find bar and corpus search
    ui = window.search_ui
    ui.open_find()
    ui.find_edit.setText("كلمة غير موجودة")
    look("find bar", *texts_of(ui.find_bar))
    ui.close_find()
    ui.open_corpus_search()
    ui.corpus_edit.setText("القاهرة")
    ui.search_corpus()
    look("corpus search", *texts_of(ui.dock))
    ui.corpus_edit.setText("  ")
    ui.search_corpus()
    look("corpus search error", ui.corpus_status.text())
    asked: list[str] = []
    ui.confirm = lambda title, text: asked.extend([title, text]) is None and False
    window.open_article(store.article_by_ext_id("seed").id)
    span = next(s for s in window.article_view.spans if s.annotator == "salma")
    window.article_view.select_span(span)
    ui.tag_all_in_corpus()
    ui.tag_all_in_article()
    look("tag all", *asked, window.statusBar().currentMessage())

    # the dialogs
    window.edit_labels()
    look("label editor", *texts_of(window.label_editor))
    window.label_editor.reject()
    options = ImportOptions(["corpus.jsonl"], window)
    look("import", *texts_of(options))
    export = ExportDialog(store, window)
    look("export", *texts_of(export))
    # File > Open project…: the dialog (file and server tabs), looked at, not run
    from annotator.gui.dialogs.open_project import OpenProjectDialog
    from annotator.gui.workspace import project_files

    opener = OpenProjectDialog(window)
    look("open project", *texts_of(opener))
    opener.reject()
    monkeypatch.setattr(project_files, "ask_project", lambda *a, **k: None)
    window.files.open_project_dialog()
    window.files.new_project_dialog()
    export.choose_output()

    # the review window, both tabs, and its edit dialog
    window.review_action.trigger()
    review = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ReviewWindow))
    look("review", *texts_of(review))
    review.edit_current()
    look("edit dialog", *texts_of(review.edit_dialog))
    review.edit_dialog.reject()
    review.tabs.setCurrentWidget(review.agreement)
    look("agreement", *texts_of(review.agreement))
    review.close()

    # Team > Progress, with every annotator's figures
    window.menus.progress_action.trigger()
    progress = window.files.team_progress
    assert progress is not None and progress.table.rowCount() == 3
    look("team progress", *texts_of(progress))
    progress.close()

    # a server's lost connection: the server's own words (libpq's English) stay as they are
    reason = "server closed the connection unexpectedly"
    for message in (
        f"tag: the connection to the server was lost ({reason}); not saved",
        f"saving to postgresql://salma@db/news: the connection to the server was lost while"
        f" saving ({reason}) and the server could not confirm the change; it may or may not"
        " be saved: look at the article again",
    ):
        window.show_error(message)
        look("server errors", box.text().replace(reason, ""))
        box.close()

    data = project_data(store)
    english = {
        where: sorted({t for t in map(as_shown, texts) if t not in data and english_in(t, allowed)})
        for where, texts in shown.items()
    }
    assert {where: texts for where, texts in english.items() if texts} == {}
    # and the walk did see the places it names
    assert {"main window", "actions", "corpus search", "review", "agreement", "file dialog"} <= set(
        shown
    )
