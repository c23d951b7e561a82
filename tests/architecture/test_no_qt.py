"""The core and the non-GUI commands must work on a machine without a display or Qt."""

from __future__ import annotations

import subprocess
import sys


def test_core_and_cli_import_no_qt() -> None:
    code = (
        "import sys, pkgutil, importlib, annotator.core\n"
        "for m in pkgutil.walk_packages(annotator.core.__path__, 'annotator.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "import annotator.cli.main\n"
        "from click.testing import CliRunner\n"
        "r = CliRunner().invoke(annotator.cli.main.cli, ['stats', '--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "", f"Qt modules loaded by core/CLI: {out}"
