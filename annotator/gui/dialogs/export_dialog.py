"""File > Export: choose format, whose spans, status and labels; export with a progress bar.

The dialog only collects choices; ``run_export`` (core/formats/export_run.py) does the work
(the same call as ``annotator export``), on the GUI thread with a progress callback that
pumps events so Cancel works. The formats offered and the file ending proposed for each
are the format registry's, so the dialog and the command line never disagree. Export only
reads the project and writes the output under a temporary name, so a cancel or an error
leaves any earlier output file as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.formats.export_checks import ExportCancelled
from annotator.core.formats.registry import BY_NAME, EXPORT_FORMATS
from annotator.core.model import AnnotatorKind
from annotator.core.store import Store, open_store, short_name
from annotator.gui.common.bidi import set_cell_direction
from annotator.gui.dialogs.progress import TaskProgress

if TYPE_CHECKING:  # the writers load when an export runs, not when the window opens
    from annotator.core.formats.export_run import ExportReport

EVERYONE = ""
GOLD = "\0gold"  # not a possible annotator name in the "who" list


def _tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate: -tr-function-alias tr+=_tr


class ExportDialog(QDialog):
    """The choices of ``annotator export``, as widgets."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Export"))
        self.setObjectName("exportDialog")
        self.store = store

        self.format = QComboBox(self)
        self.format.addItems(EXPORT_FORMATS)
        self.who = QComboBox(self)
        self.who.addItem(_tr("Every annotator"), EVERYONE)
        for name, kind in store.annotator_kinds().items():
            if kind in (AnnotatorKind.HUMAN.value, AnnotatorKind.IMPORT.value):
                self.who.addItem(name, name)
        self.who.addItem(_tr("Gold (adjudicated)"), GOLD)
        self.status = QComboBox(self)
        self.status.addItem(_tr("Finished articles only (done / reviewed)"), "done")
        self.status.addItem(_tr("Every article worked on"), "all")
        self.labels = QListWidget(self)
        for label in store.labels():
            item = QListWidgetItem(f"{label.name}  {label.display_name}".strip(), self.labels)
            item.setData(Qt.ItemDataRole.UserRole, label.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        self.labels.setMaximumHeight(140)
        set_cell_direction(self.labels)  # "PERS  شخص" reads in its own direction
        self.no_text = QCheckBox(_tr("Leave out the article text (jsonl)"), self)
        self.misaligned = QComboBox(self)
        self.misaligned.addItem(_tr("Stop and list them"), "error")
        self.misaligned.addItem(_tr("Grow to whole tokens"), "expand")
        self.misaligned.addItem(_tr("Leave them out"), "drop")
        self.output = QLineEdit(self)
        self.output.setObjectName("exportOutput")
        self.browse = QPushButton(_tr("Choose…"), self)
        self.browse.setObjectName("exportBrowse")
        self.browse.clicked.connect(self.choose_output)
        out_row = QHBoxLayout()
        out_row.addWidget(self.output, 1)
        out_row.addWidget(self.browse)

        form = QFormLayout()
        form.addRow(_tr("Format"), self.format)
        form.addRow(_tr("Spans of"), self.who)
        form.addRow(_tr("Articles"), self.status)
        form.addRow(_tr("Labels"), self.labels)
        form.addRow(self.no_text)
        form.addRow(_tr("Spans off word boundaries (conll, hf)"), self.misaligned)
        form.addRow(_tr("Output file"), out_row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.format.currentTextChanged.connect(self._format_changed)
        self.output.textChanged.connect(self._update_ok)
        self.labels.itemChanged.connect(self._update_ok)
        self._format_changed(self.format.currentText())

    def _format_changed(self, fmt: str) -> None:
        self.no_text.setEnabled(fmt == "jsonl")
        if fmt != "jsonl":
            self.no_text.setChecked(False)
        self.misaligned.setEnabled(BY_NAME[fmt].tokens)
        current = self.output.text().strip()
        if current:
            self.output.setText(_with_suffix(Path(current), fmt))
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.output.text().strip()) and bool(self.chosen_labels()))

    def choose_output(self) -> None:
        fmt = self.format.currentText()
        start = self.output.text().strip() or str(_default_output(self.store, fmt))
        path, _ = QFileDialog.getSaveFileName(
            self, _tr("Export to"), start, _tr("Export files (*.jsonl *.conll);;All files (*)")
        )
        if path:
            self.output.setText(path)

    def chosen_labels(self) -> list[str]:
        out = []
        for i in range(self.labels.count()):
            item = self.labels.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def options(self) -> dict[str, Any]:
        """Keyword arguments for ``run_export`` (besides store and output)."""
        who = self.who.currentData()
        labels = self.chosen_labels()
        return {
            "fmt": self.format.currentText(),
            "annotator": who if who not in (EVERYONE, GOLD) else None,
            "gold": who == GOLD,
            "status": self.status.currentData(),
            "labels": None if len(labels) == self.labels.count() else labels,
            "include_text": not self.no_text.isChecked(),
            "misaligned": self.misaligned.currentData(),
        }


def _default_output(store: Store, fmt: str) -> Path:
    """Where the save dialog starts: beside the project file, named after it; for a
    project on a server, in the home folder, named after the database."""
    suffix = BY_NAME[fmt].suffix
    if store.path is not None:
        return store.path.with_name(store.path.stem + suffix)
    name = short_name(store.location).split(" ", 1)[0] or "export"
    return Path.home() / (name + suffix)


def _with_suffix(path: Path, fmt: str) -> str:
    """``path`` with the ending of the format it was named for replaced by ``fmt``'s."""
    name = path.name
    suffixes = {BY_NAME[f].suffix for f in EXPORT_FORMATS} - {""}
    for suffix in sorted(suffixes, key=len, reverse=True):
        if name.endswith(suffix):
            return str(path.with_name(name[: -len(suffix)] + BY_NAME[fmt].suffix))
    return str(path)


def export_with_progress(
    parent: QWidget, store: Store, out: Path, **options: Any
) -> tuple[ExportReport | None, str]:
    """Run the export under a cancellable progress dialog.

    Returns (report or None, message for the user). Never raises for bad input.
    """
    from annotator.core.formats.export_run import run_export

    progress = TaskProgress(parent, _tr("Exporting…"), _tr("Cancel"), "exportProgress")
    try:
        # Its own read-only connection: the export reads one snapshot from first row to
        # last, and the window (or the review window) can go on saving tags meanwhile.
        with open_store(store.location, readonly=True) as reader:
            report = run_export(
                reader, out, progress=progress.report, should_cancel=progress.cancelled, **options
            )
    except ExportCancelled:
        return None, _tr("Export cancelled; {path} was not written.").format(path=out)
    except AnnotatorError as exc:
        return None, str(exc)
    finally:
        progress.close()
    lines = [report.summary()]
    lines += report.skipped_spans[:50] + report.skipped_articles[:50]
    return report, "\n".join(lines)


def export_project(parent: QWidget, store: Store) -> None:
    """The whole File > Export flow: choices, progress, then the result or the error."""
    dialog = ExportDialog(store, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        out = Path(dialog.output.text().strip())
        options = dialog.options()
    finally:
        dialog.deleteLater()
    report, message = export_with_progress(parent, store, out, **options)
    box = QMessageBox(parent)
    box.setObjectName("exportResult")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setIcon(QMessageBox.Icon.Information if report else QMessageBox.Icon.Warning)
    box.setWindowTitle(_tr("Export"))
    box.setText(message)
    box.exec()
