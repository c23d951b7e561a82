"""A long session in the real window: 20,000 operations, no crash, memory that levels off.

Navigate, tag, relabel, delete, undo, redo and search, seeded at random, through the
window's own methods (the paths the keys take). Memory is sampled as the process's resident
size and as the number of live Python objects; the second half of the session must not
keep growing the way a leak would (no timing is asserted).
"""

from __future__ import annotations

import gc
import random
import resource
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn
from annotator.core.store import create_store

OPERATIONS = 20_000
SAMPLES = 20
#: Like a real article (a few dozen entities at most), so per-operation work stays level.
MAX_SPANS_PER_ARTICLE = 12
LABELS = ("PERS", "ORG", "LOC", "GPE", "DATE", "EVENT")
WORDS = ["القاهرة", "وزارة", "التضامن", "الاجتماعي", "أسوان", "مؤتمر", "الشباب", "نائلة", "جبر",
         "👍🏽", "اليوم", "مايو", "فيينا", "برنامج", "تكافل", "وكرامة"]


def _rss_kb() -> int:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * resource.getpagesize() // 1024


def _project(path: Path, seed_text: str) -> None:
    rng = random.Random(7)
    with create_store(path, default_labels()) as store, store.transaction():
        store.insert_article(ArticleIn(ext_id="seed", text=seed_text, title="التضامن"))
        for i in range(40):
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 80)))
            store.insert_article(ArticleIn(ext_id=f"n{i}", text=text, title=f"خبر {i}"))


class Session:
    """One annotator's random but reproducible session in a window."""

    def __init__(self, window, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
        self.w = window
        self.rng = rng
        self.ids = list(window.list_model.ids)
        self.counts: dict[str, int] = {}
        self.refused = 0
        self.errors: list[str] = []

    def step(self) -> None:
        roll = self.rng.random()
        kind = (
            "navigate" if roll < 0.15 else
            "tag" if roll < 0.42 else
            "relabel" if roll < 0.55 else
            "delete" if roll < 0.65 else
            "undo" if roll < 0.80 else
            "redo" if roll < 0.90 else
            "search"
        )
        self.counts[kind] = self.counts.get(kind, 0) + 1
        getattr(self, kind)()
        if self.w.last_error:  # shown to the user; collected, then checked at the end
            self.errors.append(self.w.last_error)
            self.w.last_error = ""

    def navigate(self) -> None:
        r = self.rng.random()
        if r < 0.4:
            self.w.next_article()
        elif r < 0.6:
            self.w.previous_article()
        else:
            self.w.open_article(self.rng.choice(self.ids))

    def _own_spans(self) -> list:
        return [s for s in self.w.article_view.spans if s.annotator == self.w.annotator]

    def tag(self) -> None:
        if len(self._own_spans()) >= MAX_SPANS_PER_ARTICLE:
            return self.delete()  # an annotator fixes a crowded article rather than add
        text = self.w.store.article_text(self.w.current_article_id)
        start = self.rng.randrange(0, max(1, len(text) - 1))
        end = min(len(text), start + self.rng.randint(1, 25))
        try:
            self.w.tag_range(start, end, self.rng.choice(LABELS))
        except AnnotatorError:  # only spaces selected: refused, nothing stored
            self.refused += 1

    def relabel(self) -> None:
        spans = self._own_spans()
        if not spans:
            return self.tag()
        self.w.article_view.select_span(self.rng.choice(spans))
        self.w.apply_label(self.rng.choice(LABELS))

    def delete(self) -> None:
        spans = self._own_spans()
        if not spans:
            return self.tag()
        self.w.article_view.select_span(self.rng.choice(spans))
        self.w.delete_selected_span()

    def undo(self) -> None:
        self.w.undo()

    def redo(self) -> None:
        self.w.redo()

    def search(self) -> None:
        """The find bar (Ctrl+F) and the corpus search panel, as a person uses them."""
        ui = self.w.search_ui
        word = self.rng.choice(WORDS)
        if self.rng.random() < 0.5:
            ui.find(word)
            for _ in range(self.rng.randint(0, 3)):
                ui.find_next()
            return
        ui.corpus_edit.setText(word)
        ui.search_corpus()
        if ui.results.count():
            ui.open_result(ui.results.item(self.rng.randrange(ui.results.count())))


@pytest.mark.slow
def test_twenty_thousand_operations_in_the_window(
    make_window, qtbot, tmp_path: Path, seed_text: str
) -> None:
    from PySide6.QtCore import QObject
    from PySide6.QtTest import QTest

    path = tmp_path / "news.db"
    _project(path, seed_text)
    window = make_window(path, "salma")
    # This test is about the window and memory; durability has its own crash test. Without
    # a sync per commit, 20,000 writes take seconds instead of minutes on a slow disk.
    window.store.conn.execute("PRAGMA synchronous = NORMAL")
    session = Session(window, random.Random(2026))
    rss: list[int] = []  # printed only: how the allocator returns memory is the machine's
    objects: list[int] = []
    qt_objects: list[int] = []
    per_sample = OPERATIONS // SAMPLES
    for n in range(OPERATIONS):
        session.step()
        if n % 50 == 0:
            # Return to the event loop, as between a person's key presses: Qt paints, and
            # deletes the objects handed to deleteLater() (old documents). qtbot.wait()
            # runs a nested loop, which leaves deferred deletes queued forever.
            QTest.qWait(0)
        if (n + 1) % per_sample == 0:
            gc.collect()
            rss.append(_rss_kb())
            objects.append(len(gc.get_objects()))
            qt_objects.append(len(window.findChildren(QObject)))
    assert window.isVisible()
    # the only message a person may see: relabelling onto a tag that already exists
    unexpected = [e for e in session.errors if "already tagged" not in e]
    assert unexpected == [], unexpected[:3]
    assert set(session.counts) == {
        "navigate", "tag", "relabel", "delete", "undo", "redo", "search"
    }
    # the window and the database agree at the end
    window.refresh()
    stored = window.store.spans(window.current_article_id, ["salma", "import"])
    assert {s.id for s in window.article_view.spans} == {s.id for s in stored}
    assert window.store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # memory levels off, counted in objects (the same on every machine, unlike the
    # process's resident size): the second half grows far less than a leak would
    half = SAMPLES // 2
    first_obj, second_obj = objects[half - 1] - objects[0], objects[-1] - objects[half - 1]
    print(
        f"ops={session.counts} refused={session.refused} conflicts={len(session.errors)}"
        f" rss_kb={rss} objects={objects} qt_objects={qt_objects}"
    )
    assert second_obj <= max(first_obj, 0) + 2_000, objects
    # no widget, document or action piles up: the window's Qt objects stay level
    assert max(qt_objects[half - 1 :]) <= max(qt_objects[: half]) + 20, qt_objects
