"""The standalone app's figures (issue 19): its size, and its start against the venv's.

- Size: the built folder's files, unpacked (``dist/annotator``, or ``ANNOTATOR_BUNDLE``
  naming the folder or its ``annotator`` program); at most 120 MB.
- Start: from launching the process to the first article painted, on the N-article
  project, the bundle's ``annotator gui`` against the same command from this checkout in
  the virtual environment (``python -m annotator gui``), in the same run, alternately,
  after one unmeasured start of each (so both read their files from a warm disk cache).
  Each process reports when it painted (``ANNOTATOR_STARTUP_REPORT``,
  annotator/gui/common/startup_report.py) on the system-wide monotonic clock; target:
  at most 1.5x the venv's median.

Without a built bundle both figures read "not available" (build one with ``./dev
bundle``), and so with a bundle built from other code than this checkout's (build.py
records a digest of the package): comparing it with the venv would measure two programs.
A bundle is not rebuilt here: the note gives the age of the one measured.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import corpus
from benchmarks.bench_gui import scratch_copy
from benchmarks.measure import Config, Figure, NotAvailable, median

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT / "packaging"))
import bundle_rules  # noqa: E402

ANNOTATOR = corpus.ANNOTATORS[0]
ENV = "ANNOTATOR_BUNDLE"


def figures(cfg: Config) -> list[Figure]:
    return [
        Figure("bundle_size", "standalone app, unpacked", "MB", "under", 120.0),
        Figure("bundle_start", f"standalone app: start to first article painted ({cfg.n:,} "
               "articles) vs the venv", "s", "ratio", 1.5),
    ]  # fmt: skip


def bundle_program() -> Path | None:
    """The built program: ``ANNOTATOR_BUNDLE`` (folder or program), else dist/annotator."""
    given = os.environ.get(ENV, "").strip()
    where = Path(given) if given else ROOT / "dist" / "annotator"
    program = where / "annotator" if where.is_dir() else where
    return program if program.is_file() and os.access(program, os.X_OK) else None


def built_from_this_checkout(program: Path) -> bool:
    """Whether the bundle's recorded source digest is this checkout's."""
    info = program.parent / bundle_rules.BUILD_INFO
    try:
        recorded = json.loads(info.read_text(encoding="utf-8")).get("source_digest")
    except (OSError, ValueError, AttributeError):
        return False
    return recorded == bundle_rules.source_digest(ROOT)


def folder_size(folder: Path) -> int:
    """Bytes of the files (symbolic links count for nothing, as on disk)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _start(command: list[str], db: Path, home: Path, report: Path) -> float:
    """Seconds from launching ``command gui DB`` to its first article painted."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ANNOTATOR_STARTUP_REPORT")
    }
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        QT_QPA_PLATFORM="offscreen",
        ANNOTATOR_STARTUP_REPORT=str(report),
    )
    report.unlink(missing_ok=True)
    _forget_last_article(db)
    launched = time.perf_counter()
    proc = subprocess.run(
        [*command, "gui", str(db), "--annotator", ANNOTATOR],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if proc.returncode != 0 or not report.exists():
        err = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"{command[0]} gui failed (exit {proc.returncode}): {err}")
    got: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    if not got.get("painted"):
        raise RuntimeError(f"{command[0]} gui reported no paint of the article view")
    return float(got["painted_at"]) - launched


def _forget_last_article(db: Path) -> None:
    """Both starts open the first article, not where the previous run left off."""
    from annotator.core.store import open_store

    with open_store(db) as store:
        store.set_setting(f"last_article:{ANNOTATOR}", "")


def measure(cfg: Config, figs: dict[str, Figure]) -> None:
    program = bundle_program()
    if program is None:
        raise NotAvailable(f"no standalone app built (./dev bundle, or {ENV}=FOLDER)")
    if not built_from_this_checkout(program):
        raise NotAvailable(f"{program.parent} was built from other code: rebuild (./dev bundle)")
    age_h = (time.time() - program.stat().st_mtime) / 3600
    size = folder_size(program.parent) / 1e6
    figs["bundle_size"].measured = size
    figs["bundle_size"].note = f"{program.parent}, built {age_h:.1f} h before this run"

    db = scratch_copy(corpus.project(cfg.n, cfg.seed), cfg.workdir / "bundle-start.db")
    home = cfg.workdir / "bundle-home"
    home.mkdir(exist_ok=True)
    report = cfg.workdir / "bundle-start.json"
    venv = [sys.executable, "-m", "annotator"]
    bundle = [str(program)]
    _start(venv, db, home, report)  # warm-up: files into the disk cache
    _start(bundle, db, home, report)
    venv_s: list[float] = []
    bundle_s: list[float] = []
    for _ in range(max(3, cfg.repeats)):
        venv_s.append(_start(venv, db, home, report))
        bundle_s.append(_start(bundle, db, home, report))
    cfg.log("venv: " + ", ".join(f"{t:.2f} s" for t in venv_s))
    cfg.log("bundle: " + ", ".join(f"{t:.2f} s" for t in bundle_s))
    fig = figs["bundle_start"]
    fig.measured = median(bundle_s)
    fig.baseline = median(venv_s)
    fig.note = (
        "baseline: python -m annotator gui from the checkout's venv; both from launching"
        " the process to the first article painted, offscreen, alternately"
    )
    fig.extra = {"runs": bundle_s, "baseline_runs": venv_s}
