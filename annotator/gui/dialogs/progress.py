"""The modal, cancellable progress dialog that long core runs (import, export) report to.

Core runs take ``progress(done, total)`` and ``should_cancel()`` callbacks; this dialog
provides both, so each dialog module only says what is running.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget


def _pump() -> None:
    """Let the progress dialog repaint and its Cancel button be clicked."""
    QCoreApplication.processEvents()


class TaskProgress:
    """Shown at once; ``report`` and ``cancelled`` are the core's callbacks. Call ``close``."""

    def __init__(self, parent: QWidget, text: str, cancel_text: str, name: str) -> None:
        self.dialog = QProgressDialog(text, cancel_text, 0, 0, parent)
        self.dialog.setObjectName(name)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.show()

    def report(self, done: int, total: int | None) -> None:
        if total:
            scale = total // 1_000_000 + 1  # byte counts: keep within the bar's int range
            self.dialog.setMaximum(total // scale)
            self.dialog.setValue(min(done, total) // scale)
        _pump()

    def cancelled(self) -> bool:
        _pump()
        return self.dialog.wasCanceled()

    def close(self) -> None:
        self.dialog.close()
        self.dialog.deleteLater()
