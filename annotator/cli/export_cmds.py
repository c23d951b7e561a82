"""The export command: labeled data for training and for other annotation tools."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from annotator.cli.common import PROJECT, Progress, open_store
from annotator.core.formats.conll import STYLES
from annotator.core.formats.export_run import run_export
from annotator.core.formats.hf import UNITS as HF_UNITS
from annotator.core.formats.registry import EXPORT_FORMATS as FORMATS
from annotator.core.formats.registry import export_format_for
from annotator.core.formats.spans_in import UNITS


@click.command()
@click.argument("db", type=PROJECT)
@click.argument("out", type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default=None,
    help="jsonl (with annotators, statuses, notes), doccano, labelstudio, prodigy, conll"
    " (IOB2), hf (token tags) or spacy (DocBin). Default: by OUT's ending (.spacy,"
    " .conll, .hf.jsonl, .doccano.jsonl, .prodigy.jsonl, .labelstudio.json), else jsonl.",
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
    help="conll/hf/spacy/prodigy: a span off token boundaries is grown to whole tokens,"
    " left out, or stops the export with a list.",
)
@click.option(
    "--offsets", type=click.Choice(UNITS),
    help="jsonl/doccano/labelstudio/prodigy: unit of the offsets (default: doccano utf16,"
    " the others codepoints).",
)
@click.option("--span-key", help="spacy: the doc.spans key that holds every span (default sc).")
@click.option(
    "--unit", type=click.Choice(HF_UNITS),
    help="hf: one row per article (default) or per sentence (a line of the text).",
)
@click.option(
    "--max-tokens", type=click.IntRange(min=1),
    help="hf: cut rows to at most N tokens, never inside a span.",
)
@click.option(
    "--style", type=click.Choice(STYLES),
    help="conll: wojood (default; a tag column per nesting layer) or plain (token and the"
    " outer layer's tag).",
)
@click.option(
    "--no-comments", is_flag=True,
    help="conll wojood: leave out the '# id =' and '# annotator =' lines.",
)
@click.option(
    "--split", metavar="NAME=SHARE,...",
    help="One file per split, no article in two: e.g. train=0.8,validation=0.1,test=0.1.",
)
@click.option("--seed", type=int, help="With --split: the shuffle's seed (default 0).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def export(
    db: Path,
    out: Path,
    fmt: str | None,
    annotator: str | None,
    gold: bool,
    status: str,
    labels: str | None,
    no_text: bool,
    misaligned: str,
    offsets: str | None,
    span_key: str | None,
    unit: str | None,
    max_tokens: int | None,
    style: str | None,
    no_comments: bool,
    split: str | None,
    seed: int | None,
    as_json: bool,
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
        annotator export news.db ner.hf.jsonl --format hf --unit sentence \\
            --split train=0.8,validation=0.1,test=0.1 --seed 1
        annotator export news.db train.spacy --format spacy
        annotator export news.db - | gzip > train.jsonl.gz
    """
    if gold and annotator:
        raise click.UsageError("use --annotator or --gold, not both")
    chosen = None
    if labels is not None:
        chosen = [lab.strip() for lab in labels.split(",") if lab.strip()]
    if fmt is None:
        fmt = export_format_for(out.name)
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
            offsets=offsets,
            span_key=span_key,
            unit=unit,
            max_tokens=max_tokens,
            style=style,
            comments=not no_comments,
            split=split,
            seed=seed,
            progress=bar,
        )
    if as_json:
        click.echo(json.dumps(report.as_json(), ensure_ascii=False), err=summary_to_stderr)
        return
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
