"""Importing a corpus into a project: formats, duplicates, labels, batches, all or nothing.

The CLI's ``annotator import`` and the GUI's import dialog both call ``run_import``. It runs
in one ``store.transaction()``: by default one bad record rolls everything back and raises
``ImportFailed`` listing every bad record as ``file:line: reason``; with ``skip_invalid``
the good records land and the bad ones go to ``<input>.rejects.jsonl`` (or where
``rejects`` says). Records stream through in batches so memory stays flat on very large
inputs. An input named ``-`` is standard input (see ``sources.py``). Which article each
record lands on, and what becomes of its spans and status, is ``import_batch.py``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any, BinaryIO

from annotator.core.errors import AnnotatorError, ValidationError
from annotator.core.formats.import_batch import (
    ON_EXISTING,
    SPAN_ORIGIN,
    Batches,
    ImportReport,
    Rejection,
)
from annotator.core.formats.import_worker import prepared_records
from annotator.core.formats.reading import Columns, check_encoding
from annotator.core.formats.registry import BY_NAME, OFFSET_FORMATS, ReadOptions
from annotator.core.formats.sources import STDIN, Source, open_sources
from annotator.core.formats.spans_in import UNITS
from annotator.core.formats.work import name as annotator_name
from annotator.core.model import IMPORT_ANNOTATOR
from annotator.core.store import Store

__all__ = ["SPAN_ORIGIN", "ImportCancelled", "ImportFailed", "ImportReport", "Rejection",
           "run_import"]  # fmt: skip

BATCH = 1000
#: How many reasons ``str(ImportFailed)`` shows; the report holds them all.
FIRST_REASONS = 3


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
    annotator: str | None = None,
    on_existing: str = "add",
    offsets: str | None = None,
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

    ``annotator`` names whose the records' spans and statuses are, over the names a file
    gives (None: the file's, else ``import``); ``on_existing`` says what a record of an
    article the project has does (add its work, skip, error); ``offsets`` is the unit of
    the file's offsets (None: the format's own). ``encoding`` is that of text files
    without a byte-order mark (None: UTF-8); a path ``-`` reads ``stdin``; ``rejects`` is
    where ``skip_invalid`` writes the bad records (default: ``<first input>.rejects.jsonl``,
    which standard input does not have).
    """
    began = time.monotonic()
    if annotator is not None:
        if not annotator.strip():
            raise ValidationError("the annotator name for pre-annotations is empty")
        annotator = annotator_name(annotator, "--annotator")
    if on_existing not in ON_EXISTING:
        raise ValidationError(
            f"unknown --on-existing {on_existing!r}; use {', '.join(ON_EXISTING)}"
        )
    if offsets is not None and offsets not in UNITS:
        raise ValidationError(f"unknown --offsets {offsets!r}; use {' or '.join(UNITS)}")
    if offsets is not None and fmt in BY_NAME and not BY_NAME[fmt].offsets:
        raise ValidationError(
            f"--offsets does not apply to --format {fmt} (only to {', '.join(OFFSET_FORMATS)})"
        )
    if sentences_per_article < 1:
        raise ValidationError("--sentences-per-article must be at least 1")
    options = ReadOptions(
        columns=Columns(text=text_column, id=id_column, title=title_column),
        table=table,
        sentences_per_article=sentences_per_article,
        encoding=check_encoding(encoding),
        offsets=offsets,
    )
    inputs = [Path(p) for p in paths]
    if not inputs:
        raise ValidationError("no input files given")
    target = _rejects_target(inputs, skip_invalid, rejects, store.path)
    with open_sources(inputs, fmt, options, stdin) as sources:
        report = ImportReport(files=[s.shown for s in sources])
        run = Batches(store, report, annotator, strict_labels, on_existing)
        _import(run, sources, options, target, progress, should_cancel)
    report.seconds = time.monotonic() - began
    return report


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
    run: Batches,
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
                with prepared_records(src, options) as prepared:
                    for prep in prepared:
                        count += 1
                        run.add(prep)
                        if count % BATCH == 0:
                            run.flush()
                            if progress is not None:
                                progress(offset + prep.rec.done, total)
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
            run.store.record_event("import", actor=run.actor(), via="import",
                                   detail=_event_detail(report))  # fmt: skip
        if rejects is not None:
            report.rejects_path = rejects.commit()
    finally:
        if rejects is not None:
            rejects.discard()
    return report


def _event_detail(report: ImportReport) -> dict[str, Any]:
    """The history's record of an import: its counts (the newer ones only when not zero)."""
    detail: dict[str, Any] = {
        "files": report.files,
        "articles_added": report.articles_added,
        "spans_added": report.spans_added,
        "duplicates": len(report.duplicates),
        "rejected": len(report.rejected),
    }
    for key in ("articles_matched", "spans_present", "statuses_set", "statuses_kept"):
        if getattr(report, key):
            detail[key] = getattr(report, key)
    if report.skipped:
        detail["skipped"] = len(report.skipped)
    if report.annotators not in ([], [IMPORT_ANNOTATOR]):
        detail["annotators"] = report.annotators
    return detail


def encoding_hint(encoding: str | None) -> str:
    """What to say when some text did not decode with ``encoding`` (None: UTF-8)."""
    return (
        f"if the file is not {encoding or 'UTF-8'}, give its encoding with --encoding"
        " (Arabic Excel writes windows-1256)"
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
        with self.tmp.open("w", encoding="utf-8") as fh:
            for r in rejected:
                fh.write(escape_surrogates(json.dumps(_reject_json(r), ensure_ascii=False)) + "\n")
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


def escape_surrogates(line: str) -> str:
    """A JSON line with each lone surrogate written as its ``\\udXXX`` escape.

    A rejected record may hold one (JSON can spell "\\ud800"); written as is it would make
    the file invalid UTF-8. In a JSON string the escape reads back as the same character.
    """
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _reject_json(r: Rejection) -> dict[str, Any]:
    return {"file": r.file, "line": r.line, "reason": r.reason, "record": r.record}
