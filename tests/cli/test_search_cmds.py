"""``annotator search``, ``suggest`` and ``proclitics``: output, JSON, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli.main import cli
from annotator.core.model import SUGGEST_ANNOTATOR
from annotator.core.store import Store, open_store

MINISTRY = "وزارة التضامن"


def _run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(seed_project: Store) -> Path:
    return seed_project.path


def test_search_prints_hits_with_context(db: Path, seed_text: str) -> None:
    code, out, _ = _run("search", db, "وزاره التضامن")
    assert code == 0
    lines = out.splitlines()
    assert lines[-1] == "4 hit(s) in 1 article(s)."
    first = seed_text.index(MINISTRY)
    assert lines[0].startswith(f"seed\t{first}-{first + len(MINISTRY)}\t…")
    assert f"[{MINISTRY}]" in lines[0]
    assert "\n" not in lines[0]


def test_search_json_offsets_are_code_points(db: Path, seed_text: str) -> None:
    code, out, _ = _run("search", db, "البرنامج مستوره", "--json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = _run("search", db, "مستوره", "--json", "--limit", "5")
    (hit,) = json.loads(out)
    assert seed_text[hit["start"] : hit["end"]] == hit["match_text"] == "مستورة"
    assert set(hit) == {
        "article_id", "ext_id", "title", "start", "end", "context_before", "match_text",
        "context_after",
    }


def test_search_limit(db: Path) -> None:
    code, out, _ = _run("search", db, MINISTRY, "--limit", "2")
    assert code == 0
    assert out.splitlines()[-1] == "2 hit(s) in 1 article(s) (the first 2; use --limit for more)."
    code, _, err = _run("search", db, MINISTRY, "--limit", "0")
    assert code == 2 and "--limit" in err


@pytest.mark.parametrize("query", ['"', "(AND", "NEAR(", "*", 'وزارة" OR "x'])
def test_search_never_fails_on_operators(db: Path, query: str) -> None:
    code, out, err = _run("search", db, query)
    assert code == 0, err
    assert out.splitlines()[-1].endswith("article(s).")


def test_search_errors_are_one_line(db: Path, tmp_path: Path) -> None:
    code, _, err = _run("search", db, "   ")
    assert code == 1 and err == "Error: nothing to search for: the search text is empty\n"
    code, _, err = _run("search", tmp_path / "missing.db", MINISTRY)
    assert code == 1 and err.startswith("Error: ") and "no such project file" in err


def test_suggest_from_gazetteer(db: Path, tmp_path: Path) -> None:
    gaz = tmp_path / "officials.tsv"
    gaz.write_text("نائلة جبر\tPERS\nمستوره\tPROGRAM\n", encoding="utf-8")
    code, out, _ = _run("suggest", db, "--gazetteer", gaz)
    assert code == 0
    assert out == "Stored 3 suggestion(s) in 1 article(s) from 2 term(s); 0 already covered.\n"
    with open_store(db) as store:
        spans = store.spans(store.article_by_ext_id("seed").id, [SUGGEST_ANNOTATOR])
    assert {s.origin for s in spans} == {"gazetteer:officials.tsv"}


def test_suggest_bad_input(db: Path, tmp_path: Path) -> None:
    gaz = tmp_path / "bad.tsv"
    gaz.write_text("نائلة جبر\tPERS\nمستوره PROGRAM\n", encoding="utf-8")
    code, _, err = _run("suggest", db, "--gazetteer", gaz)
    assert code == 1
    assert err == f"Error: {gaz}:2: expected 'term<TAB>label', got 0 tab(s)\n"
    code, _, err = _run("suggest", db)
    assert code == 2 and "exactly one of --gazetteer FILE, --from-annotator NAME, --model" in err
    code, _, err = _run("suggest", db, "--gazetteer", gaz, "--from-annotator", "salma")
    assert code == 2
    code, _, err = _run("suggest", db, "--from-annotator", "nobody")
    assert code == 1 and err == "Error: no annotator named 'nobody'\n"
    with open_store(db) as store:
        assert SUGGEST_ANNOTATOR not in store.annotators()


def test_suggest_from_annotator(db: Path) -> None:
    with open_store(db) as store:
        art = store.article_by_ext_id("seed")
        start = art.text.index("نائلة جبر")
        store.add_span(art.id, "salma", "PERS", start, start + len("نائلة جبر"))
    code, out, _ = _run("suggest", db, "--from-annotator", "salma")
    assert code == 0
    assert out == "Stored 1 suggestion(s) in 1 article(s) from 1 term(s); 1 already covered.\n"


def test_proclitics_setting(db: Path) -> None:
    code, out, _ = _run("proclitics", db)
    assert (code, out) == (0, "Proclitics (و ف ب ك ل): kept in spans; article (ال): kept.\n")
    code, out, _ = _run("proclitics", db, "--trim", "--article")
    assert out == "Proclitics (و ف ب ك ل): left out of spans; article (ال): left out.\n"
    with open_store(db) as store:
        assert store.get_setting("trim_proclitics") == "1"
        assert store.get_setting("trim_article") == "1"
    code, out, _ = _run("proclitics", db, "--keep")
    assert out == "Proclitics (و ف ب ك ل): kept in spans; article (ال): kept.\n"


def test_help_has_examples() -> None:
    for command in ("search", "suggest", "proclitics"):
        code, out, _ = _run(command, "--help")
        assert code == 0 and "Example:" in out
