"""Training a tagger from a project's own work, and scoring it on a held-out split.

Which work to learn from is a ``Selection``: some annotators' articles (``--annotators
a,b``; each article is learned once, from the first of them who has it), or the gold
layer (``--gold``); only articles marked done (the default) or all worked-on ones. A
holdout fraction of those articles, drawn with a seed, is kept out of training and scored
(``evaluate``), so the figures say how the model does on articles it has not seen.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.model import GOLD_ANNOTATOR, AnnotatorKind
from annotator.core.store import Store
from annotator.core.tagger import crf
from annotator.core.tagger.crf import CrfTagger, Example
from annotator.core.tagger.evaluation import Report, report, report_from_sets
from annotator.core.tagger.features import Lexicon, build_lexicon
from annotator.core.tagger.interface import Tagger

Progress = Callable[[int, int], None]
LAYER_NAMES = ("outer", "nested 1", "nested 2", "nested 3")


@dataclass(frozen=True, slots=True)
class Selection:
    """Whose articles to learn from."""

    annotators: tuple[str, ...] = ()  # empty: every person (not import, suggest, gold)
    gold: bool = False
    status: str = "done"  # "done" or "all"

    def names(self, store: Store) -> list[str]:
        if self.gold:
            return [GOLD_ANNOTATOR]
        if self.annotators:
            known = set(store.annotators())
            missing = [a for a in self.annotators if a not in known]
            if missing:
                raise ValidationError(f"no annotator {missing[0]!r} in this project")
            return list(self.annotators)
        kinds = store.annotator_kinds()
        return [n for n in store.annotators() if kinds.get(n) == AnnotatorKind.HUMAN]


@dataclass(slots=True)
class TrainResult:
    tagger: CrfTagger
    meta: dict[str, Any]
    reports: dict[str, Report] = field(default_factory=dict)


def collect(store: Store, selection: Selection) -> list[tuple[int, Example]]:
    """(article id, example) for each article the selection covers, in corpus order."""
    if selection.status not in ("done", "all"):
        raise ValidationError(f"--status must be done or all, not {selection.status!r}")
    names = selection.names(store)
    if not names:
        raise ValidationError("nobody has annotated anything in this project yet")
    if selection.status == "done":
        done = store.done_by(names)
        owner = {aid: next(n for n in names if n in who) for aid, who in done.items()}
    else:
        owner = {}
    ids = sorted(owner) if selection.status == "done" else store.annotated_article_ids(names)
    spans = store.spans_for_articles(ids, names) if ids else {}
    out: list[tuple[int, Example]] = []
    for art in store.iter_articles(ids):
        mine = spans.get(art.id, [])
        who = owner.get(art.id) or next(
            (n for n in names if any(s.annotator == n for s in mine)), names[0]
        )
        own = [(s.start, s.end, s.label) for s in mine if s.annotator == who]
        out.append((art.id, Example(art.text, own)))
    if not out:
        what = "marked done" if selection.status == "done" else "annotated"
        raise ValidationError(f"no article {what} by {', '.join(names)}: nothing to learn from")
    return out


def split(
    items: Sequence[tuple[int, Example]], holdout: float, seed: int
) -> tuple[list[tuple[int, Example]], list[tuple[int, Example]]]:
    """(train, held out): a seeded random ``holdout`` fraction of the articles held out."""
    if not 0 <= holdout < 1:
        raise ValidationError(f"--holdout must be at least 0 and below 1, not {holdout}")
    order = list(range(len(items)))
    random.Random(seed).shuffle(order)
    n_out = round(len(items) * holdout)
    if holdout and len(items) >= 2:
        n_out = max(1, min(n_out, len(items) - 1))
    out_idx = set(order[:n_out])
    train = [it for i, it in enumerate(items) if i not in out_idx]
    held = [it for i, it in enumerate(items) if i in out_idx]
    return train, held


def lexicon_of(examples: Sequence[Example]) -> Lexicon:
    """The project's own entity lexicon: the words of the examples' spans."""
    return build_lexicon((ex.text[s:e], lab) for ex in examples for s, e, lab in ex.spans)


def evaluate(tagger: Tagger, examples: Sequence[Example]) -> dict[str, Report]:
    """Scores per nesting layer ("outer" first) and over all spans ("all"), exact match.

    Gold and predicted spans alike become IOB2 tags over the project's tokens, layer by
    layer, and are scored as seqeval scores tag sequences.
    """
    predicted = [[(s.start, s.end, s.label) for s in tagger.tag(ex.text).spans] for ex in examples]
    depth = 1
    for ex, pred in zip(examples, predicted, strict=True):
        depth = max(depth, len(crf.layers(ex.spans)), len(crf.layers(pred)))
    depth = min(depth, len(LAYER_NAMES))
    y_true: list[list[list[str]]] = [[] for _ in range(depth)]
    y_pred: list[list[list[str]]] = [[] for _ in range(depth)]
    all_true: set[tuple[str, int, int, int]] = set()
    all_pred: set[tuple[str, int, int, int]] = set()
    for n, (ex, pred) in enumerate(zip(examples, predicted, strict=True)):
        for gold_line, pred_line in zip(
            crf.layer_tags(ex.text, ex.spans, depth),
            crf.layer_tags(ex.text, pred, depth),
            strict=True,
        ):
            for k in range(depth):
                y_true[k].append(gold_line[k])
                y_pred[k].append(pred_line[k])
        all_true.update((lab, n, s, e) for s, e, lab in ex.spans)
        all_pred.update((lab, n, s, e) for s, e, lab in pred)
    out = {LAYER_NAMES[k]: report(y_true[k], y_pred[k]) for k in range(depth)}
    out["all"] = report_from_sets(all_true, all_pred)
    return out


def train_model(
    store: Store,
    selection: Selection,
    *,
    holdout: float = 0.0,
    seed: int = 0,
    progress: Progress | None = None,
    params: dict[str, Any] | None = None,
) -> TrainResult:
    """Train a CRF on the selection (less the holdout), score it on the holdout."""
    began = time.perf_counter()
    items = collect(store, selection)
    train_items, held = split(items, holdout, seed)
    examples = [ex for _, ex in train_items]
    labels = [lab.name for lab in store.labels()]
    tagger = crf.train(examples, labels, lexicon_of, progress, params)
    reports = evaluate(tagger, [ex for _, ex in held]) if held else {}
    meta: dict[str, Any] = {
        "kind": "crf",
        "annotators": selection.names(store),
        "gold": selection.gold,
        "status": selection.status,
        "articles": len(train_items),
        "holdout_articles": len(held),
        "holdout": holdout,
        "seed": seed,
        "labels": sorted({lab for ex in examples for _, _, lab in ex.spans}),
        "layers": tagger.depth,
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - began, 1),
        "scores": {name: rep.as_dict() for name, rep in reports.items()},
        "f1": round(reports["outer"].micro.f1, 4) if reports else None,
    }
    return TrainResult(tagger, meta, reports)


def save_trained(store: Store, result: TrainResult, name: str) -> None:
    """Store the model with its metadata (replacing the one of that name) and record it."""
    with store.transaction():
        store.save_model(name, result.tagger.to_bytes(), result.meta)
        store.record_event(
            "train",
            detail={
                "model": name,
                "articles": result.meta["articles"],
                "f1": result.meta["f1"],
                "annotators": result.meta["annotators"],
            },
        )


def train_and_save(
    store: Store,
    selection: Selection,
    *,
    name: str,
    holdout: float = 0.0,
    seed: int = 0,
    progress: Progress | None = None,
) -> TrainResult:
    """``train_model`` then ``save_trained``: what ``annotator train`` and the app run."""
    result = train_model(store, selection, holdout=holdout, seed=seed, progress=progress)
    save_trained(store, result, name)
    return result


def evaluate_on(
    store: Store,
    selection: Selection,
    *,
    model_name: str = "crf",
    spacy_folder: str | os.PathLike[str] | None = None,
) -> tuple[int, dict[str, Report]]:
    """Score the stored model (or a spaCy pipeline) on every article of the selection."""
    tagger: Tagger
    if spacy_folder is not None:
        from annotator.core.tagger.spacy_adapter import load_spacy

        tagger = load_spacy(spacy_folder)
    else:
        tagger = CrfTagger.from_bytes(store.load_model(model_name)[0])
    items = collect(store, selection)
    return len(items), evaluate(tagger, [ex for _, ex in items])
