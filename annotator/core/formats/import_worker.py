"""Reading an import's records in a second process, so parsing overlaps with writing.

An import spends about a third of its time in Python work that needs no database: parsing
each record, checking its spans, hashing its text and folding it for the search index
(issue 18's profile). On a machine with two cores a child process does that work for a
large input while this one inserts the previous batch; the records come back in input
order, so everything downstream (matching, rejects, the one transaction) is unchanged.

The child is a plain ``python -m annotator.core.formats.import_worker``: it reads the
source and options pickled on its standard input and writes length-prefixed pickled
batches on its standard output. A pipe holds 64 KiB, so the child blocks as soon as it is
a batch ahead: memory stays bounded by two batches whatever the input's size. An error
the reader raises travels back and is raised here at the same record it stopped at; a
child that dies is an error naming its last words, never a hang. Small inputs, and
machines with one core, read in this process (``prepared_records`` decides).
"""

from __future__ import annotations

import os
import pickle
import struct
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, NamedTuple

from annotator.core.errors import AnnotatorError
from annotator.core.formats.reading import Record
from annotator.core.formats.registry import ReadOptions
from annotator.core.formats.sources import Source, records
from annotator.core.model import ArticleIn, content_hash
from annotator.core.text.matching import index_columns

#: Inputs at least this large (bytes) are read by a child process; below, starting one
#: (about 0.5 s of imports) costs more than it saves.
PARALLEL_BYTES = 16 << 20
#: Records per message from the child.
BATCH = 500
_LENGTH = struct.Struct("<Q")


class Prepared(NamedTuple):
    """A record with what the import would otherwise compute from its article.

    Read in this process, a record comes bare (``checked`` False): the import computes
    what it needs, when it needs it (a duplicate is never folded). The child computes
    everything for every article, on the other core.
    """

    rec: Record
    checked: bool = False
    digest: str | None = None  # content_hash(text)
    folded: str | None = None  # index_columns(text)[0]: the search index's words
    unstorable: str | None = None  # why UTF-8 cannot store it (lone surrogates), or None


def prepare(rec: Record) -> Prepared:
    """The per-record work that needs no database (in the child)."""
    art = rec.item
    if not isinstance(art, ArticleIn):
        return Prepared(rec)
    problem = unstorable(art)
    folded = index_columns(art.text)[0] if problem is None else None
    return Prepared(rec, True, content_hash(art.text), folded, problem)


def unstorable(art: ArticleIn) -> str | None:
    """UTF-8 cannot hold lone surrogates (JSON may carry "\\ud800"); name the field."""
    import json

    for name, value in (("id", art.ext_id), ("title", art.title), ("text", art.text)):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return f"{name} holds a lone surrogate (U+{ord(value[exc.start]):04X}) at {exc.start}"
    for name in ("source", "url", "author", "published"):
        value = getattr(art, name)
        if value is not None and not utf8_storable(value):
            return f"{name} holds a lone surrogate"
    try:
        json.dumps(art.meta, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return "meta holds a lone surrogate"
    except (TypeError, ValueError) as exc:
        return f"meta cannot be stored as JSON: {exc}"
    return None


def utf8_storable(value: str) -> bool:
    """Whether UTF-8 can hold ``value`` (no lone surrogates); the import's checks share it."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def in_parallel(src: Source) -> bool:
    """Whether ``src`` is worth a child process: a large file, and a second core."""
    return (
        src.fmt != "sqlite"  # its total counts rows, not bytes
        and src.total >= PARALLEL_BYTES
        and (os.cpu_count() or 1) > 1
        and os.environ.get("ANNOTATOR_IMPORT_WORKER", "1") != "0"
    )


@contextmanager
def prepared_records(src: Source, options: ReadOptions) -> Iterator[Iterator[Prepared]]:
    """The records of ``src``, prepared, in input order; read by a child when worth it.

    Leaving the context (the import finished, failed or was cancelled) stops the child.
    """
    if not in_parallel(src):
        yield (Prepared(rec) for rec in records(src, options))
        return
    with _Child(src, options) as child:
        yield child.records()


class WorkerFailed(AnnotatorError):
    """The reading process stopped without saying why (killed, out of memory...)."""


class _Child:
    def __init__(self, src: Source, options: ReadOptions) -> None:
        self.errors: IO[bytes] = tempfile.TemporaryFile()
        env = dict(os.environ)
        # The child imports this very package, wherever it was imported from.
        here = str(Path(__file__).resolve().parents[3])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (here, env.get("PYTHONPATH")) if p)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "annotator.core.formats.import_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            env=env,
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.out = self.proc.stdout
        try:
            self.proc.stdin.write(pickle.dumps((src, options, BATCH)))
            self.proc.stdin.close()
        except OSError:
            pass  # it died already; reading says why

    def __enter__(self) -> _Child:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.out.close()
        self.errors.close()

    def records(self) -> Iterator[Prepared]:
        while True:
            kind, payload = self._message()
            if kind == "batch":
                yield from payload
            elif kind == "error":
                raise payload
            else:
                self.proc.wait()  # it has said everything and is exiting
                return

    def _message(self) -> tuple[str, Any]:
        head = self.out.read(_LENGTH.size)
        if len(head) < _LENGTH.size:
            raise self._died()
        (size,) = _LENGTH.unpack(head)
        body = self.out.read(size)
        if len(body) < size:
            raise self._died()
        return pickle.loads(body)  # noqa: S301 (our own child's output)

    def _died(self) -> WorkerFailed:
        code = self.proc.wait()
        self.errors.seek(0)
        lines = self.errors.read().decode("utf-8", "replace").strip().splitlines()
        last = lines[-1] if lines else f"exit code {code}"
        return WorkerFailed(f"the process reading the input stopped: {last}")


def _send(out: IO[bytes], message: tuple[str, Any]) -> None:
    body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(_LENGTH.pack(len(body)))
    out.write(body)


def _error_message(exc: BaseException) -> tuple[str, Any]:
    """The error as it can cross the pipe: itself, or its type's kind and message."""
    try:
        pickle.loads(pickle.dumps(exc))  # noqa: S301
    except Exception:  # noqa: BLE001 (an exception whose arguments do not round-trip)
        kind = AnnotatorError if isinstance(exc, AnnotatorError) else RuntimeError
        return ("error", kind(str(exc)))
    return ("error", exc)


def main() -> None:
    """The child: read the source named on standard input, write prepared batches."""
    src, options, size = pickle.loads(sys.stdin.buffer.read())  # noqa: S301
    out = sys.stdout.buffer
    batch: list[Prepared] = []
    try:
        for rec in records(src, options):
            batch.append(prepare(rec))
            if len(batch) >= size:
                _send(out, ("batch", batch))
                batch = []
    except Exception as exc:  # noqa: BLE001 (raised in the parent, after the batch)
        _send(out, ("batch", batch))
        _send(out, _error_message(exc))
    else:
        _send(out, ("batch", batch))
        _send(out, ("end", None))
    out.flush()


if __name__ == "__main__":
    # Run as this module's importable self, so what it pickles names
    # ``annotator.core.formats.import_worker.Prepared``, not ``__main__.Prepared``.
    from annotator.core.formats import import_worker

    try:
        import_worker.main()
    except BrokenPipeError:  # the parent stopped reading (cancelled, failed): not an error
        os._exit(0)
