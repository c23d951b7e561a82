"""``annotator gui``: the only command that loads Qt, and only when it runs."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("db", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--annotator", help="Your annotator name (asked once and remembered if omitted).")
def gui(db: Path | None, annotator: str | None) -> None:
    """Open the desktop app, optionally on a project file.

    \b
    Example:
        annotator gui news.db --annotator salma
        annotator news.db
    """
    from annotator.gui.app import run

    raise SystemExit(run(db, annotator))


COMMANDS = [gui]
