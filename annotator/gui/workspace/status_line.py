"""The status bar's permanent part: tagging mode, position in the list, progress.

The done / total counts are one query over every article, so they are re-read only when
a status changed (``recount``); moving through the list updates the position alone. Each
part reads in the interface's direction (right to left in Arabic, even when it starts with
a Latin name), and the position stays shown when the filters hide the open article.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar

from annotator.core.model import Status
from annotator.core.store import Store
from annotator.gui.common.bidi import in_ui_direction, ui_format
from annotator.gui.common.i18n import tr


class StatusLine:
    """``mode_label``, ``position_label`` and ``progress_label``, right of the messages."""

    def __init__(self, store: Store, annotator: str, bar: QStatusBar) -> None:
        self.store = store
        self.annotator = annotator
        self._counts: dict[Status, int] | None = None
        self.progress_label = QLabel(bar)
        self.position_label = QLabel(bar)
        self.mode_label = QLabel(bar)
        self.progress_label.setObjectName("progressLabel")
        self.position_label.setObjectName("positionLabel")
        self.mode_label.setObjectName("modeLabel")
        for w in (self.mode_label, self.position_label, self.progress_label):
            bar.addPermanentWidget(w)

    def update(
        self,
        position: int | None,
        listed: int,
        character_mode: bool,
        everyone: bool,
        recount: bool = False,
        hidden: bool = False,
    ) -> None:
        """``position`` of the open article among the ``listed`` ones (None: none open, or
        ``hidden`` by the filters); ``everyone``: everyone's spans are shown, not only the
        annotator's own."""
        if recount or self._counts is None:
            self._counts = self.store.status_counts(self.annotator)
        counts = self._counts
        total = sum(counts.values())
        self.progress_label.setText(
            ui_format(
                tr("{name}: {done} / {total} done"),
                name=self.annotator,
                done=counts[Status.DONE],
                total=total,
            )
        )
        if position is not None:
            where = ui_format(tr("Article {pos} of {n}"), pos=position + 1, n=listed)
        elif hidden:
            where = ui_format(tr("Not in this list ({n} listed)"), n=listed)
        else:
            where = ""
        self.position_label.setText(where)
        mode = tr("Characters") if character_mode else tr("Words")
        who = tr("Everyone's spans") if everyone else tr("Blind")
        self.mode_label.setText(in_ui_direction(f"{mode} · {who}"))
