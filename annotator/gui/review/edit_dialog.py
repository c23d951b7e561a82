"""The edit dialog: settle a disagreement with the reviewer's own offsets and label.

Offsets are code points of the stored text, the same numbers ``annotator review`` prints;
the words they cover are shown live so the reviewer sees what will become gold.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)


class EditDialog(QDialog):
    def __init__(
        self,
        text: str,
        labels: Sequence[str],
        start: int,
        end: int,
        label: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("editDialog")
        self.setWindowTitle(self.tr("Edit the gold span"))
        self.text = text
        self.start = QSpinBox(self)
        self.start.setObjectName("editStart")
        self.start.setRange(0, max(0, len(text) - 1))
        self.start.setValue(start)
        self.end = QSpinBox(self)
        self.end.setObjectName("editEnd")
        self.end.setRange(1, max(1, len(text)))
        self.end.setValue(end)
        self.label = QComboBox(self)
        self.label.setObjectName("editLabel")
        self.label.addItems(list(labels))
        self.label.setCurrentText(label)
        self.preview = QLabel(self)
        self.preview.setObjectName("editPreview")
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.start.valueChanged.connect(self._update)
        self.end.valueChanged.connect(self._update)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        form = QFormLayout(self)
        form.addRow(self.tr("Start"), self.start)
        form.addRow(self.tr("End"), self.end)
        form.addRow(self.tr("Label"), self.label)
        form.addRow(self.tr("Text"), self.preview)
        form.addRow(buttons)
        self._update()

    def values(self) -> tuple[int, int, str]:
        return self.start.value(), self.end.value(), self.label.currentText()

    def _update(self) -> None:
        s, e, _ = self.values()
        ok = s < e
        self.preview.setText(
            self.text[s:e] if ok else self.tr("(the start must be before the end)")
        )
        self.ok_button.setEnabled(ok)
