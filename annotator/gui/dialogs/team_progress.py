"""Team > Progress: each annotator's progress as a lead follows it, the figures of
``annotator progress`` (core/team/progress.py) in a table.

The dialog stays open beside the work and computes again when the window learns of a
change (``changed()``: another program's commit, heard from the server or the file, or
this window's own tag), a moment later so that a burst of changes costs one pass; Refresh
computes at once. A pass reads the statuses, the history's times and the shared
articles' spans; while it runs the window keeps painting.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.store import Store
from annotator.core.team.progress import ProgressReport, compute_progress
from annotator.gui.common.bidi import set_cell_direction, ui_format
from annotator.gui.common.errors import error_text
from annotator.gui.common.i18n import tr

#: How long after a change the figures are computed again (changes come in bursts).
SETTLE_MS = 400


def _item(text: str, align_right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    return item


class TeamProgressDialog(QDialog):
    """One row per annotator; ``report`` is what the table shows."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamProgressDialog")
        self.store = store
        self.report: ProgressReport | None = None
        self._busy = False
        self.summary = QLabel(self)
        self.summary.setObjectName("progressSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(self)
        self.table.setObjectName("progressTable")
        self.table.verticalHeader().setVisible(False)
        set_cell_direction(self.table)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("refreshProgress")
        self.refresh_button.clicked.connect(self.refresh)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.refresh)
        self.resize(760, 360)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the dialog's texts again in the interface language."""
        self.setWindowTitle(tr("Team progress"))
        self.refresh_button.setText(tr("Refresh"))
        self.close_button.setText(tr("Close"))
        self.note.setText(
            tr(
                "Median time: per article marked done, from the recorded changes. Shared:"
                " articles done by someone else too. Agreement: exact-match F1 with the"
                " others on those articles."
            )
        )
        self.table.setColumnCount(7)
        self.table.setHorizontalHeaderLabels(
            [
                tr("Annotator"),
                tr("Done"),
                tr("Done today"),
                tr("In progress"),
                tr("Median time"),
                tr("Shared"),
                tr("Agreement"),
            ]
        )
        if self.report is not None:
            self.show_report(self.report)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def changed(self) -> None:
        """Something changed in the project: compute again once it settles."""
        if self.isVisible():
            self._settle.start()

    def refresh(self) -> None:
        if self._busy:
            return
        self._busy = True
        try:
            self.report = compute_progress(
                self.store, progress=lambda _done, _total: QCoreApplication.processEvents()
            )
        except AnnotatorError as exc:
            self.report = None
            self.summary.setText(error_text(str(exc)))
            self.table.setRowCount(0)
            return
        finally:
            self._busy = False
        self.show_report(self.report)

    def show_report(self, rep: ProgressReport) -> None:
        self.summary.setText(
            ui_format(tr("{articles} articles; today is {day}"), articles=rep.articles, day=rep.day)
        )
        if not rep.annotators:
            self.summary.setText(
                self.summary.text() + "\n" + tr("No annotator has worked on the project yet.")
            )
        self.table.setRowCount(len(rep.annotators))
        for row, a in enumerate(rep.annotators):
            median = (
                tr("n/a")
                if a.median_seconds is None
                else ui_format(tr("{seconds} s"), seconds=f"{a.median_seconds:.0f}")
            )
            agreement = tr("n/a") if a.agreement is None else f"{a.agreement:.2f}"
            cells = [a.name, str(a.done), str(a.done_today), str(a.in_progress), median,
                     str(a.shared), agreement]  # fmt: skip
            for col, text in enumerate(cells):
                self.table.setItem(row, col, _item(text, align_right=col > 0))
        self.table.resizeColumnsToContents()
