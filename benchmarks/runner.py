"""Run the figures and print the table: figure, measured, target, baseline, ratio, result.

A figure whose feature is not built reads "not available"; a figure that fails reads
"error" with the reason, and the rest still run. The exit code is 0 when every available
figure ran (met or not: the table says which), 1 when one failed with an error.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
import time
import traceback
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks import corpus
from benchmarks.measure import Config, Figure, NotAvailable

MODULES = (
    "benchmarks.bench_import",
    "benchmarks.bench_export",
    "benchmarks.bench_gui",
    "benchmarks.bench_search",
    "benchmarks.bench_agreement",
    "benchmarks.bench_postgres",
    "benchmarks.bench_team_load",
    "benchmarks.bench_model",
    "benchmarks.bench_bundle",
)
QUICK_N = 200
FULL_N = 100_000
AGREEMENT_N = 10_000


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_mb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_mb = int(line.split()[1]) // 1024
    except OSError:
        pass
    try:
        pyside = metadata.version("PySide6-Essentials")
    except metadata.PackageNotFoundError:
        pyside = None
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "memory_mb": mem_mb,
        "cpu": cpu,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "pyside6": pyside,
        "platform": platform.platform(),
    }


def run_figures(cfg: Config, only: set[str] | None = None) -> list[Figure]:
    results: list[Figure] = []
    for name in MODULES:
        module = importlib.import_module(name)
        figs = {f.key: f for f in module.figures(cfg)}
        if only and not (set(figs) & only or name.rsplit("_", 1)[-1] in only):
            continue
        print(f"{name.rsplit('.', 1)[-1]}:", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        try:
            module.measure(cfg, figs)
        except NotAvailable as exc:
            for fig in figs.values():
                if fig.measured is None:
                    fig.status, fig.note = "not available", str(exc)
        except Exception as exc:  # one broken figure must not hide the others
            if cfg.verbose:
                traceback.print_exc()
            reason = f"{type(exc).__name__}: {exc}".splitlines()[0]
            for fig in figs.values():
                if fig.measured is None:
                    fig.status, fig.note = "error", reason
        cfg.log(f"done in {time.perf_counter() - t0:.1f} s")
        results.extend(figs.values())
    return results


def format_value(value: float | None, unit: str) -> str:
    """A figure's value with its unit, as the table and the recorded report show it."""
    if value is None:
        return "-"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "F1":
        return f"{value:.3f}"
    return f"{value:.0f} {unit}"


def table(figs: list[Figure]) -> str:
    head = ("figure", "measured", "target", "baseline", "ratio", "result")
    rows = []
    for f in figs:
        ratio = f.ratio
        if f.status != "ok":
            result = f.status
        else:
            result = "pass" if f.passed else "FAIL"
        rows.append(
            (
                f.title,
                format_value(f.measured, f.unit),
                f.target_text,
                format_value(f.baseline, f.unit),
                "-" if ratio is None else f"{ratio:.2f}",
                result,
            )
        )
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)) + " |"
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    out = [line, sep]
    for r in rows:
        out.append("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |")
    notes = [f"- {f.title}: {f.note}" for f in figs if f.note]
    return "\n".join(out + ([""] + notes if notes else []))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Corpus-scale benchmarks: each figure against its target (issue 7).",
        epilog="Example: python -m benchmarks --quick   |   ./dev bench --n 100000",
    )
    p.add_argument("--quick", action="store_true", help=f"small corpus ({QUICK_N} articles)")
    p.add_argument("--n", type=int, default=None, help=f"articles (default {FULL_N:,})")
    p.add_argument("--repeats", type=int, default=None, help="runs per figure (median)")
    p.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    p.add_argument("--only", default="", help="comma-separated figures or modules, e.g. gui")
    p.add_argument("--json", type=Path, default=None, help="also write the results here")
    p.add_argument("-v", "--verbose", action="store_true", help="tracebacks for errors")
    p.add_argument("--scale", action="store_true",
                   help="the growth table: each figure at 10,000, 100,000 and 1,000,000"
                   " articles (issue 18)")  # fmt: skip
    p.add_argument("--sizes", default=None,
                   help="with --scale: comma-separated sizes (default 10000,100000,1000000)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.scale or args.sizes:
        from benchmarks import scale

        default = scale.QUICK_SIZES if args.quick else scale.SIZES
        sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else list(default)
        if min(sizes) < 2:
            print("error: every size must be at least 2", file=sys.stderr)
            return 2
        return scale.scale_main(sizes, args.seed, args.json)
    n = args.n if args.n is not None else (QUICK_N if args.quick else FULL_N)
    if n < 2:
        print("error: --n must be at least 2", file=sys.stderr)
        return 2
    repeats = args.repeats or (1 if args.quick else 3)
    work = Path(tempfile.mkdtemp(prefix="annotator-bench-"))
    cfg = Config(
        n=n,
        seed=args.seed,
        repeats=repeats,
        quick=args.quick,
        agreement_n=min(n, AGREEMENT_N),
        workdir=work,
        verbose=args.verbose,
    )
    only = {s.strip() for s in args.only.split(",") if s.strip()} or None
    info = machine()
    print(
        f"annotator benchmarks: N={n:,}, repeats={repeats}, seed={args.seed}; "
        f"{info['nproc']} CPUs, {info['memory_mb']} MB, {info['cpu']}, "
        f"Python {info['python']}, SQLite {info['sqlite']}",
        file=sys.stderr,
    )
    try:
        # Each figure generates (or reuses from benchmarks/.cache) the corpus it needs
        # before its clock starts.
        figs = run_figures(cfg, only)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(table(figs))
    if args.json:
        payload = {"machine": info, "n": n, "repeats": repeats, "seed": args.seed,
                   "figures": [f.as_dict() for f in figs]}
        tmp = args.json.with_name(args.json.name + ".tmp")
        tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", "utf-8")
        os.replace(tmp, args.json)
    return 1 if any(f.status == "error" for f in figs) else 0
