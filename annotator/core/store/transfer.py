"""Moving a project's rows from one open store to a new one (``copy.py`` opens them), and a
server project's backup into a project file.

Every table of ``interface.PROJECT_TABLES`` row for row, ids included, then the largest
id each table ever handed out; the search index is not moved: the destination builds its
own from the same normalizer, and stamps its own index version.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import ProjectError
from annotator.core.store.interface import PROJECT_TABLES, Store
from annotator.core.store.sqlite.backend import SqliteStore

#: Settings the destination makes itself (the search index it builds is of this program).
OWN_SETTINGS = frozenset({"search_index_version"})

ProgressCallback = Callable[[int, int | None], None]


def copy_rows(
    src: Store, dest: Store, progress: ProgressCallback | None = None
) -> dict[str, int]:
    """Every row of ``src`` (one snapshot) into the new, empty ``dest`` (one
    transaction), counted by table."""
    counts: dict[str, int] = {}
    with src.read_snapshot():
        total = src.article_count()
        with dest.transaction():
            for table in PROJECT_TABLES:
                rows: Iterable[Any] = src.dump_rows(table)
                if table == "settings":
                    rows = (r for r in rows if r[0] not in OWN_SETTINGS)
                elif table == "articles" and progress is not None:
                    rows = _counting(rows, progress, total)
                counts[table] = dest.load_rows(table, rows)
            dest.set_id_counters(src.id_counters())
    return counts


def _counting(rows: Iterable[Any], progress: ProgressCallback, total: int) -> Iterator[Any]:
    progress(0, total)
    n = 0
    for n, row in enumerate(rows, 1):  # noqa: B007 (the count is read after the loop)
        yield row
        if n % 1000 == 0:
            progress(n, total)
    progress(n, total)


def discard(dest: Store) -> None:
    """Remove a destination the copy failed to fill (it was created by the copy): both
    backends can drop a project they have just created."""
    dest._drop_new_project()  # type: ignore[attr-defined]


def copy_to_file(src: Store, dest: Path) -> None:
    """One state of ``src`` as a new project file at ``dest``, written under a temporary
    name and renamed when whole (a server project's ``backup_to``)."""
    if dest.is_dir():
        raise ProjectError(f"{dest}: is a folder; give the backup file's name")
    if not dest.parent.exists():
        raise ProjectError(f"{dest}: folder {dest.parent} does not exist")
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    for ending in ("", "-wal", "-shm"):
        tmp.with_name(tmp.name + ending).unlink(missing_ok=True)
    target = SqliteStore.create(tmp, ())
    try:
        copy_rows(src, target)
        target.close()
        os.replace(tmp, dest)
    except BaseException:
        discard(target)
        raise
