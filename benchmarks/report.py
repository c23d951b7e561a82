"""Turn a ``--json`` results file into the Markdown recorded in docs/benchmarks.md.

    python -m benchmarks --json results.json && python -m benchmarks.report results.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from benchmarks.runner import format_value


def _runs(fig: dict[str, Any]) -> str:
    extra = fig.get("extra") or {}
    if "runs" in extra:
        runs = ", ".join(format_value(r, fig["unit"]) for r in extra["runs"])
        base = extra.get("baseline_runs")
        if base:
            runs += "; baseline " + ", ".join(format_value(r, fig["unit"]) for r in base)
        return runs
    if "runs_ms" in extra:
        ms = sorted(extra["runs_ms"])
        return f"{len(ms)} runs, min {ms[0]:.1f} ms, max {ms[-1]:.1f} ms"
    if "median_ms_per_query" in extra:
        return ", ".join(f"{q}: {t:.1f} ms" for q, t in extra["median_ms_per_query"].items())
    return ""


def markdown(payload: dict[str, Any]) -> str:
    m = payload["machine"]
    lines = [
        f"Run on {m['date']} with N = {payload['n']:,}, {payload['repeats']} runs per figure,"
        f" seed {payload['seed']}.",
        "",
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory_mb']:,} MB memory,"
        f" {m['platform']}; Python {m['python']}, SQLite {m['sqlite']},"
        f" PySide6 {m.get('pyside6')}. A shared virtual machine: other work ran meanwhile.",
        "",
        "| figure | measured | target | baseline | ratio | result |",
        "|---|---|---|---|---|---|",
    ]
    for f in payload["figures"]:
        ratio = "-" if f["ratio"] is None else f"{f['ratio']:.2f}"
        if f["status"] != "ok":
            result = f["status"]
        else:
            result = "pass" if f["passed"] else "**FAIL**"
        lines.append(
            f"| {f['figure']} | {format_value(f['measured'], f['unit'])} | {f['target']} |"
            f" {format_value(f['baseline'], f['unit'])} | {ratio} | {result} |"
        )
    lines += ["", "Notes and every run:", ""]
    for f in payload["figures"]:
        detail = "; ".join(x for x in (f["note"], _runs(f)) if x)
        lines.append(f"- {f['figure']}: {detail}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m benchmarks.report RESULTS.json", file=sys.stderr)
        return 2
    payload = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    sys.stdout.write(markdown(payload))
    return 0


if __name__ == "__main__":
    sys.exit(main())
