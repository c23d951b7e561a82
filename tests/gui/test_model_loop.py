"""The model in the app: training in a separate process while tagging goes on, the F1 in
the status bar, the model's suggestions accepted and rejected by key, least confident
first, retraining after N articles marked done.

The project is the Wojood test file imported as salma's work: her first 10 articles done,
the others not started (their gold spans removed).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.core.formats.import_run import run_import
from annotator.core.labels import default_labels
from annotator.core.model import MODEL_ANNOTATOR, Status
from annotator.core.store import create_store, open_store
from annotator.core.tagger.suggesting import least_confident_first, suggest_from
from annotator.core.tagger.training import Selection, train_and_save

WOJOOD = Path(__file__).parents[1] / "data" / "wojood" / "test.txt"
DONE = 10


def _build(path: Path) -> Path:
    with create_store(path, default_labels()) as store:
        run_import(store, [WOJOOD], annotator="salma")
        ids = store.article_ids()
        for aid in ids[:DONE]:
            store.set_status(aid, "salma", Status.DONE)
        store.delete_annotator_spans("salma", ids[DONE:])
    return path


@pytest.fixture
def wojood_path(tmp_path: Path) -> Path:
    return _build(tmp_path / "news.db")


@pytest.fixture(scope="module")
def suggested_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same project with a trained model and its suggestions (made once)."""
    path = _build(tmp_path_factory.mktemp("loop") / "news.db")
    with open_store(path) as store:
        train_and_save(store, Selection(("salma",)), name="crf", holdout=0.2, seed=1)
        suggest_from(store)
    return path


@pytest.fixture
def suggested_path(suggested_file: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(suggested_file, tmp_path / "news.db"))


def test_training_runs_in_another_process_while_tagging_goes_on(
    qtbot, make_window, wojood_path: Path
) -> None:
    window = make_window(wojood_path)
    loop = window.model_loop
    assert window.findChild(type(loop.label), "modelLabel").text() == "No model yet"
    store = window.store
    todo = store.article_ids()[DONE:]
    window.train_action.trigger()
    assert loop.running and loop.label.text() == "Model: training…"
    assert not loop.train_now() and loop.running  # one run at a time
    tagged = []
    for aid in todo[:3]:  # the annotator keeps tagging meanwhile
        window.open_article(aid)
        text = store.article_text(aid)
        end = text.index(" ")
        tagged.append((aid, window.tag_range(0, end, "PERS")))
    qtbot.waitUntil(lambda: not loop.running, timeout=180_000)
    assert loop.last_outcome is not None and loop.last_outcome.ok, loop.last_outcome
    info = store.model_info("crf")
    assert info is not None and info["articles"] == DONE - 1 and info["holdout_articles"] == 1
    assert info["annotators"] == ["salma"]
    assert loop.label.text() == f"Model F1 {info['f1']:.2f}"
    for aid, span in tagged:  # every tag made during training is stored, as it was
        assert span in store.spans(aid, ["salma"])
    assert all(store.spans(aid, [MODEL_ANNOTATOR]) == [] for aid in store.article_ids()[:DONE])
    assert any(store.spans(aid, [MODEL_ANNOTATOR]) for aid in todo)
    assert set(info["confidence"]) == {str(a) for a in todo}


def test_the_models_suggestions_are_accepted_and_rejected_by_key(
    qtbot, make_window, suggested_path: Path
) -> None:
    window = make_window(suggested_path)
    store = window.store
    aid = next(a for a in store.article_ids()[DONE:] if len(store.spans(a, [MODEL_ANNOTATOR])) > 2)
    window.open_article(aid)
    ui, view = window.search_ui, window.article_view
    first, second = ui.current_suggestions()[:2]
    assert first.annotator == MODEL_ANNOTATOR
    assert any(name.startswith("suggest:") for name in ui._suggest_names)  # drawn faded
    mine_before = store.spans(aid, ["salma"])
    view.select_range(first.start, first.start)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    accepted = [s for s in store.spans(aid, ["salma"]) if s not in mine_before]
    assert [(s.start, s.end, s.label, s.origin) for s in accepted] == [
        (first.start, first.end, first.label, "model")
    ]
    view.select_range(second.start, second.start)
    qtbot.keyClick(view, Qt.Key.Key_Backspace)
    left = ui.current_suggestions()
    assert first not in left and second not in left
    assert len(store.spans(aid, ["salma"])) == len(mine_before) + 1  # rejecting added nothing
    assert ui.accept_all_action.shortcut().toString() == "Ctrl+Alt+A"
    assert ui.reject_all_action.shortcut().toString() == "Ctrl+Alt+R"
    ui.accept_all_action.trigger()
    assert ui.current_suggestions() == []
    assert {s.origin for s in store.spans(aid, ["salma"]) if s not in mine_before} == {"model"}


def test_least_confident_first_orders_the_list(make_window, suggested_path: Path) -> None:
    window = make_window(suggested_path)
    store = window.store
    corpus = store.article_ids()
    assert window.list_model.ids == corpus
    window.least_confident_action.trigger()
    ordered = window.list_model.ids
    assert ordered == least_confident_first(store, corpus) and ordered != corpus
    conf = store.model_info("crf")["confidence"]  # type: ignore[index]
    scored = [conf[str(a)] for a in ordered if str(a) in conf]
    assert scored == sorted(scored) and set(ordered[-DONE:]) == set(corpus[:DONE])
    window.least_confident_action.trigger()
    assert window.list_model.ids == corpus


def test_marking_n_articles_done_retrains(qtbot, make_window, suggested_path: Path) -> None:
    window = make_window(suggested_path)
    loop = window.model_loop
    assert loop.label.text().startswith("Model F1 ")
    loop.set_retrain_every(2)
    assert window.store.get_setting("model_retrain_every") == "2"
    todo = window.store.article_ids()[DONE:]
    window.open_article(todo[0])
    window.flow.mark_done()
    assert not loop.running  # one more done article of the two
    window.open_article(todo[1])
    window.flow.mark_done()
    assert loop.running
    qtbot.waitUntil(lambda: not loop.running, timeout=180_000)
    assert loop.last_outcome is not None and loop.last_outcome.ok
    assert window.store.model_info("crf")["articles"] == DONE + 2 - 1  # type: ignore[index]


def test_retraining_saved_in_the_project_counts_from_the_windows_start(
    make_window, suggested_path: Path
) -> None:
    """Retraining turned on in an earlier session: the window counts the done articles
    when it opens (it counts nothing when retraining is off: a count reads every status)."""
    with open_store(suggested_path) as store:
        store.set_setting("model_retrain_every", "2")
    window = make_window(suggested_path)
    loop = window.model_loop
    todo = window.store.article_ids()[DONE:]
    window.open_article(todo[0])
    window.flow.mark_done()
    assert not loop.running
    window.open_article(todo[1])
    window.flow.mark_done()
    assert loop.running
    loop.stop()
    assert not loop.running
