"""Training in a child process: its result or its one-line error comes back through a
pipe, and the project holds the model only if the run finished."""

from __future__ import annotations

import time
from pathlib import Path

from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn
from annotator.core.store import create_store, open_store
from annotator.core.tagger.background import BackgroundTraining, Outcome


def _wait(run: BackgroundTraining, limit: float = 300.0) -> Outcome:
    deadline = time.monotonic() + limit
    while (outcome := run.poll()) is None:
        assert time.monotonic() < deadline, "the training process never finished"
        time.sleep(0.1)
    return outcome


def test_an_error_in_the_child_comes_back_as_one_line(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with create_store(path, default_labels()) as store:
        store.insert_article(ArticleIn("a", "زار وزير الخارجية القاهرة أمس."))
    run = BackgroundTraining(str(path), ("salma",))
    outcome = _wait(run)
    assert outcome == Outcome(False, error="no annotator 'salma' in this project")
    assert not run.running and run.poll() is outcome
    with open_store(path) as store:
        assert store.model_info("crf") is None


def test_a_cancelled_run_stores_nothing(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with create_store(path, default_labels()) as store:
        store.insert_article(ArticleIn("a", "زار وزير الخارجية القاهرة أمس."))
    run = BackgroundTraining(str(path), ("salma",))
    run.cancel()
    assert not run.running and run.outcome is not None and not run.outcome.ok
    with open_store(path) as store:
        assert store.model_info("crf") is None
