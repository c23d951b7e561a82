"""``annotator gui`` says why it cannot open a window instead of letting Qt abort."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from annotator.cli.main import cli


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland check is Linux's")
def test_no_display_is_one_clear_line(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(var, raising=False)
    result = CliRunner().invoke(cli, ["gui", str(tmp_path / "p.db"), "--annotator", "salma"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: no display")
    assert "QT_QPA_PLATFORM=offscreen" in result.output


def test_plain_annotator_db_means_gui_and_loads_no_qt_before_it_runs(tmp_path) -> None:
    env_code = (
        "import os, sys\n"
        "for v in ('DISPLAY', 'WAYLAND_DISPLAY', 'QT_QPA_PLATFORM'): os.environ.pop(v, None)\n"
        "from click.testing import CliRunner\n"
        "from annotator.cli.main import cli\n"
        f"r = CliRunner().invoke(cli, [{str(tmp_path / 'p.db')!r}])\n"
        "print(r.exit_code, 'PySide6' in sys.modules, r.output.strip())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", env_code], capture_output=True, text=True, check=True
    ).stdout
    if sys.platform.startswith("linux"):
        assert out.startswith("1 False Error: no display")
