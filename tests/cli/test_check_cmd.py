"""``annotator check``, and the commands that meet the same problems refusing in its words.

A project edited by hand (``damage_data``): check prints one line per problem and exits 1;
export, show and merge, which used to drop such a span without a word (or stop with
``KeyError``), refuse with check's line and name the command to run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from damage_data import edit_by_hand, healthy_project, project_with_version

from annotator.cli.main import cli
from annotator.core.labels import default_labels
from annotator.core.store import open_store
from annotator.core.store.sqlite.schema import CURRENT_VERSION


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def no_gpe(tmp_path: Path) -> Path:
    """salma's GPE span (span 2, فيينا in article a1) lost its label row."""
    path = healthy_project(tmp_path / "news.db")
    edit_by_hand(path, "DELETE FROM labels WHERE name = 'GPE'")
    return path


def _check_line(path: Path) -> str:
    gpe = [lab["name"] for lab in default_labels()].index("GPE") + 1  # its row id
    return (
        f"{path}: span 2 (article a1, annotator salma, characters 33-38): its label"
        f" (row {gpe}) is missing"
    )


def test_a_healthy_project(tmp_path: Path) -> None:
    path = healthy_project(tmp_path / "news.db")
    result = run("check", path)
    assert result.exit_code == 0
    assert (result.stdout, result.stderr) == (f"{path}: no problems found.\n", "")


def test_one_line_per_problem_and_exit_1(no_gpe: Path) -> None:
    result = run("check", no_gpe)
    assert result.exit_code == 1
    assert result.stdout == _check_line(no_gpe) + "\n"
    assert result.stderr == f"Error: {no_gpe}: 1 problem(s) found\n"


def test_several_problems(tmp_path: Path) -> None:
    path = edit_by_hand(
        healthy_project(tmp_path / "news.db"), "DELETE FROM annotators WHERE name = 'salma'"
    )
    result = run("check", path)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}: span 1 (article a1, label ORG, characters 6-29): its annotator (row 1) is"
        " missing",
        f"{path}: span 2 (article a1, label GPE, characters 33-38): its annotator (row 1) is"
        " missing",
        f"{path}: span 3 (article a2, label PERS, characters 8-17): its annotator (row 1) is"
        " missing",
        f"{path}: 2 status row(s) point to an annotator that is missing",
    ]
    assert result.stderr == f"Error: {path}: 4 problem(s) found\n"


def test_a_newer_project(tmp_path: Path) -> None:
    path = project_with_version(tmp_path / "news.db", CURRENT_VERSION + 1)
    result = run("check", path)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{path}: written by a newer annotator (schema {CURRENT_VERSION + 1}, this one knows"
        f" up to {CURRENT_VERSION}); upgrade annotator to open it\n"
    )


def test_not_a_project(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("وزارة التضامن الاجتماعي", encoding="utf-8")
    result = run("check", text)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"Error: {text}: not a SQLite database, not an annotator project\n"


# -- other commands refuse in check's words ----------------------------------------------


def _refusal(path: Path) -> str:
    return f"Error: {_check_line(path)}; run annotator check {path}\n"


@pytest.mark.parametrize("fmt", ["jsonl", "conll", "hf", "doccano"])
def test_export_refuses_a_span_whose_label_is_gone(no_gpe: Path, fmt: str) -> None:
    """Before: a traceback (``KeyError: 6``)."""
    out = no_gpe.parent / f"train.{fmt}"
    result = run("export", no_gpe, out, "--format", fmt)
    assert result.exit_code == 1
    assert result.stderr == _refusal(no_gpe)
    assert sorted(p.name for p in no_gpe.parent.iterdir() if "train" in p.name) == []


def test_show_refuses_instead_of_leaving_the_span_out(no_gpe: Path) -> None:
    """Before: the article printed with one span fewer, and "1 span(s)"."""
    result = run("show", no_gpe, "a1")
    assert result.exit_code == 1
    assert (result.stdout, result.stderr) == ("", _refusal(no_gpe))
    assert run("show", no_gpe, "a2").exit_code == 0  # the sound article still shows


def test_merge_refuses_and_the_target_is_unchanged(no_gpe: Path, tmp_path: Path) -> None:
    """Before: merged without the span, saying nothing."""
    target = tmp_path / "team.db"
    assert run("init", target).exit_code == 0
    result = run("merge", target, no_gpe)
    assert result.exit_code == 1
    assert result.stderr == _refusal(no_gpe)
    with open_store(target, readonly=True) as store:
        assert (store.article_count(), store.annotators()) == (0, [])


def test_check_changes_nothing(no_gpe: Path) -> None:
    before = no_gpe.read_bytes()
    run("check", no_gpe)
    assert no_gpe.read_bytes() == before


def test_help_has_an_example() -> None:
    result = run("check", "--help")
    assert result.exit_code == 0
    assert "Example:\n      annotator check news.db" in result.output
