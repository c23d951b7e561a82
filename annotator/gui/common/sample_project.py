"""The sample project of the standalone app, opened when no project is given or remembered.

The bundle (docs/building.md) carries ``sample_data/sample.db``, built from the sample
corpus when the bundle is built. A person who unpacks the archive and runs ``annotator``
gets the app on it rather than an empty file dialog. They tag in a copy in their own data
folder (``~/.local/share/annotator/sample.db`` on Linux): the bundle's folder may be
read-only, and unpacking a newer version over it must not take their work with it.

Outside a bundle there is nothing to find: ``./dev app`` names the checkout's sample.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QStandardPaths

SAMPLE_NAME = "sample.db"


def bundled_sample() -> Path | None:
    """The sample project inside a PyInstaller bundle, if this is one that has it."""
    base = getattr(sys, "_MEIPASS", None)
    if not base:
        return None
    path = Path(base) / "sample_data" / SAMPLE_NAME
    return path if path.is_file() else None


def user_data_folder() -> Path:
    """Where the app keeps the person's copy of the sample (per user, writable)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    return Path(base or Path.home()) / "annotator"


def sample_project() -> Path | None:
    """The person's copy of the bundled sample, made on first use; None outside a bundle.

    The copy is written under a temporary name and renamed, so an interrupted first start
    never leaves half a project that a later start would open.
    """
    source = bundled_sample()
    if source is None:
        return None
    target = user_data_folder() / SAMPLE_NAME
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(SAMPLE_NAME + ".partial")
        shutil.copyfile(source, partial)
        os.replace(partial, target)
    return target
