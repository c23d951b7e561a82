"""The ``models`` table on both backends: a trained tagger's bytes and metadata, and
removing an annotator's spans for re-suggesting."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from damage_data import project_with_version

from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.model import MODEL_ANNOTATOR, ArticleIn
from annotator.core.store import Store, open_store
from annotator.core.store.sqlite.schema import CURRENT_VERSION

BLOB = bytes(range(256)) * 40  # every byte value, NUL included


@pytest.fixture
def project(backend_project: Store) -> Store:
    return backend_project


def test_a_model_is_stored_replaced_and_read_back(project: Store) -> None:
    assert project.model_info("crf") is None
    meta = {"annotators": ["سلمى", "ali"], "articles": 12, "f1": 0.74, "labels": ["ORG"]}
    project.save_model("crf", BLOB, meta)
    assert project.load_model("crf") == (BLOB, meta)
    assert project.model_info("crf") == meta
    project.save_model("crf", b"newer", {"f1": 0.8})
    assert project.load_model("crf") == (b"newer", {"f1": 0.8})
    project.set_model_meta("crf", {"f1": 0.8, "confidence": {"3": 0.5}})
    assert project.load_model("crf") == (b"newer", {"f1": 0.8, "confidence": {"3": 0.5}})


def test_a_missing_model_is_one_line_and_nothing_is_written(project: Store) -> None:
    with pytest.raises(NotFoundError, match="no model 'crf' in this project"):
        project.load_model("crf")
    with pytest.raises(NotFoundError, match="no model 'crf'"):
        project.set_model_meta("crf", {})
    with pytest.raises(ValidationError, match="needs a name"):
        project.save_model(" ", BLOB, {})
    assert project.model_info("crf") is None and project.model_info(" ") is None


def test_only_that_annotators_spans_in_those_articles_go(project: Store) -> None:
    with project.transaction():
        a = project.insert_article(ArticleIn("a", "وزارة التضامن في القاهرة"))
        b = project.insert_article(ArticleIn("b", "نائلة جبر في فيينا"))
    project.insert_spans(
        [
            (a, MODEL_ANNOTATOR, "ORG", 0, 13, "model"),
            (a, MODEL_ANNOTATOR, "GPE", 17, 24, "model"),
            (b, MODEL_ANNOTATOR, "PERS", 0, 9, "model"),
        ]
    )
    mine = project.add_span(a, "salma", "ORG", 0, 13)
    assert project.delete_annotator_spans(MODEL_ANNOTATOR, [a]) == 2
    assert [s.article_id for s in project.spans(a) + project.spans(b)] == [a, b]
    assert project.spans(a) == [mine]
    assert project.delete_annotator_spans("nobody", [a, b]) == 0
    assert project.delete_annotator_spans(MODEL_ANNOTATOR, []) == 0


def test_an_older_project_file_gains_the_models_table(tmp_path: Path) -> None:
    old = project_with_version(tmp_path / "old.db", 4)
    with open_store(old) as store:
        assert store.model_info("crf") is None
        store.save_model("crf", BLOB, {"f1": 0.7})
    with open_store(old) as store:
        assert store.load_model("crf") == (BLOB, {"f1": 0.7})
    conn = sqlite3.connect(old)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
    conn.close()
