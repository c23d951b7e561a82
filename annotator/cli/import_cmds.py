"""The ``import`` command: a corpus into a project, all or nothing."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from annotator.cli.common import PROJECT, Progress, open_store
from annotator.core.formats.import_batch import ON_EXISTING
from annotator.core.formats.import_run import ImportFailed, ImportReport, run_import
from annotator.core.formats.registry import IMPORT_FORMATS as FORMATS
from annotator.core.formats.spans_in import UNITS

#: How many duplicate lines the summary lists before "... and N more".
SHOW_DUPLICATES = 10


@click.command("import")
@click.argument("db", type=PROJECT)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", *FORMATS]),
    default="auto",
    show_default=True,
    help="Input format; auto guesses from the name (and, for .txt and JSON, the content).",
)
@click.option(
    "--annotator",
    help="Whose the spans and statuses in the input are, over any names the file gives"
    " (default: the file's names, else import).",
)
@click.option(
    "--on-existing",
    type=click.Choice(ON_EXISTING),
    default="add",
    show_default=True,
    help="A record of an article the project has: add its spans and status, skip it, or"
    " refuse it.",
)
@click.option(
    "--offsets",
    type=click.Choice(UNITS),
    help="Unit of the file's character offsets (default: the format's; doccano utf16,"
    " the others codepoints).",
)
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Import the good records; write the bad ones to <input>.rejects.jsonl.",
)
@click.option(
    "--rejects",
    type=click.Path(path_type=Path),
    help="With --skip-invalid: write the bad records here (needed when reading from -).",
)
@click.option(
    "--encoding",
    help="Text files without a byte-order mark are in this encoding (default UTF-8),"
    " e.g. windows-1256.",
)
@click.option(
    "--strict-labels", is_flag=True, help="Refuse spans whose label the project does not have."
)
@click.option("--table", help="SQLite: the table to read (needed if there are several).")
@click.option("--text-column", default="text", show_default=True, help="CSV/SQLite text column.")
@click.option("--id-column", default="id", show_default=True, help="CSV/SQLite id column.")
@click.option(
    "--title-column", default="title", show_default=True, help="CSV/SQLite title column."
)
@click.option(
    "--sentences-per-article",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="CoNLL: how many sentences make one article.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def import_(
    db: Path,
    files: tuple[Path, ...],
    fmt: str,
    annotator: str | None,
    on_existing: str,
    offsets: str | None,
    skip_invalid: bool,
    rejects: Path | None,
    encoding: str | None,
    strict_labels: bool,
    table: str | None,
    text_column: str,
    id_column: str,
    title_column: str,
    sentences_per_article: int,
    as_json: bool,
) -> None:
    """Import articles (and their pre-annotations) into a project.

    Formats: JSONL, doccano, Label Studio, Prodigy, CSV, a table of an SQLite database,
    .txt files or a folder of them, nested CoNLL. Spans, statuses and notes go under the
    annotator each record names; a record of an article the project has adds its work
    to it. By default one bad record imports nothing and lists every bad record as
    file:line: reason. A FILE named - is standard input.

    \b
    Example:
        annotator import news.db articles.jsonl
        annotator import news.db scraper.db --table posts --text-column body \\
            --title-column headline
        annotator import news.db wojood/test.txt --format conll --annotator wojood
        annotator import news.db excel.csv --encoding windows-1256
        annotator import news.db project.labelstudio.json
        annotator import news.db model.jsonl --annotator model-v2
        scraper --jsonl | annotator import news.db - --format jsonl
    """
    with open_store(db) as store, Progress("Importing") as progress:
        try:
            report = run_import(
                store,
                files,
                fmt,
                annotator=annotator,
                on_existing=on_existing,
                offsets=offsets,
                skip_invalid=skip_invalid,
                rejects=rejects,
                encoding=encoding,
                stdin=sys.stdin.buffer if any(str(f) == "-" for f in files) else None,
                strict_labels=strict_labels,
                text_column=text_column,
                id_column=id_column,
                title_column=title_column,
                table=table,
                sentences_per_article=sentences_per_article,
                progress=progress,
            )
        except ImportFailed as exc:
            progress.close()
            if as_json:
                click.echo(json.dumps({"imported": False, **exc.report.as_json()},
                                      ensure_ascii=False))  # fmt: skip
            _print_failure(exc.report)
            raise click.exceptions.Exit(1) from None
    if as_json:
        click.echo(json.dumps({"imported": True, **report.as_json()}, ensure_ascii=False))
        return
    _print_summary(report)


def _print_failure(report: ImportReport) -> None:
    n = len(report.rejected)
    click.echo(f"Error: import failed, nothing was imported: {n} bad record(s):", err=True)
    for r in report.rejected:
        click.echo(f"  {r}", err=True)
    if report.encoding_hint:
        click.echo(f"{report.encoding_hint[0].upper()}{report.encoding_hint[1:]}.", err=True)
    click.echo("Fix them, or use --skip-invalid to import the good records.", err=True)


def _print_summary(report: ImportReport) -> None:
    click.echo(
        f"Imported {report.articles_added} article(s) and {report.spans_added} span(s)"
        f" from {', '.join(report.files)}."
    )
    if report.duplicates:
        click.echo(f"Skipped {len(report.duplicates)} duplicate(s):")
        _echo_first(report.duplicates)
    if report.skipped:
        click.echo(f"Skipped {len(report.skipped)} record(s) their file marks as not to use:")
        _echo_first(report.skipped)
    if report.labels_added:
        click.echo(f"Added label(s): {', '.join(report.labels_added)}")
    if report.rejected:
        click.echo(f"Rejected {len(report.rejected)} record(s), written to {report.rejects_path}:")
        _echo_first(report.rejected)
        if report.encoding_hint:
            click.echo(f"{report.encoding_hint[0].upper()}{report.encoding_hint[1:]}.")
    more = report.extra(with_skipped=False)
    if more:
        click.echo("; ".join(more) + ".")
    if report.annotators not in ([], ["import"]):
        click.echo(f"Annotators: {', '.join(report.annotators)}")


def _echo_first(items: Sequence[object]) -> None:
    """The first ``SHOW_DUPLICATES`` items, indented, then how many more there are."""
    for item in items[:SHOW_DUPLICATES]:
        click.echo(f"  {item}")
    if len(items) > SHOW_DUPLICATES:
        click.echo(f"  ... and {len(items) - SHOW_DUPLICATES} more")


COMMANDS = [import_]
