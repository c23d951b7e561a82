"""The inputs of one import: each path's format and size, and standard input.

An input named ``-`` is standard input. The import reads an input more than once (its size
for the progress bar, its first lines to tell the format, then the records), which a pipe
cannot do, so standard input is first copied to a temporary folder that is removed when the
import ends, however it ends. Its records are reported as ``<stdin>:LINE``, and the ids it
gives articles without one are ``stdin-LINE`` (``stdin`` for plain text).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from annotator.core.errors import AnnotatorError, ValidationError, WriteFailedError
from annotator.core.formats.reading import Record
from annotator.core.formats.registry import BY_NAME, IMPORT_FORMATS, ReadOptions
from annotator.core.formats.sniff import sniff, sniff_content

#: The path that means standard input, and how messages name it.
STDIN = "-"
STDIN_SHOWN = "<stdin>"
# The name the copy of standard input gets, by format (csv_table reads .tsv with tabs).
_SPOOL_NAMES = {"jsonl": "stdin.jsonl", "csv": "stdin.csv", "txt": "stdin.txt",
                "conll": "stdin.conll", "sqlite": "stdin.db"}


@dataclass(frozen=True)
class Source:
    path: Path  # what the reader reads (for standard input, the temporary copy)
    fmt: str
    total: int  # bytes, or rows for an SQLite table
    shown: str  # how messages name it: the path as given, or <stdin>


@contextmanager
def open_sources(
    paths: list[Path], fmt: str, options: ReadOptions, stdin: BinaryIO | None
) -> Iterator[list[Source]]:
    """The sources of ``paths``; a copy of standard input lives as long as the context."""
    if fmt != "auto" and fmt not in IMPORT_FORMATS:
        raise ValidationError(f"unknown format {fmt!r} (auto, {', '.join(IMPORT_FORMATS)})")
    if sum(str(p) == STDIN for p in paths) > 1:
        raise ValidationError("standard input (-) can be read only once")
    with ExitStack() as stack:
        sources = []
        for path in paths:
            if str(path) == STDIN:
                if stdin is None:
                    raise ValidationError("standard input (-) cannot be read here")
                folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="annotator-")))
                sources.append(_stdin_source(stdin, folder, fmt, options))
            else:
                sources.append(_file_source(path, fmt, options))
        yield sources


def _file_source(path: Path, fmt: str, options: ReadOptions) -> Source:
    if not path.exists():
        raise ValidationError(f"{path}: no such file or folder")
    kind = sniff(path, options.encoding) if fmt == "auto" else fmt
    if path.is_dir() and kind != "txt":
        raise ValidationError(f"{path}: is a folder; only --format txt reads folders")
    return Source(path, kind, BY_NAME[kind].size(path, options), str(path))


def _stdin_source(stdin: BinaryIO, folder: Path, fmt: str, options: ReadOptions) -> Source:
    """Copy standard input into ``folder``, named for its format."""
    copy = folder / "stdin"
    try:
        with copy.open("wb") as fh:
            shutil.copyfileobj(stdin, fh, 1 << 20)
    except OSError as exc:
        raise WriteFailedError(
            f"could not keep standard input in a temporary file ({exc.strerror or exc})"
        ) from None
    kind = sniff_content(copy, STDIN_SHOWN, options.encoding) if fmt == "auto" else fmt
    path = copy.rename(folder / _SPOOL_NAMES.get(kind, "stdin"))
    try:
        return Source(path, kind, BY_NAME[kind].size(path, options), STDIN_SHOWN)
    except AnnotatorError as exc:
        raise _shown_as(exc, str(path)) from None


def _shown_as(exc: AnnotatorError, actual: str) -> AnnotatorError:
    """The same error, naming standard input instead of its temporary copy."""
    return type(exc)(str(exc).replace(actual, STDIN_SHOWN))


def records(src: Source, options: ReadOptions) -> Iterator[Record]:
    """The records of one source, named as the user named the input."""
    read = BY_NAME[src.fmt].read
    assert read is not None  # IMPORT_FORMATS and sniff name readable formats only
    if src.shown == str(src.path):
        return read(src.path, options)
    return _from_stdin(read(src.path, options), str(src.path))


def _from_stdin(records: Iterator[Record], actual: str) -> Iterator[Record]:
    """Records and errors of the copy of standard input, naming ``<stdin>`` instead."""
    try:
        for rec in records:  # "<tmp>/stdin.db:posts" is shown as "<stdin>:posts"
            yield rec._replace(file=STDIN_SHOWN + rec.file.removeprefix(actual))
    except AnnotatorError as exc:
        raise _shown_as(exc, actual) from None
