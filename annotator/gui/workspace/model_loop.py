"""The model in the loop, in the window: Model menu actions, background retraining, the
model's F1 in the status bar, and "least confident first" in the article list.

Training runs in a separate process (``core/tagger/background.py``), never in this one:
the window only polls a pipe every few hundred milliseconds, so a tag is drawn as quickly
while a model trains as when none does (benchmarks/ measures it). The run trains on this
annotator's done articles, stores the model, then pre-annotates the articles nobody has
done as the annotator ``model``; those suggestions reach the open article through the
window's watch for other programs' commits, and are accepted or rejected like any other
suggestion (Search › Suggestions, Enter, Backspace).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QInputDialog, QLabel, QStatusBar, QWidget

from annotator.core.errors import AnnotatorError
from annotator.core.model import Status
from annotator.core.store import Store
from annotator.core.tagger import DEFAULT_MODEL
from annotator.gui.common.bidi import ui_format
from annotator.gui.common.i18n import tr
from annotator.gui.workspace.article_list import ArticleListModel

if TYPE_CHECKING:  # the tagger loads when training or ordering is asked for, not at start
    from annotator.core.tagger.background import BackgroundTraining, Outcome

#: Project setting: retrain after every N articles this annotator marks done (0: never).
RETRAIN_SETTING = "model_retrain_every"
_POLL_MS = 300


class LoopWindow(Protocol):
    store: Store
    annotator: str
    list_model: ArticleListModel

    def show_error(self, message: str) -> None: ...

    def statusBar(self) -> QStatusBar: ...

    def window(self) -> QWidget: ...

    def after_bulk_change(self) -> None: ...


class ModelLoop(QObject):
    """Starts and watches background training; orders the list; shows the F1."""

    def __init__(self, window: LoopWindow, parent: QObject) -> None:
        super().__init__(parent)
        self.window = window
        self.run: BackgroundTraining | None = None
        #: The last run's outcome (tests and scripts read it).
        self.last_outcome: Outcome | None = None
        self.least_confident = False
        self.label = QLabel(window.statusBar())
        self.label.setObjectName("modelLabel")
        window.statusBar().addPermanentWidget(self.label)
        self._timer = QTimer(self)
        self._timer.setInterval(_POLL_MS)
        self._timer.timeout.connect(self.poll)
        #: Done articles when the count for automatic retraining started; counted only
        #: while retraining is on (a count reads every status row: 17 ms per 100,000).
        self._done_at_start: int | None = self._done_count() if self.retrain_every else None
        self.show_state()

    # -- state ---------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.run is not None and self.run.running

    def _done_count(self) -> int:
        return self.window.store.status_counts(self.window.annotator).get(Status.DONE, 0)

    @property
    def retrain_every(self) -> int:
        value = self.window.store.get_setting(RETRAIN_SETTING, "0") or "0"
        return int(value) if value.isdigit() else 0

    def show_state(self) -> None:
        """The status bar's model part, in the interface language."""
        if self.running:
            self.label.setText(tr("Model: training…"))
            return
        info = self.window.store.model_info(DEFAULT_MODEL)
        if info is None:
            self.label.setText(tr("No model yet"))
        elif info.get("f1") is None:
            self.label.setText(tr("Model trained (no held-out score)"))
        else:
            self.label.setText(ui_format(tr("Model F1 {f1}"), f1=f"{info['f1']:.2f}"))

    # -- actions -------------------------------------------------------------------

    def train_now(self) -> bool:
        """Start training in the background; False if one is running already."""
        if self.running:
            self.window.statusBar().showMessage(tr("The model is already training."), 4000)
            return False
        from annotator.core.tagger.background import BackgroundTraining

        self._done_at_start = self._done_count()
        self.run = BackgroundTraining(self.window.store.location, (self.window.annotator,))
        self._timer.start()
        self.show_state()
        return True

    def poll(self) -> None:
        if self.run is None:
            return
        outcome = self.run.poll()
        if outcome is None:
            return
        self._timer.stop()
        self.last_outcome = outcome
        if not outcome.ok:
            self.window.show_error(outcome.error)
        else:
            self.window.statusBar().showMessage(tr("The model was retrained."), 4000)
            self.window.after_bulk_change()  # the list and the new suggestions
        self.show_state()

    def status_changed(self) -> None:
        """After a status change: retrain if N more articles were marked done."""
        every = self.retrain_every
        if not every or self.running:
            return
        if self._done_at_start is None:  # turned on elsewhere: count from now on
            self._done_at_start = self._done_count()
        elif self._done_count() - self._done_at_start >= every:
            self.train_now()

    def set_retrain_every(self, n: int) -> None:
        try:
            self.window.store.set_setting(RETRAIN_SETTING, str(max(0, n)))
        except AnnotatorError as exc:
            self.window.show_error(str(exc))
            return
        if n > 0 and self._done_at_start is None:
            self._done_at_start = self._done_count()

    def ask_retrain_every(self) -> None:
        n, ok = QInputDialog.getInt(
            self.window.window(),
            tr("Retrain automatically"),
            tr("Retrain after every N articles marked done (0: never):"),
            self.retrain_every,
            0,
            10000,
        )
        if ok:
            self.set_retrain_every(n)

    def set_least_confident(self, on: bool) -> None:
        """Order the article list by the model's confidence, lowest first (or corpus order)."""
        from annotator.core.tagger.suggesting import least_confident_first

        self.least_confident = on
        store = self.window.store
        self.window.list_model.order = (
            (lambda ids: least_confident_first(store, ids)) if on else None
        )
        self.window.list_model.reload()

    def stop(self) -> None:
        """The window closes: a run still going is ended (its model is not stored)."""
        self._timer.stop()
        if self.run is not None and self.run.running:
            self.run.cancel()
