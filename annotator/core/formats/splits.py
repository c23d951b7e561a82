"""Train, validation and test files from one export, with no article in two of them.

``--split train=0.8,validation=0.1,test=0.1 --seed S``: the articles of the export (not its
records: every annotator's record of an article goes to the same file, or a model would be
tested on a text it was trained on) are shuffled with ``random.Random(S)`` and cut in that
order at the rounded shares, so a split of 19 articles is 15, 2 and 2, and the same seed on
the same selection gives the same files. Each split is written to the output's name with
the split's name before its endings: ``wojood.hf.jsonl`` gives ``wojood.train.hf.jsonl``,
``wojood.validation.hf.jsonl`` and ``wojood.test.hf.jsonl``.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from pathlib import Path

from annotator.core.formats.export_checks import ExportError

_NAME = re.compile(r"[\w-]+")
DEFAULT_SEED = 0


def parse_split(value: str) -> list[tuple[str, float]]:
    """``train=0.8,validation=0.1,test=0.1`` to names and shares (which add up to 1)."""
    out: list[tuple[str, float]] = []
    for part in value.split(","):
        name, sep, share = part.partition("=")
        name = name.strip()
        if not sep or not _NAME.fullmatch(name):
            raise ExportError(
                f"--split {value}: expected NAME=SHARE pairs, like train=0.8,validation=0.1,"
                "test=0.1 (names of letters, digits, - and _)"
            )
        try:
            number = float(share)
        except ValueError:
            raise ExportError(f"--split {value}: {share.strip()!r} is not a number") from None
        if not 0 < number <= 1:
            raise ExportError(f"--split {value}: the share of {name} must be above 0 and at most 1")
        if name in (n for n, _ in out):
            raise ExportError(f"--split {value}: {name} is named twice")
        out.append((name, number))
    if abs(sum(share for _, share in out) - 1) > 1e-6:
        raise ExportError(f"--split {value}: the shares must add up to 1")
    return out


def split_path(out: Path, name: str) -> Path:
    """``out`` with ``name`` before its endings (``a.hf.jsonl`` -> ``a.train.hf.jsonl``)."""
    stem, dot, endings = out.name.partition(".")
    return out.with_name(f"{stem}.{name}{dot}{endings}")


def assign(ids: Sequence[int], shares: list[tuple[str, float]], seed: int) -> dict[int, str]:
    """Article id -> split name, by a seeded shuffle cut at the rounded shares."""
    order = list(ids)
    random.Random(seed).shuffle(order)
    out: dict[int, str] = {}
    taken = 0
    total = 0.0
    for name, share in shares:
        total += share
        upto = len(order) if name == shares[-1][0] else round(total * len(order))
        for aid in order[taken:upto]:
            out[aid] = name
        taken = max(taken, upto)
    return out
