"""The review window: walk through the disagreements and settle each into the gold layer.

Left, the articles with disagreements, worst agreement first. Right, the article: the
text (the gold layer drawn on it, one annotator's layer, or all of them, each span's
annotator in its tooltip), the disagreements shaded
(the current one darker and selected), and one row per annotator showing their version
of the current disagreement with its labels. Everything is driven by the keyboard:

    1..9        accept annotator N's version        E        edit (own offsets/label)
    R, Delete   reject (no gold span here)          A        auto-accept agreed spans (k)
    N / P       next / previous disagreement        PgDn/PgUp next / previous article

Every decision is committed through ``annotator.core.team.adjudication`` before the screen
changes; the window itself never touches the database.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
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
from annotator.gui.article_view import ArticleView
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


class ReviewWindow(QWidget):
    #: The gold layer of an article changed (its id).
    goldChanged = Signal(int)

    def __init__(self, store: Store, reviewer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("reviewWindow")
        self.setWindowTitle(self.tr("Review — {0}").format(short_name(store.location)))
        self.store = store
        self.reviewer = reviewer
        self.queue: list[adj.QueueItem] = []
        self.article_id: int | None = None
        self.review: adj.ArticleReview | None = None
        self.current = 0  # index of the current disagreement
        self.edit_dialog: EditDialog | None = None

        self.queue_table = QTableWidget(0, 4, self)
        self.queue_table.setObjectName("reviewQueue")
        self.queue_table.setHorizontalHeaderLabels(
            [self.tr("Article"), self.tr("Agreement"), self.tr("Open"), self.tr("Review")]
        )
        self.queue_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.queue_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.queue_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            self.queue_table.horizontalHeader().setSectionResizeMode(
                col, QHeaderView.ResizeMode.ResizeToContents
            )
        self.queue_table.verticalHeader().setVisible(False)
        self.queue_table.currentCellChanged.connect(self._queue_row_changed)

        self.status_label = _plain_label("reviewStatus")
        self.layer = QComboBox(self)
        self.layer.setObjectName("layerChoice")
        self.layer.currentIndexChanged.connect(lambda _i: self._draw())
        self.k_spin = QSpinBox(self)
        self.k_spin.setObjectName("kSpin")
        self.k_spin.setRange(0, 9)
        self.k_spin.setSpecialValueText(self.tr("all"))
        self.k_spin.setPrefix("k = ")
        self.k_spin.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.view = ArticleView(self)
        self.view.setObjectName("reviewArticleView")
        self.versions = QTableWidget(0, 2, self)
        self.versions.setObjectName("versionsTable")
        self.versions.setHorizontalHeaderLabels([self.tr("Annotator"), self.tr("Version")])
        self.versions.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.versions.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.versions.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.versions.verticalHeader().setVisible(False)
        self.help_label = _plain_label("reviewHelp")
        self.help_label.setText(
            self.tr(
                "1..9 accept annotator N · E edit · R/Delete reject · A auto-accept (k) ·"
                " N/P next/previous disagreement · PgDn/PgUp next/previous article"
            )
        )

        tools = QHBoxLayout()
        tools.addWidget(QLabel(self.tr("Shown layer:")))
        tools.addWidget(self.layer)
        tools.addStretch(1)
        tools.addWidget(QLabel(self.tr("Auto-accept when agreed by")))
        tools.addWidget(self.k_spin)
        right = QWidget(self)
        rlay = QVBoxLayout(right)
        rlay.addWidget(self.status_label)
        rlay.addLayout(tools)
        rlay.addWidget(self.view, 3)
        rlay.addWidget(self.versions, 1)
        rlay.addWidget(self.help_label)
        split = QSplitter(self)
        split.addWidget(self.queue_table)
        split.addWidget(right)
        split.setStretchFactor(1, 3)

        self.agreement = AgreementView(store, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("reviewTabs")
        self.tabs.addTab(split, self.tr("Disagreements"))
        self.tabs.addTab(self.agreement, self.tr("Agreement"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

        self._shortcuts()
        self.view.deletePressed.connect(self.reject_current)
        self.view.set_labels(store.labels())
        self.view.shortcuts = {}  # digits choose annotators here, not labels
        self.resize(1100, 700)
        self.reload_queue()

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

    # -- queue -----------------------------------------------------------------------

    def reload_queue(self, keep: int | None = None) -> None:
        self.queue = adj.review_queue(self.store)
        self.queue_table.blockSignals(True)
        self.queue_table.setRowCount(len(self.queue))
        for row, q in enumerate(self.queue):
            name = _item(f"{q.ext_id} {q.title}".strip())
            score = _item(f"{q.score:.2f}")
            score.setBackground(f1_color(q.score))
            score.setForeground(QColor("#202020"))
            self.queue_table.setItem(row, 0, name)
            self.queue_table.setItem(row, 1, score)
            self.queue_table.setItem(row, 2, _item(str(q.disagreements)))
            self.queue_table.setItem(row, 3, _item(q.status))
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
            self.status_label.setText(self.tr("No disagreements to review."))

    def _queue_row_changed(self, row: int, *_args: int) -> None:
        if 0 <= row < len(self.queue):
            self.open_article(self.queue[row].article_id)

    def _update_queue_row(self) -> None:
        if self.review is None:
            return
        for row, q in enumerate(self.queue):
            if q.article_id == self.review.article_id:
                self.queue_table.item(row, 2).setText(str(self.review.open_groups))
                self.queue_table.item(row, 3).setText(self.review.status)

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
        self.layer.addItem(self.tr("gold"), GOLD_ANNOTATOR)
        self.layer.addItem(self.tr("all annotators"), ALL_LAYERS)
        for n, name in enumerate(self.review.annotators, 1):
            self.layer.addItem(f"{n} {name}", name)
        self.layer.blockSignals(False)
        self.view.set_article(text, [])
        open_ = [i for i, s in enumerate(self.review.settled) if not s]
        self.current = open_[0] if open_ else 0
        self._draw()

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
            self.tr("disagreement {0} of {1} ({2})").format(
                self.current + 1,
                len(rev.groups),
                self.tr("settled") if rev.settled[self.current] else self.tr("open"),
            )
            if g is not None
            else self.tr("no disagreements")
        )
        by = f" by {rev.reviewer}" if rev.reviewer else ""
        ext = next((q.ext_id for q in self.queue if q.article_id == rev.article_id), "")
        self.status_label.setText(
            f"{ext} · review: {rev.status}{by} · agreement {rev.score:.2f} · {where}"
            f" · {rev.open_groups} open"
        )

    def _fill_versions(self, g: adj.Group | None) -> None:
        rev = self.review
        assert rev is not None
        text = self.view.text
        rows = [(f"{n} {name}", name) for n, name in enumerate(rev.annotators, 1)]
        rows.append((self.tr("gold"), GOLD_ANNOTATOR))
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
                shown = version_text(text, mine, g.start, g.end) if mine else self.tr("(none)")
            version = _item(shown)
            version.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.versions.setItem(row, 0, who)
            self.versions.setItem(row, 1, version)

    # -- decisions -------------------------------------------------------------------

    def _decide(self, action) -> bool:  # type: ignore[no-untyped-def]
        try:
            action()
        except AnnotatorError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
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
        g = self.group()
        if g is None or self.review is None:
            return
        chosen = self.view.selection_cp()
        if chosen is not None and g.overlaps(*chosen) and chosen != (g.start, g.end):
            start, end, label = chosen[0], chosen[1], g.spans[0].label
        else:
            first = g.spans[0]
            start, end, label = first.start, first.end, first.label
        dialog = EditDialog(
            self.view.text, [lab.name for lab in self.store.labels()], start, end, label, self
        )
        self.edit_dialog = dialog
        dialog.accepted.connect(lambda: self._apply_edit(g, dialog))
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
