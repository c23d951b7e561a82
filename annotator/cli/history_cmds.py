"""``annotator history`` (what changed, who, when, from where) and ``annotator backup`` (a
safe copy of a project, even one open in the app)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from annotator.cli.common import PROJECT, open_store
from annotator.core.model import HistoryEvent
from annotator.core.store import same_project

DB = click.argument("db", type=PROJECT)


def _describe(e: HistoryEvent) -> str:
    """One line for a person: the change in words, with its details."""
    d = e.detail
    where = f" {d['start']}-{d['end']}" if "start" in d else ""
    match e.action:
        case "create" | "delete":
            return f"{e.action} {d.get('label')}{where}"
        case "relabel":
            return f"relabel {d.get('old_label')} -> {d.get('label')}{where}"
        case "move":
            return f"move {d.get('label')} {d.get('old_start')}-{d.get('old_end')} ->{where}"
        case "status":
            return f"status {d.get('old')} -> {d.get('new')}"
        case "note":
            return f"note {d.get('note')!r}"
        case "import":
            return (
                f"import {d.get('articles_added')} article(s), {d.get('spans_added')} span(s)"
                f" from {', '.join(d.get('files', []))}"
            )
        case "merge":
            return (
                f"merge from {d.get('source')}: {d.get('articles_added')} article(s),"
                f" {d.get('spans_added')} span(s), {d.get('statuses_set')} status(es)"
            )
        case _:
            rest = ", ".join(f"{k}={v}" for k, v in sorted(d.items()))
            return f"{e.action} {rest}".rstrip()


@click.command()
@DB
@click.argument("article_id", required=False)
@click.option("--annotator", help="Only changes to this annotator's work.")
@click.option("--limit", type=click.IntRange(min=1), help="Only the newest N changes.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def history(
    db: Path, article_id: str | None, annotator: str | None, limit: int | None, as_json: bool
) -> None:
    """Every recorded change, oldest first: when, from where, whose work, what.

    \b
    Example:
        annotator history news.db 000_e85364defba81871 --annotator salma
    """
    with open_store(db, readonly=True) as store:
        aid = store.article_by_ext_id(article_id).id if article_id else None
        ext: dict[int, str] = {}
        for e in store.history(aid, annotator, limit=limit):
            if e.article_id is not None and e.article_id not in ext:
                ext[e.article_id] = article_id or store.article(e.article_id).ext_id
            art = ext.get(e.article_id, "") if e.article_id is not None else ""
            if as_json:
                row = {**asdict(e), "article": art or None}
                click.echo(json.dumps(row, ensure_ascii=False))
            else:
                who = e.actor or "-"
                click.echo(f"{e.at}  {e.via:<6} {who:<12} {art or '-':<24} {_describe(e)}")


@click.command()
@DB
@click.argument("out", type=click.Path(path_type=Path))
def backup(db: Path, out: Path) -> None:
    """Copy a project safely, even while it is open in the app.

    The copy holds every saved change (a plain file copy of an open project may miss the
    newest ones, which wait in the DB-wal file beside it) and is written whole or not at all.
    A project on a server is backed up into a project file.

    \b
    Example:
        annotator backup news.db news-monday.db
    """
    if out.exists() and same_project(out, db):
        raise click.ClickException(f"{out}: is the project itself; give another name")
    with open_store(db, readonly=True) as store:
        store.backup_to(out)
    click.echo(f"Backed up {db} to {out}")


COMMANDS = [history, backup]
