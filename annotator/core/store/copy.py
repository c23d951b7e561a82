"""Moving a whole project between backends: a project file to a server and back.

The copy is the project itself, not an export of it: every table of
``interface.PROJECT_TABLES`` row for row, ids included (so the history still names the
spans and articles it talks about, and an undo made before the copy means the same span
after it), the project's identity (``project_uid``: merge knows the copy as the same
project) and the largest id each table ever handed out (ids stay unique for ever). Only
the search index is not copied: the destination builds its own from the same normalizer.

The source is read in one snapshot (``read_snapshot``: others may go on working on it);
the destination is new (a file that does not exist yet, a database or schema that holds
nothing) and filled in one transaction, so a failed copy leaves no half project: a file
is removed, a server project dropped.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.core.store.interface import PROJECT_TABLES, Store

#: Settings the destination makes itself (the search index it builds is of this program).
OWN_SETTINGS = frozenset({"search_index_version"})

ProgressCallback = Callable[[int, int | None], None]


@dataclass
class CopyReport:
    source: str
    destination: str
    rows: dict[str, int] = field(default_factory=dict)


def copy_rows(src: Store, dest: Store, progress: ProgressCallback | None = None) -> dict[str, int]:
    """Every row of ``src`` into the new, empty ``dest`` (one transaction), counted."""
    counts: dict[str, int] = {}
    total = src.article_count()
    with src.read_snapshot(), dest.transaction():
        for table in PROJECT_TABLES:
            rows = src.dump_rows(table)
            if table == "settings":
                rows = (r for r in rows if r[0] not in OWN_SETTINGS)
            elif table == "articles" and progress is not None:
                rows = _counting(rows, progress, total)
            counts[table] = dest.load_rows(table, rows)
        dest.set_id_counters(src.id_counters())
    return counts


def _counting(rows, progress: ProgressCallback, total: int):  # type: ignore[no-untyped-def]
    progress(0, total)
    for n, row in enumerate(rows, 1):
        yield row
        if n % 1000 == 0 or n == total:
            progress(n, total)


def copy_project(
    source: str | Path,
    destination: str | Path,
    *,
    schema: str | None = None,
    progress: ProgressCallback | None = None,
) -> CopyReport:
    """Copy the project at ``source`` to a new project at ``destination`` (a file path or
    a server URL; ``schema`` names the server schema to create it in)."""
    from annotator.core.store import create_store, open_store, same_project

    if same_project(source, destination, schema=schema):
        raise ProjectError(f"{destination}: is the source itself; choose another destination")
    with open_store(source, readonly=True) as src:
        dest = create_store(destination, (), schema=schema)
        report = CopyReport(src.location, dest.location)
        try:
            report.rows = copy_rows(src, dest, progress)
        except BaseException:
            _discard(dest)
            raise
        dest.close()
    return report


def _discard(dest: Store) -> None:
    """Remove a destination the copy failed to fill (it was created by the copy): both
    backends can drop a project they have just created."""
    dest._drop_new_project()  # type: ignore[attr-defined]


def copy_to_file(src: Store, dest: Path) -> None:
    """A server project's ``backup_to``: one state of it, as a new project file at
    ``dest`` (written under a temporary name, renamed when whole)."""
    from annotator.core.store import create_store

    if dest.is_dir():
        raise ProjectError(f"{dest}: is a folder; give the backup file's name")
    if not dest.parent.exists():
        raise ProjectError(f"{dest}: folder {dest.parent} does not exist")
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    for leftover in (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
        leftover.unlink(missing_ok=True)
    target = create_store(tmp, ())
    try:
        copy_rows(src, target)
        target.close()
        os.replace(tmp, dest)
    except BaseException:
        _discard(target)
        raise
