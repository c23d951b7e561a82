"""The agreement view: annotator x annotator F1 and the label confusion table as grids.

Cells are colored so the weak pair or the confused labels stand out at a glance: F1 from
red (0) through yellow to green (1), confusion counts from white to red (the largest).
Figures keep their usual names (F1, kappa, Krippendorff's alpha) in both languages.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
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
from annotator.core.team.agreement import AgreementReport, compute_agreement
from annotator.gui.common.bidi import set_cell_direction, ui_format
from annotator.gui.common.errors import error_text
from annotator.gui.common.i18n import tr


def f1_color(value: float | None) -> QColor:
    if value is None:
        return QColor("#eeeeee")
    return QColor.fromHsvF(max(0.0, min(1.0, value)) / 3, 0.45, 1.0)  # red -> green


def count_color(n: int, top: int) -> QColor:
    if not n or not top:
        return QColor("#ffffff")
    return QColor.fromHsvF(0.0, 0.15 + 0.6 * n / top, 1.0)


def _item(text: str, color: QColor | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    if color is not None:
        item.setBackground(color)
        item.setForeground(QColor("#202020"))
    return item


class AgreementView(QWidget):
    """Computes on demand (``refresh``): a corpus-wide pass is not free."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.report: AgreementReport | None = None
        self.all_articles = QCheckBox(self)
        self.all_articles.setObjectName("allArticles")
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("computeAgreement")
        self.refresh_button.clicked.connect(self.refresh)
        self.summary = QLabel(self)
        self.summary.setObjectName("agreementSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.matrix = QTableWidget(self)
        self.matrix.setObjectName("f1Matrix")
        self.confusion = QTableWidget(self)
        self.confusion.setObjectName("confusionTable")
        top = QHBoxLayout()
        top.addWidget(self.all_articles)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        self.matrix_title = QLabel(self)
        self.confusion_title = QLabel(self)
        layout.addWidget(self.matrix_title)
        layout.addWidget(self.matrix, 1)
        layout.addWidget(self.confusion_title)
        layout.addWidget(self.confusion, 1)
        for table in (self.matrix, self.confusion):
            set_cell_direction(table)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the view's texts again in the interface language."""
        self.all_articles.setText(tr("Count all articles, not only those marked done"))
        self.refresh_button.setText(tr("Compute"))
        self.matrix_title.setText(tr("Exact-match F1, annotator by annotator"))
        self.confusion_title.setText(tr("Label confusion (overlapping spans, different labels)"))
        if self.report is not None:
            self.show_report(self.report)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def refresh(self) -> None:
        try:
            self.report = compute_agreement(self.store, all_articles=self.all_articles.isChecked())
        except AnnotatorError as exc:
            self.report = None
            self.summary.setText(error_text(exc))
            self.matrix.clear()
            self.matrix.setRowCount(0)
            self.confusion.setRowCount(0)
            return
        self.show_report(self.report)

    def show_report(self, rep: AgreementReport) -> None:
        o = rep.overall

        def fmt(v: float | None) -> str:
            return tr("n/a") if v is None else f"{v:.3f}"

        self.summary.setText(
            ui_format(
                tr(
                    "F1 {f1} · partial F1 {partial} · kappa {kappa} · Krippendorff's alpha"
                    " {alpha} ({articles} articles, {tokens} tokens)"
                ),
                f1=fmt(o["f1"]),
                partial=fmt(o["partial_f1"]),
                kappa=fmt(o["kappa"]),
                alpha=fmt(rep.alpha),
                articles=rep.alpha_articles,
                tokens=rep.alpha_tokens,
            )
        )
        names = rep.annotators
        m = rep.f1_matrix()
        self.matrix.clear()
        self.matrix.setRowCount(len(names))
        self.matrix.setColumnCount(len(names))
        self.matrix.setHorizontalHeaderLabels(names)
        self.matrix.setVerticalHeaderLabels(names)
        for i, a in enumerate(names):
            for j, b in enumerate(names):
                self.matrix.setItem(i, j, _item(fmt(m[a][b]), f1_color(m[a][b])))
        table = rep.confusion
        labels = list(table)
        top = max((n for row in table.values() for n in row.values()), default=0)
        self.confusion.clear()
        self.confusion.setRowCount(len(labels))
        self.confusion.setColumnCount(len(labels))
        self.confusion.setHorizontalHeaderLabels(labels)
        self.confusion.setVerticalHeaderLabels(labels)
        for i, x in enumerate(labels):
            for j, y in enumerate(labels):
                n = table[x].get(y, 0)
                self.confusion.setItem(i, j, _item(str(n) if n else "", count_color(n, top)))
