"""The real window under concurrent use and hostile articles (pytest-qt, offscreen).

Two windows on one project, the app while another program imports into the project, and
articles whose text or title is markup, direction controls or NUL bytes.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from reliability_data import HOSTILE_TEXTS

from annotator.core.errors import AnnotatorError
from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn
from annotator.core.store import create_store, open_store
from annotator.core.text.offsets import Utf16Index

WORKER = Path(__file__).with_name("concurrency_worker.py")
NAME = "نائلة جبر"


def _project(path: Path, seed_text: str) -> Path:
    with create_store(path, default_labels()) as store, store.transaction():
        store.insert_article(ArticleIn(ext_id="seed", text=seed_text, title="التضامن"))
        store.insert_article(ArticleIn(ext_id="a2", text="زار وزير الخارجية القاهرة أمس."))
    return path


def _name_range(window) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    text = window.store.article_text(window.current_article_id)
    start = text.index(NAME)
    return start, start + len(NAME)


def _stored(path: Path, annotator: str) -> list[tuple[str, str]]:
    with open_store(path) as store:
        out = []
        for art in store.article_ids():
            text = store.article_text(art)
            out += [(s.label, text[s.start : s.end]) for s in store.spans(art, [annotator])]
        return sorted(out)


def test_two_windows_on_one_project(make_window, tmp_path: Path, seed_text: str) -> None:
    path = _project(tmp_path / "news.db", seed_text)
    salma = make_window(path, "salma")
    omar = make_window(path, "omar")
    assert salma.current_article_id == omar.current_article_id
    start, end = _name_range(salma)
    a = salma.tag_range(start, end, "PERS")
    b = omar.tag_range(start, end, "PERS")
    assert a.id != b.id
    omar.undo_stack.relabel_span(b.id, "OCC")
    salma.undo()
    salma.redo()
    omar.undo()
    # each window sees the other's committed work as soon as it re-reads the store
    omar.set_show_all_annotators(True)
    omar.refresh()
    assert {(s.annotator, s.label) for s in omar.article_view.spans} == {
        ("salma", "PERS"), ("omar", "PERS")
    }
    assert salma.last_error == omar.last_error == ""
    assert _stored(path, "salma") == [("PERS", NAME)]
    assert _stored(path, "omar") == [("PERS", NAME)]


def test_same_annotator_in_two_windows(make_window, tmp_path: Path, seed_text: str) -> None:
    """Both windows tag the same words, then one deletes what the other relabels."""
    path = _project(tmp_path / "news.db", seed_text)
    first = make_window(path, "salma")
    second = make_window(path, "salma")
    start, end = _name_range(first)
    a = first.tag_range(start, end, "PERS")
    b = second.tag_range(start, end, "PERS")
    assert a.id == b.id  # the same tag is stored once
    first.undo_stack.delete_span(a.id)
    with pytest.raises(AnnotatorError, match=f"no span with id {a.id}"):
        second.undo_stack.relabel_span(b.id, "ORG")
    # an undo of a tag the other window already removed does not crash the window
    second.undo()
    assert second.isVisible()
    assert _stored(path, "salma") == []
    assert first.store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_tagging_while_another_program_imports(
    make_window, tmp_path: Path, seed_text: str
) -> None:
    """The import holds the write lock for a second; the tag waits for it, then lands."""
    path = _project(tmp_path / "news.db", seed_text)
    window = make_window(path, "salma")
    before = len(window.list_model.ids)
    proc = subprocess.Popen(
        [sys.executable, str(WORKER), "import", str(path), "batch", "300", "1.0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    try:
        assert proc.stdout.readline().strip() == "HALF"  # the import holds the lock now
        span = window.tag_range(*_name_range(window), "PERS")
        assert proc.stdout.readline().strip() == "DONE"  # it committed before our tag
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert window.last_error == ""
    assert [s.id for s in window.article_view.spans] == [span.id]
    assert _stored(path, "salma") == [("PERS", NAME)]
    # the window's own store sees every imported article
    assert len(window.store.article_ids()) == before + 300


def test_article_list_picks_up_articles_imported_meanwhile(
    make_window, qtbot, tmp_path: Path, seed_text: str
) -> None:
    path = _project(tmp_path / "news.db", seed_text)
    window = make_window(path, "salma")
    before = len(window.list_model.ids)
    done = subprocess.run(
        [sys.executable, str(WORKER), "import", str(path), "batch", "50", "0"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    window.activateWindow()
    qtbot.waitUntil(lambda: len(window.list_model.ids) == before + 50, timeout=3000)


@pytest.mark.parametrize("case", sorted(HOSTILE_TEXTS))
def test_hostile_article_in_the_window(
    make_window, tmp_path: Path, case: str
) -> None:
    body = HOSTILE_TEXTS[case]
    if case == "megabyte_line":
        body = body[:20_000]  # the view's own tests cover long articles; keep this fast
    text = f"{body} {NAME} {body}"
    title = body[:300]
    path = tmp_path / "news.db"
    with create_store(path, default_labels()) as store, store.transaction():
        store.insert_article(ArticleIn(ext_id=case, text=text, title=title))
    window = make_window(path, "salma")
    view = window.article_view
    # markup stays literal text: the title label does not render it
    assert window.title_label.text() == title
    from PySide6.QtCore import Qt

    assert window.title_label.textFormat() == Qt.TextFormat.PlainText
    assert view.offsets_ok, window.last_error
    start = text.index(NAME)
    span = window.tag_range(start, start + len(NAME), "PERS")
    assert text[span.start : span.end] == NAME
    # what Qt shows at the span's UTF-16 positions is the name
    index = Utf16Index(text)
    u_start, u_end = index.span_to_utf16(span.start, span.end)
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(view.document())
    cursor.setPosition(u_start)
    cursor.setPosition(u_end, QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == NAME
    assert window.last_error == ""


def _source_project(path: Path, seed_text: str, n: int) -> Path:
    """omar's project of ``n`` articles, one ORG span each: what is merged in."""
    with create_store(path, default_labels()) as store, store.transaction():
        ids = [
            store.insert_article(ArticleIn(ext_id=f"o{i}", text=f"{i} {seed_text}"))
            for i in range(n)
        ]
        store.insert_spans((art, "omar", "ORG", 0, 1, None) for art in ids)
    return path


def _start_merge(path: Path, theirs: Path) -> subprocess.Popen[str] | None:
    """Start `annotator merge` and wait until its transaction is writing (the write-ahead
    log past 500 KB); None if it finished first, as it may on a fast or an idle machine."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "annotator", "merge", str(path), str(theirs)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    wal = path.with_name(path.name + "-wal")
    while proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 500_000:
            return proc
        time.sleep(0.005)
    proc.communicate()
    assert proc.returncode == 0
    return None


def test_tagging_while_another_program_merges(
    make_window, qtbot, tmp_path: Path, seed_text: str
) -> None:
    """`annotator merge` into the open project: every tag made meanwhile lands, no error.

    The window tags only while the merge's transaction holds the project. A merge that ends
    before the window could tag is tried again from a source four times as large, into a new
    project (at most three sizes), so the outcome does not hang on the machine's speed."""
    proc = None
    for attempt, n in enumerate((800, 3200, 12800)):
        path = _project(tmp_path / f"news{attempt}.db", seed_text)
        theirs = _source_project(tmp_path / f"omar{attempt}.db", seed_text, n)
        window = make_window(path, "salma")
        proc = _start_merge(path, theirs)
        if proc is not None:
            break
        window.close()
    assert proc is not None, "every merge finished before the window could tag"
    text = window.store.article_text(window.current_article_id)
    words = [(m, m + 4) for m in range(0, 400, 20) if text[m : m + 4].strip()]
    tagged = []
    try:
        for start, end in words:
            try:
                tagged.append(window.tag_range(start, end, "PERS").id)
            except AnnotatorError as exc:
                if "no word" not in str(exc):
                    raise
            qtbot.wait(1)
        _, err = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert window.last_error == ""
    assert tagged
    with open_store(path) as store:
        assert {s.id for s in store.spans(window.current_article_id, ["salma"])} == set(tagged)
        assert store.article_count() == 2 + n
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _as_shown(tip: str) -> str:
    """The text a tooltip displays: Qt renders anything that looks like HTML as HTML."""
    from PySide6.QtGui import Qt as QtGui_Qt
    from PySide6.QtGui import QTextDocumentFragment

    if QtGui_Qt.mightBeRichText(tip):
        return QTextDocumentFragment.fromHtml(tip).toPlainText()
    return tip


MARKUP_TITLE = '<b>عاجل</b> <font size="+5">القاهرة</font><img src="x.png"> &amp; <i>'


def test_markup_in_titles_and_labels_shows_literally_in_tooltips(
    make_window, tmp_path: Path
) -> None:
    from PySide6.QtCore import Qt

    path = tmp_path / "news.db"
    text = f"خبر عن {NAME} في القاهرة"
    with create_store(path, default_labels()) as store:
        with store.transaction():
            store.insert_article(ArticleIn(ext_id="m", text=text, title=MARKUP_TITLE))
        store.update_label("PERS", display_name="<b>شخص</b> &amp;")
    window = make_window(path, "salma")
    start = text.index(NAME)
    window.tag_range(start, start + len(NAME), "PERS")
    model = window.list_model
    tip = model.data(model.index(0, model.TITLE), Qt.ItemDataRole.ToolTipRole)
    shown = {"list": _as_shown(tip)}
    ui = window.search_ui
    ui.corpus_edit.setText("القاهرة")
    ui.search_corpus()
    shown["search"] = _as_shown(ui.results.item(0).toolTip())
    shown["span list"] = _as_shown(window.span_list.topLevelItem(0).toolTip(0))
    assert shown == {
        "list": MARKUP_TITLE, "search": MARKUP_TITLE, "span list": "<b>شخص</b> &amp;"
    }


def test_write_that_cannot_get_its_turn_says_so_and_stores_nothing(
    make_window, tmp_path: Path, seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only after the retries run out does the window say the project is busy."""
    import sqlite3

    from annotator.core.store.sqlite import backend as store_module

    path = _project(tmp_path / "news.db", seed_text)
    window = make_window(path, "salma")
    monkeypatch.setattr(store_module, "WRITE_RETRY_SECONDS", 0.3)
    window.store.conn.execute("PRAGMA busy_timeout = 100")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock, and keeps it
    try:
        start, end = _name_range(window)
        window.article_view.select_range(start, end)
        assert window.apply_label("PERS") is None
        assert "busy in another program; not saved" in window.last_error
        assert "locked" not in window.last_error
        assert window.article_view.spans == []
        assert not window.undo_stack.can_undo()
    finally:
        other.execute("ROLLBACK")
        other.close()
    # once the other program lets go, the same key press works
    window.last_error = ""
    window.article_view.select_range(start, end)
    span = window.apply_label("PERS")
    assert span is not None and window.last_error == ""
    assert _stored(path, "salma") == [("PERS", NAME)]

