"""Pre-annotation as the annotator ``model`` on both backends, in this process and in a
pool of worker processes, and "least confident first"."""

from __future__ import annotations

import pytest
from tagger_data import FAST

from annotator.core.model import MODEL_ANNOTATOR, ArticleIn, Status
from annotator.core.store import Store
from annotator.core.tagger import crf
from annotator.core.tagger.crf import CrfTagger, Example
from annotator.core.tagger.suggesting import (
    least_confident_first,
    suggest_with_model,
)
from annotator.core.tagger.training import lexicon_of


@pytest.fixture(scope="module")
def tagger(wojood_examples: list[Example]) -> CrfTagger:
    labels = sorted({lab for ex in wojood_examples for *_, lab in ex.spans})
    return crf.train(wojood_examples, labels, lexicon_of, None, FAST)


@pytest.fixture
def project(backend_project: Store, wojood_examples: list[Example]) -> Store:
    with backend_project.transaction():
        for n, ex in enumerate(wojood_examples[:6]):
            backend_project.insert_article(ArticleIn(f"w{n}", ex.text))
    return backend_project


def _spans(store: Store) -> dict[int, list[tuple[int, int, str]]]:
    return {
        aid: [(s.start, s.end, s.label) for s in store.spans(aid, [MODEL_ANNOTATOR])]
        for aid in store.article_ids()
    }


def test_done_articles_and_human_spans_are_left_alone(project: Store, tagger: CrfTagger) -> None:
    ids = project.article_ids()
    project.set_status(ids[0], "salma", Status.DONE)
    mine = project.add_span(ids[1], "salma", "ORG", 0, 4)
    project.save_model("crf", tagger.to_bytes(), {"f1": 0.7})
    report = suggest_with_model(project, tagger)
    got = _spans(project)
    assert report.articles == 5 and got[ids[0]] == [] and all(got[a] for a in ids[1:])
    assert report.suggestions == sum(len(v) for v in got.values())
    assert project.spans(ids[1], ["salma"]) == [mine]
    expected = tagger.tag(project.article_text(ids[2]))
    known = {lab.name for lab in project.labels()}
    assert got[ids[2]] == [(s.start, s.end, s.label) for s in expected.spans if s.label in known]
    meta = project.model_info("crf")
    assert meta is not None and meta["f1"] == 0.7 and len(meta["confidence"]) == 5
    order = least_confident_first(project, ids)
    conf = meta["confidence"]
    assert [conf[str(a)] for a in order[:5]] == sorted(conf[str(a)] for a in ids[1:])
    assert order[-1] == ids[0]  # never scored: last


def test_a_pool_of_workers_stores_what_this_process_would(
    tmp_path, tagger: CrfTagger, wojood_examples: list[Example]
) -> None:  # type: ignore[no-untyped-def]
    from annotator.core.labels import default_labels
    from annotator.core.store import create_store

    with (
        create_store(tmp_path / "a.db", default_labels()) as a,
        create_store(tmp_path / "b.db", default_labels()) as b,
    ):
        for store in (a, b):
            with store.transaction():
                for n in range(240):  # enough for the pool
                    text = wojood_examples[n % len(wojood_examples)].text.split("\n")[n % 5]
                    store.insert_article(ArticleIn(f"a{n}", text))
        one = suggest_with_model(a, tagger, workers=1)
        two = suggest_with_model(b, tagger, workers=2)
        assert one.suggestions == two.suggestions > 100
        assert _spans(a) == _spans(b) and one.confidence == two.confidence
