"""The model in the loop (docs/model.md): score, training time, suggesting, tagging while
a model trains.

- **F1**: a project made of the Wojood sample's ``train.txt`` and ``val.txt`` (annotator
  ``wojood``), the CRF trained on all of it (no holdout), scored on ``test.txt`` read as
  the project reads it: entity-level, exact match, as seqeval computes it; the outer layer
  is the figure (the issue asks for at least 0.72), the nested layers are in the note.
- **Training**: that training's wall time (collecting the articles, features, every layer).
- **Suggesting**: 1,000 generated articles of 3,000 characters (the corpus's Wojood
  vocabulary) tagged and stored as the annotator ``model``, with the default worker pool.
- **Tag while training**: the real window (``benchmarks.model_driver``, a child process)
  tags words with Model › Train now running in its own process; the p95 is the figure,
  and the same window's p95 before the training started is the baseline.

Quick mode trains on ``val.txt`` only and suggests for 100 articles, so the smoke test
stays short; its figures say so.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from benchmarks import corpus
from benchmarks.measure import Config, Figure, median, p95, require, timed

ROOT = Path(__file__).resolve().parent.parent
WOJOOD = ROOT / "sample_data" / "wojood"
TARGET_F1 = 0.72


def figures(cfg: Config) -> list[Figure]:
    return [
        Figure("model_f1", "entity F1 on the Wojood test file, outer layer", "F1", "over",
               TARGET_F1),
        Figure("model_train", "train the tagger on Wojood train + val", "s", "under", 60.0),
        Figure("model_suggest", "suggest for 1,000 articles of 3,000 characters", "s",
               "under", 10.0),
        Figure("model_tag", "tag a span while the model trains (p95)", "ms", "under", 30.0),
    ]  # fmt: skip


def _wojood_project(path: Path, files: list[str], annotator: str, done: bool) -> Path:
    from annotator.core.formats.import_run import run_import
    from annotator.core.labels import default_labels
    from annotator.core.store import create_store

    with create_store(path, default_labels()) as store:
        run_import(store, [WOJOOD / f for f in files], annotator=annotator)
        if done:
            with store.transaction():
                for aid in store.article_ids():
                    store.set_status(aid, annotator, "done")
    return path


def _test_examples() -> list[Any]:
    from annotator.core.formats import conll
    from annotator.core.tagger.crf import Example

    out = []
    for rec in conll.read(WOJOOD / "test.txt"):
        out.append(Example(rec.item.text, list(rec.item.spans)))  # type: ignore[union-attr]
    return out


def _f1_and_training(cfg: Config, figs: dict[str, Figure]) -> Any:
    from annotator.core.store import open_store
    from annotator.core.tagger.training import Selection, evaluate, train_model

    files = ["val.txt"] if cfg.quick else ["train.txt", "val.txt"]
    db = _wojood_project(cfg.workdir / "model-wojood.db", files, "wojood", done=False)
    with open_store(db) as store:
        seconds, result = timed(
            lambda: train_model(store, Selection(("wojood",), status="all"), holdout=0.0)
        )
    reports = evaluate(result.tagger, _test_examples())
    outer = reports["outer"].micro
    fig = figs["model_f1"]
    fig.measured = outer.f1
    nested = ", ".join(
        f"{name} {rep.micro.f1:.3f} ({rep.micro.support} true)"
        for name, rep in reports.items()
        if name not in ("outer", "all")
    )
    fig.note = (
        f"P {outer.precision:.3f} R {outer.recall:.3f} on {outer.support} outer entities;"
        f" {nested}; all layers {reports['all'].micro.f1:.3f}"
        + ("; quick: trained on val.txt only" if cfg.quick else "")
    )
    fig.extra = {name: rep.as_dict() for name, rep in reports.items()}
    train = figs["model_train"]
    train.measured = seconds
    train.title = f"train the tagger on Wojood {' + '.join(f.split('.')[0] for f in files)}"
    train.note = (
        f"{result.meta['articles']} articles, {result.meta['layers']} layers,"
        f" {len(result.tagger.to_bytes()) // 1024} KB model"
    )
    return result.tagger


def _suggest(cfg: Config, figs: dict[str, Figure], tagger: Any) -> None:
    from annotator.core.labels import default_labels
    from annotator.core.model import ArticleIn
    from annotator.core.store import create_store
    from annotator.core.tagger.suggesting import suggest_with_model

    n = 100 if cfg.quick else 1000
    fig = figs["model_suggest"]
    fig.title = f"suggest for {n:,} articles of 3,000 characters"
    runs: list[float] = []
    report = None
    for k in range(max(1, min(cfg.repeats, 3))):
        with create_store(cfg.workdir / f"model-suggest-{k}.db", default_labels()) as store:
            with store.transaction():
                for i in range(n):
                    art = corpus.make_article(i, cfg.seed)
                    store.insert_article(ArticleIn(art.ext_id, art.text, art.title))
            seconds, report = timed(lambda store=store: suggest_with_model(store, tagger))
            runs.append(seconds)
    assert report is not None
    fig.measured = median(runs)
    fig.note = (
        f"median of {len(runs)}; {report.suggestions:,} suggestions stored;"
        " tagging, storing and the worker pool's start included"
    )
    fig.extra = {"runs_s": runs}


def _tag_while_training(cfg: Config, figs: dict[str, Figure]) -> None:
    from annotator.core.model import ArticleIn
    from annotator.core.store import open_store

    files = ["val.txt"] if cfg.quick else ["train.txt", "val.txt"]
    db = _wojood_project(cfg.workdir / "model-gui.db", files, "salma", done=True)
    with open_store(db) as store, store.transaction():
        for i in range(30):  # articles to tag, nobody's done yet
            art = corpus.make_article(i, cfg.seed)
            store.insert_article(ArticleIn(art.ext_id, art.text, art.title))
    count = 20 if cfg.quick else 200
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.model_driver", str(db), "salma", str(count)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        err = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"model driver failed (exit {proc.returncode}): {err}")
    r = json.loads(lines[-1])
    during = [t * 1000 for t in r["during_s"]]
    before = [t * 1000 for t in r["before_s"]]
    fig = figs["model_tag"]
    fig.measured = p95(during)
    fig.baseline = p95(before)
    fig.note = (
        f"{len(during)} tags during a {r['training_s']:.1f} s training"
        f" (median {median(during):.1f} ms); without training: p95 {fig.baseline:.1f} ms,"
        f" median {median(before):.1f} ms; training {'stored' if r['ok'] else 'FAILED'}"
    )
    fig.extra = {"during_ms": during, "before_ms": before}


def measure(cfg: Config, figs: dict[str, Figure]) -> None:
    require("annotator.core.tagger.training", "train_model")
    tagger = _f1_and_training(cfg, figs)
    _suggest(cfg, figs, tagger)
    require("annotator.gui.workspace.model_loop", "ModelLoop")
    _tag_while_training(cfg, figs)
