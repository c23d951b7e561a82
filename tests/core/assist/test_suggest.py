from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.assist.search import index_is_current
from annotator.core.assist.suggest import (
    Term,
    accept,
    accept_all,
    accept_batch,
    load_gazetteer,
    reject,
    reject_all,
    suggest,
    suggestions,
    terms_from_annotator,
)
from annotator.core.errors import AnnotatorError, NotFoundError, ValidationError
from annotator.core.model import SUGGEST_ANNOTATOR
from annotator.core.store import Store
from annotator.core.text.matching import INDEX_VERSION
from annotator.core.text.tokens import TrimOptions, set_trim_options
from annotator.core.undo import UndoStack

GAZETTEER = (
    "# term<TAB>label\n"
    "وزارة التضامن الاجتماعي\tORG\n"
    "وزارة التضامن\tORG\n"
    "نائلة جبر\tPERS\n"
    "مستوره\tPROGRAM\n"
    "تكافل وكرامة\tPROGRAM\n"
    "\n"
    "فيينا\tGPE\n"
)


def write(tmp_path: Path, text: str, name: str = "g.tsv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def suggested(store: Store) -> list[tuple[str, str]]:
    art = store.article_by_ext_id("seed")
    return [(s.text_in(art.text), s.label) for s in suggestions(store, art.id)]


def run(store: Store, path: Path):  # type: ignore[no-untyped-def]
    terms = load_gazetteer(path, [lab.name for lab in store.labels()])
    return suggest(store, terms, origin=f"gazetteer:{path.name}")


def test_gazetteer_suggests_every_normalized_whole_word_match(
    seed_project: Store, tmp_path: Path
) -> None:
    report = run(seed_project, write(tmp_path, GAZETTEER))
    got = suggested(seed_project)
    assert got.count(("وزارة التضامن الاجتماعي", "ORG")) == 3
    assert got.count(("وزارة التضامن", "ORG")) == 1  # the three longer ones came first
    assert got.count(("نائلة جبر", "PERS")) == 2
    assert ("مستورة", "PROGRAM") in got  # the gazetteer spells it with haa
    assert ("تكافل وكرامة", "PROGRAM") in got
    # proclitics stay in the span by default (Wojood style): "بفيينا"
    assert sorted(t for t, lab in got if lab == "GPE") == ["بفيينا", "فيينا"]
    assert report.suggestions == len(got) == 10
    assert report.skipped == 3 and len(report.articles) == 1
    art = seed_project.article_by_ext_id("seed")
    assert {s.origin for s in suggestions(seed_project, art.id)} == {"gazetteer:g.tsv"}


def test_running_twice_adds_nothing(seed_project: Store, tmp_path: Path) -> None:
    path = write(tmp_path, GAZETTEER)
    run(seed_project, path)
    again = run(seed_project, path)
    assert again.suggestions == 0 and again.skipped == 13  # every occurrence of every term
    assert len(suggested(seed_project)) == 10


def test_trim_setting_leaves_the_proclitic_out(seed_project: Store, tmp_path: Path) -> None:
    set_trim_options(seed_project, TrimOptions(proclitics=True))
    run(seed_project, write(tmp_path, "فيينا\tGPE\n"))
    assert suggested(seed_project) == [("فيينا", "GPE"), ("فيينا", "GPE")]


@pytest.mark.parametrize(
    "content, message",
    [
        ("وزارة التضامن ORG\n", "g.tsv:1: expected 'term<TAB>label', got 0 tab"),
        ("نائلة جبر\tPERS\na\tb\tc\n", "g.tsv:2: expected 'term<TAB>label', got 2 tab"),
        ("نائلة جبر\tPERSON\n", "g.tsv:1: unknown label 'PERSON'"),
        ("\u064e\tPERS\n", "g.tsv:1: the term is empty"),
        ("# only a comment\n\n", "holds no terms"),
    ],
)
def test_bad_gazetteer_is_refused_and_nothing_is_written(
    seed_project: Store, tmp_path: Path, content: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        run(seed_project, write(tmp_path, content))
    assert suggested(seed_project) == []


def test_unreadable_gazetteers(seed_project: Store, tmp_path: Path) -> None:
    bad = tmp_path / "latin1.tsv"
    bad.write_bytes("café\tORG\n".encode("latin-1"))
    with pytest.raises(ValidationError, match="latin1.tsv: not UTF-8"):
        run(seed_project, bad)
    with pytest.raises(ValidationError, match="no such gazetteer"):
        run(seed_project, tmp_path / "missing.tsv")
    assert suggested(seed_project) == []


def test_from_annotator_reuses_their_terms(seed_project: Store) -> None:
    art = seed_project.article_by_ext_id("seed")
    start = art.text.index("نائلة جبر")
    seed_project.add_span(art.id, "salma", "PERS", start, start + len("نائلة جبر"))
    terms = terms_from_annotator(seed_project, "salma")
    assert [(t.text, t.label) for t in terms] == [("نائلة جبر", "PERS")]
    report = suggest(seed_project, terms, origin="annotator:salma", source_annotator="salma")
    assert report.suggestions == 1 and report.skipped == 1  # her own span is not suggested
    (sug,) = suggestions(seed_project, art.id)
    assert sug.start == art.text.index("نائلة جبر", start + 1)


def test_from_annotator_errors(seed_project: Store) -> None:
    with pytest.raises(NotFoundError, match="no annotator named 'nobody'"):
        terms_from_annotator(seed_project, "nobody")
    seed_project.annotator_id("idle")
    with pytest.raises(ValidationError, match="'idle' has tagged nothing"):
        terms_from_annotator(seed_project, "idle")
    with pytest.raises(ValidationError, match="from the suggestions"):
        terms_from_annotator(seed_project, SUGGEST_ANNOTATOR)


def test_accept_makes_it_the_annotators_own_and_undo_restores(
    seed_project: Store, tmp_path: Path
) -> None:
    run(seed_project, write(tmp_path, "نائلة جبر\tPERS\n"))
    art = seed_project.article_by_ext_id("seed")
    first, second = suggestions(seed_project, art.id)
    own = accept(seed_project, first.id, "salma")
    assert (own.annotator, own.label) == ("salma", "PERS")
    assert (own.start, own.end) == (first.start, first.end)
    assert own.origin == "suggest"
    assert suggestions(seed_project, art.id) == [second]
    stack = UndoStack(seed_project)
    stack.push(accept_batch(seed_project, [second.id], "salma"))
    assert suggestions(seed_project, art.id) == []
    stack.undo()
    assert suggestions(seed_project, art.id) == [second]
    assert len(seed_project.spans(art.id, ["salma"])) == 1


def test_accepting_what_one_already_has_keeps_it_on_undo(
    seed_project: Store, tmp_path: Path
) -> None:
    run(seed_project, write(tmp_path, "فيينا\tGPE\n"))
    art = seed_project.article_by_ext_id("seed")
    sug = suggestions(seed_project, art.id)[0]
    mine = seed_project.add_span(art.id, "salma", "GPE", sug.start, sug.end)
    stack = UndoStack(seed_project)
    stack.push(accept_batch(seed_project, [sug.id], "salma"))
    stack.undo()
    assert seed_project.spans(art.id, ["salma"]) == [mine]


def test_reject_and_all_in_an_article(seed_project: Store, tmp_path: Path) -> None:
    run(seed_project, write(tmp_path, GAZETTEER))
    art = seed_project.article_by_ext_id("seed")
    one = suggestions(seed_project, art.id)[0]
    assert reject(seed_project, one.id) == one
    assert len(suggestions(seed_project, art.id)) == 9
    assert seed_project.spans(art.id, ["salma"]) == []
    assert accept_all(seed_project, art.id, "salma") == 9
    assert suggestions(seed_project, art.id) == []
    assert len(seed_project.spans(art.id, ["salma"])) == 9
    assert reject_all(seed_project, art.id) == 0


def test_only_suggestions_can_be_accepted_and_only_by_a_person(
    seed_project: Store, tmp_path: Path
) -> None:
    run(seed_project, write(tmp_path, "فيينا\tGPE\n"))
    art = seed_project.article_by_ext_id("seed")
    sug = suggestions(seed_project, art.id)[0]
    mine = seed_project.add_span(art.id, "salma", "PERS", 0, 2)
    with pytest.raises(ValidationError, match="salma's, not a suggestion"):
        accept(seed_project, mine.id, "omar")
    with pytest.raises(ValidationError, match="by a person"):
        accept(seed_project, sug.id, SUGGEST_ANNOTATOR)
    assert len(suggestions(seed_project, art.id)) == 2


def test_the_search_index_is_brought_up_to_date_once_and_kept_if_suggesting_fails(
    seed_project: Store,
) -> None:
    seed_project.search_index_reset(str(INDEX_VERSION))  # the index lags behind
    assert not index_is_current(seed_project)
    terms = [Term("وزارة التضامن", "ORG"), Term("فيينا", "NO_SUCH_LABEL")]
    with pytest.raises(AnnotatorError):
        suggest(seed_project, terms, origin="test")
    assert suggested(seed_project) == []  # all or nothing
    assert index_is_current(seed_project)  # the indexing was committed on its own
    report = suggest(seed_project, terms[:1], origin="test")
    assert report.suggestions == 4


def test_the_models_suggestions_are_accepted_with_their_origin(seed_project: Store) -> None:
    from annotator.core.model import MODEL_ANNOTATOR

    art = seed_project.article_by_ext_id("seed")
    at = art.text.index("فيينا")
    org = art.text.index("وزارة التضامن")
    seed_project.insert_spans(
        [
            (art.id, MODEL_ANNOTATOR, "GPE", at, at + 5, "model"),
            (art.id, MODEL_ANNOTATOR, "ORG", org, org + 13, "model"),
        ]
    )
    sugs = suggestions(seed_project, art.id)
    assert [s.annotator for s in sugs] == [MODEL_ANNOTATOR, MODEL_ANNOTATOR]
    gpe = next(s for s in sugs if s.label == "GPE")
    own = accept(seed_project, gpe.id, "salma")
    assert (own.start, own.end, own.label, own.origin) == (at, at + 5, "GPE", "model")
    rejected = reject(seed_project, next(s for s in sugs if s.label == "ORG").id)
    assert rejected.annotator == MODEL_ANNOTATOR
    assert suggestions(seed_project, art.id) == []
    assert [s.label for s in seed_project.spans(art.id, ["salma"])] == ["GPE"]
    with pytest.raises(ValidationError, match="accepted by a person"):
        accept_batch(seed_project, [], MODEL_ANNOTATOR)
