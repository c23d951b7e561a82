"""How each figure grows with the corpus: ``./dev bench --scale`` (issue 18).

Import, export, opening the window, the next article, corpus search and agreement, at
10,000, 100,000 and 1,000,000 articles (``--sizes`` chooses). Each figure runs in a fresh
child process, so its time and its peak memory (``ru_maxrss``) are its own; the table
gives both per size and the ratio between consecutive sizes (10x the articles should cost
at most 10x the time, and the memory should not grow at all where the work streams).

The corpora are generated and cached like the suite's (``benchmarks/corpus.py``). The
cached projects are used in place (a private copy of a million-article project would be
another 14 GB): only the window writes to them, its remembered place, which is reset
before each open. Before a size runs, the free disk is compared with what it still needs
(its corpus, if not cached yet, and the scratch files); a size that does not fit is
skipped and the table says so. The run ends with the disk its caches use.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import corpus
from benchmarks.measure import median, p95, peak_mb

SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (20, 40)
ROOT = Path(__file__).resolve().parent.parent
ANNOTATOR = corpus.ANNOTATORS[0]
MB = 1 << 20
#: Bytes per article, measured on the 100,000-article corpus: the JSONL file, the cached
#: project (three annotators' spans and the search index) and an imported project.
JSONL_BYTES = 6_300
PROJECT_BYTES = 14_500
IMPORTED_BYTES = 8_500
EXPORT_BYTES = 3_500
#: Keep this much disk free for everyone else.
MARGIN = 2 << 30

#: (key, what is measured, the issue's target at 1,000,000 articles)
FIGURES = (
    ("import", "import JSONL (time, peak memory of the importing process)",
     "memory < 120 MB; <= 1.3x raw + FTS5"),
    ("export", "export one annotator's articles to JSONL", "<= 1.1x raw"),
    ("open", "open the window, first article painted", "< 1 s, < 150 MB"),
    ("next", "next article (p95)", "< 30 ms"),
    ("search", "corpus search (slowest query)", "< 50 ms"),
    ("agreement", "agreement, 3 annotators", "-"),
)  # fmt: skip


# -- the child: one figure, timed, in a fresh process ---------------------------------


def _children_peak_mb() -> float:
    """The reading process's peak (it is this process's only child; its own ``exec``
    started from this process's small map, so the inherited part is small too)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # kB on Linux


def _child(figure: str, args: list[str]) -> dict[str, Any]:
    from annotator.core.store import open_store

    out: dict[str, Any] = {}
    if figure in ("import", "import_raw"):
        from benchmarks.bench_import import _fresh_project, raw_import

        jsonl, db = Path(args[0]), Path(args[1])
        _fresh_project(db)
        base_mb = peak_mb()
        t = time.perf_counter()
        if figure == "import":
            from annotator.core.formats.import_run import run_import

            with open_store(db) as store:
                report = run_import(store, [jsonl], "jsonl")
            out["articles"] = report.articles_added
        else:
            raw_import(db, jsonl, fts=True)
        out["s"] = time.perf_counter() - t
        out["before_mb"] = base_mb
        out["reader_mb"] = _children_peak_mb()  # the reading process
    elif figure in ("export", "export_raw"):
        from benchmarks.bench_export import _product_export, raw_export

        db, target = Path(args[0]), Path(args[1])
        t = time.perf_counter()
        counts = (_product_export if figure == "export" else raw_export)(db, target)
        out["s"] = time.perf_counter() - t
        out["records"] = counts[0]
        target.unlink(missing_ok=True)
    elif figure == "search":
        from annotator.core.assist.search import search_corpus
        from benchmarks.bench_search import QUERIES

        with open_store(Path(args[0]), readonly=True) as store:
            search_corpus(store, QUERIES[0])  # warm-up
            per: dict[str, float] = {}
            for query in QUERIES:
                times = []
                for _ in range(3):
                    t = time.perf_counter()
                    search_corpus(store, query)
                    times.append((time.perf_counter() - t) * 1000)
                per[query] = median(times)
        slowest = max(per, key=per.__getitem__)
        out["ms"], out["query"] = per[slowest], slowest
    elif figure == "agreement":
        from annotator.core.team.agreement import compute_agreement

        with open_store(Path(args[0]), readonly=True) as store:
            t = time.perf_counter()
            report = compute_agreement(store)
            out["s"] = time.perf_counter() - t
        out["articles"] = report.alpha_articles
    else:
        raise SystemExit(f"unknown figure {figure!r}")
    out["peak_mb"] = peak_mb()
    return out


def _run_child(*args: str) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.scale", "child", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=6 * 3600,
    )  # fmt: skip
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        err = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"{args[0]} failed (exit {proc.returncode}): {err}")
    return json.loads(lines[-1])


# -- one size ----------------------------------------------------------------------------


def _needs(n: int, seed: int) -> int:
    """Bytes this size still needs: its corpus if not cached yet, and the scratch files."""
    need = n * (IMPORTED_BYTES + 2 * EXPORT_BYTES)
    if not corpus.jsonl_path(n, seed).exists():
        need += n * JSONL_BYTES
    if not corpus.project_path(n, seed).exists():
        need += n * PROJECT_BYTES
    return need


def _gui(*args: str) -> dict[str, Any]:
    from benchmarks.bench_gui import _drive

    return _drive(*args)


def measure_size(n: int, seed: int, work: Path, log: Any) -> dict[str, Any]:
    """Every figure at ``n`` articles: {key: {"s"/"ms", "mb", ...}}."""
    from benchmarks.bench_gui import _forget_last_article

    t = time.perf_counter()
    jsonl = corpus.jsonl_corpus(n, seed)
    db = corpus.project(n, seed)
    long_db = corpus.long_project(seed)
    log(f"{n:,}: corpus ready ({time.perf_counter() - t:.0f} s)")
    row: dict[str, Any] = {}
    target = work / "import.db"
    raw = _run_child("import_raw", str(jsonl), str(target))
    imp = _run_child("import", str(jsonl), str(target))
    for side in ("", "-wal", "-shm"):
        Path(str(target) + side).unlink(missing_ok=True)
    if imp["articles"] != n:
        raise RuntimeError(f"import added {imp['articles']:,} articles, expected {n:,}")
    row["import"] = {"s": imp["s"], "mb": imp["peak_mb"], "baseline_s": raw["s"],
                     "baseline": "raw + FTS5", "reader_mb": imp["reader_mb"]}  # fmt: skip
    log(f"{n:,}: import {imp['s']:.1f} s ({imp['peak_mb']:.0f} MB), raw + FTS5 {raw['s']:.1f} s")
    raw = _run_child("export_raw", str(db), str(work / "raw.jsonl"))
    exp = _run_child("export", str(db), str(work / "export.jsonl"))
    row["export"] = {"s": exp["s"], "mb": exp["peak_mb"], "baseline_s": raw["s"]}
    log(f"{n:,}: export {exp['s']:.1f} s ({exp['peak_mb']:.0f} MB), raw {raw['s']:.1f} s")
    small = n < 1_000  # the smoke test's sizes: one open, a few switches
    opens = []
    for _ in range(1 if small else 3):
        _forget_last_article(db)
        opens.append(_gui("open", str(db), ANNOTATOR))
    row["open"] = {"s": median([r.get("launch_s", r["open_s"]) for r in opens]),
                   "mb": median([r["peak_mb"] for r in opens])}  # fmt: skip
    log(f"{n:,}: open {row['open']['s']:.2f} s ({row['open']['mb']:.0f} MB)")
    _forget_last_article(db)
    counts = {"switch": 10 if small else 100, "tag": 0, "long": 0, "scroll": 0}
    r = _gui("interact", str(db), str(long_db), ANNOTATOR, json.dumps(counts))
    ms = [x * 1000 for x in r["switch_s"]]
    row["next"] = {"ms": p95(ms), "mb": r.get("peak_mb")}
    log(f"{n:,}: next article p95 {row['next']['ms']:.1f} ms")
    s = _run_child("search", str(db))
    row["search"] = {"ms": s["ms"], "mb": s["peak_mb"], "query": s["query"]}
    log(f"{n:,}: search {s['ms']:.1f} ms ({s['peak_mb']:.0f} MB)")
    a = _run_child("agreement", str(db))
    row["agreement"] = {"s": a["s"], "mb": a["peak_mb"]}
    log(f"{n:,}: agreement {a['s']:.1f} s ({a['peak_mb']:.0f} MB)")
    return row


# -- the table ---------------------------------------------------------------------------


def _value(cell: dict[str, Any] | None) -> str:
    if not cell:
        return "-"
    if "skipped" in cell:
        return "skipped"
    time_part = f"{cell['s']:.2f} s" if "s" in cell else f"{cell['ms']:.1f} ms"
    if cell.get("baseline_s"):
        time_part += f" ({cell['s'] / cell['baseline_s']:.2f}x {cell.get('baseline', 'raw')})"
    return time_part + (f", {cell['mb']:.0f} MB" if cell.get("mb") else "")


def _growth(a: dict[str, Any] | None, b: dict[str, Any] | None) -> str:
    if not a or not b or "skipped" in a or "skipped" in b:
        return "-"
    unit = "s" if "s" in a else "ms"
    out = f"{b[unit] / a[unit]:.1f}x"
    if a.get("mb") and b.get("mb"):
        out += f" / {b['mb'] / a['mb']:.2f}x"
    return out


def table(payload: dict[str, Any]) -> str:
    sizes = payload["sizes"]
    rows = payload["rows"]
    head = ["figure", *(f"{n:,}" for n in sizes)]
    head += [f"{b:,} / {a:,}" for a, b in zip(sizes, sizes[1:], strict=False)]
    head.append("target at 1,000,000")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for key, title, target in FIGURES:
        cells = [
            {"skipped": True} if str(n) in payload["skipped"] else rows.get(str(n), {}).get(key)
            for n in sizes
        ]
        growth = [_growth(a, b) for a, b in zip(cells, cells[1:], strict=False)]
        lines.append("| " + " | ".join([title, *map(_value, cells), *growth, target]) + " |")
    notes = [
        "",
        "Each cell: time (median or p95 as the figure says; against the raw script in the"
        " same run where there is one), then the peak memory of the process that did it."
        " Growth: time ratio / memory ratio between consecutive sizes.",
    ]
    for n in sizes:
        why = payload["skipped"].get(str(n))
        if why:
            notes.append(f"- {n:,} skipped: {why}")
    notes.append(f"- disk: {payload['disk']}")
    return "\n".join(lines + notes)


def _disk_use() -> int:
    return sum(p.stat().st_size for p in corpus.CACHE.glob("*") if p.is_file())


def run(sizes: list[int], seed: int, log: Any) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="annotator-scale-"))
    rows: dict[str, Any] = {}
    skipped: dict[str, str] = {}
    try:
        for n in sizes:
            corpus.CACHE.mkdir(parents=True, exist_ok=True)
            free = min(shutil.disk_usage(corpus.CACHE).free, shutil.disk_usage(work).free)
            need = _needs(n, seed)
            if need + MARGIN > free:
                skipped[str(n)] = (
                    f"needs about {need / 1e9:.1f} GB of disk, {free / 1e9:.1f} GB free"
                )
                log(f"{n:,}: {skipped[str(n)]}; skipped")
                continue
            try:
                rows[str(n)] = measure_size(n, seed, work, log)
            except (RuntimeError, subprocess.TimeoutExpired) as exc:
                skipped[str(n)] = f"failed: {exc}"
                log(f"{n:,}: {skipped[str(n)]}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    used = _disk_use()
    free = shutil.disk_usage(corpus.CACHE).free
    return {
        "sizes": sizes,
        "seed": seed,
        "rows": rows,
        "skipped": skipped,
        "disk": f"the cached corpora take {used / 1e9:.1f} GB in {corpus.CACHE}"
                f" ({free / 1e9:.0f} GB free after the run)",
    }  # fmt: skip


def main(argv: list[str]) -> int:
    if argv and argv[0] == "child":
        print(json.dumps(_child(argv[1], argv[2:])))
        return 0
    p = argparse.ArgumentParser(prog="python -m benchmarks.scale")
    p.add_argument("--sizes", default=",".join(map(str, SIZES)))
    p.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    p.add_argument("--json", type=Path, default=None)
    args = p.parse_args(argv)
    return scale_main([int(s) for s in args.sizes.split(",")], args.seed, args.json)


def scale_main(sizes: list[int], seed: int, json_path: Path | None) -> int:
    """Run the sizes, print the growth table; 1 when a size failed (not when skipped)."""
    from benchmarks.runner import machine

    def log(message: str) -> None:
        print(f"  {message}", file=sys.stderr, flush=True)

    info = machine()
    print(f"annotator growth table: sizes {', '.join(f'{n:,}' for n in sizes)};"
          f" {info['nproc']} CPUs, {info['memory_mb']} MB, {info['cpu']}",
          file=sys.stderr)  # fmt: skip
    payload = run(sizes, seed, log)
    payload["machine"] = info
    print(table(payload))
    if json_path is not None:
        tmp = json_path.with_name(json_path.name + ".tmp")
        tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", "utf-8")
        os.replace(tmp, json_path)
    failed = any(why.startswith("failed") for why in payload["skipped"].values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
