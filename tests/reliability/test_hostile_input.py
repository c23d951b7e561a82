"""Strange article text, titles and label names are stored and read back exactly.

Nothing is escaped, stripped or normalised on the way in or out: markup stays literal text,
direction controls and zero-width characters keep their offsets, NUL bytes survive.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from reliability_data import HOSTILE_TEXTS as HOSTILE

from annotator.core.errors import ConflictError, ValidationError
from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn, content_hash
from annotator.core.store import Store, create_store, open_store
from annotator.core.text.offsets import Utf16Index

NAME = "نائلة جبر"



def _with_name(body: str) -> str:
    """Hostile text around a real name, so spans can be checked on both sides of it."""
    return f"{body} {NAME} {body}"


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_article_round_trips_byte_exact(project: Store, case: str) -> None:
    body = HOSTILE[case]
    text = _with_name(body)
    title = body[:500]
    with project.transaction():
        art_id = project.insert_article(ArticleIn(ext_id=f"hostile-{case}", text=text, title=title))
    start = text.index(NAME)
    end = start + len(NAME)
    name_span = project.add_span(art_id, "salma", "PERS", start, end)
    whole = project.add_span(art_id, "salma", "EVENT", 0, len(text))
    edge = project.add_span(art_id, "salma", "ORG", len(text) - 1, len(text))
    project.close()

    with open_store(project.path) as store:
        art = store.article(art_id)
        assert art.text == text
        assert art.text.encode("utf-8") == text.encode("utf-8")
        assert art.title == title
        assert art.length == len(text)
        assert art.content_hash == content_hash(text)
        assert store.article_text(art_id) == text
        (row,) = store.article_rows([art_id], "salma")
        assert row.title == title
        spans = {s.id: s for s in store.spans(art_id)}
        assert spans[name_span.id].text_in(art.text) == NAME
        assert spans[whole.id].text_in(art.text) == text
        assert spans[edge.id].text_in(art.text) == text[-1]
        # Qt positions of the name map back to the same code points
        index = Utf16Index(art.text)
        u16 = index.span_to_utf16(start, end)
        assert index.span_to_cp(*u16) == (start, end)
        # the stored length column agrees with Python's count (SQL length() stops at NUL)
        assert store.conn.execute(
            "SELECT length FROM articles WHERE id = ?", (art_id,)
        ).fetchone()[0] == len(text)
        assert [a.text for a in store.iter_articles([art_id])] == [text]


def test_span_beyond_hostile_text_is_refused(project: Store) -> None:
    text = _with_name(HOSTILE["combining"])
    with project.transaction():
        art_id = project.insert_article(ArticleIn(ext_id="c", text=text))
    with pytest.raises(ValidationError, match="beyond the text"):
        project.add_span(art_id, "salma", "PERS", 0, len(text) + 1)
    assert project.spans(art_id) == []


def test_lone_surrogate_text_is_refused_cleanly(project: Store) -> None:
    """JSON may carry "\\ud800"; it cannot be stored as UTF-8 and must not half-import."""
    with pytest.raises(ValidationError, match="bad-1"):
        with project.transaction():
            project.insert_article(ArticleIn(ext_id="ok-1", text="نص سليم"))
            project.insert_article(ArticleIn(ext_id="bad-1", text="نص \ud800 مكسور"))
    assert project.article_count() == 0


def test_lone_surrogate_in_a_bulk_insert_is_refused_whole(project: Store) -> None:
    batch = [ArticleIn(ext_id="ok", text="سليم"), ArticleIn(ext_id="bad", text="x", title="\udfff")]
    with pytest.raises(ValidationError, match="unpaired surrogate"):
        with project.transaction():
            project.insert_articles(batch)
    assert project.article_count() == 0


def test_lone_surrogate_in_a_note_or_label_is_refused(seed_project: Store) -> None:
    art = seed_project.article_by_ext_id("seed")
    with pytest.raises(ValidationError, match="unpaired surrogate"):
        seed_project.set_status(art.id, "salma", "done", note="ملاحظة \ud83d")
    assert seed_project.status(art.id, "salma").note == ""
    before = seed_project.labels()
    with pytest.raises(ValidationError, match="unpaired surrogate"):
        seed_project.add_label("PERS\ud800")
    assert seed_project.labels() == before


HOSTILE_LABELS = [
    "'; DROP TABLE spans; --",
    'say "hello"',
    "it's",
    "<b>PERS</b>",
    "<font color=red>X</font>",
    "two words",
    "  padded  ",
    "شخص",
    "اسم علم",
    "PERS\u202e",
    "Robert'); DELETE FROM labels WHERE ('1'='1",
    "%_*?[]",
]


def test_hostile_label_names_work_everywhere(seed_project: Store, seed_text: str) -> None:
    store = seed_project
    art = store.article_by_ext_id("seed")
    start = seed_text.index(NAME)
    before = len(store.labels())
    spans = {}
    for name in HOSTILE_LABELS:
        label = store.add_label(name, display_name=name, guideline=f"<p>{name}</p>")
        assert label.name == name
        assert label.color.startswith("#")
        spans[name] = store.add_span(art.id, "salma", name, start, start + len(NAME))
    assert [lab.name for lab in store.labels()][before:] == HOSTILE_LABELS
    for name, span in spans.items():
        assert store.span(span.id).label == name
        assert store.label_usage(name) == 1
    # relabel onto a hostile name, rename one, then remove one with its span
    moved = store.relabel_span(spans["it's"].id, "PERS")
    assert moved.label == "PERS"
    store.update_label("شخص", name="شخص 'معدل'")
    assert store.span(spans["شخص"].id).label == "شخص 'معدل'"
    assert store.remove_label("'; DROP TABLE spans; --", force=True) == 1
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    names = {lab.name for lab in store.labels()}
    assert "'; DROP TABLE spans; --" not in names
    assert "Robert'); DELETE FROM labels WHERE ('1'='1" in names
    assert len(store.spans(art.id)) == len(HOSTILE_LABELS) - 1
    stats = store.stats()
    assert stats["spans_per_label"]["<b>PERS</b>"] == 1


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_blank_label_names_are_refused(project: Store, name: str) -> None:
    before = project.labels()
    with pytest.raises(ValidationError, match="empty"):
        project.add_label(name)
    assert project.labels() == before


def test_duplicate_hostile_label_is_a_conflict(project: Store) -> None:
    project.add_label("'; DROP TABLE labels; --")
    with pytest.raises(ConflictError, match="already exists"):
        project.add_label("'; DROP TABLE labels; --")
    assert [lab.name for lab in project.labels()].count("'; DROP TABLE labels; --") == 1


def test_hostile_title_filter_is_literal(tmp_path: Path) -> None:
    with create_store(tmp_path / "p.db", default_labels()) as store:
        with store.transaction():
            a = store.insert_article(ArticleIn(ext_id="a", text="x", title="100% <b>عاجل</b>"))
            store.insert_article(ArticleIn(ext_id="b", text="y", title="1000 عاجل"))
        assert store.article_ids(title_contains="0% <b>") == [a]
        assert store.article_ids(title_contains="%") == [a]
        assert store.article_ids(title_contains="'") == []


def test_hostile_annotator_names(seed_project: Store) -> None:
    art = seed_project.article_by_ext_id("seed")
    for name in ["o'brien", '"; DROP TABLE annotators; --', "<i>سلمى</i>"]:
        seed_project.add_span(art.id, name, "PERS", 0, 2)
        seed_project.set_status(art.id, name, "done", note=f"<b>{name}</b>")
        assert seed_project.status(art.id, name).note == f"<b>{name}</b>"
    conn = sqlite3.connect(seed_project.path)
    assert conn.execute("SELECT COUNT(*) FROM annotators").fetchone()[0] == 3
    conn.close()
