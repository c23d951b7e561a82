"""Drives the real main window offscreen and prints its timings as one JSON line.

Run by bench_gui in a child process, so each launch is measured from a fresh interpreter
and ``ru_maxrss`` is this window's peak memory alone:

    python -m benchmarks.gui_driver open PROJECT ANNOTATOR
    python -m benchmarks.gui_driver interact PROJECT LONG_PROJECT ANNOTATOR COUNTS_JSON

Every timed step ends with the window painted: pending events are processed and the window
repainted synchronously, so a figure includes what the user waits for, not just the call.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()  # before Qt and the app are imported: they are part of opening

import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _settle(app: Any, win: Any) -> None:
    app.processEvents()
    win.repaint()


def _window(app: Any, path: Path, annotator: str, settings_dir: Path) -> Any:
    from PySide6.QtCore import QSettings

    from annotator.gui.app import build_main_window

    settings = QSettings(str(settings_dir / "bench.ini"), QSettings.Format.IniFormat)
    win = build_main_window(path, annotator, settings=settings)
    win.resize(1280, 800)
    win.show()
    if win.current_article_id is None:
        win.open_article(win.store.article_ids()[0])
    _settle(app, win)
    return win


def _show_everyone(win: Any) -> bool:
    """Turn blind mode off, so an article shows all three annotators' spans."""
    fn = getattr(win, "set_show_all", None)
    if callable(fn):
        fn(True)
        return True
    return False


def _open(path: Path, annotator: str, settings_dir: Path) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    win = _window(app, path, annotator, settings_dir)
    shown = time.perf_counter()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "open_s": shown - T0,
        "shown_at": shown,
        "peak_mb": peak_kb / 1024,
        "article_id": win.current_article_id,
    }


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
    ids = store.article_ids()
    n = min(counts["switch"], len(ids) - 1)

    switch: list[float] = []
    spans_shown: list[int] = []
    for i in range(1, n + 1):
        t = time.perf_counter()
        win.open_article(ids[i])
        _settle(app, win)
        switch.append(time.perf_counter() - t)
        spans_shown.append(len(store.spans(ids[i])))
    out["switch_s"] = switch
    out["spans_per_article"] = sum(spans_shown) / max(1, len(spans_shown))

    article = win.current_article_id
    before = {sp.id for sp in store.spans(article)}
    labels = [lab.name for lab in store.labels()]
    tag: list[float] = []
    for k, (s, e) in enumerate(_word_ranges(store.article_text(article), counts["tag"])):
        t = time.perf_counter()
        win.tag_range(s, e, labels[k % len(labels)])
        _settle(app, win)
        tag.append(time.perf_counter() - t)
    out["tag_s"] = tag
    for sp in store.spans(article):  # leave the cached project as it was
        if sp.id not in before:
            store.delete_span(sp.id)
    win.close()

    long_win = _window(app, long_path, annotator, settings_dir)
    long_ids = long_win.store.article_ids()
    short_id, long_id = long_ids[0], long_ids[-1]
    out["long_chars"] = len(long_win.store.article_text(long_id))
    out["long_spans"] = len(long_win.store.spans(long_id, [annotator]))
    opens: list[float] = []
    for _ in range(counts["long"]):
        long_win.open_article(short_id)
        _settle(app, long_win)
        t = time.perf_counter()
        long_win.open_article(long_id)
        _settle(app, long_win)
        opens.append(time.perf_counter() - t)
    out["long_open_s"] = opens

    view = long_win.article_view
    bar = view.verticalScrollBar()
    scroll: list[float] = []
    for _ in range(counts["scroll"]):
        t = time.perf_counter()
        bar.setValue(0 if bar.value() >= bar.maximum() else bar.value() + bar.pageStep())
        app.processEvents()
        view.viewport().repaint()
        scroll.append(time.perf_counter() - t)
    out["scroll_s"] = scroll
    out["scroll_pages"] = (bar.maximum() + bar.pageStep()) / max(1, bar.pageStep())
    long_win.close()
    return out


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        if argv[0] == "open":
            result = _open(Path(argv[1]), argv[2], Path(tmp))
        elif argv[0] == "interact":
            result = _interact(
                Path(argv[1]), Path(argv[2]), argv[3], json.loads(argv[4]), Path(tmp)
            )
        else:
            print(f"unknown mode {argv[0]!r}", file=sys.stderr)
            return 2
    print(json.dumps(result))
    sys.stdout.flush()
    os._exit(0)  # skip Qt's teardown: it is not part of any figure


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
