"""``run_export``: the one entry point the CLI and the GUI dialog call.

The whole export reads inside one ``store.read_snapshot()``: labels, article ids, spans and
statuses all come from the state the project was in when the export started, even while
another program (a window, ``annotator import``) commits. Without it a label renamed
halfway gave a file with both names, and a conll export stopped on an unknown label.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

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
from annotator.core.formats.conll import STYLES
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
from annotator.core.formats.hf import UNITS as HF_UNITS
from annotator.core.formats.registry import BY_NAME, EXPORT_FORMATS, FORMATS
from annotator.core.formats.spans_in import CODEPOINTS, UNITS
from annotator.core.formats.splits import DEFAULT_SEED, assign, parse_split, split_path
from annotator.core.formats.tagging import MISALIGNED
from annotator.core.formats.writing import Options, Tally, Writer, written_by_export
from annotator.core.store import Store

#: How many misaligned spans an error message lists before it says "and N more".
LIST_LIMIT = 50


@dataclass
class ExportReport:
    path: Path | None  # None: standard output
    records: int
    spans: int  # spans written (for hf and plain conll: the outermost layer only)
    skipped_spans: list[str]  # misaligned spans left out (drop, or expand that could not)
    dropped_nested: int  # hf, plain conll: inner spans that flat tags cannot hold
    extra_files: list[Path]  # written beside the output (hf: OUT.labels.json)
    skipped_articles: list[str] = field(default_factory=list)  # conll/hf: nothing to tag
    expanded_spans: int = 0  # misaligned spans grown to whole tokens
    #: With ``split``: each split's file and how many records went into it, in order.
    splits: dict[str, tuple[Path, int]] = field(default_factory=dict)
    format: str = "jsonl"
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for the terminal and the app's message box."""
        where = STDOUT_NAME if self.path is None else self.path
        if self.splits:
            where = ", ".join(f"{p} ({n})" for p, n in self.splits.values())
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

    def as_json(self) -> dict[str, Any]:
        """The summary for scripts (``annotator export --json``)."""
        return {
            "format": self.format,
            "output": None if self.path is None else str(self.path),
            "records": self.records,
            "spans": self.spans,
            "splits": {k: {"path": str(p), "records": n} for k, (p, n) in self.splits.items()},
            "label_files": [str(p) for p in self.extra_files],
            "expanded_spans": self.expanded_spans,
            "skipped_spans": self.skipped_spans,
            "dropped_nested": self.dropped_nested,
            "skipped_articles": self.skipped_articles,
            "seconds": round(self.seconds, 3),
        }


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
    offsets: str | None = None,
    span_key: str | None = None,
    unit: str | None = None,
    max_tokens: int | None = None,
    style: str | None = None,
    comments: bool = True,
    split: str | None = None,
    seed: int | None = None,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
) -> ExportReport:
    """Write the selected annotations to ``out`` in ``fmt``, whole or not at all.

    ``out`` is a file name, or a binary stream (standard output, for ``-``) that is written
    as records come and left open. A pipe or a device named as ``out`` is written directly
    too; only a file can be whole or not at all. The format's own choices (``offsets``,
    ``span_key``, ``unit``, ``max_tokens``, ``style``, ``comments``) are refused for a
    format they do not apply to; ``split`` writes one file per split (``splits.py``).

    Raises ``ExportError`` (nothing written under ``out``) for a bad choice, a span whose
    offsets do not match its article, misaligned spans with ``misaligned="error"``, an empty
    selection, or a cancel (``ExportCancelled``).
    """
    began = time.monotonic()
    path, stream = (Path(out), None) if isinstance(out, str | os.PathLike) else (None, out)
    if fmt not in EXPORT_FORMATS:
        raise ExportError(
            f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}"
        )
    if misaligned not in MISALIGNED:
        raise ExportError(f"unknown misaligned mode {misaligned!r}; use expand, drop or error")
    if not include_text and fmt != "jsonl":
        raise ExportError(f"leaving out the text is for jsonl only; {fmt} needs the text")
    choices = format_choices(
        fmt, offsets=offsets, span_key=span_key, unit=unit, max_tokens=max_tokens,
        style=style, comments=comments,
    )  # fmt: skip
    shares = parse_split(split) if split is not None else None
    if seed is not None and shares is None:
        raise ExportError("--seed only applies with --split")
    with store.read_snapshot():
        sel = make_selection(store, annotator=annotator, gold=gold, status=status, labels=labels)
        target = None if path is None else check_output(path, project=store.path)
        chosen = [
            lab.name for lab in store.labels() if sel.labels is None or lab.name in sel.labels
        ]
        tally = Tally()
        make_writer = BY_NAME[fmt].writer
        assert make_writer is not None  # EXPORT_FORMATS names formats with a writer
        options = Options(tuple(chosen), include_text, misaligned, **choices)
        writer = make_writer(options, tally)
        mains = _split_targets(target, shares, store.path)
        sides = _side_targets(fmt, writer, target, store.path)
        ids = article_ids(store, sel)
        if not ids:
            raise ExportError(nothing_message(store, sel))
        route = assign(ids, shares, DEFAULT_SEED if seed is None else seed) if shares else {}
        if progress is not None:
            progress(0, len(ids))
        binary = BY_NAME[fmt].binary
        outputs = {
            name: (open_sink(t, binary) if t is not None else StreamSink(stream, binary), writer)
            for name, t in mains.items()
        }
        for name in list(outputs)[1:]:  # one writer each: a writer may keep per-file state
            outputs[name] = (outputs[name][0], make_writer(options, tally))
        records = iter_records(store, sel, ids, progress=progress, should_cancel=should_cancel)
        files, counts = _write_records(outputs, route, sides, writer, tally, records)
    write_all(files)
    return ExportReport(
        path=None if target is None else target.path,
        records=sum(counts.values()),
        spans=tally.spans,
        skipped_spans=tally.skipped_spans,
        dropped_nested=tally.dropped_nested,
        extra_files=[f.path for f in files[len(outputs) :]],
        skipped_articles=tally.skipped_articles,
        expanded_spans=tally.expanded,
        splits={
            name: (sink.path, counts[name]) for name, (sink, _w) in outputs.items() if shares
        },
        format=fmt,
        seconds=time.monotonic() - began,
    )


def format_choices(
    fmt: str,
    *,
    offsets: str | None,
    span_key: str | None,
    unit: str | None,
    max_tokens: int | None,
    style: str | None,
    comments: bool,
) -> dict[str, Any]:
    """The format's own choices, checked, with its defaults; ``ExportError`` names a choice
    given for a format it does not apply to (it would be ignored silently otherwise)."""
    spec = BY_NAME[fmt]
    given = {
        "--offsets": (offsets is not None, bool(spec.offsets)),
        "--span-key": (span_key is not None, fmt == "spacy"),
        "--unit": (unit is not None, fmt == "hf"),
        "--max-tokens": (max_tokens is not None, fmt == "hf"),
        "--style": (style is not None, fmt == "conll"),
        "--no-comments": (not comments, fmt == "conll" and style != "plain"),
    }
    if not comments and fmt == "conll" and style == "plain":
        raise ExportError("--no-comments does not apply to --style plain, which has no comments")
    for option, (was_given, applies) in given.items():
        if was_given and not applies:
            raise ExportError(f"{option} does not apply to --format {fmt}{_where(option)}")
    if offsets is not None and offsets not in UNITS:
        raise ExportError(f"unknown offsets {offsets!r}; use {' or '.join(UNITS)}")
    if unit is not None and unit not in HF_UNITS:
        raise ExportError(f"unknown unit {unit!r}; use {' or '.join(HF_UNITS)}")
    if style is not None and style not in STYLES:
        raise ExportError(f"unknown style {style!r}; use {' or '.join(STYLES)}")
    if max_tokens is not None and max_tokens < 1:
        raise ExportError("--max-tokens must be at least 1")
    if span_key is not None and not span_key.strip():
        raise ExportError("--span-key is empty")
    return {
        "offsets": offsets or spec.offsets or CODEPOINTS,
        "span_key": span_key or "sc",
        "unit": unit or "article",
        "max_tokens": max_tokens,
        "style": style or "wojood",
        "comments": comments,
    }


def _where(option: str) -> str:
    """Which formats an option is for, for the message that refuses it elsewhere."""
    formats = {
        "--offsets": ", ".join(f.name for f in FORMATS if f.offsets and f.writer),
        "--span-key": "spacy",
        "--unit": "hf",
        "--max-tokens": "hf",
        "--style": "conll",
        "--no-comments": "conll",
    }[option]
    return f" (only to {formats})"


def _split_targets(
    target: Target | None, shares: list[tuple[str, float]] | None, project: Path
) -> dict[str, Target | None]:
    """Split name -> where it goes; without a split, one output named ``""``."""
    if shares is None:
        return {"": target}
    if target is None or target.direct:
        what = f"{STDOUT_NAME} (-)" if target is None else f"{target.direct} ({target.path})"
        raise ExportError(
            f"--split writes one file per split beside the output name, so it needs an output"
            f" file name, not {what}"
        )
    return {
        name: check_output(split_path(target.path, name), project=project)
        for name, _share in shares
    }


def _write_records(
    outputs: dict[str, tuple[Sink, Writer]],
    route: dict[int, str],
    sides: list[Target],
    writer: Writer,
    tally: Tally,
    records: Iterable[ExportRecord],
) -> tuple[list[Sink], dict[str, int]]:
    """Every record into its output, then the side files; after a failure none is left."""
    files: list[Sink] = [sink for sink, _w in outputs.values()]
    counts = dict.fromkeys(outputs, 0)
    single = next(iter(outputs)) if len(outputs) == 1 else None
    main = files[0]
    try:
        for rec in records:
            name = single if single is not None else route[rec.article.id]
            sink, out = outputs[name]
            counts[name] += out.write(sink.fh, rec)
        if tally.misaligned:
            raise ExportError(_misaligned_message(tally.misaligned))
        for sink, out in outputs.values():
            out.finish(sink.fh)
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
    return files, counts


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
