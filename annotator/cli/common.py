"""What every command shares: opening the store, progress bars, terminal text."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from annotator.core.store import Store, is_server_url
from annotator.core.store import open_store as _open_store

#: Projects this command opened, so that a low-level database error (a damaged page
#: found halfway through) can still name the file.
OPENED: list[str] = []


class ProjectLocation(click.Path):
    """A project: a file path (a ``Path``, as ``click.Path`` gives it) or a
    ``postgresql://`` URL (kept as a ``str``: a ``Path`` would fold its ``//``)."""

    def __init__(self) -> None:
        super().__init__(dir_okay=False, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and is_server_url(value):
            return value
        return super().convert(value, param, ctx)


#: A project argument: every command takes a project file or a server URL.
PROJECT = ProjectLocation()


def open_store(path: str | Path, *, readonly: bool = False) -> Store:
    store = _open_store(path, readonly=readonly)
    OPENED.append(store.location)
    if store.migration_backup is not None:
        click.echo(
            f"Upgraded {path}; the previous version is kept at {store.migration_backup}",
            err=True,
        )
    return store


class Progress:
    """A progress bar on a terminal, silence elsewhere (pipes, CI logs).

    The bar starts on the first report that has work to show, so it never shows a
    meaningless ``0/0`` while the total is unknown or when there is nothing to do.
    """

    def __init__(self, label: str, total: int | None = None) -> None:
        self.enabled = sys.stderr.isatty()
        self.label = label
        self.total = total
        self._bar: Any = None
        self._done = 0

    def __call__(self, done: int, total: int | None = None) -> None:
        if not self.enabled:
            return
        if total is not None:
            self.total = total
        if self._bar is None:
            if self.total == 0:
                return
            self._bar = click.progressbar(
                length=self.total or 0, label=self.label, file=sys.stderr, show_pos=True
            )
            self._bar.__enter__()
        elif total is not None:
            self._bar.length = total
        self._bar.update(done - self._done)
        self._done = done

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


ProgressCallback = Callable[[int, int | None], None]


def visual(text: str) -> str:
    """Shape and reorder Arabic for terminals without bidi support (never for Qt)."""
    import arabic_reshaper
    from bidi.algorithm import get_display

    return "\n".join(get_display(arabic_reshaper.reshape(line)) for line in text.split("\n"))
