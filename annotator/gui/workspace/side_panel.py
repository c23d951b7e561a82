"""The right side of the main window: the label palette, the article's spans, the note.

The span list mirrors what the article view shows (its spans, labels and text) and follows
its selection both ways: clicking a row selects that span in the view, and selecting a span
in the view highlights its row. Writing the note is the flow's (``ArticleFlow.save_note``).

Nothing here keeps the keyboard: the palette's buttons and its scroll area take no focus, so
a click on a label leaves the keys (Tab, label keys) with the article.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Span
from annotator.gui.article_view import ArticleView
from annotator.gui.common.bidi import set_cell_direction
from annotator.gui.common.i18n import tr
from annotator.gui.common.plain import tooltip
from annotator.gui.workspace.label_palette import LabelPalette

SPAN_TEXT_MAX = 120


class SidePanel(QWidget):
    """``label_palette`` (one button per label), ``span_list`` and ``note_edit``."""

    def __init__(self, view: ArticleView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.label_palette = LabelPalette(self)
        palette_scroll = QScrollArea(self)
        palette_scroll.setWidget(self.label_palette)
        palette_scroll.setWidgetResizable(True)
        palette_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        palette_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a click leaves keys to the text
        self.palette_scroll = palette_scroll
        self.span_list = QTreeWidget(self)
        self.span_list.setObjectName("spanList")
        self.span_list.setRootIsDecorated(False)
        self.span_list.setColumnCount(3)
        set_cell_direction(self.span_list)
        self.span_list.itemClicked.connect(self._span_item_clicked)
        self.span_list.itemActivated.connect(self._span_item_clicked)
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("noteEdit")
        self.labels_title = QLabel(self)
        self.spans_title = QLabel(self)
        rv = QVBoxLayout(self)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.labels_title)
        rv.addWidget(palette_scroll, 2)
        rv.addWidget(self.spans_title)
        rv.addWidget(self.span_list, 3)
        rv.addWidget(self.note_edit)
        view.spanSelected.connect(self._span_selected_in_view)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the panel's texts again in the interface language."""
        self._measured_labels: set[str] = set()  # the header's width may change too
        self.span_list.setHeaderLabels([tr("Label"), tr("Words"), tr("By")])
        self.note_edit.setPlaceholderText(tr("Note on this article"))
        self.labels_title.setText(tr("Labels"))
        self.spans_title.setText(tr("Spans in this article"))


    def fill_span_list(self, show_annotators: bool) -> None:
        """One row per span the view shows: label, its words, and whose (if everyone's)."""
        self.span_list.clear()
        labels = self.view.labels  # set with the palette; no query per redraw
        text = self.view.text
        for span in self.view.spans:
            words = " ".join(text[span.start : span.end].split())
            if len(words) > SPAN_TEXT_MAX:
                words = words[:SPAN_TEXT_MAX] + "…"
            item = QTreeWidgetItem([span.label, words, span.annotator])
            item.setData(0, Qt.ItemDataRole.UserRole, span.id)
            lab = labels.get(span.label)
            if lab is not None:
                item.setBackground(0, QColor(lab.color))
                item.setToolTip(0, tooltip(lab.display_name))
            self.span_list.addTopLevelItem(item)
        self.span_list.setColumnHidden(2, not show_annotators)
        # The label column is measured again only when a label it was not measured with
        # appears (measuring reads every row: a fifth of an article switch's Python time).
        shown = {span.label for span in self.view.spans}
        if not shown <= self._measured_labels:
            self._measured_labels = shown | self._measured_labels
            self.span_list.resizeColumnToContents(0)

    def _span_item_clicked(self, item: QTreeWidgetItem, _col: int = 0) -> None:
        span_id = item.data(0, Qt.ItemDataRole.UserRole)
        for span in self.view.spans:
            if span.id == span_id:
                self.view.select_span(span)
                self.view.setFocus()
                return

    def _span_selected_in_view(self, span: Span | None) -> None:
        self.span_list.blockSignals(True)
        self.span_list.clearSelection()
        if span is not None:
            for i in range(self.span_list.topLevelItemCount()):
                item = self.span_list.topLevelItem(i)
                if item.data(0, Qt.ItemDataRole.UserRole) == span.id:
                    self.span_list.setCurrentItem(item)
                    self.span_list.scrollToItem(item)
                    break
        self.span_list.blockSignals(False)
