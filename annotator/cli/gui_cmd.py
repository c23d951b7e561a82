"""``annotator gui``: the only command that loads Qt, and only when it runs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from annotator.cli.common import PROJECT


def display_problem() -> str | None:
    """Why Qt could not open a window here, if that can be told without loading Qt.

    Qt aborts the whole process (no exception to catch) when no platform plugin loads.
    """
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return (
            "no display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset);"
            " run it in a desktop session, or set QT_QPA_PLATFORM=offscreen for scripts"
        )
    return None


@click.command()
@click.argument("db", required=False, type=PROJECT)
@click.option("--annotator", help="Your annotator name (asked once and remembered if omitted).")
def gui(db: Path | None, annotator: str | None) -> None:
    """Open the desktop app, optionally on a project (a file or a server URL).

    \b
    Example:
        annotator gui news.db --annotator salma
        annotator news.db
    """
    problem = display_problem()
    if problem:
        raise click.ClickException(problem)
    from annotator.gui.app import run

    raise SystemExit(run(db, annotator))


COMMANDS = [gui]
