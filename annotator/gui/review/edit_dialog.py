"""The edit dialog: the words the reviewer selected in the text become gold, with a label.

The reviewer never types offsets: the words come from the selection in the article (the
review window snaps it to whole words), shown here in the article's font, right to left;
only the label is chosen, by name or with the arrow keys, and Enter confirms.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from annotator.gui.common.i18n import tr


class EditDialog(QDialog):
    """The words ``text[start:end]`` and a label to store them under."""

    def __init__(
        self,
        text: str,
        labels: Sequence[str],
        start: int,
        end: int,
        label: str,
        parent: QWidget | None = None,
        font: QFont | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("editDialog")
        self.text = text
        self.start, self.end = start, end
        self.label = QComboBox(self)
        self.label.setObjectName("editLabel")
        self.label.addItems(list(labels))
        self.label.setCurrentText(label)
        self.preview = QLabel(self)
        self.preview.setObjectName("editPreview")
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.preview.setWordWrap(True)
        if font is not None:
            self.preview.setFont(font)
        self.preview.setText(text[start:end])
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(start < end)
        self.form = QFormLayout(self)
        self.words_title = QLabel(self)
        self.label_title = QLabel(self)
        self.form.addRow(self.words_title, self.preview)
        self.form.addRow(self.label_title, self.label)
        self.form.addRow(self.buttons)
        self.label.setFocus()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("The gold span"))
        self.words_title.setText(tr("Words"))
        self.label_title.setText(tr("Label"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def values(self) -> tuple[int, int, str]:
        return self.start, self.end, self.label.currentText()
