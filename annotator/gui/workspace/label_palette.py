"""The label palette: one button per label, in the label's color, its guideline as tooltip.

Buttons take no focus, so clicking one leaves the selection in the article view intact.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from annotator.core.model import Label
from annotator.gui.common.plain import tooltip


def caption(label: Label) -> str:
    key = label.shortcut or "·"
    shown = f"{label.name} — {label.display_name}" if label.display_name else label.name
    return f"{key}   {shown}"


class LabelPalette(QWidget):
    labelClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelPalette")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(3)
        self.buttons: dict[str, QPushButton] = {}

    def set_labels(self, labels: Sequence[Label]) -> None:
        for button in self.buttons.values():
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        for lab in labels:
            button = QPushButton(caption(lab), self)
            button.setObjectName(f"label_{lab.name}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(tooltip(lab.guideline))
            border = QColor(lab.color).darker(140).name()
            button.setStyleSheet(
                f"QPushButton {{ background: {QColor(lab.color).name()}; color: #111;"
                f" border: 1px solid {border}; border-radius: 3px; padding: 4px 8px;"
                " text-align: left; }"
                f" QPushButton:hover {{ border: 2px solid {border}; }}"
            )
            button.clicked.connect(lambda _=False, name=lab.name: self.labelClicked.emit(name))
            self._layout.addWidget(button)
            self.buttons[lab.name] = button
