"""Child process for the concurrency tests: a second program writing the same project.

``python concurrency_worker.py writer PROJECT ANNOTATOR SEED COUNT GO_FILE``
    waits for GO_FILE to exist (so both writers start together), then applies COUNT
    writes (tags, relabels, deletes, status changes, small bulk batches) and prints one
    JSON line: the spans it left, the statuses it set and any error that surfaced.
``python concurrency_worker.py import PROJECT PREFIX COUNT [HOLD]``
    imports COUNT articles in one transaction; after half of them it prints ``HALF`` and
    waits for a line on stdin (or HOLD seconds) before going on, so the parent can look or
    write from outside while the transaction is open. Prints ``DONE`` after COMMIT.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from annotator.core.errors import AnnotatorError  # noqa: E402
from annotator.core.model import ArticleIn  # noqa: E402
from annotator.core.store import open_store  # noqa: E402

LABELS = ("PERS", "ORG", "LOC", "DATE")
STATUSES = ("in_progress", "done", "skipped")


def writer(path: str, annotator: str, seed: int, count: int, go_file: str) -> int:
    rng = random.Random(seed)
    spans: dict[int, list] = {}
    statuses: dict[str, str] = {}
    errors: list[str] = []
    with open_store(path) as store:
        ids = store.article_ids()
        lengths = {i: len(store.article_text(i)) for i in ids}
        while not Path(go_file).exists():
            time.sleep(0.001)
        for n in range(count):
            art = rng.choice(ids)
            roll = rng.random()
            try:
                if roll < 0.45 or not spans:
                    start = rng.randrange(0, lengths[art] - 1)
                    end = min(lengths[art], start + rng.randint(1, 15))
                    label = rng.choice(LABELS)
                    span = store.add_span(art, annotator, label, start, end)
                    spans[span.id] = [art, annotator, label, start, end]
                elif roll < 0.60:
                    sid = rng.choice(list(spans))
                    label = rng.choice(LABELS)
                    try:
                        store.relabel_span(sid, label)
                        spans[sid][2] = label
                    except AnnotatorError as exc:
                        if "already tagged" not in str(exc):
                            raise
                elif roll < 0.70:
                    sid = rng.choice(list(spans))
                    store.delete_span(sid)
                    del spans[sid]
                elif roll < 0.97:
                    status = rng.choice(STATUSES)
                    store.set_status(art, annotator, status)
                    statuses[str(art)] = status
                else:
                    # a small bulk write holds the write lock a little longer
                    with store.transaction():
                        for i in range(50):
                            store.insert_article(
                                ArticleIn(ext_id=f"{annotator}-{n}-{i}", text=f"نص {i}")
                            )
            except AnnotatorError as exc:
                errors.append(f"op {n}: {exc}")
    print(json.dumps({"spans": spans, "statuses": statuses, "errors": errors}))
    return 0


def importer(path: str, prefix: str, count: int, hold: float | None = None) -> int:
    with open_store(path) as store, store.transaction():
        for i in range(count):
            store.insert_article(
                ArticleIn(ext_id=f"{prefix}-{i}", text=f"مقال مستورد رقم {i}", title=prefix)
            )
            if i == count // 2:
                print("HALF", flush=True)
                if hold is None:
                    sys.stdin.readline()
                else:
                    time.sleep(hold)
    print("DONE", flush=True)
    return 0


def main() -> int:
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "writer":
        return writer(path, sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
    if mode == "import":
        hold = float(sys.argv[5]) if len(sys.argv) > 5 else None
        return importer(path, sys.argv[3], int(sys.argv[4]), hold)
    raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    sys.exit(main())
