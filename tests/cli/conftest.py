"""A really read-only folder for the command line tests.

Root ignores permission bits, so for root (CI containers) the folder is a small tmpfs
remounted read-only, which holds even for root; for anyone else a chmod is enough. When
neither can be had, the test is skipped, saying why (never silently passed).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

#: Fills a folder with copies of these files, then makes it read-only; returns the folder.
ReadOnlyFolder = Callable[[list[Path]], Path]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(list(args), capture_output=True, text=True, check=False)
    except FileNotFoundError:
        pytest.skip(f"no {args[0]} command here: cannot make a read-only folder for root")


@pytest.fixture
def readonly_folder(tmp_path: Path) -> Iterator[ReadOnlyFolder]:
    mounted: list[Path] = []
    chmodded: list[Path] = []

    def make(files: list[Path]) -> Path:
        where = tmp_path / f"readonly{len(mounted) + len(chmodded)}"
        where.mkdir()
        if os.geteuid() == 0:
            done = _run("mount", "-t", "tmpfs", "-o", "size=4m,mode=0755", "tmpfs", str(where))
            if done.returncode != 0:
                pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()})")
            mounted.append(where)
        for f in files:
            shutil.copy(f, where / f.name)
        if os.geteuid() == 0:
            done = _run("mount", "-o", "remount,ro", str(where))
            if done.returncode != 0:
                pytest.skip(f"cannot remount {where} read-only ({done.stderr.strip()})")
        else:
            where.chmod(0o555)
            chmodded.append(where)
        return where

    try:
        yield make
    finally:
        for where in reversed(mounted):
            _run("umount", "-l", str(where))
        for where in chmodded:
            where.chmod(0o755)
