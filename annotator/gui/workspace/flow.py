"""Moving through the corpus: next / previous, done, skip, the note, resume, remember place.

Done and skip write the article's status for this annotator and open the next article
that is neither. The note is saved as it is typed (``NOTE_SAVE_AFTER_MS`` after the last
key), on Enter, when it loses focus and before the article changes; a save that fails
keeps the text in the field and the article open, with the message. The
article the annotator is on is remembered in the project once they settle on it, so that
reopening the project resumes there.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLineEdit, QStatusBar, QWidget

from annotator.core.errors import AnnotatorError
from annotator.core.model import Status
from annotator.core.store import Store
from annotator.gui.common.bidi import ui_format
from annotator.gui.common.errors import error_text
from annotator.gui.common.i18n import tr
from annotator.gui.workspace.article_list import ArticleListModel

#: Ids read per query while looking for the next article not done.
WINDOW = 200
#: The open article is remembered this long after the last move (one write, not one per
#: Ctrl+PgDown).
REMEMBER_AFTER_MS = 800
#: A note is saved this long after the last key typed in it (at most a second's typing
#: can be lost to a crash).
NOTE_SAVE_AFTER_MS = 700


class FlowWindow(Protocol):
    """What the flow uses of the main window."""

    store: Store
    annotator: str
    current_article_id: int | None

    def open_article(self, article_id: int, select: tuple[int, int] | None = None) -> None: ...

    def show_error(self, message: str) -> None: ...

    def update_status(self, recount: bool = False) -> None:
        """Redraw the status bar; ``recount`` re-reads the done / total counts."""
        ...

    def statusBar(self) -> QStatusBar: ...

    def window(self) -> QWidget:
        """The window as a Qt widget (``QWidget.window()``): the owner of the flow's timer."""
        ...


class ArticleFlow:
    """Next / previous / done / skip over the filtered list, the note, and resuming."""

    def __init__(
        self, window: FlowWindow, list_model: ArticleListModel, note_edit: QLineEdit
    ) -> None:
        self.window = window
        self.list_model = list_model
        self.note_edit = note_edit
        self._note_loaded = ""
        #: Fires once the annotator has stayed on an article for a moment.
        self.remember_timer = QTimer(window.window())
        self.remember_timer.setSingleShot(True)
        self.remember_timer.setInterval(REMEMBER_AFTER_MS)
        self.remember_timer.timeout.connect(self.remember_place)
        #: Saves the note shortly after typing stops.
        self.note_timer = QTimer(window.window())
        self.note_timer.setSingleShot(True)
        self.note_timer.setInterval(NOTE_SAVE_AFTER_MS)
        self.note_timer.timeout.connect(self.save_note)
        note_edit.textEdited.connect(lambda _text: self.note_timer.start())

    def _say(self, message: str, ms: int) -> None:
        self.window.statusBar().showMessage(message, ms)

    # -- moving ----------------------------------------------------------------------

    def position(self) -> int | None:
        """Where the open article is in the filtered list (None: none open, or hidden)."""
        if self.window.current_article_id is None:
            return None
        return self.list_model.position(self.window.current_article_id)

    def next_article(self) -> None:
        self._step(+1)

    def previous_article(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        ids = self.list_model.ids
        if not ids:
            return
        pos = self.position()
        if pos is None:
            target = 0 if direction > 0 else len(ids) - 1
        else:
            target = pos + direction
        if 0 <= target < len(ids):
            self.window.open_article(ids[target])
        else:
            self._say(tr("No more articles in this list."), 3000)

    def next_not_done(self) -> int | None:
        """The next article in the list (wrapping) that is neither done nor skipped."""
        ids = self.list_model.ids
        pos = self.position()
        start = 0 if pos is None else pos + 1
        # After the open article to the end, then from the top to just before it; a window
        # of ids at a time, so a long list is read only as far as the answer.
        for first, stop in ((start, len(ids)), (0, max(0, start - 1))):
            for i in range(first, stop, WINDOW):
                window = ids[i : min(i + WINDOW, stop)]
                for row in self.window.store.article_rows(window, self.window.annotator):
                    if row.status not in (Status.DONE, Status.SKIPPED):
                        return row.id
        return None

    def _finish(self, status: Status) -> None:
        w = self.window
        if w.current_article_id is None:
            return
        if not self.save_note():
            return
        try:
            w.store.set_status(w.current_article_id, w.annotator, status)
        except AnnotatorError as exc:
            w.show_error(str(exc))
            return
        self.list_model.refresh_article(w.current_article_id)
        w.update_status(recount=True)
        following = self.next_not_done()
        if following is None:
            self._say(tr("Every article in this list is done."), 5000)
        else:
            w.open_article(following)

    def mark_done(self) -> None:
        self._finish(Status.DONE)

    def skip_article(self) -> None:
        self._finish(Status.SKIPPED)

    # -- the note --------------------------------------------------------------------

    def load_note(self, article_id: int) -> None:
        """Show this annotator's note on the article being opened."""
        self.note_timer.stop()
        status = self.window.store.status(article_id, self.window.annotator)
        self._note_loaded = status.note
        self.note_edit.setText(status.note)

    def save_note(self) -> bool:
        """Write the note of the open article if it changed since it was shown or saved.

        False when the write failed: the typed text stays in the field (nothing is thrown
        away) and the caller keeps the article open; the message is shown.
        """
        self.note_timer.stop()
        w = self.window
        if w.current_article_id is None:
            return True
        note = self.note_edit.text().strip()
        if note == self._note_loaded:
            return True
        try:
            w.store.set_status(w.current_article_id, w.annotator, note=note)
        except AnnotatorError as exc:
            w.show_error(ui_format(tr("The note was not saved: {reason}"), reason=error_text(exc)))
            return False
        self._note_loaded = note
        return True

    def note_unsaved(self) -> bool:
        """True while the field holds text that is not in the project."""
        return self.note_edit.text().strip() != self._note_loaded

    # -- resuming --------------------------------------------------------------------

    def resume(self) -> None:
        """Open this annotator's last article, else the first in the list."""
        w = self.window
        last = w.store.get_setting(f"last_article:{w.annotator}")
        if last and last.isdigit():
            try:
                w.open_article(int(last))
                return
            except AnnotatorError:
                pass
        if self.list_model.ids:
            w.open_article(self.list_model.ids[0])

    def remember_soon(self) -> None:
        """Remember the open article once the annotator settles (restarts the wait)."""
        self.remember_timer.start()

    def remember_place(self) -> None:
        """Store this annotator's open article, so reopening resumes there."""
        self.remember_timer.stop()
        w = self.window
        if w.current_article_id is None:
            return
        try:
            w.store.set_setting(f"last_article:{w.annotator}", str(w.current_article_id))
        except AnnotatorError:
            pass  # remembering the place is a convenience; never block reading
