"""Where a figure's time goes: the same operation under cProfile, top functions printed.

    python -m benchmarks.profiles agreement [--n 10000] [--top 25] [--sort tottime]

Figures: import, export, search, agreement, gui_open, gui_switch, gui_tag, gui_long,
gui_scroll.
The GUI ones run the real window offscreen in this process. Use it on a missed target to
see what to fix; the numbers are slower than the suite's (profiling costs time).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import corpus
from benchmarks.bench_search import QUERIES

ANNOTATOR = corpus.ANNOTATORS[0]


def _window(path: Path) -> tuple[Any, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from annotator.gui.app import build_main_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    ini = Path(tempfile.mkdtemp(prefix="annotator-profile-")) / "bench.ini"
    settings = QSettings(str(ini), QSettings.Format.IniFormat)
    win = build_main_window(path, ANNOTATOR, settings=settings)
    win.resize(1280, 800)
    win.show()
    app.processEvents()
    return app, win


def prepare(figure: str, n: int, work: Path) -> Callable[[], Any]:
    """Set up (not profiled) and return the operation to profile."""
    from annotator.core.store import open_store

    if figure == "import":
        from annotator.core.formats.import_run import run_import
        from benchmarks.bench_import import _fresh_project

        jsonl = corpus.jsonl_corpus(n)
        db = work / "import.db"
        _fresh_project(db)
        return lambda: run_import(open_store(db), [jsonl], "jsonl")
    if figure == "export":
        from annotator.core.formats.export_run import run_export

        store = open_store(corpus.project(n), readonly=True)
        return lambda: run_export(store, work / "out.jsonl", "jsonl", annotator=ANNOTATOR)
    if figure == "search":
        from annotator.core.assist.search import search_corpus

        store = open_store(corpus.project(n))
        search_corpus(store, QUERIES[0])
        return lambda: [search_corpus(store, q) for q in QUERIES]
    if figure == "agreement":
        from annotator.core.team.agreement import compute_agreement

        store = open_store(corpus.project(min(n, 10_000)), readonly=True)
        return lambda: compute_agreement(store)
    if figure == "gui_open":
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        import PySide6.QtWidgets  # noqa: F401  (imports are not what this profile is about)

        import annotator.gui.app  # noqa: F401

        copy = work / "copy.db"  # the window remembers its place: keep the cache clean
        shutil.copyfile(corpus.project(n), copy)
        return lambda: _window(copy)
    if figure == "gui_switch":
        app, win = _window(corpus.project(n))
        win.set_show_all_annotators(True)
        return lambda: [(win.next_article(), app.processEvents()) for _ in range(30)]
    if figure == "gui_tag":
        from benchmarks.gui_driver import _word_ranges

        copy = work / "copy.db"  # tags must not stay in the cached project
        shutil.copyfile(corpus.project(n), copy)
        app, win = _window(copy)
        win.set_show_all_annotators(True)
        ranges = _word_ranges(win.store.article_text(win.current_article_id), 20)
        return lambda: [(win.tag_range(s, e, "PERS"), app.processEvents()) for s, e in ranges]
    if figure in ("gui_long", "gui_scroll"):
        app, win = _window(corpus.long_project())
        ids = win.store.article_ids()
        if figure == "gui_long":
            win.open_article(ids[0])
            app.processEvents()

            def open_long() -> None:
                win.open_article(ids[-1])
                app.processEvents()

            return open_long
        win.open_article(ids[-1])
        app.processEvents()
        bar = win.article_view.verticalScrollBar()

        def scroll() -> None:
            for _ in range(50):
                bar.setValue(bar.value() + bar.pageStep())
                app.processEvents()

        return scroll
    raise SystemExit(f"unknown figure {figure!r}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.profiles", description=__doc__)
    p.add_argument("figure")
    p.add_argument("--n", type=int, default=10_000)
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--sort", default="tottime", choices=("tottime", "cumulative"))
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="annotator-profile-") as tmp:
        op = prepare(args.figure, args.n, Path(tmp))
        prof = cProfile.Profile()
        prof.runcall(op)
        stats = pstats.Stats(prof, stream=sys.stdout)
        stats.strip_dirs().sort_stats(args.sort).print_stats(args.top)
    sys.stdout.flush()
    os._exit(0)  # skip Qt's teardown


if __name__ == "__main__":
    sys.exit(main())
