"""The label editor: name, Arabic display name, color, key and guideline of each label.

Every save goes through ``labels.add_label`` / ``edit_label`` (which check the name, then
call the store); a refused change (key in use, empty name, a name with a line break or one
that only differs from another label by spaces) shows its one-line reason in the dialog and
changes nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.labels import add_label, edit_label, label_color
from annotator.core.store import Store
from annotator.gui.common.bidi import ltr, set_cell_direction, ui_format
from annotator.gui.common.errors import error_text
from annotator.gui.common.i18n import tr


class LabelEditor(QDialog):
    labelsChanged = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelEditor")
        self.store = store
        #: Id of the label being edited (None: a new one). An id, not a name: if another
        #: program renames this label and gives its name to a new one, Save still edits
        #: the label shown here.
        self.current: int | None = None
        self._loaded_name = ""
        self.list = QListWidget(self)
        self.list.setObjectName("labelList")
        set_cell_direction(self.list)
        self.name = QLineEdit(self)
        self.display_name = QLineEdit(self)
        self.display_name.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.color = QPushButton(self)
        self.color.setObjectName("labelColor")
        self.key = QLineEdit(self)
        self.key.setMaxLength(1)
        self.guideline = QPlainTextEdit(self)
        self.error = QLabel(self)
        self.error.setObjectName("labelError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self._color = "#dddddd"

        form = QFormLayout()
        self.form = form
        #: The form's row titles, by field (named again in ``retranslate``).
        self._titles: dict[QWidget, QLabel] = {}
        for field in (self.name, self.display_name, self.color, self.key, self.guideline):
            title = QLabel(self)
            self._titles[field] = title
            form.addRow(title, field)
        self.new_button = QPushButton(self)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveLabel")
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.error)
        right.addLayout(buttons)
        top = QHBoxLayout()
        top.addWidget(self.list, 1)
        top.addLayout(right, 2)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addWidget(close)

        self.list.currentItemChanged.connect(self._show_item)
        self.new_button.clicked.connect(self.new_label)
        self.save_button.clicked.connect(self.save)
        self.color.clicked.connect(self._pick_color)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        """Set the dialog's texts again in the interface language."""
        self.setWindowTitle(tr("Labels"))
        for field, text in (
            (self.name, tr("Name")),
            (self.display_name, tr("Display name (Arabic)")),
            (self.color, tr("Color")),
            (self.key, tr("Key")),
            (self.guideline, tr("Guideline")),
        ):
            self._titles[field].setText(text)
        self.new_button.setText(tr("New label"))
        self.save_button.setText(tr("Save"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def reload(self, select: str | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        labels = self.store.labels()
        for lab in labels:
            item = QListWidgetItem(f"{lab.shortcut or '·'}  {lab.name}  {lab.display_name}")
            item.setData(Qt.ItemDataRole.UserRole, lab.id)
            item.setBackground(QColor(lab.color))
            self.list.addItem(item)
        self.list.blockSignals(False)
        names = [lab.name for lab in labels]
        if select in names:
            self.list.setCurrentRow(names.index(select))
        elif names:
            self.list.setCurrentRow(0)
        else:
            self.new_label()

    def _show_item(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        try:
            lab = self.store.label_by_id(item.data(Qt.ItemDataRole.UserRole))
        except AnnotatorError as exc:
            self.error.setText(error_text(exc))
            return
        self.current = lab.id
        self._loaded_name = lab.name
        self.name.setText(lab.name)
        self.display_name.setText(lab.display_name)
        self.key.setText(lab.shortcut or "")
        self.guideline.setPlainText(lab.guideline)
        self._set_color(lab.color)
        self.error.clear()

    def new_label(self) -> None:
        self.current = None
        self.list.clearSelection()
        for field in (self.name, self.display_name, self.key):
            field.clear()
        self.guideline.clear()
        self._set_color("#dddddd")
        self.error.clear()
        self.name.setFocus()

    def _set_color(self, color: str) -> None:
        self._color = QColor(color).name()
        self.color.setText(ltr(self._color))  # "#ffd6a5", also in a right-to-left window
        self.color.setStyleSheet(f"background: {self._color}; color: #111")

    def _pick_color(self) -> None:
        chosen = QColorDialog.getColor(QColor(self._color), self, tr("Label color"))
        if chosen.isValid():
            self._set_color(chosen.name())

    def save(self) -> bool:
        """Write the form to the project; False (and a message) if it was refused."""
        name = self.name.text().strip()
        fields = {
            "display_name": self.display_name.text().strip(),
            "color": self._color,
            "shortcut": self.key.text().strip() or None,
            "guideline": self.guideline.toPlainText().strip(),
        }
        holder = next(
            (
                lab.name
                for lab in self.store.labels()
                if fields["shortcut"]
                and lab.shortcut == fields["shortcut"]
                and lab.id != self.current
            ),
            None,
        )
        if holder is not None:
            self.error.setText(
                ui_format(
                    tr("The key {key} is already used by {label}."),
                    key=fields["shortcut"],
                    label=holder,
                )
            )
            return False
        try:
            if self.current is None:
                if self._color == "#dddddd" and name:
                    fields["color"] = label_color(name)
                add_label(self.store, name, **fields)
            else:
                if name != self._loaded_name:  # renamed here, not only elsewhere
                    fields["name"] = name
                edit_label(self.store, self.current, **fields)
        except AnnotatorError as exc:
            self.error.setText(error_text(exc))
            return False
        self.error.clear()
        self.reload(select=name)
        self.labelsChanged.emit()
        return True
