"""The review window: walk through the disagreements and settle each into the gold layer.

Left, the articles with disagreements, worst agreement first (id, title, agreement, open
disagreements, review status). Right, the article in the main window's font and spacing:
the text (the gold layer drawn on it, one annotator's layer, or all of them, each span's
annotator in its tooltip), the disagreements shaded (the current one darker and selected),
and one row per annotator showing their version of the current disagreement with its
labels. Every cell reads in its own direction. Everything is driven by the keyboard:

    1..9        accept annotator N's version        E        the selected words as gold
    R, Delete   reject (no gold span here)          A        auto-accept agreed spans (k)
    N / P       next / previous disagreement        PgDn/PgUp next / previous article
    Esc, Ctrl+W close the window

E takes the words selected in the text (snapped to whole words, as in the main window; the
current disagreement is selected to start with) and asks only for their label. The
window's size and its splitters are remembered in the user's settings.

Every decision is committed through ``annotator.core.team.adjudication`` before the screen
changes; the window itself never touches the database.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.model import GOLD_ANNOTATOR, Span
from annotator.core.store import Store, short_name
from annotator.core.team import adjudication as adj
from annotator.core.text.render import mark_spans
from annotator.core.text.tokens import snap_to_words, tokenize
from annotator.gui.article_view import ArticleView
from annotator.gui.common import settings as prefs
from annotator.gui.common.bidi import in_ui_direction, ltr, set_cell_direction, ui_format
from annotator.gui.common.errors import error_text
from annotator.gui.common.i18n import tr
from annotator.gui.common.plain import tooltip
from annotator.gui.review.agreement_view import AgreementView, f1_color
from annotator.gui.review.edit_dialog import EditDialog

ANNOTATOR_COLORS = ["#ffe0b3", "#c8f7c5", "#cde3ff", "#f3d1ff", "#fff6a8", "#ffd1d1"]
OPEN_COLOR = QColor("#ffd6d6")
CURRENT_COLOR = QColor("#ff9e7a")
ALL_LAYERS = "*"  # the layer choice that draws every annotator's spans
CONTEXT = 25  # characters shown around a disagreement in the versions table


def _plain_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


def version_text(text: str, spans: list[Span], start: int, end: int) -> str:
    """The stretch around a disagreement with one annotator's spans as [words|LABEL]."""
    lo, hi = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    inside = [
        Span(s.id, s.article_id, s.annotator, s.label, s.start - lo, s.end - lo, s.origin)
        for s in spans
        if lo <= s.start and s.end <= hi
    ]
    shown = mark_spans(text[lo:hi], inside)
    return ("…" if lo else "") + " ".join(shown.split()) + ("…" if hi < len(text) else "")


def review_status_text(status: str) -> str:
    """A review status as the interface says it."""
    return {
        "pending": tr("pending"),
        "in_review": tr("in review"),
        "done": tr("done"),
    }.get(status, status)


class ReviewWindow(QWidget):
    #: The gold layer of an article changed (its id).
    goldChanged = Signal(int)

    ID, TITLE, SCORE, OPEN, STATUS = range(5)

    def __init__(
        self,
        store: Store,
        reviewer: str,
        parent: QWidget | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("reviewWindow")
        self.store = store
        self.reviewer = reviewer
        self.settings = settings if settings is not None else prefs.default_settings()
        self.queue: list[adj.QueueItem] = []
        self.article_id: int | None = None
        self.review: adj.ArticleReview | None = None
        self.current = 0  # index of the current disagreement
        self.edit_dialog: EditDialog | None = None

        self.queue_table = QTableWidget(0, 5, self)
        self.queue_table.setObjectName("reviewQueue")
        self.queue_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.queue_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.queue_table.setWordWrap(False)
        self.queue_table.setTextElideMode(Qt.TextElideMode.ElideRight)  # titles cut at the end
        set_cell_direction(self.queue_table)
        header = self.queue_table.horizontalHeader()
        header.setSectionResizeMode(self.TITLE, QHeaderView.ResizeMode.Stretch)
        for col in (self.ID, self.SCORE, self.OPEN, self.STATUS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.queue_table.verticalHeader().setVisible(False)
        self.queue_table.currentCellChanged.connect(self._queue_row_changed)

        self.status_label = _plain_label("reviewStatus")
        self.layer = QComboBox(self)
        self.layer.setObjectName("layerChoice")
        self.layer.currentIndexChanged.connect(lambda _i: self._draw())
        self.k_spin = QSpinBox(self)
        self.k_spin.setObjectName("kSpin")
        self.k_spin.setRange(0, 9)
        self.k_spin.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.view = ArticleView(self)
        self.view.setObjectName("reviewArticleView")
        self.view.setFont(prefs.article_font(self.settings))
        self.view.set_compact(not prefs.comfortable_spacing(self.settings))
        self.versions = QTableWidget(0, 2, self)
        self.versions.setObjectName("versionsTable")
        self.versions.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.versions.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.versions.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.versions.verticalHeader().setVisible(False)
        self.versions.setWordWrap(False)
        self.versions.setFont(self.view.font())
        set_cell_direction(self.versions)
        self.help_label = _plain_label("reviewHelp")
        self.layer_title = QLabel(self)
        self.k_title = QLabel(self)

        tools = QHBoxLayout()
        tools.addWidget(self.layer_title)
        tools.addWidget(self.layer)
        tools.addStretch(1)
        tools.addWidget(self.k_title)
        tools.addWidget(self.k_spin)
        self.text_split = QSplitter(Qt.Orientation.Vertical, self)
        self.text_split.setObjectName("reviewTextSplit")
        self.text_split.addWidget(self.view)
        self.text_split.addWidget(self.versions)
        self.text_split.setStretchFactor(0, 3)
        self.text_split.setStretchFactor(1, 1)
        right = QWidget(self)
        rlay = QVBoxLayout(right)
        rlay.addWidget(self.status_label)
        rlay.addLayout(tools)
        rlay.addWidget(self.text_split, 1)
        rlay.addWidget(self.help_label)
        self.split = QSplitter(self)
        self.split.setObjectName("reviewSplit")
        self.split.addWidget(self.queue_table)
        self.split.addWidget(right)
        self.split.setStretchFactor(1, 3)
        self.split.setSizes([380, 900])  # until the reviewer's own sizes are remembered

        self.agreement = AgreementView(store, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("reviewTabs")
        self.tabs.addTab(self.split, "")
        self.tabs.addTab(self.agreement, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

        self._shortcuts()
        self.view.deletePressed.connect(self.reject_current)
        self.view.set_labels(store.labels())
        self.view.shortcuts = {}  # digits choose annotators here, not labels
        self.resize(1100, 700)
        self._restore_layout()
        self.retranslate()
        self.reload_queue()

    def retranslate(self) -> None:
        """Set the window's texts again in the interface language."""
        self.setWindowTitle(ui_format(tr("Review — {name}"), name=short_name(self.store.location)))
        self.queue_table.setHorizontalHeaderLabels(
            [tr("ID"), tr("Title"), tr("Agreement"), tr("Open"), tr("Review")]
        )
        self.versions.setHorizontalHeaderLabels([tr("Annotator"), tr("Version")])
        self.k_spin.setSpecialValueText(tr("all"))
        self.k_spin.setPrefix(ui_format(tr("k = ")))
        self.layer_title.setText(tr("Shown layer:"))
        self.k_title.setText(tr("Auto-accept when agreed by"))
        self.help_label.setText(
            in_ui_direction(
                tr(
                    "1..9 accept annotator N · E the selected words as gold · R/Delete reject"
                    " · A auto-accept (k) · N/P next/previous disagreement · PgDn/PgUp"
                    " next/previous article · Esc close"
                )
            )
        )
        self.tabs.setTabText(0, tr("Disagreements"))
        self.tabs.setTabText(1, tr("Agreement"))
        for row, q in enumerate(self.queue):
            status = self.queue_table.item(row, self.STATUS)
            if status is not None:
                status.setText(review_status_text(q.status))
        if self.review is not None:
            self._fill_layers()
            self._draw()
        elif not self.queue:
            self.status_label.setText(tr("No disagreements to review."))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "agreement"):
            self.retranslate()

    # -- size and splitters, remembered ----------------------------------------------

    def _restore_layout(self) -> None:
        for key, restore in (
            ("review/geometry", self.restoreGeometry),
            ("review/split", self.split.restoreState),
            ("review/text_split", self.text_split.restoreState),
        ):
            value = self.settings.value(key)
            if isinstance(value, QByteArray) and not value.isEmpty():
                restore(value)

    def save_layout(self) -> None:
        self.settings.setValue("review/geometry", self.saveGeometry())
        self.settings.setValue("review/split", self.split.saveState())
        self.settings.setValue("review/text_split", self.text_split.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        super().closeEvent(event)

    # -- keyboard --------------------------------------------------------------------

    def _shortcuts(self) -> None:
        def bind(key: str | QKeySequence.StandardKey, slot) -> None:  # type: ignore[no-untyped-def]
            sc = QShortcut(QKeySequence(key), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)

        for n in range(1, 10):
            bind(str(n), lambda n=n: self.accept_version(n))
        bind("E", self.edit_current)
        bind("R", self.reject_current)
        bind("Delete", self.reject_current)
        bind("A", self.auto_accept)
        bind("N", lambda: self.step(+1))
        bind("P", lambda: self.step(-1))
        bind("PgDown", lambda: self.step_article(+1))
        bind("PgUp", lambda: self.step_article(-1))
        bind("Esc", self.close)
        bind("Ctrl+W", self.close)

    # -- queue -----------------------------------------------------------------------

    def reload_queue(self, keep: int | None = None) -> None:
        self.queue = adj.review_queue(self.store)
        self.queue_table.blockSignals(True)
        self.queue_table.setRowCount(len(self.queue))
        for row, q in enumerate(self.queue):
            score = _item(f"{q.score:.2f}")
            score.setBackground(f1_color(q.score))
            score.setForeground(QColor("#202020"))
            title = _item(" ".join(q.title.split()))
            title.setToolTip(tooltip(q.title))
            self.queue_table.setItem(row, self.ID, _item(q.ext_id))
            self.queue_table.setItem(row, self.TITLE, title)
            self.queue_table.setItem(row, self.SCORE, score)
            self.queue_table.setItem(row, self.OPEN, _item(str(q.disagreements)))
            self.queue_table.setItem(row, self.STATUS, _item(review_status_text(q.status)))
        self.queue_table.blockSignals(False)
        target = keep if keep is not None else self.article_id
        ids = [q.article_id for q in self.queue]
        if target in ids:
            self.queue_table.blockSignals(True)
            self.queue_table.setCurrentCell(ids.index(target), 0)
            self.queue_table.blockSignals(False)
        elif self.queue:
            self.queue_table.setCurrentCell(0, 0)
        else:
            self.article_id = None
            self.review = None
            self.view.set_article("", [])
            self.versions.setRowCount(0)
            self.status_label.setText(tr("No disagreements to review."))

    def _queue_row_changed(self, row: int, *_args: int) -> None:
        if 0 <= row < len(self.queue):
            self.open_article(self.queue[row].article_id)

    def _update_queue_row(self) -> None:
        if self.review is None:
            return
        for row, q in enumerate(self.queue):
            if q.article_id == self.review.article_id:
                self.queue_table.item(row, self.OPEN).setText(str(self.review.open_groups))
                self.queue_table.item(row, self.STATUS).setText(
                    review_status_text(self.review.status)
                )

    def step_article(self, direction: int) -> None:
        if not self.queue:
            return
        row = self.queue_table.currentRow()
        row = max(0, min(len(self.queue) - 1, row + direction))
        self.queue_table.setCurrentCell(row, 0)

    # -- one article -----------------------------------------------------------------

    def open_article(self, article_id: int) -> None:
        self.article_id = article_id
        text = self.store.article_text(article_id)
        self.review = adj.review_article(self.store, article_id)
        self.layer.blockSignals(True)
        self.layer.clear()
        self.layer.blockSignals(False)
        self._fill_layers()
        self.view.set_article(text, [])
        open_ = [i for i, s in enumerate(self.review.settled) if not s]
        self.current = open_[0] if open_ else 0
        self._draw()

    def _fill_layers(self) -> None:
        """The layer choices (gold, everyone, each annotator), keeping the one chosen."""
        assert self.review is not None
        chosen = self.layer.currentData()
        self.layer.blockSignals(True)
        self.layer.clear()
        self.layer.addItem(tr("gold"), GOLD_ANNOTATOR)
        self.layer.addItem(tr("all annotators"), ALL_LAYERS)
        for n, name in enumerate(self.review.annotators, 1):
            self.layer.addItem(f"{n} {name}", name)
        found = self.layer.findData(chosen) if chosen is not None else -1
        self.layer.setCurrentIndex(max(0, found))
        self.layer.blockSignals(False)

    def _refresh(self) -> None:
        """Re-read the article after a decision; stays on the same disagreement index."""
        assert self.article_id is not None
        self.review = adj.review_article(self.store, self.article_id)
        self.current = min(self.current, max(0, len(self.review.groups) - 1))
        self._draw()
        self._update_queue_row()
        self.goldChanged.emit(self.article_id)

    def group(self) -> adj.Group | None:
        if self.review is None or not self.review.groups:
            return None
        return self.review.groups[self.current]

    def _draw(self) -> None:
        rev = self.review
        if rev is None:
            return
        layer = self.layer.currentData() or GOLD_ANNOTATOR
        if layer == GOLD_ANNOTATOR:
            spans = rev.gold
        elif layer == ALL_LAYERS:
            spans = [sp for name in rev.annotators for sp in rev.spans[name]]
        else:
            spans = rev.spans.get(layer, [])
        self.view.set_spans(spans)
        open_ranges = [
            (g.start, g.end)
            for i, g in enumerate(rev.groups)
            if not rev.settled[i] and i != self.current
        ]
        self.view.set_extra_highlights("disagreements", open_ranges, OPEN_COLOR)
        g = self.group()
        self.view.set_extra_highlights(
            "current", [(g.start, g.end)] if g is not None else [], CURRENT_COLOR
        )
        if g is not None:
            self.view.select_range(g.start, g.end)
        self._fill_versions(g)
        where = (
            ui_format(
                tr("disagreement {n} of {total} ({state})"),
                n=self.current + 1,
                total=len(rev.groups),
                state=tr("settled") if rev.settled[self.current] else tr("open"),
            )
            if g is not None
            else tr("no disagreements")
        )
        status = review_status_text(rev.status)
        review = (
            ui_format(tr("review: {status} by {name}"), status=status, name=rev.reviewer)
            if rev.reviewer
            else ui_format(tr("review: {status}"), status=status)
        )
        ext = next((q.ext_id for q in self.queue if q.article_id == rev.article_id), "")
        parts = [
            ltr(ext),
            review,
            ui_format(tr("agreement {score}"), score=f"{rev.score:.2f}"),
            where,
            ui_format(tr("{n} open"), n=rev.open_groups),
        ]
        self.status_label.setText(in_ui_direction(" · ".join(parts)))

    def _fill_versions(self, g: adj.Group | None) -> None:
        rev = self.review
        assert rev is not None
        text = self.view.text
        rows = [(f"{n} {name}", name) for n, name in enumerate(rev.annotators, 1)]
        rows.append((tr("gold"), GOLD_ANNOTATOR))
        self.versions.setRowCount(len(rows))
        for row, (title, name) in enumerate(rows):
            who = _item(title)
            if name != GOLD_ANNOTATOR:
                who.setBackground(QColor(ANNOTATOR_COLORS[(row) % len(ANNOTATOR_COLORS)]))
                who.setForeground(QColor("#202020"))
            if g is None:
                shown = ""
            elif name == GOLD_ANNOTATOR:
                gold = [s for s in rev.gold if g.overlaps(s.start, s.end)]
                shown = version_text(text, gold, g.start, g.end) if gold else "—"
            else:
                mine = g.version(name)
                shown = version_text(text, mine, g.start, g.end) if mine else tr("(none)")
            version = _item(shown)
            self.versions.setItem(row, 0, who)
            self.versions.setItem(row, 1, version)

    # -- decisions -------------------------------------------------------------------

    def _decide(self, action) -> bool:  # type: ignore[no-untyped-def]
        try:
            action()
        except AnnotatorError as exc:
            QMessageBox.warning(self, tr("Not saved"), error_text(exc))
            self._refresh()
            return False
        return True

    def _advance(self) -> None:
        """After a decision: the first open disagreement from the current one on, if any."""
        self._refresh()
        rev = self.review
        if rev is None or not rev.groups:
            return
        n = len(rev.groups)
        for step in range(n):
            i = (self.current + step) % n
            if not rev.settled[i]:
                self.current = i
                self._draw()
                return

    def accept_version(self, n: int) -> None:
        g = self.group()
        if g is None or self.review is None or not 1 <= n <= len(self.review.annotators):
            return
        name = self.review.annotators[n - 1]
        aid = self.review.article_id
        if self._decide(lambda: adj.accept(self.store, aid, g, name, self.reviewer)):
            self._advance()

    def reject_current(self) -> None:
        g = self.group()
        if g is None or self.review is None:
            return
        aid = self.review.article_id
        if self._decide(lambda: adj.reject(self.store, aid, g, self.reviewer)):
            self._advance()

    def auto_accept(self) -> None:
        if self.review is None:
            return
        k = self.k_spin.value() or None
        aid = self.review.article_id
        if self._decide(lambda: adj.auto_accept(self.store, aid, self.reviewer, k=k)):
            self._advance()

    def edit_current(self) -> None:
        """E: the words selected in the text (whole words) become the gold span of the
        current disagreement; only the label is asked. With nothing selected, the first
        version's words are proposed."""
        g = self.group()
        if g is None or self.review is None:
            return
        text = self.view.text
        chosen = self.view.selection_cp()
        snapped = snap_to_words(text, *chosen, tokenize(text)) if chosen else None
        first = g.spans[0]
        if snapped is not None and snapped != (g.start, g.end):
            start, end = snapped
        else:
            start, end = first.start, first.end
        labels = [lab.name for lab in self.store.labels()]
        dialog = EditDialog(text, labels, start, end, first.label, self, self.view.font())
        self.edit_dialog = dialog
        dialog.accepted.connect(lambda: self._apply_edit(g, dialog))
        dialog.finished.connect(lambda _result: self.view.setFocus())
        dialog.open()

    def _apply_edit(self, g: adj.Group, dialog: EditDialog) -> None:
        start, end, label = dialog.values()
        aid = g.spans[0].article_id
        if self._decide(lambda: adj.edit(self.store, aid, g, start, end, label, self.reviewer)):
            self._advance()

    def step(self, direction: int) -> None:
        if self.review is None or not self.review.groups:
            return
        self.current = (self.current + direction) % len(self.review.groups)
        self._draw()

    # -- agreement tab ---------------------------------------------------------------

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.agreement and self.agreement.report is None:
            self.agreement.refresh()
