"""The command list: every command module is registered by hand and every command answers.

A frozen build (PyInstaller) only has what is imported by name in the code; these tests
pin that ``COMMAND_MODULES`` is that list and that nothing in it is skipped.
"""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

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
        "init", "labels", "stats", "show", "import", "export", "merge", "agreement",
        "review", "review-app", "search", "suggest", "proclitics", "history", "backup", "copy",
        "gui",
    }  # fmt: skip


@pytest.mark.parametrize("path", _all_commands(), ids=" ".join)
def test_every_command_answers_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main.cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: " in result.output and " ".join(path) in result.output

