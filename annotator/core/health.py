"""``annotator check``: everything wrong with a project, one line per problem.

A project goes wrong only when it is edited with another tool or its disk fails, so the
whole-file checks (``Store.problems``) run on request, never when a project is opened; a
command that meets one of these problems refuses with the same line and names this check.
The schema version is compared first, without opening the project: opening refuses a
newer file and upgrades an older one, and a check changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.store import is_server_url, open_store, schema_versions


@dataclass
class HealthReport:
    path: str | Path
    problems: list[str] = field(default_factory=list)  # one line each, without the path

    @property
    def healthy(self) -> bool:
        return not self.problems


def schema_problem(found: int, known: int) -> str | None:
    """The line for a project whose schema is not this program's, or None."""
    if found > known:
        return (
            f"written by a newer annotator (schema {found}, this one knows up to {known});"
            " upgrade annotator to open it"
        )
    if found < known:
        return (
            f"an older project (schema {found}, this annotator's is {known}); opening it"
            " for work upgrades it, after keeping a copy of it beside it"
        )
    return None


def check_project(path: str | Path) -> HealthReport:
    """Check the project at ``path`` (a file or a server URL; read-only); raises
    ``ProjectError`` if it is none."""
    path = path if is_server_url(path) else Path(path)
    versions = schema_versions(path)
    if versions is not None:
        problem = schema_problem(*versions)
        if problem is not None:
            return HealthReport(path, [problem])
    with open_store(path, readonly=True) as store:
        return HealthReport(path, store.problems())
