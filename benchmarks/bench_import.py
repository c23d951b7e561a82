"""Import N JSONL articles, against two raw sqlite3 scripts writing the same rows.

Every side starts from an empty project made by ``Store.create`` (same schema, indexes,
triggers, WAL and ``synchronous = FULL``) and reads the same JSONL file. The first baseline
parses each line with ``json`` and writes the same article and span rows in one
transaction, with none of the product's checks, duplicate detection or reporting. The
second (issue 18) also fills the project's own FTS5 table with the same folded text the
product indexes (``index_columns``), in the same transaction: the cost of the work itself,
so the product's ratio to it is what its checks and bookkeeping add. Runs alternate
(baselines, product, baselines, ...) so drift on a shared machine hits all alike.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import corpus
from benchmarks.measure import Config, Figure, median, require, timed

BATCH = 1_000


def figures(cfg: Config) -> list[Figure]:
    return [
        Figure("import", f"import {cfg.n:,} JSONL articles", "s", "ratio", 2.0),
        Figure("import_fts", f"import {cfg.n:,} articles, against raw + FTS5", "s", "ratio", 1.3),
    ]


def _fresh_project(path: Path) -> None:
    from annotator.core.labels import default_labels
    from annotator.core.store import create_store

    for side in ("", "-wal", "-shm"):
        Path(str(path) + side).unlink(missing_ok=True)
    create_store(path, default_labels()).close()


def raw_import(db: Path, jsonl: Path, annotator: str = "import", *, fts: bool = False) -> int:
    """The baseline: a minimal script; returns the number of spans written.

    ``fts``: also write each article's folded words into the project's FTS5 table, as the
    product's search index holds them (the same function folds them).
    """
    from annotator.core.model import content_hash
    from annotator.core.text.matching import index_columns

    conn = sqlite3.connect(str(db), isolation_level=None)
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    stamp = datetime.now(UTC).isoformat(timespec="milliseconds")
    conn.execute("BEGIN IMMEDIATE")
    labels = dict(conn.execute("SELECT name, id FROM labels"))
    ann_id = conn.execute(
        "INSERT INTO annotators (name, kind, created_at) VALUES (?, 'import', ?)",
        (annotator, stamp),
    ).lastrowid
    next_id = 1
    n_spans = 0
    articles: list[tuple] = []
    spans: list[tuple] = []

    def flush() -> None:
        conn.executemany(
            "INSERT INTO articles (id, ext_id, title, text, length, meta, content_hash,"
            " created_at) VALUES (?, ?, ?, ?, ?, '{}', ?, ?)",
            articles,
        )
        conn.executemany(
            'INSERT INTO spans (article_id, annotator_id, label_id, start, "end", created_at,'
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            spans,
        )
        if fts:
            conn.executemany(
                "INSERT INTO articles_fts (rowid, norm_text) VALUES (?, ?)",
                [(row[0], index_columns(row[3])[0]) for row in articles],
            )
        articles.clear()
        spans.clear()

    with jsonl.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = rec["text"]
            articles.append(
                (next_id, rec["id"], rec["title"], text, len(text), content_hash(text), stamp)
            )
            for sp in rec["spans"]:
                spans.append(
                    (next_id, ann_id, labels[sp["label"]], sp["start"], sp["end"], stamp, stamp)
                )
            n_spans += len(rec["spans"])
            next_id += 1
            if len(articles) >= BATCH:
                flush()
    flush()
    conn.execute("COMMIT")
    conn.close()
    return n_spans


def _product_import(db: Path, jsonl: Path) -> tuple[int, int]:

    import_run = require("annotator.core.formats.import_run", "run_import")
    from annotator.core.store import open_store

    with open_store(db) as store:
        report = import_run.run_import(store, [jsonl], "jsonl")
    return report.articles_added, report.spans_added


def measure(cfg: Config, figs: dict[str, Figure]) -> None:
    fig = figs["import"]
    require("annotator.core.formats.import_run", "run_import")
    jsonl = corpus.jsonl_corpus(cfg.n, cfg.seed)
    db = cfg.workdir / "import.db"
    base_times: list[float] = []
    fts_times: list[float] = []
    prod_times: list[float] = []
    added = (0, 0)
    for i in range(cfg.repeats):
        _fresh_project(db)
        t, n_spans = timed(lambda: raw_import(db, jsonl))
        base_times.append(t)
        _fresh_project(db)
        t, _ = timed(lambda: raw_import(db, jsonl, fts=True))
        fts_times.append(t)
        _fresh_project(db)
        t, added = timed(lambda: _product_import(db, jsonl))
        prod_times.append(t)
        cfg.log(
            f"import run {i + 1}: raw {base_times[-1]:.2f} s, raw + FTS5 {fts_times[-1]:.2f} s,"
            f" annotator {t:.2f} s"
        )
    for side in ("", "-wal", "-shm"):
        Path(str(db) + side).unlink(missing_ok=True)
    if added[0] != cfg.n or added[1] != n_spans:
        raise RuntimeError(
            f"import added {added[0]} articles / {added[1]} spans;"
            f" expected {cfg.n} / {n_spans}"
        )
    fig.title = f"import {cfg.n:,} JSONL articles ({n_spans:,} spans)"
    fig.measured = median(prod_times)
    fig.baseline = median(base_times)
    fig.note = "baseline: raw sqlite3 executemany, one transaction"
    fig.extra = {"runs": prod_times, "baseline_runs": base_times}
    fts = figs["import_fts"]
    fts.title = f"import {cfg.n:,} articles, against raw + FTS5 over the same folded text"
    fts.measured = fig.measured
    fts.baseline = median(fts_times)
    fts.note = (
        "baseline: the raw script, plus the project's FTS5 table filled with the words"
        " the search index holds, in the same transaction"
    )
    fts.extra = {"runs": prod_times, "baseline_runs": fts_times}
