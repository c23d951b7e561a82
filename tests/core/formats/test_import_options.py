"""run_import's options: each bad value refused word for word before anything is read,
and the default columns of a CSV file."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from annotator.core.errors import ValidationError
from annotator.core.formats.import_run import run_import
from annotator.core.store import Store


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"annotator": "  "}, "the annotator name for pre-annotations is empty"),
        (
            {"annotator": "عمر\nعلي"},
            "--annotator must be a name on one line, got 'عمر\\nعلي'",
        ),
        ({"on_existing": "merge"}, "unknown --on-existing 'merge'; use add, skip, error"),
        ({"offsets": "bytes"}, "unknown --offsets 'bytes'; use codepoints or utf16"),
        ({"sentences_per_article": 0}, "--sentences-per-article must be at least 1"),
    ],
)
def test_a_bad_option_is_refused_word_for_word(
    project: Store, tmp_path: Path, options: dict[str, object], message: str
) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text('{"text": "نص"}\n', encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        run_import(project, [src], **options)  # type: ignore[arg-type]
    assert str(info.value) == message
    assert project.article_count() == 0


def test_a_csv_files_title_column_is_the_title(project: Store, tmp_path: Path) -> None:
    """Pins the default column names: ``title`` is the article's title, not kept in meta."""
    src = tmp_path / "a.csv"
    src.write_text("id,title,text,section\nx1,عنوان الخبر,نص الخبر,محليات\n", encoding="utf-8")
    run_import(project, [src])
    art = project.article_by_ext_id("x1")
    assert (art.title, art.text, art.meta) == ("عنوان الخبر", "نص الخبر", {"section": "محليات"})


def test_no_input_is_refused_word_for_word(project: Store) -> None:
    with pytest.raises(ValidationError) as info:
        run_import(project, [])
    assert str(info.value) == "no input files given"


def test_the_reported_time_is_the_time_the_import_took(project: Store, tmp_path: Path) -> None:
    """Pins ``seconds`` as a duration: never negative, never more than the time measured
    around the call (whatever the machine's speed)."""
    src = tmp_path / "a.jsonl"
    src.write_text('{"text": "نص"}\n', encoding="utf-8")
    before = time.monotonic()
    report = run_import(project, [src])
    around = time.monotonic() - before
    assert 0 <= report.seconds <= around
