"""The desktop app's figures, on real widgets offscreen, each run in a child process.

- Opening: a fresh process per run (``gui_driver open``), timed from launching it until the
  main window has painted the first article of the N-article project (the annotator's
  remembered place is cleared first); its peak memory is that process's ``ru_maxrss``.
- One more process (``gui_driver interact``), with everyone's spans shown (about 30 per
  article), presses "next article" many times (p95), tags words through
  ``MainWindow.tag_range`` (the label key's path: snap, commit, redraw; p95), opens the
  200,000-character article (median) and scrolls it a page at a time (p95 per page).
  "Smooth" is taken as 60 frames a second: a page scroll must be painted within 16.7 ms.
  Each step is timed until its paint is done; the notes say how many steps painted.
- Both work on private copies of the cached projects, made before the clock starts.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import corpus
from benchmarks.measure import Config, Figure, median, p95, require

ANNOTATOR = corpus.ANNOTATORS[0]
ROOT = Path(__file__).resolve().parent.parent


def figures(cfg: Config) -> list[Figure]:
    return [
        Figure("gui_open", f"open the window on {cfg.n:,} articles, first article shown", "s",
               "under", 1.5),
        Figure("gui_memory", "peak memory of that window", "MB", "under", 300.0),
        Figure("gui_switch", "switch to the next article (p95)", "ms", "under", 50.0),
        Figure("gui_long", "open the 200,000-character article (2,000 spans)", "ms", "under",
               500.0),
        Figure("gui_scroll", "scroll the long article a page (p95)", "ms",
               "under", 16.7),
        Figure("gui_tag", "tag a span: commit plus redraw (p95)", "ms", "under", 30.0),
    ]


def _drive(*args: str) -> dict[str, Any]:
    launched = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.gui_driver", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        err = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"GUI driver {args[0]} failed (exit {proc.returncode}): {err}")
    result = json.loads(lines[-1])
    # perf_counter is the system-wide monotonic clock on Linux, so the child's timestamp
    # also gives the time from launching the process (interpreter start included).
    if "shown_at" in result and 0 < result["shown_at"] - launched < 600:
        result["launch_s"] = result["shown_at"] - launched
    return result


def scratch_copy(src: Path, dst: Path) -> Path:
    """A consistent private copy (SQLite backup API), so the window's writes (tags, its
    remembered place) neither touch the shared cache nor wait for another process using it."""
    source = sqlite3.connect(f"{src.resolve().as_uri()}?mode=ro", uri=True)
    target = sqlite3.connect(str(dst))
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    return dst


def _forget_last_article(db: Path) -> None:
    """The window resumes where the annotator left off; this figure wants the first article."""
    from annotator.core.store import open_store

    with open_store(db) as store:
        store.set_setting(f"last_article:{ANNOTATOR}", "")


def measure(cfg: Config, figs: dict[str, Figure]) -> None:
    require("annotator.gui.app", "build_main_window")
    db = scratch_copy(corpus.project(cfg.n, cfg.seed), cfg.workdir / "gui.db")
    long_db = scratch_copy(corpus.long_project(cfg.seed), cfg.workdir / "gui-long.db")

    opens = []
    for _ in range(max(3, cfg.repeats)):
        _forget_last_article(db)
        opens.append(_drive("open", str(db), ANNOTATOR))
    open_s = [r.get("launch_s", r["open_s"]) for r in opens]
    peak = [r["peak_mb"] for r in opens]
    cfg.log("open: " + ", ".join(f"{t:.2f} s" for t in open_s))
    figs["gui_open"].measured = median(open_s)
    figs["gui_open"].extra = {"runs": open_s}
    figs["gui_open"].note = (
        "from launching the process to the first article painted"
        if all("launch_s" in r for r in opens)
        else "from the driver's first line (before importing Qt) to the first article painted"
    )
    figs["gui_memory"].measured = median(peak)
    figs["gui_memory"].extra = {"runs": peak}
    figs["gui_memory"].note = "ru_maxrss of the child process"

    counts = (
        {"switch": 10, "tag": 10, "long": 2, "scroll": 20}
        if cfg.quick
        else {"switch": 100, "tag": 50, "long": 5, "scroll": 100}
    )
    _forget_last_article(db)
    r = _drive("interact", str(db), str(long_db), ANNOTATOR, json.dumps(counts))
    painted = r["painted"]
    cpu = r.get("cpu_s", {})

    def on_cpu(kind: str) -> str:
        """The same steps' GUI-thread CPU time: what the work costs without the wait."""
        ms = [t * 1000 for t in cpu.get(kind, [])]
        return f"; GUI thread CPU p95 {p95(ms):.1f} ms" if ms else ""

    ms = [t * 1000 for t in r["switch_s"]]
    figs["gui_switch"].measured = p95(ms)
    figs["gui_switch"].note = (
        f"{len(ms)} switches, median {median(ms):.1f} ms,"
        f" {r['spans_per_article']:.0f} spans per article; {painted['switch']} painted"
        + ("" if r["everyone"] else "; window shows only its own annotator's spans")
        + on_cpu("switch")
    )
    figs["gui_switch"].extra = {"runs_ms": ms}
    ms = [t * 1000 for t in r["long_open_s"]]
    figs["gui_long"].title = (
        f"open the {r['long_chars']:,}-character article ({r['long_spans']:,} spans)"
    )
    figs["gui_long"].measured = median(ms)
    figs["gui_long"].note = (
        f"{len(ms)} opens, each after a short article; {painted['long']} painted;"
        f" face {r['face']}"
    )
    figs["gui_long"].extra = {"runs_ms": ms}
    ms = [t * 1000 for t in r["scroll_s"]]
    figs["gui_scroll"].measured = p95(ms)
    figs["gui_scroll"].note = (
        f"{len(ms)} page steps, median {median(ms):.1f} ms; {painted['scroll']} painted;"
        f" face {r['face']}" + on_cpu("scroll")
    )
    figs["gui_scroll"].extra = {"runs_ms": ms}
    ms = [t * 1000 for t in r["tag_s"]]
    figs["gui_tag"].measured = p95(ms)
    figs["gui_tag"].note = (
        f"{len(ms)} tags, median {median(ms):.1f} ms; {painted['tag']} painted" + on_cpu("tag")
    )
    figs["gui_tag"].extra = {"runs_ms": ms}
