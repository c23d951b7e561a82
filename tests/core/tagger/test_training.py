from __future__ import annotations

from pathlib import Path

import pytest
from tagger_data import FAST, WOJOOD_TEST

from annotator.core.errors import ValidationError
from annotator.core.formats.import_run import run_import
from annotator.core.labels import default_labels
from annotator.core.model import Status
from annotator.core.store import Store, create_store
from annotator.core.tagger.training import Selection, collect, split, train_model


@pytest.fixture
def wojood_project(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The Wojood test file under the annotator ``wojood``, its first 12 articles done."""
    store = create_store(tmp_path / "w.db", default_labels())
    run_import(store, [WOJOOD_TEST], annotator="wojood")
    for aid in store.article_ids()[:12]:
        store.set_status(aid, "wojood", Status.DONE)
    yield store
    store.close()


def test_trains_on_the_done_articles_and_scores_the_held_out_ones(wojood_project: Store) -> None:
    steps: list[int] = []
    result = train_model(
        wojood_project,
        Selection(("wojood",)),
        holdout=0.25,
        seed=3,
        progress=lambda d, t: steps.append(d),
        params=FAST,
    )
    meta = result.meta
    assert (meta["articles"], meta["holdout_articles"]) == (9, 3)
    assert meta["annotators"] == ["wojood"] and meta["status"] == "done"
    assert {"ORG", "GPE", "PERS"} <= set(meta["labels"])
    assert meta["layers"] >= 2 and meta["trained_at"].endswith("+00:00")
    outer = result.reports["outer"].micro
    assert outer.support > 0 and 0 < outer.f1 < 1  # unseen articles: neither nothing nor all
    assert meta["f1"] == round(outer.f1, 4)
    assert meta["scores"]["outer"]["micro"]["support"] == outer.support
    assert "all" in result.reports and steps == sorted(steps)


def test_the_same_seed_holds_out_the_same_articles(wojood_project: Store) -> None:
    items = collect(wojood_project, Selection(("wojood",), status="all"))
    assert len(items) == 18
    a = [aid for aid, _ in split(items, 0.2, 7)[1]]
    assert a == [aid for aid, _ in split(items, 0.2, 7)[1]] and len(a) == 4
    assert a != [aid for aid, _ in split(items, 0.2, 8)[1]]


def test_bad_selections_say_why_in_one_line(wojood_project: Store) -> None:
    with pytest.raises(ValidationError, match="no annotator 'salma'"):
        collect(wojood_project, Selection(("salma",)))
    with pytest.raises(ValidationError, match="no article marked done by gold"):
        collect(wojood_project, Selection(gold=True))
    with pytest.raises(ValidationError, match="--holdout"):
        split([], 1.5, 0)
    with pytest.raises(ValidationError, match="--status"):
        collect(wojood_project, Selection(("wojood",), status="some"))
