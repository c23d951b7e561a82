"""init, labels, stats and show from the command line, on real project files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import fails, ok

from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn
from annotator.core.store import open_store

NAME = "نائلة جبر"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "news.db"
    ok("init", path)
    return path


@pytest.fixture
def tagged(db: Path, seed_text: str) -> Path:
    """The seed article with نائلة جبر tagged PERS by salma."""
    with open_store(db) as store:
        with store.transaction():
            aid = store.insert_article(ArticleIn(ext_id="seed", text=seed_text, title="التضامن"))
        start = seed_text.index(NAME)
        store.add_span(aid, "salma", "PERS", start, start + len(NAME))
        store.set_status(aid, "salma", "done")
    return db


def labels_of(db: Path) -> list[dict[str, object]]:
    return json.loads(ok("labels", "list", db, "--json").output)


def test_init_without_labels_uses_the_default_set(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    assert ok("init", path).output == f"Created {path} with 8 labels.\n"
    got = labels_of(path)
    assert [lab["name"] for lab in got] == [lab["name"] for lab in default_labels()]
    assert got[0]["display_name"] == "شخص" and got[0]["shortcut"] == "1"


def test_init_with_labels_file_and_refusals(tmp_path: Path) -> None:
    spec = tmp_path / "labels.json"
    spec.write_text(
        json.dumps([{"name": "LAW", "display_name": "قانون", "shortcut": "q"}], ensure_ascii=False),
        encoding="utf-8",
    )
    path = tmp_path / "a.db"
    ok("init", path, "--labels", spec)
    assert [(x["name"], x["display_name"], x["shortcut"]) for x in labels_of(path)] == [
        ("LAW", "قانون", "q")
    ]
    assert fails("init", path) == f"Error: {path}: already exists; refusing to overwrite it"
    bad = tmp_path / "bad.json"
    bad.write_text('[{"name": "A"}, {"nam": "B"}]', encoding="utf-8")
    other = tmp_path / "b.db"
    assert fails("init", other, "--labels", bad) == f'Error: {bad}: label 2: needs a "name" string'
    assert not other.exists()


@pytest.mark.parametrize(
    ("spec", "problem"),
    [
        ('{"name": "PERS", "shortcut": 5}', "label 'PERS': shortcut must be text, not 5"),
        ('{"name": "PERS", "display_name": ["شخص"]}',
         "label 'PERS': display_name must be text, not ['شخص']"),
    ],
)  # fmt: skip
def test_init_with_a_wrongly_typed_label_leaves_nothing(
    tmp_path: Path, spec: str, problem: str
) -> None:
    """Before: a traceback or a database error, and an empty project left behind, so the
    retry said "already exists"."""
    labels = tmp_path / "labels.json"
    labels.write_text(f'[{{"name": "ORG"}}, {spec}]', encoding="utf-8")
    path = tmp_path / "news.db"
    assert fails("init", path, "--labels", labels) == (
        f"Error: {labels}: {problem}; no project was created"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["labels.json"]
    labels.write_text('[{"name": "ORG"}, {"name": "PERS", "shortcut": "5"}]', encoding="utf-8")
    assert ok("init", path, "--labels", labels).output == f"Created {path} with 2 labels.\n"


def test_labels_add_edit_list(db: Path) -> None:
    ok("labels", "add", db, "LAW", "--display-name", "قانون", "--key", "9", "--color", "#eeeeee")
    ok("labels", "edit", db, "LAW", "--rename", "LEGAL", "--guideline", "اسم قانون")
    law = labels_of(db)[-1]
    assert law == {
        "name": "LEGAL",
        "display_name": "قانون",
        "color": "#eeeeee",
        "shortcut": "9",
        "guideline": "اسم قانون",
        "spans": 0,
    }
    text = ok("labels", "list", db).output.splitlines()
    assert text[0].split()[:3] == ["1", "PERS", "#ffd6a5"] and text[-1].endswith("قانون")
    assert fails("labels", "add", db, "X", "--key", "1") == (
        "Error: label 'X': key '1' is already used"
    )
    assert fails("labels", "add", db, "PERS") == "Error: label 'PERS' already exists"
    assert fails("labels", "edit", db, "NOPE", "--color", "#000000") == (
        "Error: no label named 'NOPE'"
    )


def test_label_names_are_trimmed_and_one_line(db: Path) -> None:
    """ "PERS " is PERS (refused), " LAW " is LAW, a name with a line break or tab is refused."""
    before = labels_of(db)
    assert fails("labels", "add", db, "PERS ") == "Error: label 'PERS' already exists"
    assert fails("labels", "add", db, "LA\nW") == (
        "Error: label name 'LA\\nW' holds a line break; a label name is one line of text"
        " without tabs or control characters"
    )
    assert fails("labels", "edit", db, "PERS", "--rename", " ORG") == (
        "Error: label 'ORG' already exists"
    )
    assert labels_of(db) == before
    assert ok("labels", "add", db, " LAW ").output == "Added label LAW.\n"
    assert ok("labels", "edit", db, "LAW", "--rename", " LEGAL ").output == (
        "Updated label LEGAL.\n"
    )
    assert [x["name"] for x in labels_of(db)][-1] == "LEGAL"


def test_labels_remove_refused_while_used_unless_forced(tagged: Path) -> None:
    assert fails("labels", "remove", tagged, "PERS") == (
        "Error: label 'PERS' is used by 1 span(s); use --force"
    )
    assert labels_of(tagged)[0]["spans"] == 1
    assert ok("labels", "remove", tagged, "DATE").output == "Removed label DATE.\n"
    assert ok("labels", "remove", tagged, "PERS", "--force").output == (
        "Removed label PERS and 1 span(s).\n"
    )
    assert "PERS" not in [x["name"] for x in labels_of(tagged)]
    assert json.loads(ok("stats", tagged, "--json").output)["spans"] == 0


def test_labels_import_adds_and_updates(db: Path, tmp_path: Path) -> None:
    spec = tmp_path / "more.json"
    spec.write_text(
        json.dumps(
            {
                "labels": [
                    {"name": "PERS", "display_name": "اسم شخص"},
                    {"name": "LAW", "color": "#123456"},
                ]
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    assert ok("labels", "import", db, spec).output == f"Imported 2 label(s) from {spec}.\n"
    by_name = {x["name"]: x for x in labels_of(db)}
    assert by_name["PERS"]["display_name"] == "اسم شخص" and by_name["PERS"]["shortcut"] == "1"
    assert by_name["LAW"]["color"] == "#123456" and len(by_name) == 9
    broken = tmp_path / "broken.json"
    broken.write_text("[{", encoding="utf-8")
    assert fails("labels", "import", db, broken).startswith(f"Error: {broken}:1: not valid JSON")
    assert len(labels_of(db)) == 9


def test_stats_json_and_text(tagged: Path) -> None:
    data = json.loads(ok("stats", tagged, "--json").output)
    assert data["articles"] == 1 and data["spans"] == 1
    assert data["spans_per_label"]["PERS"] == 1 and data["spans_per_label"]["ORG"] == 0
    assert data["annotators"]["salma"]["status"] == {
        "todo": 0,
        "in_progress": 0,
        "done": 1,
        "skipped": 0,
    }
    text = ok("stats", tagged).output
    assert "articles: 1" in text
    assert "annotator salma: 1 spans; done 1, in progress 0, skipped 0, todo 0" in text


def test_show_marks_the_span(tagged: Path, seed_text: str) -> None:
    out = ok("show", tagged, "seed").output
    start = seed_text.index(NAME)
    body = seed_text[:start] + f"[{NAME}|PERS]" + seed_text[start + len(NAME) :]
    assert out == f"seed: التضامن\n\n{body}\n\n1 span(s)\n"
    assert "[نائلة جبر|PERS]" in ok("show", tagged, "seed", "--annotator", "salma").output
    assert ok("show", tagged, "seed").output.count("[") == seed_text.count("[") + 1


def test_show_visual_reshapes_arabic(tagged: Path) -> None:
    out = ok("show", tagged, "seed", "--visual").output
    assert NAME not in out  # reordered, and shaped into presentation forms
    assert any("\ufe70" <= ch <= "\ufeff" for ch in out)
    assert "|PERS]" in out or "[PERS|" in out
    assert out.rstrip().endswith("1 span(s)")


def test_show_errors(tagged: Path) -> None:
    assert fails("show", tagged, "nope") == "Error: no article with id 'nope'"
    assert fails("show", tagged, "seed", "--annotator", "omar") == (
        f"Error: no annotator named 'omar' in {tagged}"
    )


@pytest.mark.parametrize(
    "command", [["stats", "{db}"], ["labels", "list", "{db}"], ["show", "{db}", "seed"]]
)
def test_missing_file_and_not_a_project(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "missing.db"
    assert fails(*[c.format(db=missing) for c in command]) == (
        f"Error: {missing}: no such project file"
    )
    assert not missing.exists()
    fake = tmp_path / "fake.db"
    fake.write_text("just text", encoding="utf-8")
    assert fails(*[c.format(db=fake) for c in command]) == (
        f"Error: {fake}: not a SQLite database, not an annotator project"
    )
    assert fake.read_text(encoding="utf-8") == "just text"


def test_every_command_has_an_example() -> None:
    for command in (["init"], ["labels"], ["stats"], ["show"]):
        assert "Example:" in ok(*command, "--help").output
