"""Regression: PySide6 6.12.0 on Python 3.11 drops a reference to None on every void Qt
call and eventually aborts ("Fatal Python error: none_dealloc"). The pinned version must not.
"""

from __future__ import annotations

import sys


def test_void_qt_calls_do_not_leak_none_references(qtbot) -> None:
    from PySide6.QtWidgets import QWidget

    w = QWidget()
    qtbot.addWidget(w)
    w.resize(100, 100)  # warm up
    before = sys.getrefcount(None)
    for i in range(10_000):
        w.resize(100 + i % 7, 100)
        w.setToolTip("x")
        w.setEnabled(True)
    after = sys.getrefcount(None)
    assert after >= before - 10, f"None refcount dropped by {before - after}"
