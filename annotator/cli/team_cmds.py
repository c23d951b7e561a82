"""Team commands: merge annotators' files, measure agreement, look at one article's review."""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from pathlib import Path

import click

from annotator.cli.common import PROJECT, Progress, open_store, visual
from annotator.core.errors import ValidationError
from annotator.core.model import GOLD_ANNOTATOR
from annotator.core.team.adjudication import review_article
from annotator.core.team.agreement import AgreementReport, compute_agreement
from annotator.core.team.merge import merge_projects

DB = click.argument("db", type=PROJECT)


def _split(value: str | None) -> list[str] | None:
    if not value:
        return None
    return [v.strip() for v in value.split(",") if v.strip()]


def _renames(pairs: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        old, sep, new = pair.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise ValidationError(f"--rename {pair}: expected OLD=NEW")
        out[old.strip()] = new.strip()
    return out


@click.command()
@click.argument("target", type=PROJECT)
@click.argument("sources", nargs=-1, required=True, type=PROJECT)
@click.option(
    "--rename",
    "renames",
    multiple=True,
    metavar="OLD=NEW",
    help="Bring the sources' annotator OLD in as NEW (repeatable).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def merge(
    target: Path, sources: tuple[Path, ...], renames: tuple[str, ...], as_json: bool
) -> None:
    """Merge annotators' project files into TARGET, all or nothing.

    Articles match on id and text; labels, annotators, spans, statuses and notes come
    along. Merging the same file twice changes nothing. An article whose id is in TARGET
    with different text is reported and left out; an annotator name with different work
    in both files is refused unless renamed.

    \b
    Example:
        annotator merge team.db salma.db omar.db huda.db
        annotator merge team.db laptop.db --rename salma=salma_laptop
    """
    rename = _renames(renames)
    began = time.monotonic()
    with open_store(target) as store, Progress("Merging") as bar:
        report = merge_projects(store, list(sources), rename=rename, progress=bar)
    if as_json:
        summary = {"target": str(target), "changed": report.changed, **asdict(report)}
        summary["seconds"] = round(time.monotonic() - began, 3)
        click.echo(json.dumps(summary, ensure_ascii=False))
        return
    for conflict in report.conflicts:
        click.echo(f"Warning: {conflict}", err=True)
    for dropped in report.keys_dropped:
        click.echo(f"Note: label {dropped}; it has no key now", err=True)
    if not report.changed:
        click.echo(f"Nothing new to merge into {target}.")
        return
    click.echo(
        f"Merged {len(sources)} file(s) into {target}: {report.articles_added} new article(s),"
        f" {report.articles_matched} matched, {report.spans_added} span(s),"
        f" {report.statuses_set} status(es), {len(report.labels_added)} new label(s)."
    )
    if report.annotators_added:
        click.echo(f"New annotators: {', '.join(report.annotators_added)}")
    if report.conflicts:
        click.echo(f"{len(report.conflicts)} article(s) not merged (see warnings).")


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def agreement_table(rep: AgreementReport) -> str:
    """The figures for people; ``--json`` prints the same numbers."""
    scope = "all articles" if rep.all_articles else "articles both annotators marked done"
    lines = [f"Agreement of {', '.join(rep.annotators)} ({scope})", ""]
    names = [f"{p.a} ~ {p.b}" for p in rep.pairs]
    w = max([len(n) for n in names] + [len("overall (mean)")])
    lines.append(
        f"{'pair':<{w}}  {'articles':>8}  {'P':>6}  {'R':>6}  {'F1':>6}  {'partF1':>6}"
        f"  {'kappa':>6}"
    )
    for name, p in zip(names, rep.pairs, strict=True):
        f = p.micro.figures()
        lines.append(
            f"{name:<{w}}  {p.articles:>8}  {_fmt(f['precision']):>6}  {_fmt(f['recall']):>6}"
            f"  {_fmt(f['f1']):>6}  {_fmt(f['partial_f1']):>6}  {_fmt(p.kappa):>6}"
        )
    o = rep.overall
    lines.append(
        f"{'overall (mean)':<{w}}  {'':>8}  {_fmt(o['precision']):>6}  {_fmt(o['recall']):>6}"
        f"  {_fmt(o['f1']):>6}  {_fmt(o['partial_f1']):>6}  {_fmt(o['kappa']):>6}"
    )
    lines.append("")
    lines.append(
        f"Krippendorff's alpha (nominal, tokens): {_fmt(rep.alpha)} over"
        f" {rep.alpha_tokens} token(s) in {rep.alpha_articles} article(s)"
    )
    lines.append("")
    lines.append("Exact F1 per label (mean over pairs):")
    for label, value in o["per_label_f1"].items():
        lines.append(f"  {label:<12} {_fmt(value)}")
    confusion = rep.confusion
    if confusion:
        lines.append("")
        lines.append("Label confusion (overlapping spans with different labels):")
        cols = list(confusion)
        cw = max(len(c) for c in cols) + 1
        lines.append(" " * (cw + 2) + "".join(f"{c:>{cw}}" for c in cols))
        for row in cols:
            cells = "".join(f"{confusion[row].get(c, 0) or '-':>{cw}}" for c in cols)
            lines.append(f"  {row:<{cw}}{cells}")
    return "\n".join(lines)


@click.command()
@DB
@click.option("--annotators", help="Comma-separated names; default: every human annotator.")
@click.option("--labels", help="Comma-separated labels; default: all.")
@click.option(
    "--all-articles", is_flag=True, help="Count every article, not only those marked done."
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def agreement(
    db: Path, annotators: str | None, labels: str | None, all_articles: bool, as_json: bool
) -> None:
    """Inter-annotator agreement: span F1 (exact, partial), kappa, Krippendorff's alpha.

    By default a pair is compared on the articles both marked done.

    \b
    Example:
        annotator agreement team.db
        annotator agreement team.db --annotators salma,omar --labels PERS,ORG --json
    """
    with open_store(db, readonly=True) as store, Progress("Agreement") as bar:
        rep = compute_agreement(
            store,
            annotators=_split(annotators),
            labels=_split(labels),
            all_articles=all_articles,
            progress=bar,
        )
    if as_json:
        click.echo(json.dumps(rep.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(agreement_table(rep))


def _cell(text: str, width: int = 28) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@click.command()
@DB
@click.argument("article_id")
@click.option("--annotators", help="Comma-separated names; default: every human annotator.")
@click.option(
    "--visual",
    "visual_mode",
    is_flag=True,
    help="Reshape and reorder Arabic for terminals without bidi support.",
)
def review(db: Path, article_id: str, annotators: str | None, visual_mode: bool) -> None:
    """Each annotator's spans of one article side by side; * marks a disagreement.

    \b
    Example:
        annotator review team.db 000_e85364defba81871
    """
    with open_store(db, readonly=True) as store:
        art = store.article_by_ext_id(article_id)
        rev = review_article(store, art.id, _split(annotators))
    cols = [*rev.annotators, GOLD_ANNOTATOR]
    by_pos: dict[tuple[int, int], dict[str, list[str]]] = {}
    for name, spans in [*rev.spans.items(), (GOLD_ANNOTATOR, rev.gold)]:
        for sp in spans:
            by_pos.setdefault((sp.start, sp.end), {}).setdefault(name, []).append(sp.label)
    header = f"{art.ext_id}: {art.title}" if art.title else art.ext_id
    click.echo(header)
    click.echo(
        f"review: {rev.status}"
        + (f" by {rev.reviewer}" if rev.reviewer else "")
        + f"; agreement {rev.score:.2f}; disagreements {len(rev.groups)}"
        f" ({rev.open_groups} open)"
    )
    if not by_pos:
        click.echo("No spans.")
        return
    rows = []
    for (s, e), labels in sorted(by_pos.items()):
        here = [(s, e, lab) for n in rev.annotators for lab in labels.get(n, [])]
        disputed = any(len(rev.support[k]) < len(rev.annotators) for k in here)
        text = _cell(art.text[s:e])
        rows.append(
            [
                "*" if disputed else " ",
                f"{s}-{e}",
                visual(text) if visual_mode else text,
                *(",".join(labels.get(c, [])) or "·" for c in cols),
            ]
        )
    head = [" ", "start-end", "text", *cols]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    for r in [head, *rows]:
        click.echo("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())


@click.command("review-app")
@DB
@click.option("--reviewer", default="lead", show_default=True, help="Your name as reviewer.")
def review_app(db: Path, reviewer: str) -> None:
    """Open the review window: disagreements worst first, keyboard adjudication.

    \b
    Example:
        annotator review-app team.db --reviewer lead
    """
    from annotator.gui.review import run_review_app

    raise SystemExit(run_review_app(db, reviewer))


COMMANDS = [merge, agreement, review, review_app]
