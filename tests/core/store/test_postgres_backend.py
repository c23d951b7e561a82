"""What a server project does that a file does by other means: writers take turns through
the project row, a lost connection is reopened, the schema is versioned in its own table
and upgraded in one transaction, and ``data_version`` sees only other programs' commits
(that last one on both backends)."""

from __future__ import annotations

import threading
import time

import psycopg
import pytest
from backend_helpers import raw_sql

from annotator.core.assist.search import search_corpus
from annotator.core.errors import ProjectError, SchemaTooNewError, WriteFailedError
from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn
from annotator.core.store import Store, create_store, open_store
from annotator.core.store.location import parse_server_url
from annotator.core.store.postgres import schema, server

TEXT = "قالت السفيرة نائلة جبر إن مصر شريك أساسي."
NAME = (TEXT.index("نائلة جبر"), TEXT.index("نائلة جبر") + len("نائلة جبر"))

on_server = pytest.mark.parametrize("backend", ["postgres"])


@pytest.fixture
def article(project: Store) -> int:
    with project.transaction():
        return project.insert_article(ArticleIn(ext_id="a1", text=TEXT))


def test_data_version_changes_only_for_other_programs_commits(project: Store, article: int):
    before = project.data_version()
    stamp = project.change_stamp()
    project.add_span(article, "salma", "PERS", *NAME)  # our own commit
    assert project.data_version() == before
    assert project.change_stamp() != stamp
    with open_store(project.location) as other:
        other.set_status(article, "omar", "done")
    assert project.data_version() != before


@on_server
def test_sql_typed_into_another_program_counts_as_a_change(project: Store, article: int):
    before = project.data_version()
    raw_sql(project, "UPDATE articles SET title = 'x' WHERE id = ?", (article,))
    assert project.data_version() != before


@on_server
def test_writers_take_turns(project: Store, article: int) -> None:
    """A tag made while another program's import is open waits for it, then lands."""
    done: list[object] = []
    with open_store(project.location) as other:
        with other.transaction():
            other.insert_article(ArticleIn(ext_id="a2", text="نص آخر"))

            def tag() -> None:
                done.append(project.add_span(article, "salma", "PERS", *NAME))

            worker = threading.Thread(target=tag)
            worker.start()
            time.sleep(0.5)
            assert done == []  # waiting for the import's transaction
        worker.join(10)
    assert len(done) == 1 and project.article_count() == 2
    assert [s.label for s in project.spans(article)] == ["PERS"]


@on_server
def test_a_write_that_waits_too_long_says_busy_and_changes_nothing(
    project: Store, article: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server, "LOCK_TIMEOUT", "300ms")
    impatient = open_store(project.location)
    try:
        with project.transaction():
            project.set_status(article, "omar", "done")
            with pytest.raises(WriteFailedError) as err:
                impatient.add_span(article, "salma", "PERS", *NAME)
        assert str(err.value) == "write: the project is busy in another program; not saved"
        assert project.spans(article) == []
        assert impatient.add_span(article, "salma", "PERS", *NAME).label == "PERS"  # later: ok
    finally:
        impatient.close()


def _cut(store: Store) -> None:
    """End the store's connection from the server side, as a restart would."""
    loc = parse_server_url(store.location)
    with psycopg.connect(loc.conninfo, autocommit=True) as conn:
        pid = store.conn.info.backend_pid  # type: ignore[attr-defined]
        conn.execute("SELECT pg_terminate_backend(%s)", (pid,))
    time.sleep(0.1)


@on_server
def test_a_lost_connection_is_reopened_for_reads_and_writes(project: Store, article: int):
    _cut(project)
    assert project.article_text(article) == TEXT
    _cut(project)
    assert project.add_span(article, "salma", "PERS", *NAME).label == "PERS"


@on_server
def test_a_connection_lost_inside_a_transaction_saves_none_of_it(project: Store, article: int):
    with pytest.raises(WriteFailedError) as err, project.transaction():
        project.set_status(article, "salma", "done")
        _cut(project)
        project.add_span(article, "salma", "PERS", *NAME)
    assert str(err.value).startswith(
        f"saving to {project.location}: the connection to the server was lost ("
    )
    assert str(err.value).endswith("; not saved")
    assert project.spans(article) == [] and project.status(article, "salma").status == "todo"


def test_a_server_that_cannot_be_reached_is_one_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"postgresql://nobody@/nothing?host={tmp_path}"
    with pytest.raises(ProjectError) as err:
        open_store(url)
    assert str(err.value).startswith(f"{url}: cannot connect: ")
    assert "\n" not in str(err.value)


@on_server
def test_a_read_only_project_refuses_writes(project: Store, article: int) -> None:
    with open_store(project.location, readonly=True) as ro:
        assert ro.article_text(article) == TEXT
        with pytest.raises(WriteFailedError) as err:
            ro.add_span(article, "salma", "PERS", *NAME)
        assert str(err.value) == f"{project.location}: the project is open read-only; not saved"
    assert project.spans(article) == []


def test_a_newer_schema_is_refused_and_an_older_one_upgraded(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_store(pg_url, default_labels()).close()
    with open_store(pg_url) as store:
        raw_sql(
            store, "UPDATE annotator_project SET schema_version = ?", (schema.CURRENT_VERSION + 1,)
        )
    with pytest.raises(SchemaTooNewError) as err:
        open_store(pg_url)
    assert str(err.value) == (
        f"{pg_url}: written by a newer annotator (schema {schema.CURRENT_VERSION + 1}, this"
        f" one knows up to {schema.CURRENT_VERSION}); upgrade annotator to open it"
    )
    with psycopg.connect(parse_server_url(pg_url).conninfo, autocommit=True) as conn:
        conn.execute(
            f'UPDATE "{parse_server_url(pg_url).schema}".annotator_project SET schema_version = %s',
            (schema.CURRENT_VERSION,),
        )
    newer = schema.CURRENT_VERSION + 1
    monkeypatch.setitem(schema.MIGRATIONS, newer, "CREATE TABLE upgraded (x int);")
    monkeypatch.setattr(server, "CURRENT_VERSION", newer)
    with open_store(pg_url) as store:
        assert raw_sql(store, "SELECT schema_version FROM annotator_project") == [(newer,)]
        assert raw_sql(store, "SELECT COUNT(*) FROM upgraded") == [(0,)]
        assert store.migration_backup is None  # one transaction: nothing to keep aside
    monkeypatch.setitem(schema.MIGRATIONS, newer + 1, "CREATE TABLE broken (x nonsense_type);")
    monkeypatch.setattr(server, "CURRENT_VERSION", newer + 1)
    with pytest.raises(ProjectError, match='cannot open project: type "nonsense_type"'):
        open_store(pg_url)
    loc = parse_server_url(pg_url)
    with psycopg.connect(loc.conninfo) as conn:  # the failed upgrade changed nothing
        version = conn.execute(f'SELECT schema_version FROM "{loc.schema}".annotator_project')
        assert version.fetchall() == [(newer,)]


def test_a_database_of_another_encoding_is_refused(pg_server: str) -> None:
    name = f"latin_{time.monotonic_ns()}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C'"
                     " TEMPLATE template0")  # fmt: skip
    try:
        url = pg_server.replace("/postgres?", f"/{name}?")
        with pytest.raises(ProjectError) as err:
            create_store(url)
        assert str(err.value) == (
            f"{url}: the database's encoding is LATIN1, not UTF8; create it with ENCODING 'UTF8'"
        )
    finally:
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE {name}")


@on_server
def test_a_refused_label_set_leaves_no_project(new_target) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Exception, match="shortcut must be one key"):
        create_store(new_target, [{"name": "PERS", "shortcut": "12"}])
    create_store(new_target, default_labels()).close()  # nothing was left in the way


@on_server
def test_a_connection_lost_during_an_export_is_one_line(project: Store, article: int) -> None:
    with pytest.raises(ProjectError) as err, project.read_snapshot():
        project.article_text(article)
        _cut(project)
        project.article_text(article)
    assert str(err.value).startswith(f"{project.location}: ")
    assert "\n" not in str(err.value)
    assert project.article_text(article) == TEXT  # and the next read reconnects


@on_server
def test_check_reports_a_switched_off_trigger_and_what_got_past_it(
    project: Store, article: int
) -> None:
    assert project.problems() == []
    project.add_span(article, "salma", "PERS", *NAME)
    raw_sql(project, "ALTER TABLE spans DISABLE TRIGGER spans_end_in_text")
    raw_sql(project, 'UPDATE spans SET "end" = 99 WHERE start = ?', (NAME[0],))
    (span,) = raw_sql(project, "SELECT id FROM spans")
    assert project.problems() == [
        "the server's check of spans is switched off (spans_end_in_text); switch it on with"
        " ALTER TABLE spans ENABLE TRIGGER spans_end_in_text",
        f"span {span[0]} (article a1, annotator salma, label PERS, characters {NAME[0]}-99):"
        f" it ends after the text, which has {len(TEXT)} characters",
    ]


@on_server
def test_two_programs_writing_at_once_lose_nothing(project: Store) -> None:
    """Two connections tag, set statuses and add annotators at once: every write lands,
    none fails (writers take turns on the project row)."""
    text = "كلمة " * 400
    with project.transaction():
        aid = project.insert_article(ArticleIn(ext_id="busy", text=text))
    errors: list[BaseException] = []

    def work(who: str, offset: int) -> None:
        try:
            with open_store(project.location) as store:
                for i in range(150):
                    start = (offset + 2 * i) * 5
                    store.add_span(aid, who, "PERS", start, start + 4)
                    store.set_status(aid, f"{who}-{i % 7}", "in_progress", note=str(i))
        except BaseException as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(w, k)) for k, w in enumerate(("salma", "omar"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    spans = project.spans(aid)
    assert len(spans) == 300 and len({(s.annotator, s.start) for s in spans}) == 300
    assert len(project.annotators()) == 2 + 14
    assert sum(1 for h in project.history(aid) if h.action == "create") == 300


@on_server
def test_a_bulk_load_leaves_the_planner_statistics_fresh(project: Store) -> None:
    """Without them the server plans a fresh corpus as an empty one: opening an article
    of a 20,000-article copy took 60 ms instead of 25 (measured, benchmarks/)."""
    with project.transaction():
        project.insert_articles(
            [ArticleIn(ext_id=f"a{i}", text=f"خبر رقم {i}") for i in range(6_000)]
        )
    analyzed = raw_sql(
        project,
        "SELECT relname FROM pg_stat_user_tables WHERE schemaname = current_schema()"
        " AND (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL) ORDER BY 1",
    )
    assert {"articles", "search_index"} <= {r[0] for r in analyzed}


@on_server
def test_search_asks_the_words_index_never_a_scan(project: Store, article: int) -> None:
    """The words are stored out of line, so the planner takes a scan of every article's
    words for cheap (half a second on 20,000 articles instead of 4 ms): searches run with
    sequential scans off."""
    seen: list[str] = []
    conn = project.conn  # type: ignore[attr-defined]
    execute = type(conn).execute

    def spy(self, query, params=None, **kw):  # type: ignore[no-untyped-def]
        if "FROM search_index WHERE words @@" in str(query):
            seen.append(execute(self, "SHOW enable_seqscan").fetchone()[0])
        return execute(self, query, params, **kw)

    try:
        type(conn).execute = spy
        assert search_corpus(project, "نائلة جبر")
    finally:
        type(conn).execute = execute
    assert seen and set(seen) == {"off"}
    assert raw_sql(project, "SHOW enable_seqscan") == [("on",)]
    assert conn.execute("SHOW enable_seqscan").fetchone() == ("on",)  # set back afterwards


def test_a_closed_project_stays_closed(new_target) -> None:  # type: ignore[no-untyped-def]
    store = create_store(new_target, default_labels())
    store.close()
    with pytest.raises(Exception) as err:  # noqa: PT011 (each backend has its own words)
        store.article_count()
    assert "closed" in str(err.value)
