"""The standalone app, built once for this folder's tests and unpacked from its archive.

Building takes a minute or two (PyInstaller, on two cores), so these tests are marked
``bundle``: ``-m "not bundle"`` or ``ANNOTATOR_SKIP_BUNDLE=1`` skips them locally. CI runs
them; without PyInstaller they fail rather than skip, so CI cannot pass them by skipping.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "packaging" / "build.py"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive ``packaging/build.py`` made, in a folder of this session."""
    if os.environ.get("ANNOTATOR_SKIP_BUNDLE", "").strip() not in ("", "0"):
        pytest.skip("ANNOTATOR_SKIP_BUNDLE is set: the standalone app is not built here")
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.fail("PyInstaller is not installed (pip install -e '.[test]')", pytrace=False)
    out = tmp_path_factory.mktemp("bundle")
    done = subprocess.run(
        [sys.executable, str(BUILD), "--dist", str(out / "dist"), "--work", str(out / "work")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    archives = sorted((out / "dist").glob("annotator-*-linux-*.tar.gz"))
    assert len(archives) == 1, sorted(p.name for p in (out / "dist").iterdir())
    return archives[0]


@pytest.fixture(scope="session")
def app_dir(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive unpacked the way a person would: one ``annotator`` folder."""
    where = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(built) as tar:
        tar.extractall(where, filter="tar")
    assert [p.name for p in where.iterdir()] == ["annotator"]
    return where / "annotator"


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment with no Python of ours: no venv on PATH, no PYTHONPATH, a new HOME."""
    env = {
        "HOME": str(home),
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_RUNTIME_DIR": str(home / "runtime"),
    }
    (home / "runtime").mkdir(mode=0o700, parents=True, exist_ok=True)
    env.update(extra)
    return env


@pytest.fixture
def run_app(app_dir: Path, tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the bundled ``annotator`` with arguments, in the test's folder, clean env."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)

    def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(app_dir / "annotator"), *args],
            cwd=tmp_path,
            env=clean_env(home, **env),
            capture_output=True,
            text=True,
            timeout=300,
        )

    return run
