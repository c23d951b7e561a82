"""``run_export``: the one entry point the CLI and the GUI dialog call.

The whole export reads inside one ``store.read_snapshot()``: labels, article ids, spans and
statuses all come from the state the project was in when the export started, even while
another program (a window, ``annotator import``) commits. Without it a label renamed
halfway gave a file with both names, and a conll export stopped on an unknown label.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from annotator.core.formats.atomic import (
    STDOUT_NAME,
    PendingFile,
    Sink,
    StreamSink,
    Target,
    check_output,
    open_sink,
    write_all,
)
from annotator.core.formats.export_checks import ExportError
from annotator.core.formats.export_records import (
    CancelFn,
    ExportRecord,
    ProgressFn,
    article_ids,
    iter_records,
    make_selection,
    nothing_message,
)
from annotator.core.formats.registry import BY_NAME, EXPORT_FORMATS
from annotator.core.formats.tagging import MISALIGNED
from annotator.core.formats.writing import Options, Tally, Writer, written_by_export
from annotator.core.store import Store

#: How many misaligned spans an error message lists before it says "and N more".
LIST_LIMIT = 50


@dataclass
class ExportReport:
    path: Path | None  # None: standard output
    records: int
    spans: int  # spans written (for hf: the outermost layer only)
    skipped_spans: list[str]  # misaligned spans left out (drop, or expand that could not)
    dropped_nested: int  # hf: inner spans that flat tags cannot hold
    extra_files: list[Path]  # written beside the output (hf: OUT.labels.json)
    skipped_articles: list[str] = field(default_factory=list)  # conll/hf: nothing to tag
    expanded_spans: int = 0  # misaligned spans grown to whole tokens

    def summary(self) -> str:
        """One line for the terminal and the app's message box."""
        where = STDOUT_NAME if self.path is None else self.path
        parts = [f"Exported {self.records} record(s) with {self.spans} span(s) to {where}"]
        if self.expanded_spans:
            parts.append(f"{self.expanded_spans} misaligned span(s) grown to whole tokens")
        if self.skipped_spans:
            parts.append(f"{len(self.skipped_spans)} misaligned span(s) left out")
        if self.dropped_nested:
            parts.append(f"{self.dropped_nested} nested span(s) dropped (flat tags)")
        if self.skipped_articles:
            parts.append(f"{len(self.skipped_articles)} article(s) without words left out")
        if self.extra_files:
            parts.append("labels in " + ", ".join(str(p) for p in self.extra_files))
        return "; ".join(parts) + "."


def run_export(
    store: Store,
    out: Path | BinaryIO,
    fmt: str = "jsonl",
    *,
    annotator: str | None = None,
    gold: bool = False,
    status: str = "done",
    labels: Sequence[str] | None = None,
    include_text: bool = True,
    misaligned: str = "error",
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
) -> ExportReport:
    """Write the selected annotations to ``out`` in ``fmt``, whole or not at all.

    ``out`` is a file name, or a binary stream (standard output, for ``-``) that is written
    as records come and left open. A pipe or a device named as ``out`` is written directly
    too; only a file can be whole or not at all.

    Raises ``ExportError`` (nothing written under ``out``) for a bad choice, a span whose
    offsets do not match its article, misaligned spans with ``misaligned="error"``, an empty
    selection, or a cancel (``ExportCancelled``).
    """
    path, stream = (Path(out), None) if isinstance(out, str | os.PathLike) else (None, out)
    if fmt not in EXPORT_FORMATS:
        raise ExportError(
            f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}"
        )
    if misaligned not in MISALIGNED:
        raise ExportError(f"unknown misaligned mode {misaligned!r}; use expand, drop or error")
    if not include_text and fmt != "jsonl":
        raise ExportError(f"leaving out the text is for jsonl only; {fmt} needs the text")
    with store.read_snapshot():
        sel = make_selection(store, annotator=annotator, gold=gold, status=status, labels=labels)
        target = None if path is None else check_output(path, project=store.path)
        chosen = [
            lab.name for lab in store.labels() if sel.labels is None or lab.name in sel.labels
        ]
        tally = Tally()
        make_writer = BY_NAME[fmt].writer
        assert make_writer is not None  # EXPORT_FORMATS names formats with a writer
        writer = make_writer(Options(tuple(chosen), include_text, misaligned), tally)
        sides = _side_targets(fmt, writer, target, store.path)
        ids = article_ids(store, sel)
        if not ids:
            raise ExportError(nothing_message(store, sel))
        if progress is not None:
            progress(0, len(ids))
        main = open_sink(target) if target is not None else StreamSink(stream)
        records = iter_records(store, sel, ids, progress=progress, should_cancel=should_cancel)
        files, count = _write_records(main, sides, writer, tally, records)
    write_all(files)
    return ExportReport(
        path=None if target is None else target.path,
        records=count,
        spans=tally.spans,
        skipped_spans=tally.skipped_spans,
        dropped_nested=tally.dropped_nested,
        extra_files=[f.path for f in files[1:]],
        skipped_articles=tally.skipped_articles,
        expanded_spans=tally.expanded,
    )


def _write_records(
    main: Sink, sides: list[Target], writer: Writer, tally: Tally, records: Iterable[ExportRecord]
) -> tuple[list[Sink], int]:
    """Every record into ``main``, then the side files; after a failure none is left."""
    files: list[Sink] = [main]
    count = 0
    try:
        for rec in records:
            count += writer.write(main.fh, rec)
        if tally.misaligned:
            raise ExportError(_misaligned_message(tally.misaligned))
        for side, content in zip(sides, writer.side_files().values(), strict=True):
            files.append(PendingFile(side.path, side.real))
            files[-1].fh.write(content)
    except OSError as exc:  # disk full, file system gone: one line, nothing left behind
        for f in files:
            f.discard()
        if isinstance(main, StreamSink) and isinstance(exc, BrokenPipeError):
            raise  # the reader of standard output stopped early (``| head``): not an error
        name = STDOUT_NAME if isinstance(main, StreamSink) else main.path
        whole = isinstance(main, PendingFile)  # a pipe, a device, a stream: some went out
        lost = "nothing was written" if whole else "the output is incomplete"
        raise ExportError(f"{name}: cannot write: {exc.strerror or exc}; {lost}") from None
    except BaseException:
        for f in files:
            f.discard()
        raise
    return files, count


def _side_targets(
    fmt: str, writer: Writer, target: Target | None, project: Path | None
) -> list[Target]:
    """Where the side files go (``OUT.labels.json``), checked before any work is done.

    A side file needs a folder beside a named file, so standard output, a pipe or a device
    cannot have one. An existing file of that name is replaced only if an export wrote it.
    """
    endings = list(writer.side_files())
    if not endings:
        return []
    if target is None or target.direct:
        what = f"{STDOUT_NAME} (-)" if target is None else f"{target.direct} ({target.path})"
        raise ExportError(
            f"{fmt} writes its label map to a file beside the output, so it needs an output"
            f" file name, not {what}"
        )
    sides = []
    for ending in endings:
        path = target.path.with_name(target.path.name + ending)
        side = check_output(path, project=project)
        if side.direct or (side.real.exists() and not written_by_export(side.real)):
            raise ExportError(
                f"{path} exists and was not written by annotator export; move it away or"
                " choose another output name"
            )
        sides.append(side)
    return sides


def _misaligned_message(cases: list[str]) -> str:
    lines = [
        f"{len(cases)} span(s) do not fall on token boundaries; fix them, or export with"
        " misaligned expand (grow to whole tokens) or drop (leave them out):"
    ]
    lines += [f"  {c}" for c in cases[:LIST_LIMIT]]
    if len(cases) > LIST_LIMIT:
        lines.append(f"  ... and {len(cases) - LIST_LIMIT} more")
    return "\n".join(lines)
