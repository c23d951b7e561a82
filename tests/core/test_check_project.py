"""``check_project`` (core/health.py): the schema version first, then ``Store.problems()``;
nothing is ever written, not even the upgrade opening an older project would make."""

from __future__ import annotations

from pathlib import Path

import pytest
from damage_data import edit_by_hand, healthy_project, project_with_version

from annotator.core.errors import ProjectError
from annotator.core.health import check_project
from annotator.core.store.sqlite.schema import CURRENT_VERSION


def test_a_healthy_project(tmp_path: Path) -> None:
    report = check_project(healthy_project(tmp_path / "news.db"))
    assert report.healthy and report.problems == []


def test_the_stores_problems_are_the_report(tmp_path: Path) -> None:
    path = edit_by_hand(
        healthy_project(tmp_path / "news.db"), "DELETE FROM articles WHERE ext_id = 'a2'"
    )
    report = check_project(path)
    assert not report.healthy
    assert report.problems == [
        "span 3 (annotator salma, label PERS, characters 8-17): its article (row 2) is missing",
        "1 status row(s) point to an article that is missing",
    ]


def test_a_newer_project_is_reported_not_opened(tmp_path: Path) -> None:
    path = project_with_version(tmp_path / "news.db", CURRENT_VERSION + 1)
    assert check_project(path).problems == [
        f"written by a newer annotator (schema {CURRENT_VERSION + 1}, this one knows up to"
        f" {CURRENT_VERSION}); upgrade annotator to open it"
    ]


def test_an_older_project_is_reported_not_upgraded(tmp_path: Path) -> None:
    path = project_with_version(tmp_path / "news.db", 1)
    before = path.read_bytes()
    assert check_project(path).problems == [
        f"an older project (schema 1, this annotator's is {CURRENT_VERSION}); opening it for"
        " work upgrades it, after keeping a copy of it beside it"
    ]
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news.db"]  # no backup, no WAL


def test_what_is_no_project_is_refused_with_the_reason(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("وزارة التضامن الاجتماعي", encoding="utf-8")
    with pytest.raises(ProjectError, match="not a SQLite database, not an annotator project"):
        check_project(text)
    with pytest.raises(ProjectError, match="no such project file"):
        check_project(tmp_path / "missing.db")
    assert text.read_text(encoding="utf-8") == "وزارة التضامن الاجتماعي"
