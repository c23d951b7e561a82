"""Where an export goes: files that appear whole or not at all, pipes and devices as they are.

A file is written under a temporary name in its own folder and renamed over the final name
only when complete, so an interrupted or failed export never leaves half a file where a
training job would read it (and the previous export, if any, stays intact). A symbolic
link is followed: its target is replaced that way and the link stays a link.

A pipe (FIFO) or a character device (``/dev/stdout``, ``/dev/null``, a terminal) cannot be
replaced: renaming over it would leave its reader waiting forever, or put a regular file
in ``/dev``. Those, and standard output (``-`` on the command line), are written directly;
what went out before a failure stays out, and the caller is told so.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol, TextIO, cast

from annotator.core.formats.export_checks import ExportError

BUFFER = 1 << 20
#: How standard output is named in messages and summaries.
STDOUT_NAME = "standard output"


@dataclass(frozen=True, slots=True)
class Target:
    """An output name after checking: where the bytes land and how."""

    path: Path  # the name as given (messages, side file names)
    real: Path  # the file replaced: ``path`` with every symbolic link followed
    direct: str = ""  # "a pipe", "a device", "an open file": written in place, never replaced


def check_output(path: Path, *, project: Path | None = None) -> Target:
    """Refuse an output name that cannot hold a file, before any work is done."""
    try:
        st: os.stat_result | None = os.stat(path)  # follows links, /proc's magic ones too
    except FileNotFoundError:
        st = None  # a new file, or a link whose target is to be created
    except OSError as exc:  # a loop of links, a permission denied on the way
        raise ExportError(f"{path}: cannot write here: {exc.strerror}") from None
    if st is not None and stat.S_ISFIFO(st.st_mode):
        return Target(path, path, "a pipe")
    if st is not None and stat.S_ISCHR(st.st_mode):
        return Target(path, path, "a device")
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise ExportError(f"{path} is a folder; give a file name to export to")
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise ExportError(f"{path} is a special file, not a file; give a file name to export to")
    real = Path(os.path.realpath(path))
    if st is not None and not _same_file(real, st):
        # /dev/stdout and /proc/self/fd/N name open files through links that do not
        # resolve to a name ("/tmp/x (deleted)"): there is no name to rename over.
        return Target(path, path, "an open file")
    if not real.parent.is_dir():
        raise ExportError(f"{path}: the folder {real.parent} does not exist")
    if project is not None and st is not None and real == project.resolve():
        raise ExportError(f"{path} is the project file itself; choose another output name")
    return Target(path, real)


def _same_file(path: Path, st: os.stat_result) -> bool:
    try:
        return os.path.samestat(os.stat(path), st)
    except OSError:
        return False


class Sink(Protocol):
    """One output being written: ``fh`` takes the text; then finish and commit, or discard."""

    path: Path
    fh: TextIO

    def finish(self) -> None: ...

    def commit(self) -> None: ...

    def discard(self) -> None: ...


def _create_beside(path: Path) -> tuple[int, Path]:
    """A new, empty temporary file beside ``path``, readable as any new file is.

    ``tempfile.mkstemp`` makes its file private (0600) and the rename would carry that over
    to the export, where a training job run by someone else could not read it; created with
    0666 the user's umask decides, as for any file they write.
    """
    while True:
        tmp = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:
            continue


def _text(fd: int, binary: bool = False) -> TextIO:
    """UTF-8 text with ``\\n`` line ends, whatever the platform or the locale says; for a
    binary format (spaCy's DocBin) the bytes as they are, behind the same ``fh``."""
    if binary:
        return cast(TextIO, open(fd, "wb", buffering=BUFFER))  # noqa: SIM115
    return open(  # noqa: SIM115 - closed by the sink that holds it
        fd, "w", encoding="utf-8", newline="\n", buffering=BUFFER
    )


class _Utf8Out:
    """The one text method the writers use, as UTF-8 bytes into a stream that stays open.

    Not a ``TextIOWrapper``: one that failed to flush (the reader of a pipe gone) cannot be
    detached, and closes the caller's stream (standard output) when it is collected.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(text.encode("utf-8"))
        return len(text)



class PendingFile:
    """A text file written under a temporary name beside ``real``, then renamed over it."""

    def __init__(self, path: Path, real: Path | None = None, binary: bool = False) -> None:
        self.path = path
        self.real = real or path
        try:
            fd, self.tmp = _create_beside(self.real)
        except OSError as exc:
            where = "here" if self.real == path else f"in {self.real.parent}"
            raise ExportError(f"{path}: cannot write {where}: {exc.strerror}") from None
        self.fh: TextIO = _text(fd, binary)

    def finish(self) -> None:
        """Flush and sync to disk (still under the temporary name)."""
        try:
            self.fh.flush()
            os.fsync(self.fh.fileno())
            self.fh.close()
        except OSError as exc:
            self.discard()
            raise ExportError(f"{self.path}: cannot write: {exc.strerror}") from None

    def commit(self) -> None:
        """Rename over the final name (atomic on the same file system)."""
        try:
            os.replace(self.tmp, self.real)
        except OSError as exc:
            self.discard()
            raise ExportError(f"{self.path}: cannot write: {exc.strerror}") from None

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.fh.close()
        with contextlib.suppress(OSError):
            self.tmp.unlink()


class DirectFile:
    """A pipe, a device or an open file, opened as it is (never created, truncated or
    replaced); appended to, as ``>>`` in a shell does, so an open file keeps what it has.

    Opening a pipe waits until a program opens it for reading, as a shell redirection does.
    """

    def __init__(self, path: Path, binary: bool = False) -> None:
        self.path = path
        try:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_NOCTTY)
        except OSError as exc:
            raise ExportError(f"{path}: cannot write: {exc.strerror}") from None
        self.fh: TextIO = _text(fd, binary)

    def finish(self) -> None:
        try:
            self.fh.flush()
            self.fh.close()
        except OSError as exc:
            self.discard()
            raise ExportError(
                f"{self.path}: cannot write: {exc.strerror}; the output is incomplete"
            ) from None

    def commit(self) -> None:
        """Nothing to rename: the text already went out."""

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.fh.close()


class StreamSink:
    """Standard output (or any binary stream the caller owns): written, flushed, not closed."""

    def __init__(self, stream: BinaryIO, binary: bool = False) -> None:
        self.path = Path("-")
        self.stream = stream
        self.fh = cast(TextIO, stream if binary else _Utf8Out(stream))

    def finish(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            raise  # the reader stopped early (``| head``): the caller decides
        except OSError as exc:
            raise ExportError(
                f"{STDOUT_NAME}: cannot write: {exc.strerror}; the output is incomplete"
            ) from None

    def commit(self) -> None:
        """Nothing to rename: the text already went out."""

    def discard(self) -> None:
        """Nothing to take back, and the stream stays open (it is the caller's)."""


def open_sink(target: Target, binary: bool = False) -> Sink:
    """The sink for ``target``; ``binary``: its ``fh`` takes bytes (a binary format)."""
    if target.direct:
        return DirectFile(target.path, binary)
    return PendingFile(target.path, target.real, binary)


def write_all(files: list[Sink]) -> None:
    """Finish every file, then rename them; the first file is renamed last.

    Side files (the hf label map) go into place before the main file, so a reader that
    sees the new main file also sees its side files.
    """
    try:
        for f in files:
            f.finish()
    except BaseException:
        for f in files:
            f.discard()
        raise
    for f in files[1:]:
        f.commit()
    files[0].commit()
