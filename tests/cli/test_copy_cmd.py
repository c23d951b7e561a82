"""A project on a PostgreSQL server from the command line: ``init`` a URL, import, export,
and ``annotator copy`` from a file to the server and back, on the sample data.

The sample article's every offset case (emoji before a span, a span touching an emoji,
typographic quotes, nested spans; the Wojood sentences' nested entities) is stored and
exported byte for byte the same on both backends, and a round trip file -> server -> file
keeps every row of every table with its id.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_runner import fails, ok

from annotator.core.store import Store, open_store
from annotator.core.store.interface import PROJECT_TABLES

ROOT = Path(__file__).parents[2]
SAMPLE = ROOT / "sample_data"
SAMPLE_ID = "000_e85364defba81871"
FORMATS = {"jsonl": "out.jsonl", "doccano": "out.doccano.jsonl", "conll": "out.conll",
           "hf": "out.hf.jsonl"}  # fmt: skip
# (text, label, which occurrence): around the emoji, inside quotes, nested.
SAMPLE_SPANS = [
    ("أعلن", "OCC", 0),  # right after "📢 "
    ("الآن", "DATE", 0),
    ("التضامن", "ORG", 0),
    ("تكافل وكرامة", "PROGRAM", 0),  # inside “typographic quotes”
    ("وزارة التضامن الاجتماعي", "ORG", 0),
    ("التضامن الاجتماعي", "ORG", 0),  # nested in the one above
    ("فيينا", "GPE", 0),
]


def _tag_sample(location: str | Path) -> None:
    with open_store(location) as store:
        art = store.article_by_ext_id(SAMPLE_ID)
        for word, label, nth in SAMPLE_SPANS:
            start = -1
            for _ in range(nth + 1):
                start = art.text.index(word, start + 1)
            store.add_span(art.id, "salma", label, start, start + len(word))
        emoji = art.text.index("🔥")
        store.add_span(art.id, "salma", "EVENT", emoji, emoji + 1)  # the emoji alone
        store.set_status(art.id, "salma", "done", note="راجعت “الأسماء” 📢")
        wojood = store.article_by_ext_id("test-1")
        store.set_status(wojood.id, "wojood", "in_progress")
        gone = store.add_span(wojood.id, "salma", "PERS", 0, 4)
        store.delete_span(gone.id)  # a deleted span: its id is never handed out again
        # a trained model: bytes with NUL in them, Arabic in its metadata
        store.save_model("crf", b"\x00PK\x03\x04\xff model", {"annotators": ["سلمى"], "f1": 0.75})


def _build(location: str | Path) -> None:
    ok("init", location)
    ok("import", location, SAMPLE / "seed_article.jsonl")
    ok("import", location, SAMPLE / "wojood" / "test.txt", "--format", "conll",
       "--annotator", "wojood")  # fmt: skip
    _tag_sample(location)
    ok("assign", location, "--per-article", "1", "--annotators", "salma,omar")


def _exports(location: str | Path, folder: Path) -> dict[str, bytes]:
    folder.mkdir()
    out: dict[str, bytes] = {}
    for fmt, name in FORMATS.items():
        ok("export", location, folder / name, "--format", fmt, "--status", "all",
           "--misaligned", "expand")  # fmt: skip
    for path in sorted(folder.iterdir()):
        out[path.name] = path.read_bytes()
    return out


def _tables(store: Store) -> dict[str, list[tuple[object, ...]]]:
    tables = {name: list(store.dump_rows(name)) for name in PROJECT_TABLES}
    tables["settings"] = [r for r in tables["settings"] if r[0] != "search_index_version"]
    return tables


def test_the_sample_is_stored_and_exported_the_same_on_both_backends(
    tmp_path: Path, pg_url: str
) -> None:
    db = tmp_path / "news.db"
    _build(db)
    _build(pg_url)
    on_file, on_server = _exports(db, tmp_path / "file"), _exports(pg_url, tmp_path / "server")
    assert set(on_file) == {*FORMATS.values(), "out.hf.jsonl.labels.json"}
    # The two projects were built a moment apart: only the statuses' change times differ.
    when = re.compile(rb'"changed_at": "[^"]+"')
    assert {k: when.sub(b"", v) for k, v in on_file.items()} == {
        k: when.sub(b"", v) for k, v in on_server.items()
    }
    assert len(when.findall(on_file["out.jsonl"])) == len(when.findall(on_server["out.jsonl"]))
    assert "📢" in on_file["out.jsonl"].decode() and b'"PROGRAM"' in on_file["out.jsonl"]
    assert ok("stats", db, "--json").output == ok("stats", pg_url, "--json").output
    shown = ok("show", pg_url, "test-1", "--annotator", "wojood").output
    assert shown == ok("show", db, "test-1", "--annotator", "wojood").output
    assert ok("search", pg_url, "وزاره التضامن").output == ok("search", db, "وزاره التضامن").output


def test_copy_to_a_server_and_back_keeps_every_row_and_id(tmp_path: Path, pg_url: str) -> None:
    db = tmp_path / "news.db"
    _build(db)
    out = ok("copy", db, pg_url).output
    assert out.startswith(f"Copied {db} to {pg_url}: 19 article(s), ")
    back = tmp_path / "back.db"
    ok("copy", pg_url, back)
    with open_store(db) as a, open_store(pg_url) as b, open_store(back) as c:
        original = _tables(a)
        assert _tables(b) == original
        assert _tables(c) == original
        assert len(original["history"]) > 20 and len(original["spans"]) > 870
        assert [r[:3] for r in original["models"]] == [
            ("crf", b"\x00PK\x03\x04\xff model", '{"annotators": ["سلمى"], "f1": 0.75}')
        ]
        assert a.id_counters() == b.id_counters() == c.id_counters()
        assert a.project_uid() == b.project_uid() == c.project_uid()
        # ids go on where the source stopped: the deleted span's id is not handed out again
        aid = b.article_by_ext_id("test-1").id
        assert b.add_span(aid, "salma", "PERS", 0, 4).id == a.id_counters()["spans"] + 1
    assert _exports(db, tmp_path / "a") == _exports(back, tmp_path / "c")


def test_copy_refuses_a_destination_that_holds_something(tmp_path: Path, pg_urls) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "news.db"
    _build(db)
    before = db.read_bytes()
    other = tmp_path / "other.db"
    other.write_bytes(b"notes")
    assert fails("copy", db, other) == f"Error: {other}: already exists; refusing to overwrite it"
    assert other.read_bytes() == b"notes"
    server = pg_urls()
    ok("init", server)
    assert fails("copy", db, server) == (
        f"Error: {server}: already holds an annotator project; refusing to overwrite it"
    )
    with open_store(server) as store:
        assert store.article_count() == 0
    assert fails("copy", db, db) == f"Error: {db}: is the source itself; choose another destination"
    assert db.read_bytes() == before


def test_init_refuses_a_database_that_holds_other_tables(pg_server: str, pg_url: str) -> None:
    import psycopg

    schema = _schema(pg_url)
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
        conn.execute(f'CREATE TABLE "{schema}".orders (id int)')
    assert fails("init", pg_url) == (
        f"Error: {pg_url}: the database holds other tables (orders); use an empty database,"
        " or another schema with --schema"
    )
    assert fails("stats", pg_url) == (
        f"Error: {pg_url}: the database holds other tables (orders), not an annotator project"
    )
    with psycopg.connect(pg_server, autocommit=True) as conn:
        tables = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s", (schema,)
        ).fetchall()
    assert tables == [("orders",)]


def _schema(url: str) -> str:
    return url.rsplit("schema=", 1)[1]


def test_init_in_a_named_schema(pg_server: str, pg_url: str) -> None:
    out = ok("init", pg_server, "--schema", _schema(pg_url)).output
    assert out == f"Created {pg_url} with 8 labels.\n"
    assert ok("stats", pg_url).output.startswith("articles: 0")
    assert fails("init", pg_url) == (
        f"Error: {pg_url}: already holds an annotator project; refusing to overwrite it"
    )
    assert fails("init", pg_server, "--schema", "Bad-Name").startswith(
        "Error: 'Bad-Name' cannot be a project's schema name: use lower-case letters"
    )


@pytest.mark.parametrize(
    "url", ["postgresql://salma:secret@db.example.org/news", "postgresql:///news?password=secret"]
)
def test_a_password_is_never_taken_on_the_command_line(url: str, tmp_path: Path) -> None:
    message = fails("init", url)
    assert message == (
        "Error: a password does not go in the project's address (it would be kept in the"
        " shell history and the recent projects): put it in ~/.pgpass or the PGPASSWORD"
        " environment variable, or type it in the app's Open dialog"
    )
    assert "secret" not in message


def test_a_copy_that_fails_leaves_no_project_behind(tmp_path: Path, pg_url: str) -> None:
    db = tmp_path / "nul.db"
    ok("init", db)
    src = tmp_path / "a.jsonl"
    src.write_text('{"id": "ok", "text": "نص"}\n{"id": "nul", "text": "a\\u0000b"}\n')
    ok("import", db, src)
    assert fails("copy", db, pg_url) == (
        "Error: article 'nul': text holds a NUL character (U+0000) at character 1, which a"
        " PostgreSQL server cannot store; remove it (a project file can hold it)"
    )
    assert fails("stats", pg_url).endswith("no annotator project there (create one with:"
                                           f" annotator init {pg_url})")  # fmt: skip


def test_backup_of_a_server_project_is_a_project_file(tmp_path: Path, pg_url: str) -> None:
    db = tmp_path / "news.db"
    _build(db)
    ok("copy", db, pg_url)
    out = tmp_path / "monday.db"
    assert ok("backup", pg_url, out).output == f"Backed up {pg_url} to {out}\n"
    with open_store(db) as a, open_store(out) as b:
        assert _tables(b) == _tables(a)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".monday")] == []
