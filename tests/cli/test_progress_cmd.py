"""``annotator progress``: the table, the same figures as JSON, on a file and a server."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from team_data import at

from annotator.cli.main import cli
from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn, Status
from annotator.core.store import create_store

TEXT = "التقى أحمد حسن بوزير الخارجية في القاهرة أمس."


def make_project(target: str | Path) -> str:
    with create_store(target, default_labels()) as store:
        with store.transaction():
            aid = store.insert_article(ArticleIn(ext_id="a1", text=TEXT))
        for who, label in (("salma", "PERS"), ("omar", "PERS"), ("huda", "ORG")):
            store.add_span(aid, who, label, *at(TEXT, "أحمد حسن"))
            store.set_status(aid, who, Status.DONE)
        return store.location


def test_progress_as_json_and_as_a_table(new_target: str | Path) -> None:
    location = make_project(new_target)
    runner = CliRunner()
    done = runner.invoke(cli, ["progress", location, "--json"])
    assert done.exit_code == 0, done.output
    figures = json.loads(done.output)
    assert figures["articles"] == 1
    rows = {a["name"]: a for a in figures["annotators"]}
    assert list(rows) == ["salma", "omar", "huda"]
    assert [rows[n]["done"] for n in rows] == [1, 1, 1]
    assert [rows[n]["done_today"] for n in rows] == [1, 1, 1]
    # salma agrees with omar (1.0) and not with huda (0.0): 0.5 each; huda 0.0
    assert [rows[n]["agreement"] for n in rows] == [0.5, 0.5, 0.0]
    table = runner.invoke(cli, ["progress", location])
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert lines[0] == f"Progress on 1 article(s), today being {figures['day']}"
    assert lines[3].split() == ["salma", "1", "1", "0", "n/a", "1", "0.500"]
    assert lines[5].split() == ["huda", "1", "1", "0", "n/a", "1", "0.000"]


def test_progress_of_a_project_that_is_not_there_is_one_line(tmp_path: Path) -> None:
    done = CliRunner().invoke(cli, ["progress", str(tmp_path / "missing.db")])
    assert done.exit_code == 1
    assert done.output.startswith("Error: ") and done.output.count("\n") == 1
    assert not (tmp_path / "missing.db").exists()
