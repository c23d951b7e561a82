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

from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.core.store import create_store, open_store, same_project
from annotator.core.store.transfer import ProgressCallback, copy_rows, discard


@dataclass
class CopyReport:
    source: str
    destination: str
    rows: dict[str, int] = field(default_factory=dict)


def copy_project(
    source: str | Path,
    destination: str | Path,
    *,
    schema: str | None = None,
    progress: ProgressCallback | None = None,
) -> CopyReport:
    """Copy the project at ``source`` to a new project at ``destination`` (a file path or
    a server URL; ``schema`` names the server schema to create it in)."""
    if same_project(source, destination, schema=schema):
        raise ProjectError(f"{destination}: is the source itself; choose another destination")
    with open_store(source, readonly=True) as src:
        dest = create_store(destination, (), schema=schema)
        report = CopyReport(src.location, dest.location)
        try:
            report.rows = copy_rows(src, dest, progress)
        except BaseException:
            discard(dest)
            raise
        dest.close()
    return report
