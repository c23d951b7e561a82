"""What search uses of the main window, written down as a protocol.

Search never imports the window (``annotator.gui.workspace`` imports search, to build it);
``MainWindow`` satisfies this protocol, and a test or another window could too.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMenuBar, QStatusBar, QToolBar, QWidget

from annotator.core.store import Store
from annotator.core.undo import UndoStack
from annotator.gui.article_view import ArticleView


class SearchWindow(Protocol):
    """The window search adds its find bar, dock, menu and keys to."""

    store: Store
    annotator: str
    #: The open article (None before the first one opens).
    current_article_id: int | None
    #: Every change search makes is pushed here, one undo step per command.
    undo_stack: UndoStack
    #: Find hits and suggestions are drawn with ``set_extra_highlights``.
    article_view: ArticleView
    #: An article was opened (its id).
    articleOpened: SignalInstance
    #: The open article's spans changed.
    spansChanged: SignalInstance

    def open_article(self, article_id: int, select: tuple[int, int] | None = None) -> None:
        """Show an article; ``select`` selects and scrolls to a code-point range."""
        ...

    def refresh(self) -> None:
        """Reload the open article's spans from the store and redraw."""
        ...

    def show_error(self, message: str) -> None:
        """A failed write, shown without blocking."""
        ...

    def window(self) -> QWidget:
        """The window as a Qt widget (``QWidget.window()``): the owner of search's widgets."""
        ...

    def menuBar(self) -> QMenuBar: ...

    def statusBar(self) -> QStatusBar: ...

    def addAction(self, action: QAction) -> None: ...

    def addToolBar(self, area: Qt.ToolBarArea, toolbar: QToolBar) -> None: ...

    def addDockWidget(self, area: Qt.DockWidgetArea, dockwidget: QDockWidget) -> None: ...
