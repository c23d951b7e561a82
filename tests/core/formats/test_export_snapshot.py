"""An export sees one state of the project, even while another program commits.

The export reads in several queries (labels, ids, then spans, statuses and articles per
batch); a label renamed, spans added or a status changed by another program between two of
them must not reach the file. Each test commits through a second connection (or a second
process) in the middle of the export, and checks the file against an export of the state
at the start.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from export_data import add_article

from annotator.core.formats import export_records as records_module
from annotator.core.formats.conll import ConllWriter
from annotator.core.formats.export_run import run_export
from annotator.core.formats.jsonl import JsonlWriter
from annotator.core.store import Store, open_store

WRITERS = {"jsonl": JsonlWriter, "conll": ConllWriter}
TEXTS = [
    "زار الرئيس عبد الفتاح السيسي فيينا.",
    "استقبلت وزارة التضامن الاجتماعي وفد مصر.",
    "قالت السفيرة نائلة جبر إن مصر شريك.",
    "وصل الوفد إلى القاهرة صباح اليوم.",
]


def _word(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def _corpus(store: Store) -> list[int]:
    """Four articles done by omar, each with a GPE span (and a PERS on the third)."""
    ids = []
    for i, text in enumerate(TEXTS):
        aid = add_article(store, f"a{i}", text)
        place = ("فيينا", "مصر", "مصر", "القاهرة")[i]
        store.add_span(aid, "omar", "GPE", *_word(text, place))
        store.set_status(aid, "omar", "done")
        ids.append(aid)
    store.add_span(ids[2], "omar", "PERS", *_word(TEXTS[2], "نائلة جبر"))
    return ids


def _change_everything(path: Path, ids: list[int]) -> None:
    """What another program commits: a label renamed, spans added, a status changed."""
    with open_store(path) as other:
        other.update_label("GPE", name="مكان")
        other.add_span(ids[3], "omar", "مكان", *_word(TEXTS[3], "الوفد"))
        other.add_span(ids[1], "omar", "ORG", *_word(TEXTS[1], "وزارة التضامن الاجتماعي"))
        other.set_status(ids[2], "omar", "in_progress")


def _after_first_record(
    monkeypatch: pytest.MonkeyPatch, fmt: str, hook: Callable[[], None]
) -> list[int]:
    """Run ``hook`` once, right after the export wrote its first record."""
    monkeypatch.setattr(records_module, "BATCH", 1)  # one query per article: many reads
    writer = WRITERS[fmt]
    real = writer.write
    calls: list[int] = []

    def write(self, fh, rec):  # type: ignore[no-untyped-def]
        written = real(self, fh, rec)
        calls.append(1)
        if len(calls) == 1:
            hook()
        return written

    monkeypatch.setattr(writer, "write", write)
    return calls


@pytest.mark.parametrize("fmt", ["jsonl", "conll"])
def test_a_commit_in_the_middle_of_an_export_does_not_reach_the_file(
    project: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    ids = _corpus(project)
    before = tmp_path / f"before.{fmt}"
    run_export(project, before, fmt)

    calls = _after_first_record(monkeypatch, fmt, lambda: _change_everything(project.path, ids))
    out = tmp_path / f"during.{fmt}"
    report = run_export(project, out, fmt)
    assert len(calls) == 4 and report.records == 4
    assert out.read_bytes() == before.read_bytes()  # exactly the state at the start
    assert "مكان" not in out.read_text(encoding="utf-8")

    # the other program's changes were committed, and the next export has them all
    monkeypatch.undo()
    after = tmp_path / f"after.{fmt}"
    assert run_export(project, after, fmt).records == 3  # a2 is no longer done
    text = after.read_text(encoding="utf-8")
    assert "GPE" not in text and "مكان" in text and "ORG" in text


def test_a_read_only_export_is_a_snapshot_while_another_process_writes(
    project: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI's case: a read-only connection, and the writer a separate program."""
    ids = _corpus(project)
    before = tmp_path / "before.conll"
    run_export(project, before, "conll")
    project.close()
    code = f"import sys; from {__name__} import _change_everything; " + (
        f"_change_everything(__import__('pathlib').Path(sys.argv[1]), {ids!r})"
    )

    def other_process() -> None:
        subprocess.run(
            [sys.executable, "-c", code, str(tmp_path / "project.db")],
            check=True, cwd=Path(__file__).parent, timeout=60,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        )

    _after_first_record(monkeypatch, "conll", other_process)
    out = tmp_path / "during.conll"
    with open_store(tmp_path / "project.db", readonly=True) as ro:
        run_export(ro, out, "conll")
    assert out.read_bytes() == before.read_bytes()
    with open_store(tmp_path / "project.db", readonly=True) as ro:
        assert [lab.name for lab in ro.labels()].count("مكان") == 1  # it did commit
