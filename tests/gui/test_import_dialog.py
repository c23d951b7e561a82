"""File > Import under a progress dialog: lands whole, or (cancel, bad record) not at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QProgressDialog

import annotator.gui.dialogs.progress as progress
from annotator.gui.dialogs.import_dialog import import_with_progress

pytest.importorskip("annotator.core.formats.import_run")


def _jsonl(path: Path, n: int, bad_line: int | None = None) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            if i == bad_line:
                fh.write('{"id": "broken", "text": \n')
                continue
            rec = {"id": f"imp{i}", "title": f"خبر {i}", "text": f"وزارة الصحة تعلن الخبر {i}"}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def test_import_lands_and_the_list_shows_it(window, tmp_path):
    path = _jsonl(tmp_path / "in.jsonl", 5)
    report, message = import_with_progress(window, window.store, [path])
    assert report is not None and report.articles_added == 5
    assert "5 article(s)" in message
    window.after_bulk_change()
    assert len(window.list_model.ids) == 3 + 5
    assert window.store.article_by_ext_id("imp4").title == "خبر 4"
    assert (
        window.findChild(QProgressDialog) is None
        or not window.findChild(QProgressDialog).isVisible()
    )


def test_a_bad_record_imports_nothing_and_says_where(window, tmp_path):
    path = _jsonl(tmp_path / "bad.jsonl", 4, bad_line=2)
    report, message = import_with_progress(window, window.store, [path])
    assert report is None
    assert "bad.jsonl:3" in message and "nothing was imported" in message
    assert window.store.article_count() == 3


def test_cancel_rolls_everything_back(window, tmp_path, monkeypatch):
    path = _jsonl(tmp_path / "many.jsonl", 2500)
    pumped = []

    def press_cancel() -> None:
        # What a person clicking Cancel does while the import pumps events.
        dialog = window.findChild(QProgressDialog, "importProgress")
        pumped.append(dialog)
        if dialog is not None:
            dialog.cancel()

    monkeypatch.setattr(progress, "_pump", press_cancel)
    report, message = import_with_progress(window, window.store, [path])
    assert pumped and pumped[0] is not None
    assert report is None and "cancelled" in message
    assert window.store.article_count() == 3
    assert window.store.article_ids(title_contains="خبر") == []
