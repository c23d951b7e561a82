"""Output files that appear whole or not at all.

Every file is written under a temporary name in its own folder and renamed over the final
name only when complete, so an interrupted or failed export never leaves half a file where a
training job would read it (and the previous export, if any, stays intact).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import TextIO

from annotator.core.formats.export_checks import ExportError

BUFFER = 1 << 20


def check_output(path: Path, *, project: Path | None = None) -> None:
    """Refuse an output name that cannot hold a file, before any work is done."""
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name to export to")
    if not path.parent.is_dir():
        raise ExportError(f"{path}: the folder {path.parent} does not exist")
    if project is not None and path.exists() and path.resolve() == project.resolve():
        raise ExportError(f"{path} is the project file itself; choose another output name")


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


class PendingFile:
    """A text file being written under a temporary name beside its final ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            fd, self.tmp = _create_beside(path)
        except OSError as exc:
            raise ExportError(f"{path}: cannot write here: {exc.strerror}") from None
        self.fh: TextIO = open(  # noqa: SIM115 - closed in commit()/discard()
            fd, "w", encoding="utf-8", newline="\n", buffering=BUFFER
        )

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
            os.replace(self.tmp, self.path)
        except OSError as exc:
            self.discard()
            raise ExportError(f"{self.path}: cannot write: {exc.strerror}") from None

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.fh.close()
        with contextlib.suppress(OSError):
            self.tmp.unlink()


def write_all(files: list[PendingFile]) -> None:
    """Finish every file, then rename them; the first file is renamed last.

    Side files (``labels.json``) go into place before the main file, so a reader that
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
