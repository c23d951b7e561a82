"""``annotator progress``: each annotator's progress, as a team lead follows it."""

from __future__ import annotations

import json
from pathlib import Path

import click

from annotator.cli.common import PROJECT, Progress, open_store
from annotator.core.team.progress import ProgressReport, compute_progress


def _num(value: float | None, digits: int) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def progress_table(rep: ProgressReport) -> str:
    """The figures for people; ``--json`` prints the same numbers."""
    lines = [f"Progress on {rep.articles} article(s), today being {rep.day}", ""]
    if not rep.annotators:
        lines.append("No annotator has worked on the project yet.")
        return "\n".join(lines)
    w = max([len(a.name) for a in rep.annotators] + [len("annotator")])
    lines.append(
        f"{'annotator':<{w}}  {'done':>6}  {'today':>6}  {'in progress':>11}"
        f"  {'median s':>8}  {'shared':>6}  {'F1':>6}"
    )
    for a in rep.annotators:
        lines.append(
            f"{a.name:<{w}}  {a.done:>6}  {a.done_today:>6}  {a.in_progress:>11}"
            f"  {_num(a.median_seconds, 1):>8}  {a.shared:>6}  {_num(a.agreement, 3):>6}"
        )
    lines.append("")
    lines.append(
        "median s: median seconds per done article (from the history); shared: done"
        " articles someone else did too; F1: exact span agreement with them there."
    )
    return "\n".join(lines)


@click.command()
@click.argument("db", type=PROJECT)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def progress(db: Path, as_json: bool) -> None:
    """Each annotator's progress: done today and in total, articles in progress, median
    time per article, and agreement so far with the others on shared articles.

    \b
    Example:
        annotator progress team.db
        annotator progress postgresql://lead@server/news --json
    """
    with open_store(db, readonly=True) as store, Progress("Progress") as bar:
        rep = compute_progress(store, progress=bar)
    if as_json:
        click.echo(json.dumps(rep.to_dict(), ensure_ascii=False))
    else:
        click.echo(progress_table(rep))


COMMANDS = [progress]
