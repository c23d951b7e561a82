"""``annotator check``: what is wrong with a project, one line per problem."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli.common import OPENED, PROJECT
from annotator.core.health import check_project


@click.command()
@click.argument("db", type=PROJECT)
def check(db: Path) -> None:
    """Report everything wrong with a project, one line per problem.

    Exit status 0 when there is nothing to report, 1 otherwise. It checks the file
    itself (SQLite's integrity check), spans outside their text or whose label,
    annotator or article is missing, rows pointing at missing rows, and a schema newer
    or older than this program's. The project is only read, never changed.

    \b
    Example:
        annotator check news.db
    """
    OPENED.append(str(db))  # the check opens the project itself (see core/health.py)
    report = check_project(db)
    for line in report.problems:
        click.echo(f"{db}: {line}")
    if not report.healthy:
        raise click.ClickException(f"{db}: {len(report.problems)} problem(s) found")
    click.echo(f"{db}: no problems found.")


COMMANDS = [check]
