"""Moving through the corpus: next/previous, done, skip, notes, list filters, progress.

A mixin of ``MainWindow``, kept apart so the window module stays about tagging.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt

from annotator.core.errors import AnnotatorError
from annotator.core.model import Status

WINDOW = 200


class FlowMixin:
    """Needs the ``MainWindow`` attributes: store, annotator, list_model, article_list..."""

    # -- flow ------------------------------------------------------------------------

    def _position(self) -> int | None:
        if self.current_article_id is None:
            return None
        return self.list_model.position(self.current_article_id)

    def next_article(self) -> None:
        self._step(+1)

    def previous_article(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        ids = self.list_model.ids
        if not ids:
            return
        pos = self._position()
        if pos is None:
            target = 0 if direction > 0 else len(ids) - 1
        else:
            target = pos + direction
        if 0 <= target < len(ids):
            self.open_article(ids[target])
        else:
            self.statusBar().showMessage(self.tr("No more articles in this list."), 3000)

    def next_not_done(self) -> int | None:
        """The next article in the list (wrapping) that is neither done nor skipped."""
        ids = self.list_model.ids
        pos = self._position()
        start = 0 if pos is None else pos + 1
        order = ids[start:] + ids[: max(0, start - 1)]
        for i in range(0, len(order), WINDOW):
            window = order[i : i + WINDOW]
            for row in self.store.article_rows(window, self.annotator):
                if row.status not in (Status.DONE, Status.SKIPPED):
                    return row.id
        return None

    def _finish(self, status: Status) -> None:
        if self.current_article_id is None:
            return
        self.save_note()
        try:
            self.store.set_status(self.current_article_id, self.annotator, status)
        except AnnotatorError as exc:
            self.show_error(str(exc))
            return
        self.list_model.refresh_article(self.current_article_id)
        self._update_progress(recount=True)
        following = self.next_not_done()
        if following is None:
            self.statusBar().showMessage(self.tr("Every article in this list is done."), 5000)
        else:
            self.open_article(following)

    def mark_done(self) -> None:
        self._finish(Status.DONE)

    def skip_article(self) -> None:
        self._finish(Status.SKIPPED)

    def save_note(self) -> None:
        if self.current_article_id is None:
            return
        note = self.note_edit.text().strip()
        if note == self._note_loaded:
            return
        try:
            self.store.set_status(self.current_article_id, self.annotator, note=note)
        except AnnotatorError as exc:
            self.show_error(str(exc))
            return
        self._note_loaded = note

    # -- article list ----------------------------------------------------------------

    def _apply_filter(self) -> None:
        value = self.status_filter.currentData()
        self.list_model.set_filter(Status(value) if value else None, self.title_filter.text())
        self._sync_list_selection()
        self._update_progress()

    def _list_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing_list or not current.isValid():
            return
        aid = self.list_model.data(current, Qt.ItemDataRole.UserRole)
        if aid is not None and aid != self.current_article_id:
            self.open_article(aid)
            self.article_list.setFocus()

    def _sync_list_selection(self) -> None:
        if self.current_article_id is None:
            return
        row = self.list_model.row_of(self.current_article_id)
        self._syncing_list = True
        try:
            sel = self.article_list.selectionModel()
            if row is None:
                sel.clearSelection()
            else:
                index = self.list_model.index(row, 0)
                sel.setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.article_list.scrollTo(index)
        finally:
            self._syncing_list = False

    def _focus_list(self) -> None:
        self.article_list.setFocus()

    def _focus_view(self) -> None:
        self.article_view.setFocus()

    # -- status bar ------------------------------------------------------------------

    def _update_progress(self, recount: bool = False) -> None:
        """Status bar; the done/total counts are re-read only when a status changed."""
        if recount or self._counts is None:
            self._counts = self.store.status_counts(self.annotator)
        counts = self._counts
        total = sum(counts.values())
        self.progress_label.setText(
            self.tr("{name}: {done} / {total} done").format(
                name=self.annotator, done=counts[Status.DONE], total=total
            )
        )
        pos = self._position()
        n = len(self.list_model.ids)
        self.position_label.setText(
            self.tr("Article {pos} of {n}").format(pos=pos + 1, n=n) if pos is not None else ""
        )
        mode = self.tr("Characters") if self.character_mode else self.tr("Words")
        who = self.tr("Everyone's spans") if self.show_all_annotators else self.tr("Blind")
        self.mode_label.setText(f"{mode} · {who}")
