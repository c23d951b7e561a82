"""The standalone app's sample project: found only inside a bundle, opened when no project is
given or remembered, and tagged in the person's own copy, which a later start keeps."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import annotator.gui.app as app_mod
from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn
from annotator.core.store import create_store, open_store
from annotator.gui.common import sample_project as sample_mod
from annotator.gui.common import settings as prefs

TEXT = "أعلنت وزارة التضامن الاجتماعي عن برنامج تكافل وكرامة."


@pytest.fixture
def bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A bundle's folder (``sys._MEIPASS``) holding a sample project; the user's data
    folder in the test's folder."""
    base = tmp_path / "bundle" / "_internal"
    (base / "sample_data").mkdir(parents=True)
    with create_store(base / "sample_data" / "sample.db", default_labels()) as store:
        with store.transaction():
            store.insert_article(ArticleIn(ext_id="s1", text=TEXT, title="تكافل"))
    monkeypatch.setattr(sys, "_MEIPASS", str(base), raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return base


def test_outside_a_bundle_there_is_no_sample(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    assert sample_mod.bundled_sample() is None
    assert sample_mod.sample_project() is None


def test_a_bundle_without_the_file_has_no_sample(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert sample_mod.sample_project() is None


def test_the_person_tags_a_copy_that_a_later_start_keeps(bundle: Path, tmp_path: Path) -> None:
    copy = sample_mod.sample_project()
    assert copy == tmp_path / "data" / "annotator" / "sample.db"
    with open_store(copy) as store:
        article = store.article_by_ext_id("s1")
        assert article is not None and article.text == TEXT
        store.set_status(article.id, "salma", "done")
    again = sample_mod.sample_project()
    assert again == copy
    with open_store(again) as store:
        assert store.status(store.article_by_ext_id("s1").id, "salma").status == "done"
    with open_store(bundle / "sample_data" / "sample.db") as original:
        assert original.status(original.article_by_ext_id("s1").id, "salma").status != "done"
    assert not copy.with_name("sample.db.partial").exists()


def test_with_no_project_given_or_remembered_the_app_opens_the_sample(
    bundle: Path, tmp_path: Path, settings, monkeypatch, qapp
) -> None:
    monkeypatch.setattr(prefs, "default_settings", lambda: settings)
    settings.setValue("ui/language", "en")
    chosen = app_mod._ask_project(settings)
    assert chosen == tmp_path / "data" / "annotator" / "sample.db"


def test_a_remembered_project_comes_before_the_sample(
    bundle: Path, project_path: Path, settings
) -> None:
    prefs.remember_project(settings, str(project_path))
    assert app_mod._ask_project(settings) == project_path.resolve()
