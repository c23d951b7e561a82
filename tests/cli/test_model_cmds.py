"""annotator train / evaluate / suggest --model on a real project file: the Wojood test
file imported under the annotator ``wojood``, 12 of its 18 articles marked done."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_runner import fails, ok, run

from annotator.core.model import MODEL_ANNOTATOR, Status
from annotator.core.store import open_store

WOJOOD = Path(__file__).parents[1] / "data" / "wojood" / "test.txt"


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:  # type: ignore[type-arg]
    db = tmp_path_factory.mktemp("model") / "news.db"
    ok("init", db)
    ok("import", db, WOJOOD, "--annotator", "wojood")
    with open_store(db) as store:
        for aid in store.article_ids()[:12]:
            store.set_status(aid, "wojood", Status.DONE)
    meta = json.loads(
        ok(
            "train", db, "--annotators", "wojood", "--holdout", "0.25", "--seed", "1", "--json"
        ).output
    )
    return db, meta


@pytest.fixture
def project(trained: tuple[Path, dict], tmp_path: Path) -> Path:  # type: ignore[type-arg]
    copy = tmp_path / "news.db"
    shutil.copy(trained[0], copy)
    return copy


def test_train_stores_the_model_with_what_it_learned_from(
    trained: tuple[Path, dict],  # type: ignore[type-arg]
) -> None:
    db, meta = trained
    assert (meta["articles"], meta["holdout_articles"], meta["seed"]) == (9, 3, 1)
    assert meta["annotators"] == ["wojood"] and meta["status"] == "done"
    assert 0 < meta["f1"] < 1 and meta["scores"]["outer"]["micro"]["f1"] == meta["f1"]
    assert {"ORG", "GPE", "PERS"} <= set(meta["labels"])
    with open_store(db) as store:
        assert store.model_info("crf") == meta
        events = [e for e in store.history() if e.action == "train"]
        assert events[-1].detail["articles"] == 9


def test_train_prints_the_score_table(project: Path) -> None:
    out = ok("train", project, "--annotators", "wojood", "--status", "all").output
    assert out.startswith("Trained 'crf' on 16 article(s) of wojood (")
    assert "Scores on 2 held-out article(s):" in out and "outer:" in out
    assert "micro avg" in out and "precision" in out


def test_evaluate_scores_the_stored_model(project: Path) -> None:
    data = json.loads(ok("evaluate", project, "--annotators", "wojood", "--json").output)
    assert data["articles"] == 12
    assert data["scores"]["outer"]["micro"]["f1"] > 0.8  # 9 of the 12 were learned from
    assert "micro avg" in ok("evaluate", project, "--annotators", "wojood").output


def test_suggest_tags_only_articles_nobody_has_done_as_the_model(project: Path) -> None:
    with open_store(project) as store:
        ids = store.article_ids()
        before = {aid: store.spans(aid, ["wojood"]) for aid in ids}
    out = ok("suggest", project, "--model").output
    assert out.startswith("Stored ") and "in 6 article(s) not done yet" in out
    with open_store(project) as store:
        model = {aid: store.spans(aid, [MODEL_ANNOTATOR]) for aid in ids}
        assert all(not model[aid] for aid in ids[:12])
        assert all(model[aid] for aid in ids[12:])
        assert {s.origin for aid in ids for s in model[aid]} == {"model"}
        assert {aid: store.spans(aid, ["wojood"]) for aid in ids} == before
        assert store.annotator_kinds()[MODEL_ANNOTATOR] == "suggest"
        conf = store.model_info("crf")["confidence"]  # type: ignore[index]
        assert set(conf) == {str(aid) for aid in ids[12:]}
        first = sum(len(v) for v in model.values())
    again = ok("suggest", project, "--model").output
    assert f"{first} earlier one(s) replaced" in again
    with open_store(project) as store:
        assert sum(len(store.spans(aid, [MODEL_ANNOTATOR])) for aid in ids) == first


def test_errors_are_one_line_and_change_nothing(project: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    ok("init", empty)
    assert fails("suggest", empty, "--model") == (
        "Error: no model 'crf' in this project (train one first)"
    )
    assert fails("train", project, "--gold") == (
        "Error: no article marked done by gold: nothing to learn from"
    )
    assert fails("train", project, "--annotators", "salma") == (
        "Error: no annotator 'salma' in this project"
    )
    with open_store(project) as store:
        assert store.model_info("crf")["articles"] == 9  # type: ignore[index]
    both = run("train", project, "--gold", "--annotators", "wojood")
    assert both.exit_code == 2 and "not both" in both.stderr
    many = run("suggest", project, "--model", "--from-annotator", "wojood")
    assert many.exit_code == 2 and "exactly one of" in many.stderr
    assert fails("evaluate", project, "--spacy", tmp_path / "nothing").startswith(
        f"Error: {tmp_path / 'nothing'}: no such folder"
    )
