from __future__ import annotations

import pytest

from annotator.core.assist.bulk_tag import (
    apply_plan,
    plan_in_article,
    plan_in_corpus,
    tag_batch,
)
from annotator.core.errors import ValidationError, WriteFailedError
from annotator.core.model import ArticleIn, Span
from annotator.core.store import Store
from annotator.core.text.normalize import normalize
from annotator.core.text.tokens import TrimOptions, set_trim_options
from annotator.core.undo import UndoStack

MINISTRY = "وزارة التضامن"


def first_span(store: Store, ext_id: str, phrase: str, label: str = "ORG") -> Span:
    art = store.article_by_ext_id(ext_id)
    start = art.text.index(phrase)
    return store.add_span(art.id, "salma", label, start, start + len(phrase))


def texts(store: Store, ext_id: str, annotator: str = "salma") -> list[tuple[str, str]]:
    art = store.article_by_ext_id(ext_id)
    return [(s.text_in(art.text), s.label) for s in store.spans(art.id, [annotator])]


def test_every_occurrence_in_the_seed_article_is_one_undo_step(seed_project: Store) -> None:
    span = first_span(seed_project, "seed", MINISTRY)
    plan = plan_in_article(seed_project, span)
    assert (plan.match_count, plan.article_count, plan.skipped) == (3, 1, 1)
    stack = UndoStack(seed_project)
    stack.push(tag_batch(seed_project, plan))
    assert texts(seed_project, "seed") == [(MINISTRY, "ORG")] * 4
    assert stack.undo_text() == "tag 3 × ORG"
    stack.undo()
    assert texts(seed_project, "seed") == [(MINISTRY, "ORG")]
    stack.redo()
    assert len(texts(seed_project, "seed")) == 4


def test_same_label_overlaps_are_skipped_other_labels_and_people_are_not(
    seed_project: Store,
) -> None:
    art = seed_project.article_by_ext_id("seed")
    span = first_span(seed_project, "seed", MINISTRY)
    second = art.text.index(MINISTRY, span.end)
    third = art.text.index(MINISTRY, second + 1)
    # "التضامن" alone, same label, same annotator: that occurrence is skipped
    seed_project.add_span(art.id, "salma", "ORG", second + 6, second + len(MINISTRY))
    seed_project.add_span(art.id, "salma", "PROGRAM", third, third + len(MINISTRY))
    seed_project.add_span(art.id, "omar", "ORG", third, third + len(MINISTRY))
    plan = plan_in_article(seed_project, span)
    assert plan.skipped == 2
    assert [m[1] for m in plan.matches] == [
        third,
        art.text.index(MINISTRY, third + 1),
    ]


def test_proclitic_follows_the_project_setting(project: Store) -> None:
    text = "زار وفد وزارة التضامن ثم عاد إلى بوزارة التضامن ولوزارة التضامن."
    with project.transaction():
        project.insert_article(ArticleIn(ext_id="a", text=text))
    span = first_span(project, "a", MINISTRY)
    kept = plan_in_article(project, span)
    assert [text[s:e] for _a, s, e in kept.matches] == ["بوزارة التضامن", "ولوزارة التضامن"]
    set_trim_options(project, TrimOptions(proclitics=True))
    trimmed = plan_in_article(project, span)
    assert [text[s:e] for _a, s, e in trimmed.matches] == [MINISTRY, MINISTRY]


def test_a_span_with_a_proclitic_finds_the_other_forms(project: Store) -> None:
    text = "في العاصمة الإدارية وبالعاصمة الإدارية والعاصمة الإدارية"
    with project.transaction():
        project.insert_article(ArticleIn(ext_id="a", text=text))
    span = first_span(project, "a", "وبالعاصمة الإدارية", "LOC")
    plan = plan_in_article(project, span)
    assert plan.key == normalize("العاصمة الإدارية")
    assert [text[s:e] for _a, s, e in plan.matches] == [
        "العاصمة الإدارية", "والعاصمة الإدارية",
    ]


def test_only_whole_words_are_tagged(project: Store) -> None:
    text = "وزارة التضامن ووزارة التضامنية ونوزارة التضامن"
    with project.transaction():
        project.insert_article(ArticleIn(ext_id="a", text=text))
    span = first_span(project, "a", MINISTRY)
    assert plan_in_article(project, span).matches == ()


def test_corpus_plan_counts_then_applies(seed_project: Store) -> None:
    with seed_project.transaction():
        seed_project.insert_article(ArticleIn(ext_id="b", text="أكدت وزاره التضامن أمس"))
        seed_project.insert_article(ArticleIn(ext_id="c", text="وِزارةُ التَّضامُن و وزارة الصحة"))
        seed_project.insert_article(ArticleIn(ext_id="d", text="لا علاقة"))
    span = first_span(seed_project, "seed", MINISTRY)
    seen: list[tuple[int, int | None]] = []
    plan = plan_in_corpus(seed_project, span, progress=lambda d, t: seen.append((d, t)))
    assert (plan.match_count, plan.article_count, plan.skipped) == (5, 3, 1)
    assert seen and seen[-1][0] == seen[-1][1]
    assert "5 match(es) in 3 article(s)" in plan.describe()
    created = apply_plan(seed_project, plan)
    assert len(created) == 5
    assert texts(seed_project, "b") == [("وزاره التضامن", "ORG")]
    assert texts(seed_project, "c") == [("وِزارةُ التَّضامُن", "ORG")]
    assert texts(seed_project, "d") == []
    assert {s.origin for s in created} == {"bulk"}


def test_a_failed_write_leaves_nothing_half_done(
    seed_project: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    span = first_span(seed_project, "seed", MINISTRY)
    plan = plan_in_article(seed_project, span)
    real = seed_project.add_span
    calls = 0

    def failing(*args: object, **kw: object) -> Span:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise WriteFailedError("tag: the disk is full; not saved")
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(seed_project, "add_span", failing)
    stack = UndoStack(seed_project)
    with pytest.raises(WriteFailedError, match="disk is full"):
        stack.push(tag_batch(seed_project, plan))
    assert texts(seed_project, "seed") == [(MINISTRY, "ORG")]
    assert not stack.can_undo()


def test_plan_made_before_a_new_tag_does_not_double_it(seed_project: Store) -> None:
    span = first_span(seed_project, "seed", MINISTRY)
    plan = plan_in_article(seed_project, span)
    art_id, start, end = plan.matches[0]
    seed_project.add_span(art_id, "salma", "ORG", start, end)
    batch = tag_batch(seed_project, plan)
    assert len(batch.ops) == 2


def test_a_span_without_text_is_refused(seed_project: Store) -> None:
    art = seed_project.article_by_ext_id("seed")
    gap = art.text.index(" ")
    span = seed_project.add_span(art.id, "salma", "ORG", gap, gap + 1)
    with pytest.raises(ValidationError, match="no text"):
        plan_in_article(seed_project, span)
