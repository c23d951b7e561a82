"""Two programs on one project: no lost write, no "database is locked", no half import seen."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from annotator.core.errors import NotFoundError
from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn, Status
from annotator.core.store import create_store, open_store

WORKER = Path(__file__).with_name("concurrency_worker.py")
WRITES_PER_PROCESS = 1500


def _make_project(path: Path, seed_text: str, n: int = 20) -> None:
    with create_store(path, default_labels()) as store, store.transaction():
        store.insert_article(ArticleIn(ext_id="seed", text=seed_text, title="التضامن"))
        for i in range(n - 1):
            store.insert_article(ArticleIn(ext_id=f"a{i}", text=f"وصل الوفد إلى عمّان في {i} يناير"))


@pytest.mark.slow
def test_two_writer_processes_lose_nothing(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "project.db"
    _make_project(path, seed_text)
    go = tmp_path / "go"
    procs = {
        name: subprocess.Popen(
            [sys.executable, str(WORKER), "writer", str(path), name, str(seed),
             str(WRITES_PER_PROCESS), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        for seed, name in enumerate(["salma", "omar"])
    }
    go.touch()
    results = {}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        results[name] = json.loads(out)
    with open_store(path) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for name, result in results.items():
            assert result["errors"] == [], result["errors"][:3]
            stored = {
                s.id: [s.article_id, s.annotator, s.label, s.start, s.end]
                for art in store.article_ids()
                for s in store.spans(art, [name])
            }
            assert stored == {int(k): v for k, v in result["spans"].items()}
            for art, status in result["statuses"].items():
                assert store.status(int(art), name).status == Status(status)
        assert len(stored) > 100  # the writers really wrote


def test_reader_sees_none_or_all_of_an_import(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "project.db"
    _make_project(path, seed_text, n=3)
    reader = open_store(path)
    before = reader.article_ids()
    proc = subprocess.Popen(
        [sys.executable, str(WORKER), "import", str(path), "batch", "400"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        assert proc.stdout.readline().strip() == "HALF"
        # mid-transaction: 201 rows written but not committed; nothing of it is visible
        assert reader.article_ids() == before
        assert reader.article_count() == len(before)
        assert reader.article_ids(title_contains="batch") == []
        # a second writer waits (busy) rather than failing while the import holds the lock
        errors: list[BaseException] = []
        writer = open_store(path)

        def tag() -> None:
            try:
                writer.add_span(before[0], "salma", "PERS", 0, 3)
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        t = threading.Thread(target=tag)
        t.start()
        proc.stdin.write("\n")
        proc.stdin.flush()
        assert proc.stdout.readline().strip() == "DONE"
        t.join(timeout=30)
        writer.close()
        assert errors == []
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    # the same open store picks up the articles imported meanwhile
    after = reader.article_ids()
    assert len(after) == len(before) + 400
    assert len(reader.article_ids(title_contains="batch")) == 400
    assert reader.spans(before[0], ["salma"])[0].label == "PERS"
    reader.close()


def test_polling_reader_never_sees_a_partial_import(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "project.db"
    _make_project(path, seed_text, n=3)
    seen: set[int] = set()
    with open_store(path) as reader:
        start = reader.article_count()
        proc = subprocess.Popen(
            [sys.executable, str(WORKER), "import", str(path), "bulk", "2000"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdin is not None
        proc.stdin.write("\n")
        proc.stdin.close()
        while proc.poll() is None:
            seen.add(reader.article_count())
        assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
        seen.add(reader.article_count())
    assert seen <= {start, start + 2000}
    assert start + 2000 in seen


def test_annotator_created_by_another_program_meanwhile(tmp_path: Path, seed_text: str) -> None:
    """Two windows tagging as the same new annotator at once: both tags land."""
    path = tmp_path / "project.db"
    _make_project(path, seed_text, n=2)
    first, second = open_store(path), open_store(path)
    try:
        art = first.article_ids()[0]
        original = first._write

        def racing_write(what, fn):  # the other window commits between our read and write
            if what == "annotator":
                second.add_span(art, "layla", "LOC", 0, 2)
            return original(what, fn)

        first._write = racing_write  # type: ignore[method-assign]
        span = first.add_span(art, "layla", "PERS", 3, 6)
        assert span.annotator == "layla"
        assert sorted(s.label for s in second.spans(art, ["layla"])) == ["LOC", "PERS"]
        assert second.annotators().count("layla") == 1
    finally:
        first.close()
        second.close()


def test_label_renamed_or_removed_in_another_window(tmp_path: Path, seed_text: str) -> None:
    """A window's remembered labels never tag under a label someone else changed."""
    path = tmp_path / "project.db"
    _make_project(path, seed_text, n=2)
    first, second = open_store(path), open_store(path)
    try:
        art = first.article_ids()[0]
        first.add_span(art, "salma", "DATE", 0, 2)  # first now remembers DATE and PERS ids
        first.add_span(art, "salma", "PERS", 3, 6)
        second.update_label("PERS", name="PERSON")
        second.remove_label("DATE", force=True)
        with pytest.raises(NotFoundError, match="no label named 'PERS'"):
            first.add_span(art, "salma", "PERS", 7, 9)
        with pytest.raises(NotFoundError, match="no label named 'DATE'"):
            first.add_span(art, "salma", "DATE", 7, 9)
        assert [(s.label, s.start) for s in second.spans(art)] == [("PERSON", 3)]
        span = first.add_span(art, "salma", "PERSON", 7, 9)
        assert first.relabel_span(span.id, "LOC").label == "LOC"
    finally:
        first.close()
        second.close()
