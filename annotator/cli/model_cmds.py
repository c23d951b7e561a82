"""The model in the loop: train, evaluate (suggest --model is in search_cmds.py)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from annotator.cli.common import PROJECT, Progress, open_store
from annotator.core.tagger.evaluation import format_table
from annotator.core.tagger.suggesting import DEFAULT_MODEL
from annotator.core.tagger.training import Selection, evaluate_on, train_and_save

DB = click.argument("db", type=PROJECT)


def _selection(annotators: str | None, gold: bool, status: str) -> Selection:
    if annotators and gold:
        raise click.UsageError("give --annotators NAMES or --gold, not both")
    names = tuple(a.strip() for a in (annotators or "").split(",") if a.strip())
    return Selection(names, gold, status)


def _select_options(fn):  # type: ignore[no-untyped-def]
    fn = click.option(
        "--status",
        type=click.Choice(["done", "all"]),
        default="done",
        show_default=True,
        help="Learn from articles marked done, or from all worked-on ones.",
    )(fn)
    fn = click.option("--gold", is_flag=True, help="Use the adjudicated gold layer.")(fn)
    fn = click.option("--annotators", help="Comma-separated names (default: every person's work).")(
        fn
    )
    return fn


@click.command()
@DB
@_select_options
@click.option(
    "--holdout",
    type=click.FloatRange(0, 1, max_open=True),
    default=0.1,
    show_default=True,
    help="Fraction of the articles held out and scored (0: train on all).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Which articles are held out.")
@click.option("--name", default=DEFAULT_MODEL, show_default=True, help="Store the model under.")
@click.option("--json", "as_json", is_flag=True, help="Print the model's metadata as JSON.")
def train(
    db: Path,
    annotators: str | None,
    gold: bool,
    status: str,
    holdout: float,
    seed: int,
    name: str,
    as_json: bool,
) -> None:
    """Train the project's entity tagger (a CRF per nesting layer) on its own work.

    The model is stored in the project with what it learned from and its scores on the
    held-out articles (entity-level, exact match, as seqeval computes them).

    \b
    Example:
        annotator train news.db --annotators salma,ali --holdout 0.1 --seed 1
        annotator train news.db --gold --json
    """
    selection = _selection(annotators, gold, status)
    with open_store(db) as store, Progress("Training") as bar:
        result = train_and_save(
            store, selection, name=name, holdout=holdout, seed=seed, progress=bar
        )
    meta = result.meta
    if as_json:
        click.echo(json.dumps(meta, ensure_ascii=False, indent=2))
        return
    click.echo(
        f"Trained '{name}' on {meta['articles']} article(s) of {', '.join(meta['annotators'])}"
        f" ({meta['layers']} layer(s)) in {meta['seconds']} s."
    )
    if result.reports:
        click.echo(f"Scores on {meta['holdout_articles']} held-out article(s):")
        click.echo(format_table(result.reports))
    else:
        click.echo("No article held out, so no scores (use --holdout).")


@click.command()
@DB
@_select_options
@click.option("--model", "model", default=DEFAULT_MODEL, show_default=True, help="Stored model.")
@click.option(
    "--spacy",
    "spacy_folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Score a spaCy pipeline saved in this folder instead.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def evaluate_cmd(
    db: Path,
    annotators: str | None,
    gold: bool,
    status: str,
    model: str,
    spacy_folder: Path | None,
    as_json: bool,
) -> None:
    """Score a model against the chosen annotations (entity-level, exact match).

    \b
    Example:
        annotator evaluate news.db --gold
        annotator evaluate news.db --annotators salma --spacy ./my-pipeline --json
    """
    selection = _selection(annotators, gold, status)
    with open_store(db) as store:
        articles, reports = evaluate_on(
            store, selection, model_name=model, spacy_folder=spacy_folder
        )
    if as_json:
        out = {k: r.as_dict() for k, r in reports.items()}
        click.echo(json.dumps({"articles": articles, "scores": out}, indent=2))
        return
    click.echo(f"Scores on {articles} article(s):")
    click.echo(format_table(reports))


evaluate_cmd.name = "evaluate"

COMMANDS = [train, evaluate_cmd]
