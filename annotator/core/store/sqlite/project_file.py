"""Opening, creating and migrating a project file, with nothing modified on refusal.

Every check that can refuse a file runs before the first write: the SQLite header is read
from disk, then ``application_id`` and ``user_version`` are read on a connection that has
not yet switched to WAL (switching is itself a write).
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from annotator.core.errors import ProjectError, SchemaTooNewError
from annotator.core.store.sqlite.schema import (
    APPLICATION_ID,
    CURRENT_VERSION,
    FOREIGN_KEYS_OFF,
    MIGRATIONS,
)

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def _connect(path: Path, readonly: bool = False) -> sqlite3.Connection:
    if readonly and not _writable(path):
        uri = path.resolve().as_uri() + "?mode=ro"
        if _unwritable_without_wal(path):
            # A WAL file needs its -shm beside it; on a read-only disk with no WAL left
            # (closed cleanly), nothing can change the file, so SQLite may skip locking.
            uri += "&immutable=1"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        # A read-only store on a writable file is read-only by promise (``SqliteStore``
        # refuses to begin a write), not by mode: a connection that may write folds the
        # write-ahead log back and removes it on close, where a mode=ro one would leave
        # -wal and -shm files beside the project after every read-only command.
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _unwritable_without_wal(path: Path) -> bool:
    """True for a file on a read-only disk or folder with no WAL or -shm left beside it."""
    if _writable(path):
        return False
    return not any(path.with_name(path.name + x).exists() for x in ("-wal", "-shm"))


def _read_header(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_HEADER))
    except IsADirectoryError:
        raise ProjectError(f"{path}: is a folder, not a project file") from None
    except PermissionError:
        raise ProjectError(f"{path}: permission denied") from None


def _configure(conn: sqlite3.Connection) -> None:
    """Durability settings; see docs/reliability.md.

    WAL lets readers (a second window, the CLI) work while one writer commits.
    synchronous=FULL syncs the WAL at every commit, so an acknowledged tag survives a
    power cut as well as a killed process.
    """
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def backup_path_for(path: Path, version: int) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    n = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.v{version}-{stamp}-{n}.bak")
        n += 1
    return candidate


def _backup(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Consistent copy through SQLite's backup API (safe even with a WAL beside the file)."""
    target = backup_path_for(path, version)
    tmp = target.with_name(target.name + ".tmp")
    dest = sqlite3.connect(str(tmp))
    try:
        conn.backup(dest)
    finally:
        dest.close()
    os.replace(tmp, target)
    return target


def file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file at ``path``, or None if there is none."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def where_is(identity: tuple[int, int]) -> Path | None:
    """The path an open file now has, found through this process's open files (Linux's
    /proc): after a rename, SQLite's descriptor still points at the file. None if the file
    was deleted or the system does not say."""
    fd_dir = Path("/proc/self/fd")
    try:
        entries = list(fd_dir.iterdir())
    except OSError:
        return None
    for entry in entries:
        try:
            st = entry.stat()
            if (st.st_dev, st.st_ino) != identity:
                continue
            target = os.readlink(entry)
        except OSError:
            continue
        if target.endswith(" (deleted)"):
            return None
        return Path(target)
    return None


def checkpoint(conn: sqlite3.Connection) -> None:
    """Fold the write-ahead log into the file and empty it (best effort: a reader in
    another program may hold it; SQLite then finishes the job when the last one closes)."""
    try:
        if not conn.in_transaction:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error:
        pass


def backup_to(conn: sqlite3.Connection, dest: Path) -> None:
    """Copy the open project to ``dest`` through SQLite's backup API, whole or not at all."""
    if dest.is_dir():
        raise ProjectError(f"{dest}: is a folder; give the backup file's name")
    if not dest.parent.exists():
        raise ProjectError(f"{dest}: folder {dest.parent} does not exist")
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    try:
        target = sqlite3.connect(str(tmp))
        try:
            conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        os.replace(tmp, dest)
    except (sqlite3.Error, OSError) as exc:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            leftover.unlink(missing_ok=True)
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ProjectError(f"{dest}: cannot write the backup: {reason}") from None


def migrate(conn: sqlite3.Connection, from_version: int, to_version: int | None = None) -> None:
    """Apply each migration after ``from_version`` in its own transaction."""
    target = CURRENT_VERSION if to_version is None else to_version
    for version in range(from_version + 1, target + 1):
        script = MIGRATIONS[version]
        keys_off = version in FOREIGN_KEYS_OFF
        if keys_off:
            conn.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction
        try:
            conn.executescript(
                "BEGIN IMMEDIATE;\n"
                + script
                + f"\nPRAGMA user_version = {version};"
                + f"\nPRAGMA application_id = {APPLICATION_ID};"
            )
            conn.execute("COMMIT")
        except sqlite3.Error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            if keys_off:
                conn.execute("PRAGMA foreign_keys = ON")


def create_project(path: Path) -> sqlite3.Connection:
    """Create a new, empty project file; refuses to overwrite anything."""
    if path.exists():
        raise ProjectError(f"{path}: already exists; refusing to overwrite it")
    if not path.parent.exists():
        raise ProjectError(f"{path}: folder {path.parent} does not exist")
    if not os.access(path.parent, os.W_OK):
        raise ProjectError(f"{path}: folder {path.parent} is read-only; cannot create a project")
    try:
        conn = _connect(path)
    except sqlite3.Error as exc:
        raise ProjectError(f"{path}: cannot create project: {exc}") from None
    try:
        _configure(conn)
        migrate(conn, 0)
    except sqlite3.Error as exc:
        conn.close()
        path.unlink(missing_ok=True)
        raise ProjectError(f"{path}: cannot create project: {exc}") from None
    return conn


def open_project(path: Path, *, readonly: bool = False) -> tuple[sqlite3.Connection, Path | None]:
    """Open an existing project, migrating it forward after a backup.

    Returns the connection and the backup's path if a migration ran.
    """
    if not path.exists():
        raise ProjectError(f"{path}: no such project file")
    header = _read_header(path)
    if header != SQLITE_HEADER:
        what = "an empty file" if not header else "not a SQLite database"
        raise ProjectError(f"{path}: {what}, not an annotator project")
    try:
        conn = _connect(path, readonly=readonly)
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        if not readonly and not _writable(path):
            raise ProjectError(
                f"{path}: the file or its folder is read-only; open it read-only or copy it"
            ) from None
        raise ProjectError(f"{path}: cannot read the file as SQLite: {exc}") from None
    if app_id != APPLICATION_ID:
        conn.close()
        raise ProjectError(f"{path}: a SQLite database, but not an annotator project")
    if version > CURRENT_VERSION:
        conn.close()
        raise SchemaTooNewError(
            f"{path}: written by a newer annotator (schema {version}, this one knows up to"
            f" {CURRENT_VERSION}); upgrade annotator to open it"
        )
    if readonly and (version == CURRENT_VERSION or not _writable(path)):
        if version < CURRENT_VERSION:
            conn.close()
            raise ProjectError(
                f"{path}: needs an upgrade (schema {version}) but the file or its folder is"
                " read-only; copy it somewhere writable and open the copy"
            )
        conn.execute("PRAGMA foreign_keys = ON")
        return conn, None
    # An older project on a writable disk is upgraded (after a backup) even for a command
    # that only reads: it cannot be read otherwise, and the upgrade is announced.
    if not _writable(path):
        conn.close()
        raise ProjectError(
            f"{path}: the file or its folder is read-only; open it read-only or copy it"
        )
    backup = None
    try:
        _configure(conn)
        if version < CURRENT_VERSION:
            backup = _backup(conn, path, version)
            migrate(conn, version)
    except sqlite3.Error as exc:
        conn.close()
        raise ProjectError(f"{path}: cannot open project: {exc}") from None
    return conn, backup
