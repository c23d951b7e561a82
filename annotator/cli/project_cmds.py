"""Project commands: init, labels, stats, show."""

from __future__ import annotations

import json
from pathlib import Path

import click

from annotator.cli.common import PROJECT, open_store, visual
from annotator.core.errors import ValidationError
from annotator.core.labels import add_label, default_labels, edit_label, load_label_file
from annotator.core.store import create_store
from annotator.core.text.render import mark_spans

DB = click.argument("db", type=PROJECT)


@click.command()
@DB
@click.option(
    "--labels",
    "labels_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="JSON label list; default: the Arabic news label set.",
)
@click.option(
    "--schema",
    help="On a PostgreSQL server: the schema to create the project in (default: public).",
)
def init(db: str | Path, labels_file: Path | None, schema: str | None) -> None:
    """Create a new, empty project: a file, or the tables in a PostgreSQL database.

    \b
    Example:
        annotator init news.db
        annotator init news.db --labels my_labels.json
        annotator init postgresql://salma@db.example.org/news
        annotator init postgresql://salma@db.example.org/shared --schema news2026
    """
    labels = load_label_file(labels_file) if labels_file else default_labels()
    try:
        with create_store(db, labels, schema=schema) as store:
            where = store.location
    except ValidationError as exc:  # a label of the file; the store removed the new project
        raise ValidationError(f"{labels_file or 'labels'}: {exc}; no project was created") from None
    click.echo(f"Created {where} with {len(labels)} labels.")


@click.group()
def labels() -> None:
    """List and edit the project's labels.

    \b
    Example:
        annotator labels list news.db
        annotator labels add news.db LAW --display-name قانون --key 9
    """


@labels.command("list")
@DB
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def labels_list(db: Path, as_json: bool) -> None:
    """List labels with their key, color and span count."""
    with open_store(db, readonly=True) as store:
        rows = [
            {
                "name": lab.name,
                "display_name": lab.display_name,
                "color": lab.color,
                "shortcut": lab.shortcut,
                "guideline": lab.guideline,
                "spans": store.label_usage(lab.name),
            }
            for lab in store.labels()
        ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rows:
        key = r["shortcut"] or "-"
        click.echo(f"{key:>2}  {r['name']:<12} {r['color']}  {r['spans']:>7}  {r['display_name']}")


def _label_options(fn):  # type: ignore[no-untyped-def]
    fn = click.option("--display-name", help="Name shown to annotators (Arabic allowed).")(fn)
    fn = click.option("--color", help="Background color, e.g. #ffd6a5.")(fn)
    fn = click.option("--key", "shortcut", help="One keyboard key (1-9, a-z).")(fn)
    fn = click.option("--guideline", help="One-line guideline shown as a tooltip.")(fn)
    return fn


@labels.command("add")
@DB
@click.argument("name")
@_label_options
def labels_add(db: Path, name: str, **fields: str | None) -> None:
    """Add a label."""
    with open_store(db) as store:
        label = add_label(store, name, **{k: v for k, v in fields.items() if v is not None})
    click.echo(f"Added label {label.name}.")


@labels.command("edit")
@DB
@click.argument("name")
@click.option("--rename", help="New name (the key in exports).")
@_label_options
def labels_edit(db: Path, name: str, rename: str | None, **fields: str | None) -> None:
    """Change a label's name, display name, color, key or guideline."""
    changes = {k: v for k, v in fields.items() if v is not None}
    if rename:
        changes["name"] = rename
    with open_store(db) as store:
        label = edit_label(store, name, **changes)
    click.echo(f"Updated label {label.name}.")


@labels.command("remove")
@DB
@click.argument("name")
@click.option("--force", is_flag=True, help="Also delete the spans that use it.")
def labels_remove(db: Path, name: str, force: bool) -> None:
    """Remove a label (refused while spans use it, unless --force)."""
    with open_store(db) as store:
        removed = store.remove_label(name, force=force)
    click.echo(f"Removed label {name}" + (f" and {removed} span(s)." if removed else "."))


@labels.command("import")
@DB
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def labels_import(db: Path, file: Path) -> None:
    """Add the labels of a JSON file; existing labels are updated."""
    specs = load_label_file(file)
    with open_store(db) as store, store.transaction():
        existing = {lab.name for lab in store.labels()}
        for spec in specs:
            if spec["name"] in existing:
                store.update_label(spec["name"], **{k: v for k, v in spec.items() if k != "name"})
            else:
                add_label(store, **spec)
    click.echo(f"Imported {len(specs)} label(s) from {file}.")


@click.command()
@DB
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stats(db: Path, as_json: bool) -> None:
    """Articles, each annotator's progress and spans per label.

    \b
    Example:
        annotator stats news.db --json
    """
    with open_store(db, readonly=True) as store:
        data = store.stats()
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"articles: {data['articles']}")
    click.echo(f"spans:    {data['spans']}")
    for name, info in data["annotators"].items():
        st = info["status"]
        click.echo(
            f"annotator {name}: {info['spans']} spans; done {st['done']}, in progress"
            f" {st['in_progress']}, skipped {st['skipped']}, todo {st['todo']}"
        )
    click.echo("spans per label:")
    for label, n in data["spans_per_label"].items():
        click.echo(f"  {label:<12} {n}")


@click.command()
@DB
@click.argument("article_id")
@click.option("--annotator", "annotators", multiple=True, help="Only this annotator's spans.")
@click.option(
    "--visual",
    "visual_mode",
    is_flag=True,
    help="Reshape and reorder Arabic for terminals without bidi support.",
)
def show(db: Path, article_id: str, annotators: tuple[str, ...], visual_mode: bool) -> None:
    """Print an article with its spans marked as [words|LABEL].

    \b
    Example:
        annotator show news.db 000_e85364defba81871 --annotator import
    """
    with open_store(db, readonly=True) as store:
        art = store.article_by_ext_id(article_id)
        known = set(store.annotators())
        for name in annotators:
            if name not in known:
                raise ValidationError(f"no annotator named {name!r} in {db}")
        spans = store.spans(art.id, list(annotators) if annotators else None)
    several = len({s.annotator for s in spans}) > 1
    header = f"{art.ext_id}: {art.title}" if art.title else art.ext_id
    body = mark_spans(art.text, spans, with_annotator=several)
    out = f"{header}\n\n{body}"
    click.echo(visual(out) if visual_mode else out)
    click.echo(f"\n{len(spans)} span(s)" + (f" by {', '.join(annotators)}" if annotators else ""))


COMMANDS = [init, labels, stats, show]
