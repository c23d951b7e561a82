"""Search commands: search, suggest, proclitics."""

from __future__ import annotations

import json
from pathlib import Path

import click

from annotator.cli.common import PROJECT, Progress, open_store
from annotator.core.assist.search import count_articles, search_corpus
from annotator.core.assist.suggest import load_gazetteer, suggest, terms_from_annotator
from annotator.core.tagger.suggesting import suggest_from
from annotator.core.text.tokens import TrimOptions, set_trim_options, trim_options

DB = click.argument("db", type=PROJECT)


def _one_line(text: str) -> str:
    return " ".join(text.split())


@click.command()
@DB
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as a JSON list.")
@click.option(
    "--limit",
    default=100,
    show_default=True,
    type=click.IntRange(min=1),
    help="Show at most this many hits.",
)
def search(db: Path, query: str, as_json: bool, limit: int) -> None:
    """Find QUERY in every article, whatever its spelling.

    Hamza forms, ى/ي, ة/ه, diacritics, tatweel and Arabic-Indic digits do not matter, and
    the text is taken literally (quotes, parentheses, AND, NEAR and * are plain text).
    Matches start a word, also after a proclitic: "تضامن" finds "والتضامن". Offsets are
    code points of the stored text, end exclusive.

    \b
    Example:
        annotator search news.db "وزارة التضامن"
        annotator search news.db "البنك العربى" --json --limit 20
    """
    with open_store(db) as store, Progress("Indexing for search") as bar:
        hits = search_corpus(store, query, limit=limit, progress=bar)
    if as_json:
        click.echo(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2))
        return
    for h in hits:
        click.echo(
            f"{h.ext_id}\t{h.start}-{h.end}\t…{_one_line(h.context_before)}"
            f" [{h.match_text}] {_one_line(h.context_after)}…"
        )
    articles = count_articles(hits)
    more = f" (the first {limit}; use --limit for more)" if len(hits) == limit else ""
    click.echo(f"{len(hits)} hit(s) in {articles} article(s){more}.")


@click.command("suggest")
@DB
@click.option(
    "--gazetteer",
    type=click.Path(dir_okay=False, path_type=Path),
    help="TSV file: one 'term<TAB>label' per line (UTF-8, # comments).",
)
@click.option("--from-annotator", "from_annotator", help="Reuse the terms this annotator tagged.")
@click.option(
    "--model",
    "use_model",
    is_flag=True,
    help="Tag the articles nobody has done yet with the trained model (annotator 'model').",
)
@click.option(
    "--spacy",
    "spacy_folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Like --model, with a spaCy pipeline saved in this folder.",
)
def suggest_cmd(
    db: Path,
    gazetteer: Path | None,
    from_annotator: str | None,
    use_model: bool,
    spacy_folder: Path | None,
) -> None:
    """Suggest spans for every occurrence of known terms, or from a trained model.

    Terms match after normalization, on whole words, also after a proclitic (annotator
    'suggest'). With --model the project's trained tagger (annotator train) pre-annotates
    every article no person has marked done, as the annotator 'model', replacing its
    earlier suggestions there. Annotators accept or reject suggestions in the app;
    accepting makes them their own.

    \b
    Example:
        annotator suggest news.db --gazetteer officials.tsv
        annotator suggest news.db --from-annotator salma
        annotator suggest news.db --model
    """
    given = [gazetteer is not None, from_annotator is not None, use_model, bool(spacy_folder)]
    if sum(given) != 1:
        raise click.UsageError(
            "give exactly one of --gazetteer FILE, --from-annotator NAME, --model or --spacy DIR"
        )
    if use_model or spacy_folder:
        with open_store(db) as store, Progress("Suggesting") as bar:
            model_report = suggest_from(store, spacy_folder=spacy_folder, progress=bar)
        click.echo(f"Stored {model_report.summary()}.")
        return
    with open_store(db) as store, Progress("Suggesting") as bar:
        if gazetteer is not None:
            terms = load_gazetteer(gazetteer, [lab.name for lab in store.labels()])
            origin = f"gazetteer:{gazetteer.name}"
        else:
            assert from_annotator is not None
            terms = terms_from_annotator(store, from_annotator)
            origin = f"annotator:{from_annotator}"
        report = suggest(store, terms, origin=origin, source_annotator=from_annotator, progress=bar)
    click.echo(f"Stored {report.summary()}.")


@click.command()
@DB
@click.option(
    "--trim/--keep",
    "trim",
    default=None,
    help="Leave leading proclitics (و ف ب ك ل) out of spans, or keep them (the default).",
)
@click.option(
    "--article/--no-article",
    "article",
    default=None,
    help="With --trim: also leave out the article ال / لل.",
)
def proclitics(db: Path, trim: bool | None, article: bool | None) -> None:
    """Show or set whether snapping and tag-all leave proclitics out of spans.

    \b
    Example:
        annotator proclitics news.db
        annotator proclitics news.db --trim --article
    """
    with open_store(db) as store:
        current = trim_options(store)
        if trim is not None or article is not None:
            current = TrimOptions(
                proclitics=current.proclitics if trim is None else trim,
                article=current.article if article is None else article,
            )
            set_trim_options(store, current)
    state = "left out of spans" if current.proclitics else "kept in spans"
    art = "left out" if current.proclitics and current.article else "kept"
    click.echo(f"Proclitics (و ف ب ك ل): {state}; article (ال): {art}.")


COMMANDS = [search, suggest_cmd, proclitics]
