"""The same work on a project on a PostgreSQL server, in the same run as the file figures.

- Import: N JSONL articles with ``run_import`` into a fresh server project, against a raw
  psycopg script that ``COPY``s the same article, span and search index rows (the search
  words made by the same function) in batches of the same size, in one transaction, with
  none of the product's checks. Runs alternate, as for the file import.
- Tagging and switching articles: the real window offscreen (``gui_driver interact``, as
  for the file figures) on a server copy of the cached N-article project, made with
  ``annotator copy`` before the clock starts.
- Corpus search: bench_search's queries on that server copy.

The server is ``ANNOTATOR_BENCH_PG`` (else ``ANNOTATOR_TEST_PG``), a ``postgresql://`` URL;
``./dev bench`` starts a throwaway one with fsync on (``.ci/with-postgres --durable``), so
a commit is as durable as a file's ``synchronous = FULL``. Each figure works in a schema
of its own, dropped afterwards. Without a server the figures read "not available".
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import corpus
from benchmarks.measure import Config, Figure, NotAvailable, median, p95, require, timed

BATCH = 1_000


def figures(cfg: Config) -> list[Figure]:
    return [
        Figure("pg_import", f"server: import {cfg.n:,} JSONL articles", "s", "ratio", 1.5),
        Figure("pg_tag", "server: tag a span, commit plus redraw (p95)", "ms", "under", 20.0),
        Figure("pg_switch", "server: switch to the next article (p95)", "ms", "under", 50.0),
        Figure("pg_search", f"server: corpus search on {cfg.n:,} articles", "ms", "under", 100.0),
    ]


def server() -> str:
    url = os.environ.get("ANNOTATOR_BENCH_PG") or os.environ.get("ANNOTATOR_TEST_PG") or ""
    if not url.startswith(("postgresql://", "postgres://")):
        raise NotAvailable("no PostgreSQL server: set ANNOTATOR_BENCH_PG, or run ./dev bench")
    return url


@contextmanager
def fresh_schema(base: str) -> Iterator[str]:
    """A server URL naming a new, empty schema, dropped afterwards."""
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    try:
        yield f"{base}{'&' if '?' in base else '?'}schema={schema}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def raw_import(url: str, jsonl: Path, annotator: str = "import") -> int:
    """The baseline: a minimal psycopg script; returns the number of spans written."""
    import psycopg

    from annotator.core.model import content_hash
    from annotator.core.store.location import parse_server_url
    from annotator.core.store.postgres.search_index import tsvector_text

    loc = parse_server_url(url)
    stamp = datetime.now(UTC).isoformat(timespec="milliseconds")
    n_spans = 0
    with psycopg.connect(loc.conninfo) as conn:
        conn.execute(f'SET search_path = "{loc.schema}"')
        labels = dict(conn.execute("SELECT name, id FROM labels").fetchall())
        row = conn.execute(
            "INSERT INTO annotators (name, kind, created_at) VALUES (%s, 'import', %s)"
            " RETURNING id",
            (annotator, stamp),
        ).fetchone()
        assert row is not None
        ann_id = row[0]
        articles: list[tuple[Any, ...]] = []
        spans: list[tuple[Any, ...]] = []

        def flush() -> None:
            with conn.cursor() as cur:
                with cur.copy(
                    "COPY articles (id, ext_id, title, text, length, content_hash, created_at)"
                    " FROM STDIN"
                ) as copy:
                    for art in articles:
                        copy.write_row(art)
                with cur.copy("COPY search_index (article_id, words) FROM STDIN") as copy:
                    for art in articles:
                        copy.write_row((art[0], tsvector_text(art[3])))
                with cur.copy(
                    'COPY spans (article_id, annotator_id, label_id, start, "end", created_at,'
                    " updated_at) FROM STDIN"
                ) as copy:
                    for sp in spans:
                        copy.write_row(sp)
            articles.clear()
            spans.clear()

        next_id = 1
        with jsonl.open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                text = rec["text"]
                articles.append(
                    (next_id, rec["id"], rec["title"], text, len(text), content_hash(text), stamp)
                )
                for sp in rec["spans"]:
                    spans.append(
                        (next_id, ann_id, labels[sp["label"]], sp["start"], sp["end"], stamp,
                         stamp)
                    )  # fmt: skip
                n_spans += len(rec["spans"])
                next_id += 1
                if len(articles) >= BATCH:
                    flush()
        flush()
    return n_spans


def _product_import(url: str, jsonl: Path) -> tuple[int, int]:
    import_run = require("annotator.core.formats.import_run", "run_import")
    from annotator.core.store import open_store

    with open_store(url) as store:
        report = import_run.run_import(store, [jsonl], "jsonl")
    return report.articles_added, report.spans_added


def _new_project(url: str) -> None:
    from annotator.core.labels import default_labels
    from annotator.core.store import create_store

    create_store(url, default_labels()).close()


def _measure_import(cfg: Config, base: str, fig: Figure) -> None:
    jsonl = corpus.jsonl_corpus(cfg.n, cfg.seed)
    base_times: list[float] = []
    prod_times: list[float] = []
    n_spans, added = 0, (0, 0)
    for i in range(cfg.repeats):
        with fresh_schema(base) as url:
            _new_project(url)
            t, n_spans = timed(lambda u=url: raw_import(u, jsonl))
            base_times.append(t)
        with fresh_schema(base) as url:
            _new_project(url)
            t, added = timed(lambda u=url: _product_import(u, jsonl))
            prod_times.append(t)
        cfg.log(f"server import run {i + 1}: raw {base_times[-1]:.2f} s, annotator {t:.2f} s")
    if added != (cfg.n, n_spans):
        raise RuntimeError(f"import added {added}; expected {(cfg.n, n_spans)}")
    fig.title = f"server: import {cfg.n:,} JSONL articles ({n_spans:,} spans)"
    fig.measured = median(prod_times)
    fig.baseline = median(base_times)
    fig.note = "baseline: raw psycopg COPY of the same rows and search words, one transaction"
    fig.extra = {"runs": prod_times, "baseline_runs": base_times}


def _measure_window_and_search(cfg: Config, base: str, figs: dict[str, Figure]) -> None:
    from annotator.core.store import open_store
    from annotator.core.store.copy import copy_project
    from benchmarks.bench_gui import ANNOTATOR, _drive
    from benchmarks.bench_search import QUERIES

    search = require("annotator.core.assist.search", "search_corpus")
    with fresh_schema(base) as url, fresh_schema(base) as long_url:
        copy_project(corpus.project(cfg.n, cfg.seed), url)
        copy_project(corpus.long_project(cfg.seed), long_url)
        with open_store(url) as store:
            store.set_setting(f"last_article:{ANNOTATOR}", "")
        counts = (
            {"switch": 10, "tag": 10, "long": 1, "scroll": 2}
            if cfg.quick
            else {"switch": 100, "tag": 50, "long": 1, "scroll": 2}
        )
        r = _drive("interact", url, long_url, ANNOTATOR, json.dumps(counts))
        ms = [t * 1000 for t in r["switch_s"]]
        figs["pg_switch"].measured = p95(ms)
        figs["pg_switch"].note = (
            f"{len(ms)} switches, median {median(ms):.1f} ms,"
            f" {r['spans_per_article']:.0f} spans per article"
        )
        figs["pg_switch"].extra = {"runs_ms": ms}
        ms = [t * 1000 for t in r["tag_s"]]
        figs["pg_tag"].measured = p95(ms)
        figs["pg_tag"].note = f"{len(ms)} tags, median {median(ms):.1f} ms"
        figs["pg_tag"].extra = {"runs_ms": ms}

        per_query: dict[str, float] = {}
        hits: dict[str, int] = {}
        with open_store(url) as store:
            search.search_corpus(store, QUERIES[0])  # warm-up
            for query in QUERIES:
                times = []
                for _ in range(max(3, cfg.repeats)):
                    t, result = timed(lambda q=query: search.search_corpus(store, q))
                    times.append(t * 1000)
                per_query[query] = median(times)
                hits[query] = len(result)
        slowest = max(per_query, key=per_query.__getitem__)
        figs["pg_search"].measured = per_query[slowest]
        figs["pg_search"].note = f"slowest query's median ({slowest!r}, {hits[slowest]} hits)"
        figs["pg_search"].extra = {"median_ms_per_query": per_query, "hits": hits}


def measure(cfg: Config, figs: dict[str, Figure]) -> None:
    require("annotator.core.store.postgres.backend", "PostgresStore")
    base = server()
    _measure_import(cfg, base, figs["pg_import"])
    _measure_window_and_search(cfg, base, figs)
