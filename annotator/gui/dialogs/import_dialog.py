"""File > Import: pick files and a format, import with a progress dialog that can cancel.

The import runs on the GUI thread inside ``run_import``'s single transaction; the progress
callback pumps events so the Cancel button works. The progress dialog is window-modal, so
no tag can be written into the import's transaction meanwhile. Cancel or a bad record
rolls the whole import back: nothing is half-imported.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.formats.import_run import run_import
from annotator.core.formats.registry import IMPORT_FORMATS
from annotator.core.store import Store
from annotator.gui.dialogs.progress import TaskProgress

FORMATS = ("auto", *IMPORT_FORMATS)


class ImportOptions(QDialog):
    """Format and "skip invalid records" for the chosen files."""

    def __init__(self, paths: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("ImportDialog", "Import"))
        self.paths = list(paths)
        self.format = QComboBox(self)
        for fmt in FORMATS:  # shown translated ("auto"), read by its data
            shown = QCoreApplication.translate("ImportDialog", "auto") if fmt == "auto" else fmt
            self.format.addItem(shown, fmt)
        self.skip_invalid = QCheckBox(
            QCoreApplication.translate(
                "ImportDialog", "Skip invalid records (write them to a .rejects.jsonl)"
            )
        )
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("ImportDialog", "Format"), self.format)
        form.addRow(self.skip_invalid)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


def import_with_progress(
    parent: QWidget,
    store: Store,
    paths: Sequence[str | Path],
    fmt: str = "auto",
    *,
    skip_invalid: bool = False,
) -> tuple[Any | None, str]:
    """Run the import under a cancellable progress dialog.

    Returns (report or None, message for the user). Never raises for bad input.
    """
    progress = TaskProgress(
        parent,
        QCoreApplication.translate("ImportDialog", "Importing…"),
        QCoreApplication.translate("ImportDialog", "Cancel"),
        "importProgress",
    )
    try:
        report = run_import(
            store,
            [str(p) for p in paths],
            fmt,
            skip_invalid=skip_invalid,
            progress=progress.report,
            should_cancel=progress.cancelled,
        )
    except AnnotatorError as exc:
        report = getattr(exc, "report", None)
        lines = [str(exc)]
        if report is not None and len(report.rejected) > 3:
            lines += [str(r) for r in report.rejected[3:50]]
        return None, "\n".join(lines)
    finally:
        progress.close()
    text = QCoreApplication.translate("ImportDialog", "Imported: {summary}").format(
        summary=report.summary()
    )
    if getattr(report, "rejects_path", None):
        text += "\n" + QCoreApplication.translate(
            "ImportDialog", "Rejected records: {path}"
        ).format(path=report.rejects_path)
    return report, text


def import_dialog(parent: QWidget, store: Store) -> Any | None:
    """The whole File > Import flow with its dialogs; returns the report or None."""
    paths, _ = QFileDialog.getOpenFileNames(
        parent,
        QCoreApplication.translate("ImportDialog", "Import articles"),
        "",
        QCoreApplication.translate(
            "ImportDialog",
            "Corpora (*.jsonl *.json *.csv *.tsv *.txt *.conll *.db *.sqlite);;All files (*)",
        ),
    )
    if not paths:
        return None
    options = ImportOptions(paths, parent)
    if options.exec() != QDialog.DialogCode.Accepted:
        return None
    report, message = import_with_progress(
        parent,
        store,
        paths,
        options.format.currentData(),
        skip_invalid=options.skip_invalid.isChecked(),
    )
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setIcon(QMessageBox.Icon.Information if report else QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("ImportDialog", "Import"))
    box.setText(message)
    box.exec()
    return report
