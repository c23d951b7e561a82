"""Pre-annotation: a tagger's spans stored as the annotator ``model``, never mixed with
anyone's own work.

Suggestions go to the articles no person has marked done yet. A run first removes the
model's earlier suggestions in those articles, then stores the new ones, in one
transaction: a failed run leaves the earlier suggestions as they were. In the app they are
drawn faded and accepted or rejected like the gazetteer's (``core/assist/suggest.py``);
an accepted span becomes the person's own, with the origin ``model``.

How sure the model is of each article (``Tagged.confidence``) is kept in the model's
metadata (``confidence``: article id -> value), which is what "least confident first"
orders the article list by.

Why a process pool: tagging is Python feature assembly plus CRFsuite, CPU-bound under the
GIL. With the CRF, the model's bytes go to each worker process once and the articles in
chunks, so both cores work; small runs stay in this process (starting workers costs more
than it saves).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from annotator.core.model import MODEL_ANNOTATOR, AnnotatorKind
from annotator.core.store import Store
from annotator.core.tagger import DEFAULT_MODEL
from annotator.core.tagger.crf import CrfTagger
from annotator.core.tagger.interface import Tagged, Tagger
from annotator.core.text.tokens import trim_options, trim_proclitic

Progress = Callable[[int, int], None]
ACCEPTED_ORIGIN = "model"
_CHUNK = 50  # articles per task sent to a worker
_WINDOW = 2000  # articles read from the store at a time
_POOL_FROM = 200  # fewer articles than this are tagged in this process

_worker_tagger: CrfTagger | None = None


def _init_worker(blob: bytes) -> None:
    global _worker_tagger
    _worker_tagger = CrfTagger.from_bytes(blob)


def _tag_chunk(items: list[tuple[int, str]]) -> list[tuple[int, Tagged]]:
    assert _worker_tagger is not None
    return [(aid, _worker_tagger.tag(text)) for aid, text in items]


@dataclass(slots=True)
class ModelSuggestReport:
    articles: int = 0
    suggestions: int = 0
    replaced: int = 0
    confidence: dict[int, float] = field(default_factory=dict)

    def summary(self) -> str:
        return (
            f"{self.suggestions} suggestion(s) in {self.articles} article(s) not done yet"
            f" (as the annotator '{MODEL_ANNOTATOR}'); {self.replaced} earlier one(s) replaced"
        )


def articles_to_suggest(store: Store) -> list[int]:
    """The articles no person has marked done, in corpus order."""
    kinds = store.annotator_kinds()
    done = {
        aid
        for aid, who in store.done_by().items()
        if any(kinds.get(n) == AnnotatorKind.HUMAN for n in who)
    }
    return [aid for aid in store.article_ids() if aid not in done]


def tag_articles(
    tagger: Tagger,
    items: Iterator[list[tuple[int, str]]],
    total: int,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
) -> Iterator[tuple[int, Tagged]]:
    """Tag windows of (id, text), in a process pool when the tagger is the CRF."""
    n_workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    done = 0
    if isinstance(tagger, CrfTagger) and n_workers > 1 and total >= _POOL_FROM:
        ctx = multiprocessing.get_context("spawn")  # no fork of a process holding Qt or a db
        with ctx.Pool(n_workers, initializer=_init_worker, initargs=(tagger.to_bytes(),)) as pool:
            for window in items:
                chunks = [window[i : i + _CHUNK] for i in range(0, len(window), _CHUNK)]
                for result in pool.imap(_tag_chunk, chunks):
                    yield from result
                    done += len(result)
                    if progress:
                        progress(done, total)
        return
    for window in items:
        for aid, text in window:
            yield aid, tagger.tag(text)
            done += 1
            if progress and (done % 20 == 0 or done == total):
                progress(done, total)


def _windows(store: Store, ids: Sequence[int]) -> Iterator[list[tuple[int, str]]]:
    for i in range(0, len(ids), _WINDOW):
        yield [(a.id, a.text) for a in store.iter_articles(ids[i : i + _WINDOW])]


def suggest_with_model(
    store: Store,
    tagger: Tagger,
    *,
    model_name: str | None = DEFAULT_MODEL,
    workers: int | None = None,
    progress: Progress | None = None,
) -> ModelSuggestReport:
    """Store the tagger's spans for every article not done yet, as the annotator ``model``.

    Labels the project does not have are left out. With ``model_name`` (a stored model),
    each article's confidence is saved in that model's metadata.
    """
    ids = articles_to_suggest(store)
    known = {lab.name for lab in store.labels()}
    trim = trim_options(store)
    report = ModelSuggestReport(articles=len(ids))
    rows: list[tuple[int, str, str, int, int, str | None]] = []
    texts: dict[int, str] = {}
    if trim.proclitics:
        texts = {a.id: a.text for a in store.iter_articles(ids)}
    for aid, tagged in tag_articles(
        tagger, _windows(store, ids), len(ids), workers=workers, progress=progress
    ):
        report.confidence[aid] = round(tagged.confidence, 4)
        seen: set[tuple[int, int, str]] = set()
        for s in tagged.spans:
            if s.label not in known:
                continue
            start = s.start
            if trim.proclitics:
                start = trim_proclitic(texts[aid], s.start, s.end, article=trim.article)[0]
            if (start, s.end, s.label) in seen:
                continue
            seen.add((start, s.end, s.label))
            rows.append((aid, MODEL_ANNOTATOR, s.label, start, s.end, ACCEPTED_ORIGIN))
    with store.transaction():
        store.annotator_id(MODEL_ANNOTATOR)
        report.replaced = store.delete_annotator_spans(MODEL_ANNOTATOR, ids)
        report.suggestions = store.insert_spans(rows)
        store.record_event(
            "suggest",
            actor=MODEL_ANNOTATOR,
            detail={
                "model": model_name,
                "suggestions": report.suggestions,
                "articles": len(ids),
                "replaced": report.replaced,
            },
        )
        if model_name is not None and store.model_info(model_name) is not None:
            meta = store.model_info(model_name) or {}
            meta["confidence"] = {str(k): v for k, v in report.confidence.items()}
            meta["suggested_at"] = datetime.now(UTC).isoformat(timespec="seconds")
            store.set_model_meta(model_name, meta)
    return report


def load_stored(store: Store, name: str = DEFAULT_MODEL) -> tuple[CrfTagger, dict[str, Any]]:
    """The stored CRF and its metadata (``NotFoundError`` if none was trained)."""
    blob, meta = store.load_model(name)
    return CrfTagger.from_bytes(blob), meta


def least_confident_first(store: Store, ids: Sequence[int], name: str = DEFAULT_MODEL) -> list[int]:
    """``ids`` ordered by the model's confidence, lowest first; unscored ones last, in order."""
    meta = store.model_info(name) or {}
    conf: dict[str, float] = meta.get("confidence", {})
    scored = sorted((conf[str(i)], n, i) for n, i in enumerate(ids) if str(i) in conf)
    rest = [i for i in ids if str(i) not in conf]
    return [i for _, _, i in scored] + rest


def suggest_from(
    store: Store,
    *,
    model_name: str = DEFAULT_MODEL,
    spacy_folder: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
) -> ModelSuggestReport:
    """``suggest_with_model`` with the stored model, or a spaCy pipeline from a folder."""
    if spacy_folder is not None:
        from annotator.core.tagger.spacy_adapter import load_spacy

        return suggest_with_model(
            store, load_spacy(spacy_folder), model_name=None, progress=progress
        )
    return suggest_with_model(
        store, load_stored(store, model_name)[0], model_name=model_name, progress=progress
    )
