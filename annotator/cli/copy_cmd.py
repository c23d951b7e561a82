"""``annotator copy``: a whole project from one place to another (a file to a server and
back), every span, status, note and history entry with its id."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli.common import PROJECT, Progress
from annotator.core.store.copy import copy_project


@click.command()
@click.argument("source", type=PROJECT)
@click.argument("destination", type=PROJECT)
@click.option(
    "--schema",
    help="On a PostgreSQL server: the schema to create the copy in (default: public).",
)
def copy(source: str | Path, destination: str | Path, schema: str | None) -> None:
    """Copy a whole project to a new one: a file to a server, a server to a file.

    Everything comes along with its ids: articles, labels, annotators, spans, statuses,
    notes, reviews, the history and the project's identity (merge knows the copy as the
    same project). The destination must not exist yet (a file) or hold nothing (a
    database or schema); a failed copy leaves nothing behind. The source may stay open in
    the app meanwhile: the copy is one state of it.

    \b
    Example:
        annotator copy news.db postgresql://salma@db.example.org/news
        annotator copy postgresql://salma@db.example.org/news news-backup.db
    """
    with Progress("Copying") as bar:
        report = copy_project(source, destination, schema=schema, progress=bar)
    rows = report.rows
    click.echo(
        f"Copied {report.source} to {report.destination}: {rows.get('articles', 0)}"
        f" article(s), {rows.get('spans', 0)} span(s), {rows.get('article_status', 0)}"
        f" status(es) and note(s), {rows.get('history', 0)} history entries."
    )


COMMANDS = [copy]
