"""Two real windows on one project, random interleavings of tag, delete, relabel, undo and
redo in both: after every step the database holds exactly the spans the windows meant to be
there, no more, no fewer, each with the label and letters last given to it.

The model is kept by span id (ids are never reused): a tag adds the span the window got back,
a delete removes it, a relabel changes its label, and an undo or redo changes the model only
if it was carried out (a step whose span was changed in the other window is dropped with a
message and changes nothing). Windows see the other's work only when their watch timer ticks
(called here at random), so they often act on a stale picture, as people do.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import regex

from annotator.core.errors import AnnotatorError
from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn
from annotator.core.undo import CreateSpan, DeleteSpan, RelabelSpan, UndoStack

LABELS = ["PERS", "ORG", "LOC", "OCC"]
Model = dict[int, tuple[str, int, int]]


def _project(path: Path, seed_text: str) -> Path:
    from annotator.core.store import create_store

    with create_store(path, default_labels()) as store, store.transaction():
        store.insert_article(ArticleIn(ext_id="seed", text=seed_text, title="التضامن"))
    return path


def _words(text: str) -> list[tuple[int, int]]:
    """A dozen Arabic words of the article (some next to each other)."""
    found = [(m.start(), m.end()) for m in regex.finditer(r"\p{Arabic}{3,}", text)]
    return found[10:22]


def _db(window) -> Model:  # type: ignore[no-untyped-def]
    aid = window.current_article_id
    return {s.id: (s.label, s.start, s.end) for s in window.store.spans(aid)}


def _apply(op, model: Model, forward: bool) -> None:  # type: ignore[no-untyped-def]
    """What a carried-out step did, in model terms."""
    if isinstance(op, CreateSpan):
        if forward:
            model[op.span_id] = (op.label, op.start, op.end)
        else:
            model.pop(op.span_id)
    elif isinstance(op, DeleteSpan):
        s = op.span
        if forward:
            model.pop(s.id)
        else:
            model[s.id] = (s.label, s.start, s.end)
    elif isinstance(op, RelabelSpan):
        _, start, end = model[op.span_id]
        model[op.span_id] = (op.new_label if forward else op.old_label, start, end)


def _step_back(stack: UndoStack, window, model: Model, undo: bool) -> None:  # type: ignore[no-untyped-def]
    pending = stack._undo if undo else stack._redo
    if not pending:
        return
    op = pending[-1]
    (window.undo if undo else window.redo)()
    done = (stack._redo if undo else stack._undo)[-1:] == [op]
    if done:
        _apply(op, model, forward=not undo)


def _act(rng: random.Random, window, model: Model, words: list[tuple[int, int]]) -> None:  # type: ignore[no-untyped-def]
    stack: UndoStack = window.undo_stack
    view = window.article_view
    action = rng.choice(["tag", "tag", "delete", "relabel", "undo", "undo", "redo", "look"])
    if action == "look":
        window.check_outside_changes()
    elif action == "tag":
        start, end = rng.choice(words)
        try:
            span = window.tag_range(start, end, rng.choice(LABELS), character=True)
        except AnnotatorError:
            return
        model.setdefault(span.id, (span.label, span.start, span.end))
    elif action in ("delete", "relabel"):
        if not view.spans:
            return
        shown = rng.choice(view.spans)  # what this window shows: maybe stale
        view.select_span(shown)
        before = len(stack._undo)
        if action == "delete":
            window.delete_selected_span()
        else:
            window.apply_label(rng.choice(LABELS))
        if len(stack._undo) > before:
            _apply(stack._undo[-1], model, forward=True)
    else:
        _step_back(stack, window, model, undo=action == "undo")


@pytest.mark.parametrize("seed", range(8))
def test_random_interleavings_keep_exactly_the_intended_spans(
    make_window, tmp_path: Path, seed_text: str, seed: int
) -> None:
    path = _project(tmp_path / "news.db", seed_text)
    windows = [make_window(path, "salma"), make_window(path, "salma")]
    for w in windows:
        w.show_error = lambda message, w=w: setattr(w, "last_error", message)  # no dialogs
    words = _words(seed_text)
    rng = random.Random(seed)
    model: Model = {}
    stale_seen = 0
    for step in range(200):
        window = rng.choice(windows)
        window.last_error = ""
        _act(rng, window, model, words)
        stale_seen += "elsewhere" in window.last_error
        assert _db(window) == model, f"seed {seed}, step {step}: {window.last_error}"
    assert model  # the run did tag things
    assert stale_seen, "no interleaving met a span changed in the other window"
