"""A team tagging at once on one server: N simulated annotators, each a process of its
own with its own store (as each person's app has), tag word after word for a set time.

Each annotator tags a word, waits ``THINK_S`` (a person never tags flat out; the pause
keeps the figure about latency under a team's load, not about how many commits a loop can
push), and goes on through its share of the articles. The latency of a tag is the time
``add_span`` takes: the write, its history record and the COMMIT, acknowledged.

The baseline, measured first in the same run on the same server, is one annotator
tagging alone the same way: what the team's load adds is the ratio of the two.

Afterwards every process's acknowledged tags are compared with the server's rows: each
acknowledged tag must be there exactly once with exactly one history record, and nothing
unacknowledged may be there (none lost, none doubled). The figure is the p95 of every
tag's latency, against the issue's 30 ms.

Bounded in count and time: at most ``MAX_TAGS`` tags per annotator and ``seconds`` of
tagging (the processes are stopped after twice that); the server must be on this machine
(a Unix socket or a loopback address), so the load never goes to someone's real server.
Full: 20 annotators for 60 s; quick (the smoke test): 4 for 2 s.
"""

from __future__ import annotations

import ipaddress
import multiprocessing
import re
import time
from multiprocessing.connection import Connection
from typing import Any

from benchmarks import corpus
from benchmarks.bench_postgres import fresh_schema, server
from benchmarks.measure import Config, Figure, NotAvailable, median, p95, require

ANNOTATORS_FULL, SECONDS_FULL = 20, 60.0
ANNOTATORS_QUICK, SECONDS_QUICK = 4, 2.0
THINK_S = 0.1
#: The baseline: one annotator alone, this long at most.
SOLO_SECONDS_MAX = 10.0
MAX_TAGS = 5_000
ARTICLES = 200
LABELS = ("PERS", "ORG", "GPE", "LOC", "EVENT", "DATE", "OCC")
_WORD = re.compile(r"\S+")


def figures(cfg: Config) -> list[Figure]:
    people, seconds = _size(cfg)
    return [
        Figure(
            "pg_load",
            f"server: {people} annotators tagging at once for {seconds:g} s, a tag (p95)",
            "ms",
            "under",
            30.0,
        )
    ]


def _size(cfg: Config) -> tuple[int, float]:
    return (ANNOTATORS_QUICK, SECONDS_QUICK) if cfg.quick else (ANNOTATORS_FULL, SECONDS_FULL)


def _local_only(url: str) -> None:
    """Refuse a server that is not on this machine: the load is for a local server."""
    from annotator.core.store.location import parse_server_url

    host = parse_server_url(url).host
    if host.startswith("/") or host == "localhost":
        return
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    raise NotAvailable(f"the load runs on a local server only, not on {host}")


def _annotator(
    url: str,
    name: str,
    places: list[tuple[int, int, int]],
    seconds: float,
    go: Any,
    out: Connection,
) -> None:
    """One person: tag ``places`` (article, start, end) in order, a label each, until the
    time is up; send back every acknowledged tag with its latency, and the refusals."""
    from annotator.core.errors import AnnotatorError
    from annotator.core.store import open_store

    acked: list[tuple[int, int, int, str, float]] = []
    refused: list[tuple[int, int, int, str, str]] = []
    with open_store(url) as store:
        store.annotator_id(name)  # before the clock, as the app does at start-up
        go.wait()
        end = time.monotonic() + seconds
        for i, (article, start, stop) in enumerate(places[:MAX_TAGS]):
            if time.monotonic() >= end:
                break
            label = LABELS[i % len(LABELS)]
            t0 = time.perf_counter()
            try:
                store.add_span(article, name, label, start, stop)
            except AnnotatorError as exc:
                refused.append((article, start, stop, label, str(exc)))
            else:
                acked.append((article, start, stop, label, time.perf_counter() - t0))
            time.sleep(THINK_S)
    out.send((acked, refused))
    out.close()


def _places(store: Any, ids: list[int], who: int, people: int) -> list[tuple[int, int, int]]:
    """Every word of the articles, each annotator starting at a different article."""
    out: list[tuple[int, int, int]] = []
    shift = who * len(ids) // people
    for aid in ids[shift:] + ids[:shift]:
        text = store.article_text(aid)
        out += [(aid, m.start(), m.end()) for m in _WORD.finditer(text)]
    return out


def measure(cfg: Config, figs: dict[str, Figure]) -> None:
    require("annotator.core.store.postgres.backend", "PostgresStore")
    from annotator.core.labels import default_labels
    from annotator.core.model import ArticleIn
    from annotator.core.store import create_store

    fig = figs["pg_load"]
    base = server()
    _local_only(base)
    people, seconds = _size(cfg)
    n_articles = min(ARTICLES, cfg.n)
    with fresh_schema(base) as url:
        with create_store(url, default_labels()) as store:
            with store.transaction():
                ids = store.insert_articles(
                    [
                        ArticleIn(ext_id=a.ext_id, text=a.text)
                        for a in corpus.iter_articles(n_articles, cfg.seed)
                    ]
                )
            places = [_places(store, ids, w, people) for w in range(people)]
        # The baseline, in the same run on the same server: one annotator alone.
        solo = _run(url, ["solo"], [places[0]], min(seconds, SOLO_SECONDS_MAX))
        results = _run(url, [f"load{w:02d}" for w in range(people)], places, seconds)
        _check(url, {"solo": solo[0], **{f"load{w:02d}": r for w, r in enumerate(results)}})
    latencies = [a[4] * 1000 for acked, _ in results for a in acked]
    alone = [a[4] * 1000 for a in solo[0][0]]
    refused = sum(len(r) for _, r in results)
    if not latencies or not alone:
        raise RuntimeError("no tag was acknowledged")
    fig.measured = p95(latencies)
    fig.baseline = p95(alone)
    fig.note = (
        f"{len(latencies):,} tags by {people} processes ({len(latencies) / seconds:.0f}/s,"
        f" one every {THINK_S * 1000:.0f} ms each plus the tag), median"
        f" {median(latencies):.1f} ms, max {max(latencies):.1f} ms; {refused} refused;"
        f" every acknowledged tag stored once, nothing else; baseline: one annotator alone"
        f" ({len(alone)} tags, median {median(alone):.1f} ms)"
    )
    fig.extra = {"tags": len(latencies), "refused": refused, "annotators": people,
                 "seconds": seconds, "think_s": THINK_S}  # fmt: skip


def _run(
    url: str, names: list[str], places: list[list[tuple[int, int, int]]], seconds: float
) -> list[tuple[list[Any], list[Any]]]:
    """Start one process per name, let them all go at once, collect what each acknowledged
    and what was refused; every process is stopped after ``2 * seconds + 60`` s at most."""
    ctx = multiprocessing.get_context("spawn")
    go = ctx.Event()
    pipes, procs = [], []
    for name, mine_places in zip(names, places, strict=True):
        mine, theirs = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_annotator, args=(url, name, mine_places, seconds, go, theirs))
        proc.start()
        theirs.close()
        pipes.append(mine)
        procs.append(proc)
    time.sleep(1.0 + 0.1 * len(names))  # every process connected and waiting
    go.set()
    results: list[tuple[list[Any], list[Any]]] = []
    deadline = time.monotonic() + 2 * seconds + 60
    try:
        for pipe, proc in zip(pipes, procs, strict=True):
            if not pipe.poll(max(1.0, deadline - time.monotonic())):
                raise RuntimeError("an annotator process did not finish in time")
            results.append(pipe.recv())
            proc.join(10)
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.kill()
    return results


def _check(url: str, results: dict[str, tuple[list[Any], list[Any]]]) -> None:
    """None lost, none doubled: the server holds exactly the acknowledged tags, and one
    history record of each."""
    from annotator.core.store import open_store

    want = sorted(
        (name, a[0], a[1], a[2], a[3]) for name, (acked, _) in results.items() for a in acked
    )
    with open_store(url, readonly=True) as store:
        ids = sorted({t[1] for t in want})
        got = sorted(
            (name, aid, start, end, label)
            for aid, name, label, start, end in store.span_rows(ids, store.annotators())
        )
        created = [e.span_id for e in store.history() if e.action == "create"]
    if got != want:
        lost = len(set(want) - set(got))
        extra = len(got) - len(want) + lost
        raise RuntimeError(f"{lost} acknowledged tag(s) lost, {extra} not acknowledged stored")
    if len(created) != len(set(created)) or len(created) != len(want):
        raise RuntimeError(f"{len(created)} history records for {len(want)} tags")
