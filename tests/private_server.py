"""A PostgreSQL server of a test's own, for what must not happen to the shared test server:
a restart while a store is open (tests/core/store/test_postgres_faults.py).

Started as .ci/with-postgres starts one: ``initdb`` into a temporary folder (as the
``postgres`` user when the tests run as root: initdb refuses root), listening only on a
Unix socket there, fsync off; stopped and removed by the fixture that made it.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from pathlib import Path


def server_programs() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl`` (Debian keeps them out of PATH)."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(versions[-1]).parent if versions else None


class PrivateServer:
    """One throwaway server in ``folder``; ``url`` reaches it over its socket."""

    def __init__(self, folder: Path) -> None:
        bin_dir = server_programs()
        if bin_dir is None:
            raise RuntimeError("no PostgreSQL server programs (initdb, pg_ctl) here")
        self.bin = bin_dir
        self.folder = folder
        self.data = folder / "data"
        self.url = f"postgresql://annotator_test@/postgres?host={folder}"
        self._as: list[str] = []
        if os.geteuid() == 0:
            owner = "postgres"
            subprocess.run(["chown", owner, str(folder)], check=True)
            self._as = ["runuser", "-u", owner, "--"]

    def _run(self, *args: str) -> None:
        subprocess.run(
            [*self._as, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )

    def init(self) -> None:
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "annotator_test",
                  "-A", "trust", "-E", "UTF8", "--locale=C")  # fmt: skip

    def start(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l",
                  str(self.folder / "server.log"), "-w", "-s", "-o",
                  f"-k {self.folder} -c listen_addresses='' -F", "start")  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "-s",
                  "stop")  # fmt: skip

    def restart(self, mode: str = "fast") -> None:
        """Stop (every connection ends; ``immediate`` is a crash) and start again."""
        self.stop(mode)
        self.start()

    def remove(self) -> None:
        if (self.data / "postmaster.pid").exists():
            try:
                self.stop("immediate")
            except subprocess.CalledProcessError:
                pass
        shutil.rmtree(self.folder, ignore_errors=True)
