"""Entity-level precision, recall and F1, exact match, computed the way seqeval does it.

seqeval (the library most NER papers report with) reads chunks out of IOB/IOBES tag
sequences with particular rules for ill-formed sequences (an ``I-`` after ``O`` starts a
chunk, a type change ends one); ``entities`` follows those rules line for line, so a
model's score here is the figure a reader would get from seqeval (a test compares the two
on generated sequences). A predicted entity counts only if its type, first and last token
are all right. Per label: precision = correct / predicted, recall = correct / true, F1
their harmonic mean (0 where a denominator is 0); micro: the same over all labels' counts.

``span_report`` scores spans of texts (any tagger's) layer by layer: both sides are turned
into IOB2 tags over the project's tokens, nesting layer by nesting layer (layer 0 = the
outermost spans), and scored as above.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

Entity = tuple[str, int, int]  # (label, first token, last token), inclusive as seqeval


def _split(chunk: str) -> tuple[str, str]:
    tag = chunk[0]
    return tag, chunk[1:].split("-", maxsplit=1)[-1] or "_"


def _end_of_chunk(prev_tag: str, tag: str, prev_type: str, type_: str) -> bool:
    if prev_tag in ("E", "S"):
        return True
    if prev_tag in ("B", "I") and tag in ("B", "S", "O"):
        return True
    return prev_tag not in ("O", ".") and prev_type != type_


def _start_of_chunk(prev_tag: str, tag: str, prev_type: str, type_: str) -> bool:
    if tag in ("B", "S"):
        return True
    if prev_tag in ("E", "S", "O") and tag in ("E", "I"):
        return True
    return tag not in ("O", ".") and prev_type != type_


def entities(seq: Sequence[str]) -> list[Entity]:
    """The chunks of one tag sequence, as ``seqeval.metrics.sequence_labeling.get_entities``."""
    prev_tag, prev_type, begin = "O", "", 0
    chunks: list[Entity] = []
    for i, chunk in enumerate([*seq, "O"]):
        tag, type_ = _split(chunk)
        if _end_of_chunk(prev_tag, tag, prev_type, type_):
            chunks.append((prev_type, begin, i - 1))
        if _start_of_chunk(prev_tag, tag, prev_type, type_):
            begin = i
        prev_tag, prev_type = tag, type_
    return chunks


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float
    f1: float
    support: int  # true entities
    predicted: int
    correct: int

    @classmethod
    def of(cls, correct: int, predicted: int, true: int) -> Score:
        p = correct / predicted if predicted else 0.0
        r = correct / true if true else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return cls(p, r, f, true, predicted, correct)

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "support": self.support,
            "predicted": self.predicted,
            "correct": self.correct,
        }


@dataclass(slots=True)
class Report:
    """Per-label scores and their micro average."""

    labels: dict[str, Score] = field(default_factory=dict)
    micro: Score = field(default_factory=lambda: Score.of(0, 0, 0))

    def as_dict(self) -> dict[str, Any]:
        return {
            "micro": self.micro.as_dict(),
            "labels": {k: v.as_dict() for k, v in self.labels.items()},
        }


def report_from_sets(true: set[tuple[Any, ...]], pred: set[tuple[Any, ...]]) -> Report:
    """Scores from sets of entities whose first element is the label."""
    t = Counter(e[0] for e in true)
    p = Counter(e[0] for e in pred)
    c = Counter(e[0] for e in true & pred)
    labels = {lab: Score.of(c[lab], p[lab], t[lab]) for lab in sorted(set(t) | set(p))}
    return Report(labels, Score.of(sum(c.values()), sum(p.values()), sum(t.values())))


def report(y_true: Sequence[Sequence[str]], y_pred: Sequence[Sequence[str]]) -> Report:
    """seqeval's entity-level scores for sequences of tags (default mode, not strict)."""
    if len(y_true) != len(y_pred):
        raise ValueError("true and predicted sequences differ in number")
    true: set[tuple[str, int, int, int]] = set()
    pred: set[tuple[str, int, int, int]] = set()
    for n, (ts, ps) in enumerate(zip(y_true, y_pred, strict=True)):
        if len(ts) != len(ps):
            raise ValueError(f"sequence {n}: {len(ts)} true tags but {len(ps)} predicted")
        true.update((lab, n, a, b) for lab, a, b in entities(ts))
        pred.update((lab, n, a, b) for lab, a, b in entities(ps))
    return report_from_sets(true, pred)


def format_table(reports: dict[str, Report]) -> str:
    """A plain-text table: one block per layer, a row per label and the micro average."""
    lines: list[str] = []
    for name, rep in reports.items():
        lines.append(f"{name}:")
        lines.append(f"  {'label':<12}{'precision':>10}{'recall':>8}{'f1':>8}{'support':>9}")
        rows = [*rep.labels.items(), ("micro avg", rep.micro)]
        for lab, s in rows:
            lines.append(
                f"  {lab:<12}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>8.3f}{s.support:>9}"
            )
    return "\n".join(lines)
