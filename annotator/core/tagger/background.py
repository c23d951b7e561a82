"""Retraining in a separate process, so the app's tagging never waits for it.

Training is CPU-bound Python and CRFsuite: in a thread of the app's process it holds the
GIL, and every tag the annotator makes waits behind it (an earlier attempt measured a tag
p95 of 68 ms during training). A separate process has its own interpreter: it opens the
project itself, trains, stores the model and its suggestions (each write committed, so the
app sees them like any other program's commits), and sends one result back through a pipe.
``BackgroundTraining`` is polled (the app's timer calls ``poll``); it never blocks.
"""

from __future__ import annotations

import multiprocessing
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from annotator.core.errors import AnnotatorError


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a finished run reports: its metadata, or the one-line error."""

    ok: bool
    meta: dict[str, Any] | None = None
    error: str = ""


def run_training(
    location: str,
    annotators: tuple[str, ...],
    name: str,
    holdout: float,
    seed: int,
    suggest: bool,
    out: Connection,
) -> None:
    """The child process: train on ``annotators``' done articles, store, suggest.

    It runs at a lower priority (``nice``): on a machine with few cores the window that
    the annotator is tagging in goes first, and the training takes what is left.
    """
    import os

    if hasattr(os, "nice"):
        os.nice(10)
    from annotator.core.store import open_store
    from annotator.core.tagger.suggesting import suggest_from
    from annotator.core.tagger.training import Selection, train_and_save

    try:
        with open_store(location) as store:
            store.via = "app"
            result = train_and_save(
                store, Selection(annotators), name=name, holdout=holdout, seed=seed
            )
            if suggest:
                suggest_from(store, model_name=name)
        out.send(Outcome(True, result.meta))
    except AnnotatorError as exc:
        out.send(Outcome(False, error=str(exc)))
    except Exception as exc:  # noqa: BLE001 - reported as one line, never lost
        out.send(Outcome(False, error=f"training failed: {type(exc).__name__}: {exc}"))
    finally:
        out.close()


class BackgroundTraining:
    """One training run in a child process (spawned: nothing of the app is forked)."""

    def __init__(
        self,
        location: str,
        annotators: tuple[str, ...],
        *,
        name: str = "crf",
        holdout: float = 0.1,
        seed: int = 0,
        suggest: bool = True,
    ) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._recv, send = ctx.Pipe(duplex=False)
        self._process = ctx.Process(
            target=run_training,
            args=(location, annotators, name, holdout, seed, suggest, send),
            daemon=True,  # ends with the app; the model is stored whole or not at all
            name="annotator-training",
        )
        self._process.start()
        send.close()
        self.outcome: Outcome | None = None

    @property
    def running(self) -> bool:
        return self.outcome is None

    def poll(self) -> Outcome | None:
        """The outcome once the child has finished, else None (never waits)."""
        if self.outcome is not None:
            return self.outcome
        if self._recv.poll():
            try:
                self.outcome = self._recv.recv()
            except EOFError:
                self.outcome = Outcome(False, error="training stopped without a result")
        elif not self._process.is_alive():
            code = self._process.exitcode
            self.outcome = Outcome(False, error=f"training stopped (exit code {code})")
        if self.outcome is not None:
            self._process.join(5)
            self._recv.close()
        return self.outcome

    def cancel(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(5)
        if self.outcome is None:
            self.outcome = Outcome(False, error="training cancelled")
