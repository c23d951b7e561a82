"""What every benchmark shares: the run's settings, a figure's record and the statistics.

A figure is one row of the table: what was measured, against which target, and (where the
issue names one) the baseline measured in the same run, because shared machines are noisy
and only a ratio against a baseline taken minutes apart means much.
"""

from __future__ import annotations

import importlib
import math
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

TargetKind = Literal["under", "over", "ratio"]


class NotAvailable(Exception):
    """The feature a figure measures is not in this build (yet)."""


@dataclass(slots=True)
class Config:
    n: int
    seed: int
    repeats: int
    quick: bool
    #: Articles in the agreement project (the issue asks for 10,000).
    agreement_n: int
    workdir: Path
    verbose: bool = False

    def log(self, message: str) -> None:
        print(f"  {message}", file=sys.stderr, flush=True)


@dataclass(slots=True)
class Figure:
    key: str
    title: str
    unit: str
    #: "under": measured must be below ``target`` (in ``unit``);
    #: "over": measured must be at least ``target`` (a score);
    #: "ratio": measured / baseline must be at most ``target``.
    kind: TargetKind
    target: float
    measured: float | None = None
    baseline: float | None = None
    status: str = "ok"  # ok | not available | error
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        """measured / baseline when there is a baseline, else measured / target."""
        if self.measured is None:
            return None
        if self.kind == "ratio":
            return self.measured / self.baseline if self.baseline else None
        return self.measured / self.target

    @property
    def passed(self) -> bool | None:
        ratio = self.ratio
        if ratio is None or self.status != "ok":
            return None
        if self.kind == "over":
            return self.measured >= self.target  # type: ignore[operator]
        return ratio <= self.target if self.kind == "ratio" else self.measured < self.target  # type: ignore[operator]

    @property
    def target_text(self) -> str:
        if self.kind == "ratio":
            return f"<= {self.target:g}x baseline"
        if self.kind == "over":
            return f">= {self.target:g}{' ' + self.unit if self.unit else ''}"
        return f"< {self.target:g} {self.unit}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "figure": self.title,
            "unit": self.unit,
            "measured": self.measured,
            "target": self.target_text,
            "baseline": self.baseline,
            "ratio": self.ratio,
            "passed": self.passed,
            "status": self.status,
            "note": self.note,
            **({"extra": self.extra} if self.extra else {}),
        }


def require(module: str, *names: str) -> Any:
    """Import a feature's module; a missing module or name means "not available"."""
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and (module == exc.name or module.startswith(exc.name + ".")):
            raise NotAvailable(f"{module} is not built yet") from None
        raise
    for name in names:
        if not hasattr(mod, name):
            raise NotAvailable(f"{module}.{name} is not built yet")
    return mod


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds taken by ``fn()`` (wall clock, perf_counter) and its result."""
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def median(values: list[float]) -> float:
    return statistics.median(values)


def peak_mb() -> float:
    """This process's peak resident memory, in MB (2**20 bytes).

    Linux's ``VmHWM``: the high-water mark of this process's own memory map. Not
    ``ru_maxrss``, which a child process inherits from the parent it was forked from (the
    kernel carries the larger of the two across ``exec``), so a window started by a runner
    that had imported 100,000 articles would be charged the runner's peak.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def p95(values: list[float]) -> float:
    """The 95th percentile, nearest-rank (an observed value, never interpolated)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]
