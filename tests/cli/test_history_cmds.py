"""history and backup from the command line, on real project files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from annotator.cli.main import cli
from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn, Status
from annotator.core.store import create_store

NAME = "نائلة جبر"


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def db(tmp_path: Path, seed_text: str) -> Path:
    path = tmp_path / "news.db"
    with create_store(path, default_labels()) as store:
        with store.transaction():
            aid = store.insert_article(ArticleIn(ext_id="000_e85364defba81871", text=seed_text))
        store.via = "app"
        start = seed_text.index(NAME)
        span = store.add_span(aid, "salma", "PERS", start, start + len(NAME))
        store.relabel_span(span.id, "OCC")
        store.set_status(aid, "salma", Status.DONE, note="تم")
        store.add_span(aid, "omar", "PERS", start, start + len(NAME))
    return path


def test_history_of_one_article_and_annotator_in_words(db: Path, seed_text: str) -> None:
    result = run("history", db, "000_e85364defba81871", "--annotator", "salma")
    assert result.exit_code == 0, result.output
    s = seed_text.index(NAME)
    lines = [line.split(None, 4) for line in result.output.splitlines()]
    assert [line[1:] for line in lines] == [
        ["app", "salma", "000_e85364defba81871", f"create PERS {s}-{s + len(NAME)}"],
        ["app", "salma", "000_e85364defba81871", f"relabel PERS -> OCC {s}-{s + len(NAME)}"],
        ["app", "salma", "000_e85364defba81871", "status todo -> done"],
        ["app", "salma", "000_e85364defba81871", "note 'تم'"],
    ]


def test_history_json_is_one_object_per_line(db: Path) -> None:
    result = run("history", db, "--limit", "2", "--json")
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["actor"], r["action"], r["article"]) for r in rows] == [
        ("salma", "note", "000_e85364defba81871"),
        ("omar", "create", "000_e85364defba81871"),
    ]


def test_history_of_an_unknown_article_is_one_line(db: Path) -> None:
    result = run("history", db, "nope")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.count("\n") == 1 and "nope" in result.stderr


def test_stats_json_has_each_annotators_time_per_article(db: Path) -> None:
    data = json.loads(run("stats", db, "--json").output)
    salma = data["annotators"]["salma"]
    assert set(salma["seconds_per_article"]) == {"000_e85364defba81871"}
    assert 0 <= salma["seconds"] < 60
    assert data["annotators"]["omar"]["seconds_per_article"] == {"000_e85364defba81871": 0.0}


def test_backup_copies_an_open_project_whole(db: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(db)  # another program holds it open, its log not folded back
    conn.execute("PRAGMA journal_mode = WAL")
    out = tmp_path / "copy.db"
    result = run("backup", db, out)
    conn.close()
    assert result.exit_code == 0, result.output
    assert result.output == f"Backed up {db} to {out}\n"
    copy = sqlite3.connect(out)
    assert copy.execute("SELECT COUNT(*) FROM spans").fetchone()[0] == 2


def test_backup_onto_the_project_itself_is_refused(db: Path) -> None:
    before = db.read_bytes()
    result = run("backup", db, db)
    assert result.exit_code == 1 and "is the project itself" in result.stderr
    assert db.read_bytes() == before


def test_imports_and_merges_read_in_words(db: Path, tmp_path: Path) -> None:
    src = tmp_path / "more.jsonl"
    src.write_text('{"id": "b1", "text": "زار الوزير القاهرة"}\n', encoding="utf-8")
    assert run("import", db, src).exit_code == 0
    target = tmp_path / "team.db"
    assert run("init", target).exit_code == 0
    assert run("merge", target, db).exit_code == 0
    imported = run("history", db, "--limit", "1").output
    assert imported.split(None, 4)[4] == f"import 1 article(s), 0 span(s) from {src}\n"
    merged = run("history", target, "--limit", "1").output
    assert merged.split(None, 4)[4].startswith(f"merge from {db.resolve()}: 2 article(s),")
