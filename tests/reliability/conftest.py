"""Small real file systems for the reliability tests: a tiny tmpfs and a read-only one.

Root ignores permission bits, so a chmod cannot make a file read-only for the CI user; a
read-only mount can. Mounting needs privileges a test machine may lack: the fixture then
skips the test, saying why (never silently).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(list(args), capture_output=True, text=True, check=False)
    except FileNotFoundError:
        pytest.skip(f"no {args[0]} command on this machine: cannot make a small file system")


class Mounts:
    """Mounts tmpfs file systems under a test's folder and unmounts them all afterwards."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.mounted: list[Path] = []

    def tmpfs(self, name: str, size: str = "1m") -> Path:
        where = self.base / name
        where.mkdir(parents=True, exist_ok=True)
        done = _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(where))
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip() or done.returncode})")
        self.mounted.append(where)
        return where

    def remount_readonly(self, where: Path) -> None:
        done = _run("mount", "-o", "remount,ro", str(where))
        if done.returncode != 0:
            pytest.skip(f"cannot remount {where} read-only ({done.stderr.strip()})")

    def unmount_all(self) -> None:
        for where in reversed(self.mounted):
            _run("umount", "-l", str(where))
        self.mounted.clear()


@pytest.fixture
def mounts(tmp_path: Path) -> Iterator[Mounts]:
    m = Mounts(tmp_path)
    try:
        yield m
    finally:
        m.unmount_all()
