"""Standard input as an import source: its format, its name in messages, its temporary copy."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import pytest

from annotator.core.errors import ValidationError
from annotator.core.formats.import_run import ImportFailed, run_import
from annotator.core.store import Store

TEXT = "شاركت السفيرة نائلة جبر في فيينا"


@pytest.fixture
def spool_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the copy of standard input goes, so a test can see it is gone afterwards."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def stdin(data: str | bytes) -> io.BytesIO:
    return io.BytesIO(data.encode() if isinstance(data, str) else data)


def test_jsonl_is_told_from_its_content(project: Store, spool_dir: Path) -> None:
    lines = [{"text": TEXT, "spans": [{"start": 14, "end": 23, "label": "PERS"}]},
             {"id": "b", "text": "خبر ثان"}]
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines)
    report = run_import(project, ["-"], stdin=stdin(data))
    assert (report.files, report.articles_added, report.spans_added) == (["<stdin>"], 2, 1)
    assert project.article_by_ext_id("stdin-1").text == TEXT  # no id: stdin-LINE
    assert list(spool_dir.iterdir()) == []


def test_bad_records_name_stdin_and_the_copy_is_removed(project: Store, spool_dir: Path) -> None:
    data = json.dumps({"text": TEXT}) + "\n{\n"
    with pytest.raises(ImportFailed) as info:
        run_import(project, ["-"], stdin=stdin(data))
    assert [str(r) for r in info.value.report.rejected] == [
        "<stdin>:2: malformed JSON: Expecting property name enclosed in double quotes (column 2)"
    ]
    assert project.article_count() == 0
    assert list(spool_dir.iterdir()) == []


def test_csv_and_txt_need_a_format(project: Store, spool_dir: Path) -> None:
    data = "id,text\nc1,نص من الأنبوب\n"
    with pytest.raises(ValidationError) as info:
        run_import(project, ["-"], stdin=stdin(data))
    assert str(info.value) == (
        "<stdin>: cannot tell the format of the input; give --format"
        " (sqlite, jsonl, doccano, labelstudio, prodigy, csv, txt or conll)"
    )
    assert project.article_count() == 0 and list(spool_dir.iterdir()) == []
    assert run_import(project, ["-"], "csv", stdin=stdin(data)).articles_added == 1
    assert project.article_by_ext_id("c1").text == "نص من الأنبوب"
    run_import(project, ["-"], "txt", stdin=stdin("نص عادي\r\nبسطرين".encode("utf-16")))
    assert project.article_by_ext_id("stdin").text == "نص عادي\nبسطرين"
    assert list(spool_dir.iterdir()) == []


def test_file_level_errors_name_stdin(project: Store, spool_dir: Path) -> None:
    with pytest.raises(ValidationError) as info:
        run_import(project, ["-"], "csv", stdin=stdin("id,body\n1,نص\n"))
    assert str(info.value) == (
        "no text column 'text' in <stdin> (columns: id, body); name it with --text-column"
    )
    with pytest.raises(ValidationError, match=r"^<stdin>: no articles \(the input is empty\)$"):
        run_import(project, ["-"], stdin=stdin(b""))
    assert list(spool_dir.iterdir()) == []


def test_conll_from_stdin(project: Store, spool_dir: Path) -> None:
    report = run_import(project, ["-"], stdin=stdin("سمير B-PERS\nفي O\nغزة B-GPE\n"))
    assert report.spans_added == 2 and project.article_by_ext_id("stdin-1").text == "سمير في غزة"


def test_rejects_of_stdin_need_a_place(project: Store, spool_dir: Path, tmp_path: Path) -> None:
    data = stdin(json.dumps({"text": TEXT}) + "\n{\n")
    with pytest.raises(ValidationError) as info:
        run_import(project, ["-"], skip_invalid=True, stdin=data)
    assert str(info.value) == (
        "standard input (-) has no folder to put rejected records in; say where with"
        " --rejects FILE"
    )
    assert data.tell() == 0  # refused before reading anything
    out = tmp_path / "rejects.jsonl"
    report = run_import(project, ["-"], skip_invalid=True, rejects=out, stdin=data)
    assert report.articles_added == 1 and report.rejects_path == out
    assert json.loads(out.read_text("utf-8")) == {
        "file": "<stdin>", "line": 2, "reason": report.rejected[0].reason, "record": "{"
    }
    assert list(spool_dir.iterdir()) == []


def test_stdin_once_and_only_where_there_is_one(project: Store, spool_dir: Path) -> None:
    with pytest.raises(ValidationError, match=r"^standard input \(-\) can be read only once$"):
        run_import(project, ["-", "-"], stdin=stdin("{}"))
    with pytest.raises(ValidationError, match=r"^standard input \(-\) cannot be read here$"):
        run_import(project, ["-"])
    assert project.article_count() == 0


def test_a_rejects_file_named_dash_is_a_file_even_when_reading_standard_input(
    project: Store, spool_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--rejects -`` names a file called "-" in the current folder; standard input's "-"
    is not a file, so the two never clash (the check against inputs skips it)."""
    monkeypatch.chdir(tmp_path)
    data = stdin(json.dumps({"text": TEXT}) + "\n{\n")
    report = run_import(project, ["-"], skip_invalid=True, rejects="-", stdin=data)
    assert report.articles_added == 1 and report.rejects_path == Path("-")
    assert json.loads((tmp_path / "-").read_text("utf-8"))["record"] == "{"
