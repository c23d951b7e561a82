"""Entry point: the ``annotator`` command group and its error handling.

Commands live in modules by subject (``project_cmds``, ``import_cmds`` ...), each listing
its commands in ``COMMANDS``; ``COMMAND_MODULES`` below names the modules. Each command
opens the project, calls one core function and prints its result. Expected failures
(``AnnotatorError``) become one line on stderr with exit code 1; click's usage errors keep
exit code 2; nothing prints a traceback.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

import click
from click_default_group import DefaultGroup

from annotator import __version__
from annotator.cli import (
    copy_cmd,
    export_cmds,
    gui_cmd,
    history_cmds,
    import_cmds,
    project_cmds,
    search_cmds,
    team_cmds,
)
from annotator.cli.common import OPENED
from annotator.core.errors import AnnotatorError
from annotator.core.store import DATABASE_ERRORS


class AnnotatorGroup(DefaultGroup):
    """Runs plain ``annotator [DB]`` as ``annotator gui [DB]`` and reports errors cleanly."""

    def invoke(self, ctx: click.Context) -> Any:
        OPENED.clear()  # one process may run several commands (tests, scripts)
        try:
            return super().invoke(ctx)
        except AnnotatorError as exc:
            raise click.ClickException(str(exc)) from None
        except DATABASE_ERRORS as exc:
            where = ", ".join(str(p) for p in dict.fromkeys(OPENED)) or "the project"
            hint = " (the file may be damaged: restore a backup)" if "malformed" in str(
                exc
            ) else ""
            raise click.ClickException(f"{where}: database error: {exc}{hint}") from None
        except KeyboardInterrupt:
            click.echo("Interrupted; nothing was half-written.", err=True)
            sys.exit(130)
        except BrokenPipeError:
            sys.exit(0)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        # ``annotator project.db`` means ``annotator gui project.db``.
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args.insert(0, self.default_cmd_name)
        return super().resolve_command(ctx, args)


@click.group(cls=AnnotatorGroup, default="gui", default_if_no_args=True)
@click.version_option(__version__, prog_name="annotator")
def cli() -> None:
    """Tag spans in Arabic news articles and turn them into training data.

    \b
    Example:
        annotator init news.db
        annotator import news.db articles.jsonl
        annotator news.db            # open the desktop app
    """


#: Every command module, listed by hand: nothing is looked up by name at run time, so a
#: frozen build (PyInstaller) has every command. A new module goes here and lists its
#: commands in ``COMMANDS``; tests/cli/test_main.py checks each one answers ``--help``.
COMMAND_MODULES: tuple[ModuleType, ...] = (
    project_cmds,
    import_cmds,
    export_cmds,
    team_cmds,
    search_cmds,
    history_cmds,
    copy_cmd,
    gui_cmd,
)

for _module in COMMAND_MODULES:
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    cli(prog_name="annotator")
