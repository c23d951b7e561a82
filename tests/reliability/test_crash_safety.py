"""Killing the program at any moment never loses an acknowledged tag nor breaks the file.

A child process (crash_worker.py) applies annotation operations through the core Store and
acknowledges each after it returns; the parent kills it with SIGKILL at random moments, 20
times, and after each kill checks ``PRAGMA integrity_check`` and that the database equals
the replay of the acknowledged operations (the one in flight may or may not have landed).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn
from annotator.core.store import create_store, open_store

WORKER = Path(__file__).with_name("crash_worker.py")
ROUNDS = 20
OPS_PER_CHILD = 1000

State = dict[str, Any]


def _snapshot(path: Path) -> State:
    conn = sqlite3.connect(path)
    try:
        spans = {
            r[0]: tuple(r[1:])
            for r in conn.execute(
                'SELECT s.id, s.article_id, a.name, l.name, s.start, s."end" FROM spans s'
                " JOIN annotators a ON a.id = s.annotator_id"
                " JOIN labels l ON l.id = s.label_id"
            )
        }
        status = {
            (r[0], r[1]): r[2]
            for r in conn.execute(
                "SELECT st.article_id, a.name, st.status FROM article_status st"
                " JOIN annotators a ON a.id = st.annotator_id"
            )
        }
        articles = {r[0] for r in conn.execute("SELECT ext_id FROM articles")}
    finally:
        conn.close()
    return {"spans": spans, "status": status, "articles": articles}


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def _apply(state: State, op: dict[str, Any]) -> State:
    new = {k: dict(v) if isinstance(v, dict) else set(v) for k, v in state.items()}
    kind = op["op"]
    if kind == "create":
        new["spans"][op["span"]] = (
            op["article"], op["annotator"], op["label"], op["start"], op["end"]
        )
    elif kind == "relabel":
        a, ann, _old, s, e = new["spans"][op["span"]]
        new["spans"][op["span"]] = (a, ann, op["label"], s, e)
    elif kind == "delete":
        del new["spans"][op["span"]]
    elif kind == "status":
        new["status"][(op["article"], op["annotator"])] = op["status"]
    elif kind == "batch":
        new["articles"] |= {f"{op['prefix']}-{i}" for i in range(op["n"])}
    else:  # pragma: no cover - the worker only emits the kinds above
        raise AssertionError(kind)
    return new


def _with_pending(model: State, pending: dict[str, Any], actual: State) -> State | None:
    """The model plus the in-flight operation, if it can be expressed."""
    if pending["op"] == "create":
        extra = set(actual["spans"]) - set(model["spans"])
        if len(extra) != 1:
            return None
        return _apply(model, {**pending, "span": extra.pop()})
    return _apply(model, pending)


def _diff(model: State, actual: State) -> str:
    out = []
    for key in model:
        want, got = model[key], actual[key]
        if isinstance(want, dict):
            out += [
                f"{key}[{k}]: acknowledged {want.get(k)}, stored {got.get(k)}"
                for k in sorted(set(want) | set(got), key=str)
                if want.get(k) != got.get(k)
            ]
        elif want != got:
            out.append(f"{key}: {sorted(want ^ got)}")
    return "; ".join(out[:5])


def _seed(path: Path, seed_text: str) -> None:
    with create_store(path, default_labels()) as store, store.transaction():
        store.insert_article(ArticleIn(ext_id="seed", text=seed_text, title="التضامن"))
        for i in range(4):
            store.insert_article(
                ArticleIn(ext_id=f"short-{i}", text=f"زار الرئيس القاهرة يوم {i} مايو 👍🏽")
            )


def _run_child_and_kill(
    path: Path, seed: int, kill_after: int, delay: float, log: Path
) -> list[str]:
    """Start the worker, SIGKILL it ``delay`` s after its ``kill_after``-th ack."""
    with log.open("w") as err:
        proc = subprocess.Popen(
            [sys.executable, str(WORKER), str(path), str(seed), str(OPS_PER_CHILD)],
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            encoding="utf-8",
        )
    assert proc.stdout is not None
    lines: list[str] = []
    acks = 0
    try:
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("ACK "):
                acks += 1
                if acks >= kill_after:
                    time.sleep(delay)
                    os.kill(proc.pid, signal.SIGKILL)
                    break
        # the same buffered reader: lines it has read ahead are not lost
        lines.extend(proc.stdout.read().splitlines())
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
    if proc.returncode != -signal.SIGKILL:
        pytest.fail(f"worker ended on its own ({proc.returncode}): {log.read_text()}")
    return lines


@pytest.mark.slow
def test_sigkill_never_loses_an_acknowledged_operation(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "project.db"
    _seed(path, seed_text)
    rng = random.Random(20260829)
    model = _snapshot(path)
    landed = acknowledged = 0
    for round_no in range(ROUNDS):
        kill_after = rng.randint(1, 99)  # about 1,000 acknowledged operations in all
        delay = rng.choice([0.0, rng.uniform(0, 0.001)])
        lines = _run_child_and_kill(
            path, 1000 + round_no, kill_after, delay, tmp_path / "worker.log"
        )
        pending = None
        for line in lines:
            kind, _, payload = line.partition(" ")
            op = json.loads(payload)
            if kind == "TRY":
                pending = op
            elif kind == "ACK":
                model = _apply(model, op)
                acknowledged += 1
                pending = None
            elif kind == "REFUSED":
                pending = None
        assert _integrity(path) == "ok", f"round {round_no}"
        actual = _snapshot(path)
        if actual == model:
            continue
        assert pending is not None, (
            f"round {round_no}: acknowledged state differs: {_diff(model, actual)}"
        )
        with_pending = _with_pending(model, pending, actual)
        assert actual == with_pending, (
            f"round {round_no}: database matches neither the acknowledged operations nor"
            f" them plus the one in flight ({pending})"
        )
        model = with_pending
        landed += 1
    print(f"acknowledged={acknowledged} in-flight landed={landed}")
    assert acknowledged >= ROUNDS
    # The project still opens and takes writes after twenty crashes.
    with open_store(path) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        art = store.article_by_ext_id("seed")
        start = seed_text.index("نائلة جبر")
        span = store.add_span(art.id, "salma", "PERS", start, start + len("نائلة جبر"))
        assert span.text_in(art.text) == "نائلة جبر"
