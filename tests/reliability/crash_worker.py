"""Child process for the crash test: applies annotation operations and acknowledges each.

Run as ``python crash_worker.py PROJECT SEED COUNT``. For every operation it prints a
``TRY {...}`` line, performs the operation through the core ``Store``, then prints an
``ACK {...}`` line carrying the result, flushing both. Whatever was acknowledged must be on
disk when the parent kills this process; the one operation between TRY and ACK may or may
not have landed (it is a single transaction either way).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from annotator.core.errors import AnnotatorError  # noqa: E402
from annotator.core.model import ArticleIn  # noqa: E402
from annotator.core.store import Store, open_store  # noqa: E402

ANNOTATORS = ("salma", "omar")
LABELS = ("PERS", "ORG", "LOC", "DATE")
STATUSES = ("todo", "in_progress", "done", "skipped")


def emit(kind: str, op: dict) -> None:
    sys.stdout.write(f"{kind} {json.dumps(op, ensure_ascii=False)}\n")
    sys.stdout.flush()


def choose(store: Store, rng: random.Random, serial: str) -> dict:
    """Pick the next operation from what is in the database right now."""
    ids = store.article_ids()
    art = rng.choice(ids)
    ann = rng.choice(ANNOTATORS)
    spans = store.spans(art, [ann])
    roll = rng.random()
    if roll < 0.02:
        return {"op": "batch", "prefix": f"batch-{serial}", "n": 25}
    if spans and roll < 0.30:
        return {"op": "relabel", "span": rng.choice(spans).id, "label": rng.choice(LABELS)}
    if spans and roll < 0.50:
        return {"op": "delete", "span": rng.choice(spans).id}
    if roll < 0.65:
        return {"op": "status", "article": art, "annotator": ann, "status": rng.choice(STATUSES)}
    length = len(store.article_text(art))
    start = rng.randrange(0, length - 1)
    end = min(length, start + rng.randint(1, 20))
    return {
        "op": "create",
        "article": art,
        "annotator": ann,
        "label": rng.choice(LABELS),
        "start": start,
        "end": end,
    }


def apply(store: Store, op: dict) -> dict:
    kind = op["op"]
    if kind == "create":
        span = store.add_span(
            op["article"], op["annotator"], op["label"], op["start"], op["end"]
        )
        return {**op, "span": span.id}
    if kind == "relabel":
        store.relabel_span(op["span"], op["label"])
        return op
    if kind == "delete":
        store.delete_span(op["span"])
        return op
    if kind == "status":
        store.set_status(op["article"], op["annotator"], op["status"])
        return op
    if kind == "batch":
        with store.transaction():
            for i in range(op["n"]):
                store.insert_article(
                    ArticleIn(ext_id=f"{op['prefix']}-{i}", text=f"خبر رقم {i} من الدفعة")
                )
        return op
    raise ValueError(kind)


def main() -> int:
    path, seed, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    with open_store(path) as store:
        for n in range(count):
            op = choose(store, rng, f"{seed}-{n}")
            emit("TRY", op)
            try:
                result = apply(store, op)
            except AnnotatorError as exc:  # e.g. relabel onto an identical span
                emit("REFUSED", {**op, "error": str(exc)})
                continue
            emit("ACK", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
