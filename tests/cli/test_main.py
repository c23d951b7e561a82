"""The command list: every command module is registered by hand and every command answers.

A frozen build (PyInstaller) only has what is imported by name in the code; these tests
pin that ``COMMAND_MODULES`` is that list and that nothing in it is skipped.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from annotator.cli import main

CLI_DIR = Path(main.__file__).parent
NOT_COMMAND_MODULES = {"__init__", "main", "common"}


def _all_commands() -> list[tuple[str, ...]]:
    """Every command path, subcommands of groups included (``labels add``)."""
    out: list[tuple[str, ...]] = []

    def walk(cmd: click.Command, path: tuple[str, ...]) -> None:
        out.append(path)
        if isinstance(cmd, click.Group):
            for name, sub in cmd.commands.items():
                walk(sub, (*path, name))

    for name, cmd in main.cli.commands.items():
        walk(cmd, (name,))
    return out


def test_every_command_module_is_listed() -> None:
    on_disk = {p.stem for p in CLI_DIR.glob("*.py")} - NOT_COMMAND_MODULES
    listed = {m.__name__.rsplit(".", 1)[1] for m in main.COMMAND_MODULES}
    assert listed == on_disk


def test_every_listed_command_is_registered() -> None:
    for module in main.COMMAND_MODULES:
        assert module.COMMANDS, f"{module.__name__} lists no commands"
        for command in module.COMMANDS:
            assert main.cli.commands.get(command.name) is command, command.name


def test_the_commands_the_docs_name_are_there() -> None:
    names = set(main.cli.commands)
    assert names == {
        "init", "check", "labels", "stats", "show", "import", "export", "merge", "agreement",
        "review", "review-app", "search", "suggest", "proclitics", "history", "backup", "copy",
        "gui", "progress", "team", "assign", "next", "checkout", "checkin", "train",
        "evaluate",
    }  # fmt: skip


@pytest.mark.parametrize("path", _all_commands(), ids=" ".join)
def test_every_command_answers_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main.cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: " in result.output and " ".join(path) in result.output



# -- errors: one line, never a traceback -------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]


def invoke(args: list[str]) -> Result:
    return CliRunner().invoke(main.cli, args, prog_name="annotator")


def _one_error_line(result: Result, code: int) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


def test_a_mistyped_command_is_an_unknown_command(tmp_path: Path) -> None:
    """Before: "Usage: annotator gui ... Got unexpected extra argument (p.db)"."""
    project = tmp_path / "p.db"
    result = invoke(["stat", str(project)])
    assert _one_error_line(result, 2) == (
        "Error: No such command 'stat'. Did you mean 'stats'? ('annotator --help' lists the"
        " commands)"
    )
    assert not project.exists()
    result = invoke(["labels", "ad", str(project), "LAW"])
    assert _one_error_line(result, 2) == (
        "Error: No such command 'ad'. Did you mean 'add'? ('annotator labels --help' lists"
        " the commands)"
    )


@pytest.mark.parametrize(
    ("word", "project"),
    [
        ("news.db", True),  # a file name, even of a file not made yet
        ("data/news", True),
        ("./news", True),
        ("postgresql://host/news", True),
        ("stat", False),
        ("exprt", False),
    ],
)
def test_what_counts_as_a_project_for_plain_annotator(word: str, project: bool) -> None:
    assert main.looks_like_project(word) is project


def test_an_existing_file_without_a_dot_is_a_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert not main.looks_like_project("news")
    (tmp_path / "news").write_bytes(b"")
    assert main.looks_like_project("news")


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["export", "p.db"], "Error: Missing argument 'OUT'. Usage: annotator export [OPTIONS]"
         " DB OUT (more: annotator export --help)"),
        (["show", "p.db", "a1", "--bogus"], "Error: No such option '--bogus'. Usage: annotator"
         " show [OPTIONS] DB ARTICLE_ID (more: annotator show --help)"),
        (["export", "p.db", "o.jsonl", "--format", "xml"], "Error: Invalid value for"
         " '--format': 'xml' is not one of 'jsonl', 'doccano', 'labelstudio', 'prodigy', 'conll',"
         " 'hf', 'spacy'. Usage: annotator export [OPTIONS] DB OUT (more: annotator export"
         " --help)"),
    ],
)  # fmt: skip
def test_usage_errors_are_one_line(args: list[str], line: str) -> None:
    """Before: three lines (usage, "Try ...", the error) for a person to read through."""
    assert _one_error_line(invoke(args), 2) == line


def test_a_bug_is_one_line_naming_the_details(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise TypeError("object of type 'int' has no len()")

    monkeypatch.setattr(main.project_cmds, "default_labels", broken)
    result = invoke(["init", "news.db"])
    line = _one_error_line(result, 1)
    prefix = f"Error: {main.BUG_MESSAGE}; please report it with the details saved in "
    assert line.startswith(prefix)
    details = Path(line.removeprefix(prefix))
    try:
        text = details.read_text(encoding="utf-8")
        assert "Traceback" in text and "object of type 'int' has no len()" in text
    finally:
        details.unlink()


def test_a_file_the_system_refuses_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", "labels.json")

    monkeypatch.setattr(main.project_cmds, "default_labels", refused)
    result = invoke(["init", "news.db"])
    assert _one_error_line(result, 1) == "Error: labels.json: permission denied"


def _big_project(path: Path) -> Path:
    from annotator.core.labels import default_labels
    from annotator.core.model import ArticleIn
    from annotator.core.store import create_store

    with create_store(path, default_labels()) as store, store.transaction():
        store.insert_article(ArticleIn(ext_id="long", text="وزارة التضامن الاجتماعي " * 20000))
    return path


def _run_into_closed_pipe(*args: str) -> subprocess.CompletedProcess[bytes]:
    """Run ``annotator ARGS | head -0``: the reader is gone before the first line."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "annotator", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    stderr = proc.stderr.read()
    proc.stderr.close()
    return subprocess.CompletedProcess(args, proc.wait(timeout=60), b"", stderr)


def test_output_cut_short_exits_1_without_a_word(tmp_path: Path) -> None:
    """``annotator show DB ID | head``: before, exit status 0 as if the whole text was read."""
    project = _big_project(tmp_path / "news.db")
    done = _run_into_closed_pipe("show", str(project), "long")
    assert (done.returncode, done.stderr) == (1, b"")


def test_a_failure_into_a_closed_pipe_still_fails(tmp_path: Path) -> None:
    done = _run_into_closed_pipe("export", str(tmp_path / "missing.db"), "out.jsonl")
    assert done.returncode == 1
    assert done.stderr.decode() == f"Error: {tmp_path / 'missing.db'}: no such project file\n"
