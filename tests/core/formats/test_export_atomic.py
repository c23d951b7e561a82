"""Checks before writing, and output that appears whole or not at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from export_data import add_article, add_seed_spans, find

from annotator.core.formats import export_records as records_module
from annotator.core.formats.export_checks import ExportCancelled, ExportError, check_record
from annotator.core.formats.export_run import run_export
from annotator.core.formats.jsonl import JsonlWriter
from annotator.core.store import Store, open_store

OLD = "a previous export\n"


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_check_record_refuses_text_that_does_not_match() -> None:
    text = "كما استعرضت السفيرة نائلة جبر التجربة المصرية"
    start, end = find(text, "نائلة جبر")
    check_record("seed", text, [(start, end, "PERS", "نائلة جبر")])
    with pytest.raises(ExportError) as err:
        check_record("seed", text, [(start, end, "PERS", "نائلة"), (0, 3, "X", "كما")])
    assert str(err.value) == (
        f'article seed: span {start}-{end} PERS covers "نائلة جبر", not "نائلة";'
        " fix the span before exporting"
    )
    with pytest.raises(ExportError, match=r"article seed: span 40-99 PERS is outside the text"):
        check_record("seed", text, [(40, 99, "PERS", "")])
    with pytest.raises(ExportError, match="outside"):
        check_record("seed", text, [(-1, 3, "PERS", "")])


def test_check_record_edges_one_past_the_text_and_empty_spans() -> None:
    """Pins ``0 <= start < end <= len(text)``: a span may end at the text's end, not one past
    it, and is never empty, even when its claimed text matches what slicing gives."""
    text = "نائلة جبر"
    n = len(text)
    check_record("seed", text, [(0, n, "PERS", text), (6, n, "PERS", "جبر")])  # ends at n
    # text[6:n + 1] is still "جبر": only the bound catches the end one past the text
    with pytest.raises(ExportError) as err:
        check_record("seed", text, [(6, n + 1, "PERS", "جبر")])
    assert str(err.value) == (
        f"article seed: span 6-{n + 1} PERS is outside the text ({n} characters);"
        " fix the article before exporting"
    )
    for start in (0, 5, n):  # empty spans: text[s:s] == "" matches the claimed ""
        with pytest.raises(ExportError, match=f"span {start}-{start} PERS is outside"):
            check_record("seed", text, [(start, start, "PERS", "")])
    with pytest.raises(ExportError, match="span 4-2 PERS is outside"):
        check_record("seed", text, [(4, 2, "PERS", "")])


def test_span_left_outside_a_shortened_text_stops_the_export(
    seed_project: Store, tmp_path: Path
) -> None:
    add_seed_spans(seed_project)
    # the schema guards span writes, not a text rewritten by hand afterwards
    seed_project.conn.execute("UPDATE articles SET text = substr(text, 1, 435), length = 435")
    out = tmp_path / "o.jsonl"
    out.write_text(OLD, encoding="utf-8")
    for fmt in ("jsonl", "conll"):
        with pytest.raises(ExportError, match=r"^article seed: span 429-438 PERS is outside"):
            run_export(seed_project, out, fmt)
    assert out.read_text(encoding="utf-8") == OLD
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("fmt", ["jsonl", "hf"])
def test_output_folder_missing_or_a_folder(seed_project: Store, tmp_path: Path, fmt: str) -> None:
    add_seed_spans(seed_project)
    with pytest.raises(ExportError, match="the folder .*missing.* does not exist"):
        run_export(seed_project, tmp_path / "missing" / "o.jsonl", fmt)
    (tmp_path / "dir").mkdir()
    with pytest.raises(ExportError, match=r"dir is a folder; give a file name"):
        run_export(seed_project, tmp_path / "dir", fmt)
    with pytest.raises(ExportError, match="is the project file itself"):
        run_export(seed_project, seed_project.path, fmt)
    assert seed_project.article_count() == 1  # the project is untouched
    assert sorted(p.name for p in (tmp_path / "dir").iterdir()) == []
    assert _leftovers(tmp_path) == []


def test_label_map_name_that_is_a_folder_is_refused_first(
    seed_project: Store, tmp_path: Path
) -> None:
    add_seed_spans(seed_project)
    (tmp_path / "o.jsonl.labels.json").mkdir()
    with pytest.raises(ExportError, match="o.jsonl.labels.json is a folder"):
        run_export(seed_project, tmp_path / "o.jsonl", "hf")
    assert not (tmp_path / "o.jsonl").exists()


def _two_done_articles(store: Store) -> None:
    for i in range(3):
        aid = add_article(store, f"a{i}", f"زار الوزير مصر رقم {i}.")
        store.add_span(aid, "omar", "GPE", 10, 13)
        store.set_status(aid, "omar", "done")


def test_cancel_keeps_the_previous_file_and_leaves_no_temp(
    project: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_done_articles(project)
    monkeypatch.setattr(records_module, "BATCH", 1)
    out = tmp_path / "o.jsonl"
    out.write_text(OLD, encoding="utf-8")
    asked = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) > 2  # after two articles are written to the temp file

    with pytest.raises(ExportCancelled, match="cancelled"):
        run_export(project, out, should_cancel=cancel)
    assert len(asked) == 3
    assert out.read_text(encoding="utf-8") == OLD
    assert _leftovers(tmp_path) == []


def test_interrupted_export_leaves_no_half_file(
    project: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_done_articles(project)
    written = []
    real = JsonlWriter.write

    def write_then_die(self, fh, rec):  # type: ignore[no-untyped-def]
        if written:
            raise KeyboardInterrupt
        written.append(rec)
        return real(self, fh, rec)

    monkeypatch.setattr(JsonlWriter, "write", write_then_die)
    out = tmp_path / "o.jsonl"
    with pytest.raises(KeyboardInterrupt):
        run_export(project, out)
    assert written and not out.exists()
    assert _leftovers(tmp_path) == []


def test_progress_goes_from_zero_to_total(
    project: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_done_articles(project)
    monkeypatch.setattr(records_module, "BATCH", 2)
    calls: list[tuple[int, int | None]] = []
    run_export(project, tmp_path / "o.jsonl", progress=lambda d, t: calls.append((d, t)))
    assert calls == [(0, 3), (2, 3), (3, 3)]


def test_export_reads_a_read_only_project(seed_project: Store, tmp_path: Path) -> None:
    add_seed_spans(seed_project)
    with open_store(seed_project.path, readonly=True) as ro:
        report = run_export(ro, tmp_path / "o.conll", "conll")
    assert report.records == 1


def test_disk_full_is_one_line_and_leaves_nothing(
    project: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_done_articles(project)

    def full(self, fh, rec):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(JsonlWriter, "write", full)
    out = tmp_path / "o.jsonl"
    out.write_text(OLD, encoding="utf-8")
    with pytest.raises(ExportError) as err:
        run_export(project, out)
    assert str(err.value) == f"{out}: cannot write: No space left on device; nothing was written"
    assert out.read_text(encoding="utf-8") == OLD
    assert _leftovers(tmp_path) == []


def test_exported_files_get_the_mode_of_any_new_file(seed_project: Store, tmp_path: Path) -> None:
    """Not the private 0600 of a temporary file: a training job may run as another user."""
    add_seed_spans(seed_project)
    old_mask = os.umask(0o022)
    try:
        report = run_export(seed_project, tmp_path / "o.hf", "hf")
        os.umask(0o077)
        run_export(seed_project, tmp_path / "private.jsonl", "jsonl")
    finally:
        os.umask(old_mask)
    for path in [report.path, *report.extra_files]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path
    assert stat.S_IMODE((tmp_path / "private.jsonl").stat().st_mode) == 0o600
    assert _leftovers(tmp_path) == []
