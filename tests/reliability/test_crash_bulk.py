"""Killing `annotator import`, `merge` or `export` mid-way: all or nothing, never a half file.

Each command runs as its own process and is killed with SIGKILL at a seeded random moment
while it works; afterwards the project passes ``PRAGMA integrity_check`` and holds either
none or all of the bulk change, and no half export sits under the output name.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn
from annotator.core.store import create_store, open_store

KILLS = 4
ARTICLES = 2000


def _cli(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "annotator", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _kill_when(proc: subprocess.Popen[bytes], ready: Callable[[], bool]) -> bool:
    """SIGKILL as soon as ``ready()``; True if the process was still running then."""
    while proc.poll() is None:
        if ready():
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.002)
    return False


def _grown(path: Path, size: int) -> Callable[[], bool]:
    """True once ``path`` (a WAL or a temporary export) holds ``size`` bytes."""

    def ready() -> bool:
        try:
            return path.stat().st_size >= size
        except FileNotFoundError:
            return False

    return ready


def _tmp_export_size(folder: Path, size: int) -> Callable[[], bool]:
    """True once a new temporary export file (not one a killed run left) holds ``size``."""
    old = set(folder.iterdir())

    def ready() -> bool:
        for p in folder.iterdir():
            if p in old or not p.name.startswith("."):
                continue
            try:
                if p.stat().st_size >= size:
                    return True
            except FileNotFoundError:  # renamed into place meanwhile
                pass
        return False

    return ready


def _check(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return (
            conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0],
            conn.execute("SELECT COUNT(*) FROM spans").fetchone()[0],
        )
    finally:
        conn.close()


def _corpus_file(path: Path, seed_text: str) -> Path:
    start = seed_text.index("نائلة جبر")
    with path.open("w", encoding="utf-8") as fh:
        for i in range(ARTICLES):
            fh.write(json.dumps({
                "id": f"art-{i}", "title": f"خبر {i}", "text": f"{i} {seed_text}",
                "spans": [{"start": start + len(str(i)) + 1,
                           "end": start + len(str(i)) + 10, "label": "PERS"}],
            }, ensure_ascii=False) + "\n")
    return path


def _run(args: list[str]) -> None:
    """Run the CLI to the end; it must succeed (what it wrote is checked by the caller)."""
    proc = _cli(*args)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()


@pytest.mark.slow
def test_killed_import_lands_whole_or_not_at_all(tmp_path: Path, seed_text: str) -> None:
    source = _corpus_file(tmp_path / "corpus.jsonl", seed_text)
    rng = random.Random(8)
    # how long a whole import takes here, to kill inside that window
    path = tmp_path / "project.db"
    with create_store(path, default_labels()) as store, store.transaction():
        store.insert_article(ArticleIn(ext_id="kept", text=seed_text))
    killed = 0
    for _ in range(KILLS):
        wal = path.with_name(path.name + "-wal")
        assert not wal.exists()  # the last check closed the file: the next growth is new
        proc = _cli("import", str(path), str(source))
        # killed mid-transaction: once the import has spilled some pages to the WAL
        killed += _kill_when(proc, _grown(wal, rng.randint(1, 5) * 1_000_000))
        counts = _check(path)
        assert counts == (1, 0), counts  # killed inside its transaction: nothing landed
    assert killed == KILLS
    # after the kills, the same import still runs through
    _run(["import", str(path), str(source)])
    assert _check(path) == (1 + ARTICLES, ARTICLES)


@pytest.mark.slow
def test_killed_merge_lands_whole_or_not_at_all(tmp_path: Path, seed_text: str) -> None:
    source = _corpus_file(tmp_path / "corpus.jsonl", seed_text)
    theirs = tmp_path / "omar.db"
    create_store(theirs, default_labels()).close()
    _run(["import", str(theirs), str(source)])
    with open_store(theirs) as store:  # omar's own tags on every article
        with store.transaction():
            store.insert_spans(
                (art, "omar", "ORG", 0, 2, None) for art in store.article_ids()
            )
    full = (ARTICLES, 2 * ARTICLES)
    ours = tmp_path / "salma.db"
    create_store(ours, default_labels()).close()
    wal = ours.with_name(ours.name + "-wal")
    rng = random.Random(9)
    killed = 0
    for _ in range(KILLS):
        assert not wal.exists()  # the last check closed the file: the next growth is new
        proc = _cli("merge", str(ours), str(theirs))
        killed += _kill_when(proc, _grown(wal, rng.randint(1, 5) * 1_000_000))
        counts = _check(ours)
        assert counts == (0, 0), counts
    assert killed == KILLS
    _run(["merge", str(ours), str(theirs)])
    assert _check(ours) == full


@pytest.mark.slow
def test_killed_export_leaves_no_half_file(tmp_path: Path, seed_text: str) -> None:
    source = _corpus_file(tmp_path / "corpus.jsonl", seed_text)
    path = tmp_path / "project.db"
    create_store(path, default_labels()).close()
    _run(["import", str(path), str(source)])
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "train.jsonl"
    args = ["export", str(path), str(out), "--annotator", "import", "--status", "all"]
    _run(args)
    whole = out.read_bytes()
    assert whole.count(b"\n") == ARTICLES
    out.write_text("previous export\n", encoding="utf-8")
    rng = random.Random(10)
    killed = 0
    for _ in range(KILLS):
        proc = _cli(*args)
        killed += _kill_when(proc, _tmp_export_size(out_dir, rng.randint(1, len(whole) - 1)))
        # the output name holds the previous export or the whole new one, never a part
        assert out.read_bytes() in {b"previous export\n", whole}
        # a killed export can leave only its hidden temporary file behind
        assert all(p == out or p.name.startswith(".train.jsonl.") for p in out_dir.iterdir())
    assert killed >= KILLS - 1  # a last-moment threshold may see the export finish
    assert _check(path) == (ARTICLES, ARTICLES)
