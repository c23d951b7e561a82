"""Drives the real main window offscreen and prints its timings as one JSON line.

Run by bench_gui in a child process, so each launch is measured from a fresh interpreter
and ``ru_maxrss`` is this window's peak memory alone:

    python -m benchmarks.gui_driver open PROJECT ANNOTATOR
    python -m benchmarks.gui_driver interact PROJECT LONG_PROJECT ANNOTATOR COUNTS_JSON

Every timed step ends with the window painted: the step's pending events (layout, the
paint of the article view) are processed before the clock stops, so a figure includes what
the user waits for, not just the call. Each step's paints are counted as a check.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()  # before Qt and the app are imported: they are part of opening

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from benchmarks.measure import peak_mb  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _settle(app: Any, win: Any) -> None:
    """Let the event loop run what the step queued: layout, then the paint of the window."""
    app.processEvents()


class _Paints:
    """Counts the article view's paint events, to check that each timed step painted."""

    def __init__(self, view: Any) -> None:
        from PySide6.QtCore import QEvent, QObject

        paint = QEvent.Type.Paint

        class Filter(QObject):
            count = 0

            def eventFilter(self, _obj: Any, event: Any) -> bool:  # noqa: N802 (Qt name)
                if event.type() == paint:
                    Filter.count += 1
                return False

        self._filter = Filter()
        view.viewport().installEventFilter(self._filter)
        self._type = Filter

    @property
    def count(self) -> int:
        return self._type.count


def _window(app: Any, path: Path, annotator: str, settings_dir: Path) -> Any:
    from PySide6.QtCore import QSettings

    from annotator.gui.app import build_main_window

    settings = QSettings(str(settings_dir / "bench.ini"), QSettings.Format.IniFormat)
    face = os.environ.get("ANNOTATOR_BENCH_FONT")  # benchmarks/fonts.py: one candidate face
    if face:
        settings.setValue("view/font_family", face)
    win = build_main_window(path, annotator, settings=settings)
    win.resize(1280, 800)
    win.show()
    if win.current_article_id is None:
        win.open_article(win.store.article_ids()[0])
    _settle(app, win)
    return win


def _show_everyone(win: Any) -> bool:
    """Turn blind mode off, so an article shows all three annotators' spans."""
    fn = getattr(win, "set_show_all_annotators", None)
    if callable(fn):
        fn(True)
        return True
    return False


def _open(path: Path, annotator: str, settings_dir: Path) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    win = _window(app, path, annotator, settings_dir)
    shown = time.perf_counter()
    return {
        "open_s": shown - T0,
        "shown_at": shown,
        "peak_mb": peak_mb(),
        "article_id": win.current_article_id,
        "face": _face(win),
    }


def _face(win: Any) -> str:
    """The face the article view really draws with (what fontconfig resolved), and the
    one the window asked for when they differ."""
    from PySide6.QtGui import QFontInfo

    asked = win.article_view.font().family()
    got = QFontInfo(win.article_view.font()).family()
    return got if got == asked else f"{got} (asked for {asked})"


def _word_ranges(text: str, count: int) -> list[tuple[int, int]]:
    import regex

    words = [(m.start(), m.end()) for m in regex.finditer(r"\p{Arabic}{3,}", text)]
    step = max(1, len(words) // max(1, count))
    return words[::step][:count]


def _interact(
    path: Path, long_path: Path, annotator: str, counts: dict[str, int], settings_dir: Path
) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    out: dict[str, Any] = {}
    win = _window(app, path, annotator, settings_dir)
    out["everyone"] = _show_everyone(win)
    _settle(app, win)
    store = win.store
    paints = _Paints(win.article_view)
    painted: dict[str, int] = {"switch": 0, "tag": 0, "long": 0, "scroll": 0}

    cpu: dict[str, list[float]] = {"switch": [], "tag": [], "long": [], "scroll": []}

    def step(kind: str, action: Any, counter: _Paints) -> float:
        """Time one user step until it is painted; count whether it painted. The GUI
        thread's CPU time is kept too: on a shared machine the wall time also holds the
        wait for a core, the CPU time only the work."""
        before = counter.count
        t, c = time.perf_counter(), time.thread_time()
        action()
        _settle(app, None)
        elapsed = time.perf_counter() - t
        cpu[kind].append(time.thread_time() - c)
        painted[kind] += counter.count > before
        return elapsed

    switch: list[float] = []
    spans_shown: list[int] = []
    for _ in range(min(counts["switch"], store.article_count() - 1)):
        switch.append(step("switch", win.next_article, paints))  # the next-article key's path
        spans_shown.append(len(win.article_view.spans))
    out["switch_s"] = switch
    out["peak_mb"] = peak_mb()
    out["spans_per_article"] = sum(spans_shown) / max(1, len(spans_shown))

    article = win.current_article_id
    labels = [lab.name for lab in store.labels()]
    tag: list[float] = []
    for k, (s, e) in enumerate(_word_ranges(store.article_text(article), counts["tag"])):
        label = labels[k % len(labels)]
        tag.append(step("tag", lambda s=s, e=e, label=label: win.tag_range(s, e, label), paints))
    out["tag_s"] = tag
    win.close()

    long_win = _window(app, long_path, annotator, settings_dir)
    long_paints = _Paints(long_win.article_view)
    long_ids = long_win.store.article_ids()
    short_id, long_id = long_ids[0], long_ids[-1]
    out["long_chars"] = len(long_win.store.article_text(long_id))
    out["long_spans"] = len(long_win.store.spans(long_id, [annotator]))
    opens: list[float] = []
    for _ in range(counts["long"]):
        long_win.open_article(short_id)
        _settle(app, long_win)
        opens.append(step("long", lambda: long_win.open_article(long_id), long_paints))
    out["long_open_s"] = opens

    bar = long_win.article_view.verticalScrollBar()

    def scroll_page() -> None:
        bar.setValue(0 if bar.value() >= bar.maximum() else bar.value() + bar.pageStep())

    out["scroll_s"] = [step("scroll", scroll_page, long_paints) for _ in range(counts["scroll"])]
    out["painted"] = painted
    out["cpu_s"] = cpu
    out["face"] = _face(long_win)
    from PySide6.QtGui import QFontDatabase

    out["colour_emoji"] = "Noto Color Emoji" in QFontDatabase.families()
    out["scroll_pages"] = (bar.maximum() + bar.pageStep()) / max(1, bar.pageStep())
    long_win.close()
    return out


def _project(arg: str) -> Any:
    """A project file's path, or a server URL as it is (a Path would fold its ``//``)."""
    return arg if "://" in arg else Path(arg)


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        if argv[0] == "open":
            result = _open(_project(argv[1]), argv[2], Path(tmp))
        elif argv[0] == "interact":
            result = _interact(
                _project(argv[1]), _project(argv[2]), argv[3], json.loads(argv[4]), Path(tmp)
            )
        else:
            print(f"unknown mode {argv[0]!r}", file=sys.stderr)
            return 2
    print(json.dumps(result))
    sys.stdout.flush()
    os._exit(0)  # skip Qt's teardown: it is not part of any figure


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
