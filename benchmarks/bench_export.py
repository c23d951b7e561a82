"""Export N articles / about 10 N spans to JSONL, against a raw stream-out with ``json``.

Both sides read the same cached project and write one annotator's done articles (ann1:
every article, about 10 spans each) as JSONL records of the same shape as the product's
export format. The baseline is the minimal script: two streaming queries, a merge by
article id, ``json.dumps`` and a buffered file; no checks, no temp file.

``run(n_articles) -> dict`` is kept for a quick stand-alone measurement; the suite calls
``measure``.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from benchmarks import corpus
from benchmarks.measure import Config, Figure, median, require, timed

ANNOTATOR = corpus.ANNOTATORS[0]


def figures(cfg: Config) -> list[Figure]:
    return [Figure("export", f"export {cfg.n:,} articles to JSONL", "s", "ratio", 1.8)]


def raw_export(db: Path, out: Path, annotator: str = ANNOTATOR) -> tuple[int, int]:
    """The baseline; returns (records, spans) written."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    spans_conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    ann_id = conn.execute("SELECT id FROM annotators WHERE name = ?", (annotator,)).fetchone()[0]
    articles = conn.execute(
        "SELECT a.id, a.ext_id, a.title, a.text, a.meta, st.note, st.updated_at FROM articles a"
        " JOIN article_status st ON st.article_id = a.id AND st.annotator_id = ?"
        " WHERE st.status = 'done' ORDER BY a.id",
        (ann_id,),
    )
    spans = spans_conn.execute(
        'SELECT s.article_id, s.start, s."end", l.name FROM spans s'
        " JOIN labels l ON l.id = s.label_id WHERE s.annotator_id = ? ORDER BY s.article_id",
        (ann_id,),
    )
    pending = next(spans, None)
    records = n_spans = 0
    with out.open("w", encoding="utf-8", newline="\n", buffering=1 << 20) as fh:
        for aid, ext_id, title, text, meta, note, changed_at in articles:
            mine: list[tuple[int, int, str]] = []
            while pending is not None and pending[0] < aid:
                pending = next(spans, None)
            while pending is not None and pending[0] == aid:
                mine.append(pending[1:])
                pending = next(spans, None)
            mine.sort()
            record = {
                "id": ext_id,
                "title": title,
                "text": text,
                "meta": json.loads(meta),
                "annotator": annotator,
                "status": "done",
                "note": note,
                "changed_at": changed_at or None,
                "spans": [
                    {"start": s, "end": e, "label": lab, "text": text[s:e]} for s, e, lab in mine
                ],
            }
            fh.write(json.dumps(record, ensure_ascii=False))
            fh.write("\n")
            records += 1
            n_spans += len(mine)
    conn.close()
    spans_conn.close()
    return records, n_spans


def _product_export(db: Path, out: Path) -> tuple[int, int]:
    from annotator.core.store import open_store

    export = require("annotator.core.formats.export_run", "run_export")
    with open_store(db, readonly=True) as store:
        report = export.run_export(store, out, "jsonl", annotator=ANNOTATOR)
    return report.records, report.spans


def measure(cfg: Config, figs: dict[str, Figure]) -> None:
    fig = figs["export"]
    require("annotator.core.formats.export_run", "run_export")
    db = corpus.project(cfg.n, cfg.seed)
    base_out = cfg.workdir / "export-raw.jsonl"
    prod_out = cfg.workdir / "export.jsonl"
    base_times: list[float] = []
    prod_times: list[float] = []
    counts = base_counts = (0, 0)
    for i in range(cfg.repeats):
        t, base_counts = timed(lambda: raw_export(db, base_out))
        base_times.append(t)
        t, counts = timed(lambda: _product_export(db, prod_out))
        prod_times.append(t)
        cfg.log(f"export run {i + 1}: raw {base_times[-1]:.2f} s, annotator {t:.2f} s")
    if counts != base_counts:
        raise RuntimeError(f"export wrote {counts} records/spans, the baseline {base_counts}")
    same = base_out.read_bytes() == prod_out.read_bytes() if cfg.n <= 20_000 else None
    base_out.unlink(missing_ok=True)
    prod_out.unlink(missing_ok=True)
    fig.title = f"export {counts[0]:,} articles / {counts[1]:,} spans to JSONL"
    fig.measured = median(prod_times)
    fig.baseline = median(base_times)
    fig.note = "baseline: raw stream-out with json"
    if same is not None:
        fig.note += "; same bytes as baseline" if same else "; output differs from baseline"
    fig.extra = {"runs": prod_times, "baseline_runs": base_times}


def run(n_articles: int) -> dict[str, Any]:
    """Stand-alone: one run of each side on a cached corpus of ``n_articles``."""
    with tempfile.TemporaryDirectory() as tmp:
        cfg = Config(n_articles, corpus.DEFAULT_SEED, 1, True, 0, Path(tmp))
        figs = {f.key: f for f in figures(cfg)}
        measure(cfg, figs)
        fig = figs["export"]
        return {"seconds": fig.measured, "baseline_seconds": fig.baseline, "ratio": fig.ratio}
