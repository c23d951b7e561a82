"""Entry point: the ``annotator`` command group and its error handling.

Commands live in modules by subject (``project_cmds``, ``import_cmds`` ...), each listing
its commands in ``COMMANDS``; ``COMMAND_MODULES`` below names the modules. Each command
opens the project, calls one core function and prints its result.

Nothing prints a traceback (docs/reliability.md, tests/cli/test_error_matrix.py):

- expected failures (``AnnotatorError``) and database errors: one line, exit code 1;
- usage errors (a missing argument, an unknown command or option): one line, exit code 2;
- a file the system refuses (``OSError``: permission, read-only disk...): one line, exit 1;
- stdout closed early (``annotator ... | head``): no message, exit code 1, which is what
  click does for its own output; the output was cut short, so a script must not take it
  for a whole result;
- anything else is a bug: one line naming a file that holds the details, exit code 1.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from pathlib import Path
from types import ModuleType
from typing import Any

import click
from click_default_group import DefaultGroup

from annotator import __version__
from annotator.cli import (
    check_cmd,
    copy_cmd,
    export_cmds,
    gui_cmd,
    history_cmds,
    import_cmds,
    model_cmds,
    progress_cmd,
    project_cmds,
    search_cmds,
    server_team_cmds,
    team_cmds,
)
from annotator.cli.common import OPENED
from annotator.core.errors import AnnotatorError
from annotator.core.store import DATABASE_ERRORS

#: The first words of the message shown for a bug; the error matrix test looks for it.
BUG_MESSAGE = "annotator stopped on an internal problem"


def looks_like_project(word: str) -> bool:
    """Whether ``annotator WORD`` names a project to open rather than a mistyped command.

    An existing file or folder, a path (``./news``, ``data/news``), a file name with an
    extension (``news.db``, even one not created yet, so that the app can say it is
    missing) or a server address (``postgresql://...``). A bare word such as ``stat`` is
    none of these, and is reported as an unknown command.
    """
    return "://" in word or "/" in word or os.sep in word or "." in word or Path(word).exists()


def one_line(exc: click.UsageError) -> click.UsageError:
    """The usage error as one line: the message, then the usage and where help is."""
    ctx = exc.ctx
    text = exc.format_message()
    if ctx is not None and isinstance(exc, click.exceptions.NoSuchCommand):
        text = f"{text} ('{ctx.command_path} --help' lists the commands)"
    elif ctx is not None:
        usage = " ".join(ctx.get_usage().split())
        text = f"{text} {usage} (more: {ctx.command_path} --help)"
    short = click.UsageError(text)
    short.exit_code = exc.exit_code
    return short


def _bug_report(exc: BaseException) -> str:
    """Write the traceback to a file for a bug report; the sentence naming that file."""
    details = "".join(traceback.format_exception(exc))
    try:
        fd, name = tempfile.mkstemp(prefix="annotator-error-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as fh:
            fh.write(f"annotator {__version__}\n{' '.join(sys.argv)}\n\n{details}")
    except OSError:
        return "please report it with the command you ran"
    return f"please report it with the details saved in {name}"


class AnnotatorGroup(DefaultGroup):
    """Runs plain ``annotator [DB]`` as ``annotator gui [DB]`` and reports errors cleanly."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            raise one_line(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        OPENED.clear()  # one process may run several commands (tests, scripts)
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise one_line(exc) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
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
            raise  # click's main exits 1 without a word (see the module docstring)
        except OSError as exc:
            raise click.ClickException(_os_error(exc)) from None
        except Exception as exc:
            raise click.ClickException(f"{BUG_MESSAGE}; {_bug_report(exc)}") from None

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        # ``annotator project.db`` means ``annotator gui project.db``; ``annotator stat``
        # is a mistyped command, reported as such (with "did you mean" when one is close).
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            if not looks_like_project(args[0]):
                raise click.exceptions.NoSuchCommand(
                    args[0], possibilities=list(self.commands), ctx=ctx
                )
            args.insert(0, self.default_cmd_name)
        return super().resolve_command(ctx, args)


def _os_error(exc: OSError) -> str:
    """A file the system refused, in one line: which file and why."""
    reason = exc.strerror or str(exc)
    reason = reason[:1].lower() + reason[1:]
    if exc.filename is None:
        return reason
    return f"{exc.filename}: {reason}"


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
    check_cmd,
    import_cmds,
    export_cmds,
    team_cmds,
    server_team_cmds,
    search_cmds,
    model_cmds,
    history_cmds,
    copy_cmd,
    progress_cmd,
    gui_cmd,
)

for _module in COMMAND_MODULES:
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    cli(prog_name="annotator")
