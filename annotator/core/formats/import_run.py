"""Importing a corpus into a project: formats, duplicates, labels, batches, all or nothing.

The CLI's ``annotator import`` and the GUI's import dialog both call ``run_import``. It runs
in one ``store.transaction()``: by default one bad record rolls everything back and raises
``ImportFailed`` listing every bad record as ``file:line: reason``; with ``skip_invalid``
the good records land and the bad ones go to ``<input>.rejects.jsonl`` (or where
``rejects`` says). Records stream through in batches so memory stays flat on very large
inputs. An input named ``-`` is standard input (see ``sources.py``).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, BinaryIO

from annotator.core.errors import AnnotatorError, ConflictError, ValidationError
from annotator.core.formats.reading import Columns, Invalid, Record, check_encoding
from annotator.core.formats.registry import ReadOptions
from annotator.core.formats.sources import STDIN, Source, open_sources, records
from annotator.core.labels import check_label_name
from annotator.core.model import IMPORT_ANNOTATOR, ArticleIn, content_hash
from annotator.core.store import Store

BATCH = 1000
SPAN_ORIGIN = "import"
#: How many reasons ``str(ImportFailed)`` shows; the report holds them all.
FIRST_REASONS = 3


@dataclass
class Rejection:
    file: str
    line: int
    reason: str
    record: str | None = None  # the raw record, for the .rejects.jsonl

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass
class ImportReport:
    files: list[str]
    articles_added: int = 0
    spans_added: int = 0
    duplicates: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    labels_added: list[str] = field(default_factory=list)
    rejects_path: Path | None = None
    cancelled: bool = False
    #: Set when some text did not decode: what to do about it (``--encoding``).
    encoding_hint: str | None = None

    def summary(self) -> str:
        return (
            f"{self.articles_added} article(s), {self.spans_added} span(s),"
            f" {len(self.duplicates)} duplicate(s) skipped, {len(self.rejected)} rejected"
        )


class ImportFailed(AnnotatorError):
    """Bad records stopped the import; nothing was written. ``report`` lists them all."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        n = len(report.rejected)
        first = "; ".join(str(r) for r in report.rejected[:FIRST_REASONS])
        more = f"; and {n - FIRST_REASONS} more" if n > FIRST_REASONS else ""
        hint = f"; {report.encoding_hint}" if report.encoding_hint else ""
        super().__init__(
            f"import failed, nothing was imported: {n} bad record(s): {first}{more}{hint}"
            " (use --skip-invalid to import the good ones)"
        )


class ImportCancelled(AnnotatorError):
    """The user cancelled; the import was rolled back and nothing was written."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        report.cancelled = True
        super().__init__("import cancelled; nothing was imported")


def run_import(
    store: Store,
    paths: Iterable[str | Path],
    fmt: str = "auto",
    *,
    annotator: str = IMPORT_ANNOTATOR,
    skip_invalid: bool = False,
    strict_labels: bool = False,
    text_column: str = "text",
    id_column: str = "id",
    title_column: str = "title",
    table: str | None = None,
    sentences_per_article: int = 20,
    encoding: str | None = None,
    rejects: str | Path | None = None,
    stdin: BinaryIO | None = None,
    progress: Callable[[int, int | None], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> ImportReport:
    """Import every file in ``paths`` into ``store`` as one all-or-nothing transaction.

    ``encoding`` is that of text files without a byte-order mark (None: UTF-8); a path
    ``-`` reads ``stdin``; ``rejects`` is where ``skip_invalid`` writes the bad records
    (default: ``<first input>.rejects.jsonl``, which standard input does not have).
    """
    if not annotator.strip():
        raise ValidationError("the annotator name for pre-annotations is empty")
    if sentences_per_article < 1:
        raise ValidationError("--sentences-per-article must be at least 1")
    options = ReadOptions(
        columns=Columns(text=text_column, id=id_column, title=title_column),
        table=table,
        sentences_per_article=sentences_per_article,
        encoding=check_encoding(encoding),
    )
    inputs = [Path(p) for p in paths]
    if not inputs:
        raise ValidationError("no input files given")
    target = _rejects_target(inputs, skip_invalid, rejects, store.path)
    with open_sources(inputs, fmt, options, stdin) as sources:
        run = _Run(store, ImportReport(files=[s.shown for s in sources]), annotator, strict_labels)
        return _import(run, sources, options, target, progress, should_cancel)


def _rejects_target(
    inputs: list[Path], skip_invalid: bool, rejects: str | Path | None, project: Path | None
) -> Path | None:
    """Where rejected records will go (None: nowhere), checked before anything is read."""
    if rejects is None:
        if not skip_invalid:
            return None
        if str(inputs[0]) == STDIN:
            raise ValidationError(
                "standard input (-) has no folder to put rejected records in;"
                " say where with --rejects FILE"
            )
        target = inputs[0].with_name(inputs[0].name + ".rejects.jsonl")
        if target.parent.is_dir() and not os.access(target.parent, os.W_OK):
            # Written at the end, inside the transaction: found out only then, a read-only
            # folder would cost the whole run (the CLI and the import dialog alike).
            raise ValidationError(
                f"--skip-invalid writes the rejected records to {target}, but the folder"
                f" {target.parent} is read-only; copy the input to a folder you can write to,"
                " say where with --rejects FILE, or leave out --skip-invalid; nothing was"
                " imported"
            )
        return target
    target = Path(rejects)
    if not skip_invalid:
        raise ValidationError("--rejects only applies with --skip-invalid")
    if target.is_dir():
        raise ValidationError(f"{target}: is a folder; --rejects names a file")
    if not target.parent.is_dir():
        raise ValidationError(f"{target}: no such folder for the rejected records")
    others = [*inputs, project] if project is not None else inputs  # a server has no file
    if any(target.resolve() == p.resolve() for p in others if str(p) != STDIN):
        raise ValidationError(f"{target}: is an input or the project; --rejects names a new file")
    return target


def _import(
    run: _Run,
    sources: list[Source],
    options: ReadOptions,
    target: Path | None,
    progress: Callable[[int, int | None], None] | None,
    should_cancel: Callable[[], bool] | None,
) -> ImportReport:
    report = run.report
    total = sum(s.total for s in sources)
    rejects = _RejectsFile(target) if target is not None else None
    if progress is not None:
        progress(0, total)
    try:
        with run.store.transaction():
            offset = 0
            for src in sources:
                count = 0
                for rec in records(src, options):
                    count += 1
                    run.add(rec)
                    if count % BATCH == 0:
                        run.flush()
                        if progress is not None:
                            progress(offset + rec.done, total)
                        if should_cancel is not None and should_cancel():
                            raise ImportCancelled(report)
                run.flush()
                if count == 0:
                    run.reject(Rejection(src.shown, 1, "no articles (the input is empty)"))
                offset += src.total
                if progress is not None:
                    progress(offset, total)
            report.rejected = run.rejected_in_order()
            if run.undecodable:
                report.encoding_hint = encoding_hint(options.encoding)
            if report.rejected and rejects is None:
                raise ImportFailed(report)
            if rejects is not None:
                rejects.write(report.rejected)
            run.store.record_event(
                "import",
                actor=run.annotator,
                via="import",
                detail={
                    "files": report.files,
                    "articles_added": report.articles_added,
                    "spans_added": report.spans_added,
                    "duplicates": len(report.duplicates),
                    "rejected": len(report.rejected),
                },
            )
        if rejects is not None:
            report.rejects_path = rejects.commit()
    finally:
        if rejects is not None:
            rejects.discard()
    return report


def encoding_hint(encoding: str | None) -> str:
    """What to say when some text did not decode with ``encoding`` (None: UTF-8)."""
    return (
        f"if the file is not {encoding or 'UTF-8'}, give its encoding with --encoding"
        " (Arabic Excel writes windows-1256)"
    )


class _Run:
    """Batching, duplicate checks and label handling for one import."""

    def __init__(
        self,
        store: Store,
        report: ImportReport,
        annotator: str,
        strict_labels: bool,
    ) -> None:
        self.store = store
        self.report = report
        self.annotator = annotator
        self.strict_labels = strict_labels
        self.labels = {lab.name for lab in store.labels()}
        self.batch: list[tuple[int, Record, ArticleIn]] = []
        self.seen = 0
        self.undecodable = False  # some text did not decode
        # (record number, rejection): batch checks reject later than the reader, so the
        # report is put back in input order at the end
        self._rejected: list[tuple[int, Rejection]] = []

    def reject(self, rejection: Rejection, seq: int | None = None) -> None:
        self._rejected.append((self.seen if seq is None else seq, rejection))

    def rejected_in_order(self) -> list[Rejection]:
        return [r for _, r in sorted(self._rejected, key=lambda pair: pair[0])]

    def add(self, rec: Record) -> None:
        self.seen += 1
        if isinstance(rec.item, Invalid):
            self.undecodable = self.undecodable or rec.item.undecodable
            self.reject(Rejection(rec.file, rec.line, rec.item.reason, rec.item.raw))
        else:
            self.batch.append((self.seen, rec, rec.item))

    def flush(self) -> None:
        batch, self.batch = self.batch, []
        if not batch:
            return
        hashes = [content_hash(art.text) for _, _, art in batch]
        by_ext, by_hash = self.store.existing_articles(
            {art.ext_id for _, _, art in batch}, set(hashes)
        )
        keep: list[ArticleIn] = []
        keep_hashes: list[str] = []
        for (seq, rec, art), digest in zip(batch, hashes, strict=True):
            known = by_ext.get(art.ext_id)
            if known is not None and known != digest:
                reason: str | None = f"id {art.ext_id!r} already exists with different text"
            else:
                twin = art.ext_id if known is not None else by_hash.get(digest)
                if twin is not None:
                    self.report.duplicates.append(
                        f"{rec.file}:{rec.line}: duplicate of article {twin} (same text)"
                    )
                    continue
                reason = self._problem(art)
            if reason is not None:
                self.reject(Rejection(rec.file, rec.line, reason, _raw(art)), seq)
                continue
            by_ext[art.ext_id] = digest
            by_hash[digest] = art.ext_id
            for label in sorted({lab for _, _, lab in art.spans} - self.labels):
                self.store.add_label(label)
                self.labels.add(label)
                self.report.labels_added.append(label)
            keep.append(art)
            keep_hashes.append(digest)
        ids = self.store.insert_articles(keep, keep_hashes)
        self.report.articles_added += len(ids)
        rows = [
            (aid, self.annotator, label, start, end, SPAN_ORIGIN)
            for aid, art in zip(ids, keep, strict=True)
            for start, end, label in art.spans
        ]
        self.report.spans_added += self.store.insert_spans(rows)

    def _problem(self, art: ArticleIn) -> str | None:
        """Why a new article cannot be stored, or None."""
        unknown = sorted({lab for _, _, lab in art.spans} - self.labels)
        if unknown and self.strict_labels:
            return (
                f"unknown label(s) {', '.join(unknown)} (not in the project;"
                " add them or drop --strict-labels)"
            )
        for label in unknown:  # a new label must not look like one the project has
            try:
                check_label_name(label, self.labels)
            except (ValidationError, ConflictError) as exc:
                return f"span label: {exc}"
        return _unstorable(art)


def _unstorable(art: ArticleIn) -> str | None:
    """UTF-8 cannot hold lone surrogates (JSON may carry "\\ud800"); name the field."""
    for name, value in (("id", art.ext_id), ("title", art.title), ("text", art.text)):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return f"{name} holds a lone surrogate (U+{ord(value[exc.start]):04X}) at {exc.start}"
    for name in ("source", "url", "author", "published"):
        value = getattr(art, name)
        if value is not None:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return f"{name} holds a lone surrogate"
    try:
        json.dumps(art.meta, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return "meta holds a lone surrogate"
    except (TypeError, ValueError) as exc:
        return f"meta cannot be stored as JSON: {exc}"
    return None


def _raw(art: ArticleIn) -> str:
    """A valid-looking record that was refused (duplicate id...), as JSON for the rejects."""
    return json.dumps(
        {"id": art.ext_id, "title": art.title, "text": art.text, "meta": art.meta},
        ensure_ascii=False,
    )


class _RejectsFile:
    """The rejected records, written whole or not at all."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        self.written = False

    def write(self, rejected: list[Rejection]) -> None:
        if not rejected:
            return
        fh: IO[str]
        with self.tmp.open("w", encoding="utf-8", errors="surrogatepass") as fh:
            for r in rejected:
                fh.write(json.dumps(_reject_json(r), ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        self.written = True

    def commit(self) -> Path | None:
        if not self.written:
            return None
        os.replace(self.tmp, self.path)
        self.written = False
        return self.path

    def discard(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.tmp.unlink()


def _reject_json(r: Rejection) -> dict[str, Any]:
    return {"file": r.file, "line": r.line, "reason": r.reason, "record": r.record}
