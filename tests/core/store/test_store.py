from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from backend_helpers import FILE_ONLY, raw_sql

from annotator.core.errors import ConflictError, NotFoundError, ValidationError, WriteFailedError
from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn, Status
from annotator.core.store import Store, create_store, open_store


def _name_span(text: str, name: str = "نائلة جبر") -> tuple[int, int]:
    start = text.index(name)
    return start, start + len(name)


def test_span_round_trip_on_seed_article(seed_project: Store, seed_text: str) -> None:
    art = seed_project.article_by_ext_id("seed")
    start, end = _name_span(seed_text)
    span = seed_project.add_span(art.id, "salma", "PERS", start, end)
    assert span.text_in(art.text) == "نائلة جبر"
    # a second connection sees it: it was committed before add_span returned
    other = open_store(seed_project.location)
    try:
        (stored,) = other.spans(art.id)
        assert (stored.start, stored.end, stored.label, stored.annotator) == (
            start, end, "PERS", "salma",
        )
        assert art.text[stored.start : stored.end] == "نائلة جبر"
    finally:
        other.close()


def test_identical_span_is_stored_once(seed_project: Store, seed_text: str) -> None:
    art = seed_project.article_by_ext_id("seed")
    a = seed_project.add_span(art.id, "salma", "PERS", *_name_span(seed_text))
    b = seed_project.add_span(art.id, "salma", "PERS", *_name_span(seed_text))
    assert a.id == b.id
    assert len(seed_project.spans(art.id)) == 1
    seed_project.add_span(art.id, "omar", "PERS", *_name_span(seed_text))
    assert len(seed_project.spans(art.id)) == 2


@pytest.mark.parametrize(
    "start, end, message",
    [(-1, 3, "negative"), (5, 5, "not before"), (7, 3, "not before"), (0, 10**7, "beyond")],
)
def test_bad_offsets_are_refused(seed_project: Store, start: int, end: int, message: str) -> None:
    art = seed_project.article_by_ext_id("seed")
    with pytest.raises(ValidationError, match=message):
        seed_project.add_span(art.id, "salma", "PERS", start, end)
    assert seed_project.spans(art.id) == []


@pytest.mark.parametrize(
    "offsets, message",
    [("beyond", "span end beyond article text"), ("empty", "(CHECK|check) constraint")],
)
def test_schema_rejects_out_of_range_spans_even_from_raw_sql(
    seed_project: Store, offsets: str, message: str
) -> None:
    """The database itself refuses, whoever writes: SQL typed into another program."""
    art = seed_project.article_by_ext_id("seed")
    ann = seed_project.annotator_id("raw")
    lab = seed_project.label_id("PERS")
    start, end = (0, art.length + 1) if offsets == "beyond" else (4, 4)
    with pytest.raises(Exception, match=message) as err:
        raw_sql(
            seed_project,
            'INSERT INTO spans (article_id, annotator_id, label_id, start, "end",'
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, '', '')",
            (art.id, ann, lab, start, end),
        )
    assert type(err.value).__name__ in ("IntegrityError", "CheckViolation")
    assert seed_project.spans(art.id) == []


def test_article_length_counts_code_points(project: Store) -> None:
    text = "a\tb😀ج\u200f"
    with project.transaction():
        aid = project.insert_article(ArticleIn(ext_id="emoji", text=text))
    assert project.article_text(aid) == text
    span = project.add_span(aid, "x", "PERS", 3, 5)
    assert text[span.start : span.end] == "😀ج"
    with pytest.raises(ValidationError, match="beyond the text's 6 characters"):
        project.add_span(aid, "x", "PERS", 5, 7)


@FILE_ONLY
def test_a_project_file_holds_a_nul_character(project: Store) -> None:
    text = "a\x00b😀ج"
    with project.transaction():
        aid = project.insert_article(ArticleIn(ext_id="nul", text=text))
    assert project.article_text(aid) == text
    span = project.add_span(aid, "x", "PERS", 3, 5)
    assert text[span.start : span.end] == "😀ج"


@pytest.mark.parametrize("backend", ["postgres"])
def test_a_server_refuses_a_nul_character_in_one_line(project: Store) -> None:
    """PostgreSQL text cannot hold U+0000: the article is refused, nothing is stored."""
    with pytest.raises(ValidationError) as err, project.transaction():
        project.insert_article(ArticleIn(ext_id="ok", text="نص"))
        project.insert_article(ArticleIn(ext_id="nul", text="a\x00b😀ج"))
    assert str(err.value) == (
        "article 'nul': text holds a NUL character (U+0000) at character 1, which a"
        " PostgreSQL server cannot store; remove it (a project file can hold it)"
    )
    assert project.article_count() == 0
    with pytest.raises(ValidationError, match="the note holds a NUL character"):
        aid = project.insert_article(ArticleIn(ext_id="x", text="نص"))
        project.set_status(aid, "salma", note="\x00")


def test_unknown_label_and_article(seed_project: Store) -> None:
    art = seed_project.article_by_ext_id("seed")
    with pytest.raises(NotFoundError, match="no label named 'NOPE'"):
        seed_project.add_span(art.id, "salma", "NOPE", 0, 2)
    with pytest.raises(NotFoundError, match="no article"):
        seed_project.add_span(99999, "salma", "PERS", 0, 2)


def test_relabel_delete_and_restore(seed_project: Store, seed_text: str) -> None:
    art = seed_project.article_by_ext_id("seed")
    span = seed_project.add_span(art.id, "salma", "PERS", *_name_span(seed_text))
    assert seed_project.relabel_span(span.id, "OCC").label == "OCC"
    gone = seed_project.delete_span(span.id)
    assert seed_project.spans(art.id) == []
    back = seed_project.add_span(
        art.id, gone.annotator, gone.label, gone.start, gone.end, span_id=gone.id
    )
    assert back == gone


def test_relabel_onto_existing_span_is_a_conflict(seed_project: Store, seed_text: str) -> None:
    art = seed_project.article_by_ext_id("seed")
    a = seed_project.add_span(art.id, "salma", "PERS", *_name_span(seed_text))
    seed_project.add_span(art.id, "salma", "OCC", *_name_span(seed_text))
    with pytest.raises(ConflictError, match="already tagged"):
        seed_project.relabel_span(a.id, "OCC")
    assert seed_project.span(a.id).label == "PERS"


def test_transaction_rolls_back_everything(project: Store) -> None:
    with pytest.raises(RuntimeError):
        with project.transaction():
            project.insert_article(ArticleIn(ext_id="a", text="نص"))
            project.add_span(1, "salma", "PERS", 0, 2)
            raise RuntimeError("boom")
    assert project.article_count() == 0
    assert project.annotators() == []


def test_an_interrupt_inside_a_transaction_rolls_back_and_later_writes_commit(
    seed_project: Store,
) -> None:
    """Pins the rollback on ``BaseException``: Ctrl+C (KeyboardInterrupt) inside a write.

    Were only ``Exception`` caught, the connection would stay inside the interrupted
    transaction: the next "saved" tag would join it and never reach the file, which a
    second connection shows.
    """
    art = seed_project.article_by_ext_id("seed")
    with pytest.raises(KeyboardInterrupt):
        with seed_project.transaction():
            seed_project.add_span(art.id, "salma", "PERS", 0, 4)
            seed_project.set_status(art.id, "salma", Status.DONE)
            raise KeyboardInterrupt
    assert not seed_project.in_transaction()
    assert seed_project.spans(art.id) == []
    assert seed_project.status(art.id, "salma").status == Status.TODO
    saved = seed_project.add_span(art.id, "omar", "ORG", 5, 9)
    other = open_store(seed_project.location)
    try:
        assert [(s.id, s.annotator) for s in other.spans(art.id)] == [(saved.id, "omar")]
        assert other.status(art.id, "salma").status == Status.TODO
    finally:
        other.close()
    # the next transaction is a transaction of its own again: it rolls back whole
    with pytest.raises(RuntimeError):
        with seed_project.transaction():
            seed_project.add_span(art.id, "omar", "PERS", 10, 14)
            raise RuntimeError("boom")
    assert [s.id for s in seed_project.spans(art.id)] == [saved.id]


def test_names_made_in_a_rolled_back_transaction_are_forgotten(project: Store) -> None:
    """Pins the caches being dropped on rollback: an annotator (or label) created inside a
    transaction that rolled back no longer exists, and using the name again creates it."""
    with project.transaction():
        aid = project.insert_article(ArticleIn(ext_id="a", text="نص عربي قصير"))
    with pytest.raises(RuntimeError):
        with project.transaction():
            project.add_label("NEWLAB")
            project.add_span(aid, "zaid", "NEWLAB", 0, 2)
            raise RuntimeError("boom")
    assert "zaid" not in project.annotators()
    assert "NEWLAB" not in {lab.name for lab in project.labels()}
    project.add_label("NEWLAB")
    span = project.add_span(aid, "zaid", "NEWLAB", 0, 2)
    assert (span.annotator, span.label) == ("zaid", "NEWLAB")
    assert project.annotators() == ["zaid"]
    assert [(s.annotator, s.label) for s in project.spans(aid)] == [("zaid", "NEWLAB")]


def test_status_and_note(seed_project: Store) -> None:
    art = seed_project.article_by_ext_id("seed")
    assert seed_project.status(art.id, "salma").status == Status.TODO
    seed_project.set_status(art.id, "salma", Status.IN_PROGRESS, note="راجع الأسماء")
    seed_project.set_status(art.id, "salma", "done")
    st = seed_project.status(art.id, "salma")
    assert (st.status, st.note) == (Status.DONE, "راجع الأسماء")
    with pytest.raises(ValidationError, match="unknown status"):
        seed_project.set_status(art.id, "salma", "finished")
    assert seed_project.status_counts("salma")[Status.DONE] == 1
    assert seed_project.article_ids(annotator="salma", status="done") == [art.id]
    assert seed_project.article_ids(annotator="salma", status="todo") == []
    assert seed_project.article_ids(annotator="omar", status="todo") == [art.id]


def test_article_rows_are_a_window_without_text(project: Store) -> None:
    with project.transaction():
        ids = [
            project.insert_article(ArticleIn(ext_id=f"a{i}", text=f"نص {i}", title=f"عنوان {i}"))
            for i in range(50)
        ]
    project.add_span(ids[3], "salma", "PERS", 0, 2)
    rows = project.article_rows(ids[2:5], "salma")
    assert [r.ext_id for r in rows] == ["a2", "a3", "a4"]
    assert [r.span_count for r in rows] == [0, 1, 0]
    assert project.article_ids(title_contains="عنوان 4") == [ids[4]] + ids[40:50]


def test_article_ids_read_a_page_after_an_id_and_count_without_reading(project: Store) -> None:
    """The window's list reads ids a page at a time (keyset: the ids after the last one
    held) and asks for the count alone; both agree with the full list, filters included."""
    with project.transaction():
        ids = [
            project.insert_article(ArticleIn(ext_id=f"a{i}", text=f"نص {i}", title=f"عنوان {i}"))
            for i in range(30)
        ]
    for aid in ids[5:12]:
        project.set_status(aid, "salma", Status.DONE)
    assert project.article_ids(limit=4) == ids[:4]
    assert project.article_ids(after=ids[3], limit=4) == ids[4:8]
    assert project.article_ids(after=ids[27], limit=4) == ids[28:]
    assert project.article_ids(after=ids[-1]) == []
    assert project.article_ids(after=ids[9]) == ids[10:]
    assert project.count_article_ids() == 30 == project.article_count()
    done = {"annotator": "salma", "status": Status.DONE}
    assert project.article_ids(**done, after=ids[8], limit=2) == ids[9:11]
    assert project.count_article_ids(**done) == 7
    assert project.count_article_ids(annotator="salma", status="todo") == 23
    titled = project.article_ids(title_contains="عنوان 2")
    assert titled == [ids[2]] + ids[20:30]
    assert project.article_ids(title_contains="عنوان 2", after=ids[20], limit=3) == ids[21:24]
    assert project.count_article_ids(title_contains="عنوان 2") == 11
    assert project.count_article_ids(title_contains="\x00") == 0
    assert project.article_ids(title_contains="\x00", after=ids[3]) == []
    with pytest.raises(ValidationError, match="a status filter needs an annotator"):
        project.count_article_ids(status="done")


def test_done_by_reads_an_id_range_inclusive(project: Store) -> None:
    with project.transaction():
        ids = [project.insert_article(ArticleIn(ext_id=f"d{i}", text="نص")) for i in range(6)]
    for aid in ids:
        project.set_status(aid, "salma", Status.DONE)
    for aid in ids[2:5]:
        project.set_status(aid, "omar", Status.DONE)
    assert project.done_by(between=(ids[1], ids[3])) == {
        ids[1]: {"salma"}, ids[2]: {"salma", "omar"}, ids[3]: {"salma", "omar"}
    }
    assert project.done_by(["omar"], between=(ids[4], ids[5])) == {ids[4]: {"omar"}}
    assert project.done_by(between=(ids[5] + 1, ids[5] + 9)) == {}
    assert project.done_by(between=(ids[0], ids[-1])) == project.done_by()


def test_iter_articles_streams_in_order(project: Store) -> None:
    with project.transaction():
        for i in range(1203):
            project.insert_article(ArticleIn(ext_id=f"a{i}", text=f"نص {i}"))
    got = [a.ext_id for a in project.iter_articles(batch=100)]
    assert got == [f"a{i}" for i in range(1203)]
    assert [a.ext_id for a in project.iter_articles([5, 2, 9], batch=2)] == ["a4", "a1", "a8"]


def test_labels_add_edit_remove(project: Store) -> None:
    lab = project.add_label("قانون \"x\"; DROP TABLE labels;--", display_name="<b>قانون</b>")
    assert lab.color.startswith("#")
    assert project.label(lab.name).display_name == "<b>قانون</b>"
    with pytest.raises(ConflictError, match="already exists"):
        project.add_label(lab.name)
    with pytest.raises(ConflictError, match="already used"):
        project.add_label("NEW", shortcut="1")
    project.update_label("PERS", display_name="اسم")
    assert project.label("PERS").display_name == "اسم"
    with project.transaction():
        aid = project.insert_article(ArticleIn(ext_id="a", text="نائلة جبر"))
    project.add_span(aid, "salma", "PERS", 0, 5)
    with pytest.raises(ConflictError, match="used by 1 span"):
        project.remove_label("PERS")
    assert project.remove_label("PERS", force=True) == 1
    assert project.spans(aid) == []


def test_stats(seed_project: Store, seed_text: str) -> None:
    art = seed_project.article_by_ext_id("seed")
    seed_project.add_span(art.id, "salma", "PERS", *_name_span(seed_text))
    seed_project.set_status(art.id, "salma", "done")
    stats = seed_project.stats()
    assert stats["articles"] == 1
    assert stats["spans_per_label"]["PERS"] == 1
    assert stats["annotators"]["salma"]["status"]["done"] == 1


def test_store_survives_reopen(new_target: str | Path) -> None:
    with create_store(new_target, [{"name": "PERS"}]) as store:
        with store.transaction():
            aid = store.insert_article(ArticleIn(ext_id="x", text="سعدة"))
        store.add_span(aid, "a", "PERS", 0, 4)
        location = store.location
    with open_store(location) as store:
        assert [s.label for s in store.spans(aid)] == ["PERS"]


def test_insert_spans_counts_new_span_rows_only(project: Store) -> None:
    """A new annotator added on the way is not a span; identical spans are stored once."""
    with project.transaction():
        aid = project.insert_article(ArticleIn(ext_id="a", text="نائلة جبر وزيرة"))
        rows = [(aid, "hala", "PERS", 0, 5, None), (aid, "hala", "PERS", 0, 5, None)]
        assert project.insert_spans(rows) == 1
        assert project.insert_spans(iter(rows)) == 0
        assert project.insert_spans([]) == 0
    assert [(s.annotator, s.start, s.end) for s in project.spans(aid)] == [("hala", 0, 5)]


class _FailingCommit:
    """A connection whose next COMMIT fails, as a disk error at commit would."""

    def __init__(self, conn: object) -> None:
        self._conn = conn

    def __getattr__(self, name: str) -> object:
        return getattr(self._conn, name)

    def execute(self, sql: str, *args: object) -> object:
        if sql == "COMMIT":
            raise sqlite3.OperationalError("disk I/O error")
        return self._conn.execute(sql, *args)  # type: ignore[attr-defined]


def test_a_failed_commit_rolls_back_and_says_so(tmp_path: Path) -> None:
    """Pins the rollback after a COMMIT that fails: one line, nothing saved, and the
    connection out of the transaction (the next write is a transaction of its own)."""
    store = create_store(tmp_path / "p.db", default_labels())
    try:
        real = store.conn
        store.conn = _FailingCommit(real)  # type: ignore[assignment]
        with pytest.raises(WriteFailedError, match="^commit: "):
            with store.transaction():
                store.insert_article(ArticleIn(ext_id="a", text="نص"))
        assert not real.in_transaction
        store.conn = real
        assert store.article_count() == 0
        with store.transaction():
            store.insert_article(ArticleIn(ext_id="b", text="نص آخر"))
        assert [a.ext_id for a in store.iter_articles()] == ["b"]
    finally:
        store.close()
