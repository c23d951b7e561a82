"""The import's reading process: same result as reading in-process, errors and cancel
still all-or-nothing, a dead child is a one-line error, and the child is really used."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest

from annotator.core.errors import ValidationError
from annotator.core.formats import import_run, import_worker
from annotator.core.formats.import_run import ImportCancelled, ImportFailed, run_import
from annotator.core.formats.import_worker import WorkerFailed, in_parallel
from annotator.core.formats.sources import Source
from annotator.core.labels import default_labels
from annotator.core.store import Store, create_store

NAME = "نائلة جبر"


class Spy:
    """Counts the children started and keeps them, to see that each one ended."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.children: list[import_worker._Child] = []
        real = import_worker._Child

        def start(*args: object) -> import_worker._Child:
            child = real(*args)  # type: ignore[arg-type]
            self.children.append(child)
            return child

        monkeypatch.setattr(import_worker, "_Child", start)


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Spy:
    """Every input goes through a child process, however small."""
    monkeypatch.setattr(import_worker, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(import_worker, "BATCH", 7)  # several messages per input
    monkeypatch.setattr(import_worker.os, "cpu_count", lambda: 2)
    monkeypatch.delenv("ANNOTATOR_IMPORT_WORKER", raising=False)
    return Spy(monkeypatch)


def articles(seed_text: str, n: int) -> list[dict[str, object]]:
    out = []
    for i in range(n):
        text = f"خبر رقم {i}: وَزارة التضامن 😀 " + seed_text[i * 40 : i * 40 + 400]
        start = text.index("وَزارة")
        out.append({"id": f"a{i}", "title": f"عنوان {i}", "text": text,
                    "spans": [{"start": start, "end": start + 6, "label": "ORG"}]})  # fmt: skip
    return out


def write_jsonl(path: Path, records: list[object]) -> Path:
    lines = (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def dump(path: Path) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """Articles, spans and the search index's words with their counts, as stored."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, articles_fts, row)")
        return (
            conn.execute("SELECT id, ext_id, title, text, length, content_hash FROM articles"
                         " ORDER BY id").fetchall(),  # fmt: skip
            conn.execute('SELECT article_id, label_id, start, "end" FROM spans'
                         ' ORDER BY article_id, start').fetchall(),  # fmt: skip
            conn.execute("SELECT term, doc, cnt FROM temp.v ORDER BY term").fetchall(),
        )
    finally:
        conn.close()


def counts(store: Store) -> tuple[int, int]:
    q = store.conn.execute
    return (q("SELECT COUNT(*) FROM articles").fetchone()[0],
            q("SELECT COUNT(*) FROM spans").fetchone()[0])  # fmt: skip


def test_the_child_writes_what_reading_in_process_writes(
    spy: Spy, seed_text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = articles(seed_text, 40)
    records[5] = dict(records[3], id="a5")  # the same text again: a duplicate, matched by hash
    src = write_jsonl(tmp_path / "news.jsonl", records)
    with create_store(tmp_path / "child.db", default_labels()) as store:
        report = run_import(store, [src])
    assert len(spy.children) == 1
    assert spy.children[0].proc.returncode == 0  # it ran to the end and was waited for
    assert (report.articles_added, report.spans_added) == (39, 39)
    monkeypatch.setattr(import_worker, "PARALLEL_BYTES", 1 << 60)
    with create_store(tmp_path / "here.db", default_labels()) as store:
        here = run_import(store, [src])
    assert len(spy.children) == 1  # read in this process this time
    assert here.as_json() | {"seconds": 0} == report.as_json() | {"seconds": 0}
    child, local = dump(tmp_path / "child.db"), dump(tmp_path / "here.db")
    assert child == local
    assert ("وزاره", 39) in {(t, doc) for t, doc, _ in child[2]}  # diacritic gone, ة as ه


def test_a_bad_record_read_by_the_child_rolls_everything_back(
    spy: Spy, project: Store, seed_text: str, tmp_path: Path
) -> None:
    records: list[object] = list(articles(seed_text, 20))
    records[13] = '{"id": "broken", "text": "نص'  # cut short
    records[17] = '{"id": "surrogate", "text": "نص \\ud800"}'  # JSON may escape one
    src = write_jsonl(tmp_path / "news.jsonl", records)
    with pytest.raises(ImportFailed) as info:
        run_import(project, [src])
    assert [(r.line, r.reason.split(" (")[0]) for r in info.value.report.rejected][1:] == [
        (18, "text holds a lone surrogate")
    ]
    assert info.value.report.rejected[0].line == 14
    assert counts(project) == (0, 0)
    report = run_import(project, [src], skip_invalid=True)
    assert report.articles_added == 18 and counts(project) == (18, 18)
    rejects = report.rejects_path.read_text("utf-8", "surrogatepass").splitlines()
    assert [json.loads(r)["line"] for r in rejects] == [14, 18]
    assert all(c.proc.returncode is not None for c in spy.children)


def test_an_error_the_reader_raises_in_the_child_is_raised_here(
    spy: Spy, project: Store, tmp_path: Path
) -> None:
    src = tmp_path / "news.csv"
    src.write_text("id,body\n1,نص\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="no text column 'text'.*--text-column"):
        run_import(project, [src], "csv")
    assert len(spy.children) == 1 and counts(project) == (0, 0)


def test_cancel_stops_the_child_and_writes_nothing(
    spy: Spy, project: Store, seed_text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(import_run, "BATCH", 5)
    src = write_jsonl(tmp_path / "news.jsonl", articles(seed_text, 60))
    calls: list[int] = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) == 2

    with pytest.raises(ImportCancelled, match="nothing was imported"):
        run_import(project, [src], should_cancel=cancel)
    assert counts(project) == (0, 0)
    (child,) = spy.children
    assert child.proc.returncode is not None  # stopped, not left running
    assert child.out.closed


def test_a_child_that_dies_is_a_one_line_error(
    spy: Spy, project: Store, seed_text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\necho 'MemoryError: cannot allocate' >&2\nexit 1\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(import_worker.sys, "executable", str(fake))
    src = write_jsonl(tmp_path / "news.jsonl", articles(seed_text, 10))
    with pytest.raises(WorkerFailed) as info:
        run_import(project, [src])
    assert str(info.value) == (
        "the process reading the input stopped: MemoryError: cannot allocate"
    )
    assert counts(project) == (0, 0)


def test_which_inputs_get_a_child(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANNOTATOR_IMPORT_WORKER", raising=False)
    monkeypatch.setattr(import_worker.os, "cpu_count", lambda: 2)
    big = import_worker.PARALLEL_BYTES
    assert in_parallel(Source(tmp_path / "a.jsonl", "jsonl", big, "a.jsonl"))
    assert not in_parallel(Source(tmp_path / "a.jsonl", "jsonl", big - 1, "a.jsonl"))
    assert not in_parallel(Source(tmp_path / "a.db", "sqlite", big, "a.db"))  # rows, not bytes
    monkeypatch.setenv("ANNOTATOR_IMPORT_WORKER", "0")
    assert not in_parallel(Source(tmp_path / "a.jsonl", "jsonl", big, "a.jsonl"))
    monkeypatch.delenv("ANNOTATOR_IMPORT_WORKER")
    monkeypatch.setattr(import_worker.os, "cpu_count", lambda: 1)
    assert not in_parallel(Source(tmp_path / "a.jsonl", "jsonl", big, "a.jsonl"))
