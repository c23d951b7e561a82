"""The export command: labeled data for training, in four formats."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from annotator.cli.common import PROJECT, Progress, open_store
from annotator.core.formats.export_run import run_export
from annotator.core.formats.registry import EXPORT_FORMATS as FORMATS


@click.command()
@click.argument("db", type=PROJECT)
@click.argument("out", type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
    help="jsonl (Prodigy/spaCy offsets), doccano, conll (nested IOB2) or hf (token tags).",
)
@click.option("--annotator", help="Export only this annotator's spans.")
@click.option("--gold", is_flag=True, help="Export the adjudicated (gold) layer.")
@click.option(
    "--status", type=click.Choice(["done", "all"]), default="done", show_default=True,
    help="done: only articles marked done (reviewed, with --gold); all: every worked-on one.",
)
@click.option("--labels", help="Comma-separated labels to export (default: all).")
@click.option("--no-text", is_flag=True, help="jsonl: leave out the article text.")
@click.option(
    "--misaligned", type=click.Choice(["expand", "drop", "error"]), default="error",
    show_default=True,
    help="conll/hf: a span off token boundaries is grown to whole tokens, left out, or"
    " stops the export with a list.",
)
def export(
    db: Path,
    out: Path,
    fmt: str,
    annotator: str | None,
    gold: bool,
    status: str,
    labels: str | None,
    no_text: bool,
    misaligned: str,
) -> None:
    """Write labeled data for training to OUT (whole, or not at all).

    By default: every annotator's spans on the articles they marked done, one record per
    article and annotator. OUT - writes to standard output (the summary then goes to
    standard error).

    \b
    Example:
        annotator export news.db train.jsonl
        annotator export news.db gold.conll --format conll --gold
        annotator export news.db train.hf.jsonl --format hf --labels PERS,ORG
        annotator export news.db - | gzip > train.jsonl.gz
    """
    if gold and annotator:
        raise click.UsageError("use --annotator or --gold, not both")
    chosen = None
    if labels is not None:
        chosen = [lab.strip() for lab in labels.split(",") if lab.strip()]
    to_stdout = str(out) == "-"
    summary_to_stderr = to_stdout or _is_stdout(out)
    with open_store(db, readonly=True) as store, Progress("Exporting") as bar:
        report = run_export(
            store,
            sys.stdout.buffer if to_stdout else out,
            fmt,
            annotator=annotator,
            gold=gold,
            status=status,
            labels=chosen,
            include_text=not no_text,
            misaligned=misaligned,
            progress=bar,
        )
    for line in report.skipped_spans + report.skipped_articles:
        click.echo(f"skipped: {line}", err=True)
    click.echo(report.summary(), err=summary_to_stderr)


def _is_stdout(out: Path) -> bool:
    """True if OUT is where standard output goes (``/dev/stdout``, ``/dev/fd/1``): the
    summary must not end up among the records."""
    try:
        return os.path.samestat(os.stat(out), os.fstat(sys.stdout.fileno()))
    except (OSError, ValueError):  # no such file; stdout not a real file (tests)
        return False


COMMANDS = [export]
