"""Team work on a server project: database users and roles (``team``), workload
assignment (``assign``, ``next``), and working offline (``checkout``, ``checkin``)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from datetime import timedelta
from pathlib import Path

import click

from annotator.cli.common import PROJECT, open_store
from annotator.core.team.assignment import DEFAULT_LEASE, assign_static, next_article
from annotator.core.team.members import add_member, list_members, remove_member
from annotator.core.team.offline import checkin, checkout

DB = click.argument("db", type=PROJECT)
#: Where scripts (and tests) give a new user's password instead of typing it.
PASSWORD_ENV = "ANNOTATOR_NEW_PASSWORD"


def _split(value: str | None) -> list[str] | None:
    if not value:
        return None
    return [v.strip() for v in value.split(",") if v.strip()]


@click.group()
def team() -> None:
    """The database users of a server project and their roles.

    An annotator reads the articles and labels and only their own work; a reviewer reads
    everyone's and writes the gold layer; a lead manages labels, users, imports and
    assignment. The server enforces it (row-level security), for psql too.

    \b
    Example:
        annotator team add-user postgresql://lead@db.example.org/news salma --role annotator
        annotator team list postgresql://lead@db.example.org/news
        annotator team remove postgresql://lead@db.example.org/news salma
    """


@team.command("add-user")
@DB
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(["annotator", "reviewer", "lead"]),
    required=True,
    help="What the user may do.",
)
@click.option("--login", help="The database user's name, if not NAME.")
@click.option(
    "--no-password",
    is_flag=True,
    help="Set no password (the server authenticates otherwise: certificates, peer...).",
)
def team_add_user(db: str, name: str, role: str, login: str | None, no_password: bool) -> None:
    """Make NAME a database user of the project with a role (again: change the role).

    The password is asked on the terminal (twice), or taken from the
    ANNOTATOR_NEW_PASSWORD environment variable; it is never an option, which would be
    kept in the shell history. The first user sets up the project's roles: run it as the
    owner of the project, with the right to create roles.
    """
    password: str | None = None
    if not no_password:
        password = os.environ.get(PASSWORD_ENV) or click.prompt(
            f"Password for {login or name}", hide_input=True, confirmation_prompt=True, err=True
        )
    with open_store(db) as store:
        member = add_member(store, name, role, password, login=login)
    click.echo(f"{member.annotator} works on {db} as database user {member.login} ({role}).")


@team.command("list")
@DB
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def team_list(db: str, as_json: bool) -> None:
    """List the team's database users, their annotator names and roles."""
    with open_store(db, readonly=True) as store:
        members = list_members(store)
    if as_json:
        click.echo(json.dumps([asdict(m) for m in members], ensure_ascii=False))
        return
    if not members:
        click.echo("No team members yet (annotator team add-user).")
    for m in members:
        missing = "" if m.can_log_in else "  (the login role is gone from the server)"
        click.echo(f"{m.annotator}\t{m.login}\t{m.role}{missing}")


@team.command("remove")
@DB
@click.argument("name")
def team_remove(db: str, name: str) -> None:
    """Take NAME's rights on the project away; their work stays in it."""
    with open_store(db) as store:
        member = remove_member(store, name)
    dropped = (
        "; the database user was dropped"
        if not member.can_log_in
        else "; the database user stays (it belongs to another project)"
    )
    click.echo(f"Removed {member.annotator} from the team{dropped}.")


@click.command()
@DB
@click.option(
    "--per-article", "per_article", type=int, required=True, help="Annotators per article (K)."
)
@click.option("--annotators", help="Comma-separated names (default: the team's annotators).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def assign(db: str, per_article: int, annotators: str | None, as_json: bool) -> None:
    """Give each article to K annotators, balanced (static assignment).

    Annotators then see only their articles. Running it again adds only what is
    missing (new articles, a larger K).

    \b
    Example:
        annotator assign postgresql://lead@db.example.org/news --per-article 2
        annotator assign news.db --per-article 1 --annotators salma,omar
    """
    with open_store(db) as store:
        report = assign_static(store, per_article, _split(annotators))
    if as_json:
        click.echo(json.dumps(asdict(report), ensure_ascii=False))
        return
    load = ", ".join(f"{n} {c}" for n, c in report.per_annotator.items())
    click.echo(
        f"Assigned {report.added} article(s) to {len(report.annotators)} annotators ({load})."
    )


@click.command("next")
@DB
@click.option("--annotator", required=True, help="Who asks for work.")
@click.option(
    "--per-article",
    "per_article",
    type=int,
    default=1,
    show_default=True,
    help="Annotators per article (K).",
)
@click.option(
    "--lease",
    "lease_minutes",
    type=float,
    default=DEFAULT_LEASE.total_seconds() / 60,
    show_default=True,
    help="Minutes of idleness after which the article goes back.",
)
def next_cmd(db: str, annotator: str, per_article: int, lease_minutes: float) -> None:
    """Take the next article to annotate (dynamic assignment) and print its id.

    It is an article that fewer than K annotators have done or are working on, which
    ANNOTATOR has not done; it stays theirs while they work on it.

    \b
    Example:
        annotator next postgresql://salma@db.example.org/news --annotator salma --per-article 3
    """
    with open_store(db) as store:
        article = next_article(
            store, annotator, per_article, lease=timedelta(minutes=lease_minutes)
        )
        if article is None:
            click.echo(f"No article left for {annotator}.")
            return
        art = store.article(article)
    click.echo(f"{art.ext_id}\t{art.title}")


@click.command("checkout")
@DB
@click.argument("local", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--annotator", required=True, help="Whose assigned articles to take.")
@click.option("--n", "limit", type=int, help="At most this many articles.")
def checkout_cmd(db: str, local: Path, annotator: str, limit: int | None) -> None:
    """Take ANNOTATOR's unfinished assigned articles into a new project file LOCAL.

    \b
    Example:
        annotator checkout postgresql://salma@db.example.org/news trip.db --annotator salma --n 50
    """
    with open_store(db, readonly=True) as store:
        report = checkout(store, local, annotator, limit)
    click.echo(
        f"Checked out {report.articles} article(s) with {report.spans} span(s) of"
        f" {annotator} to {local}; bring the work back with: annotator checkin {local} {db}"
    )


@click.command("checkin")
@click.argument(
    "checked_out", metavar="LOCAL", type=click.Path(dir_okay=False, path_type=Path, exists=True)
)
@DB
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def checkin_cmd(checked_out: Path, db: str, as_json: bool) -> None:
    """Bring the work done in the checked-out file LOCAL back to the project.

    Idempotent; the newer status or note wins; conflicts are reported and nothing is
    lost (the file keeps its side).

    \b
    Example:
        annotator checkin trip.db postgresql://salma@db.example.org/news
    """
    with open_store(db) as store:
        report = checkin(checked_out, store)
    if as_json:
        click.echo(json.dumps({**asdict(report), "changed": report.changed}, ensure_ascii=False))
        return
    for conflict in report.conflicts:
        click.echo(f"Warning: {conflict}", err=True)
    if not report.changed:
        click.echo(f"Nothing new to check in from {checked_out}.")
        return
    click.echo(
        f"Checked in {checked_out}: {report.spans_added} span(s) added, {report.spans_removed}"
        f" removed, {report.statuses_set} status(es) set on {report.articles} article(s)."
    )


COMMANDS = [team, assign, next_cmd, checkout_cmd, checkin_cmd]
