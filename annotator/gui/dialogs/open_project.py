"""File > Open project…: a project file, or a team's project on a PostgreSQL server.

The "File" tab takes a path (typed, or picked with Browse…); the "Server" tab takes the
server's address (``postgresql://user@host:5432/dbname``), an optional schema (when the
database holds several projects) and a password. The password is never stored: it goes
to ``remember_password``, which keeps it in this process's memory for reconnecting; the
address, which never holds one, is what the recent projects remember. Without a password
typed here libpq uses ``PGPASSWORD`` or ``~/.pgpass``, as every PostgreSQL tool does.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.store import is_server_url, remember_password
from annotator.core.store.location import parse_server_url
from annotator.gui.common.bidi import ui_format
from annotator.gui.common.i18n import tr as _tr

FILE_TAB, SERVER_TAB = 0, 1


class OpenProjectDialog(QDialog):
    """Asks for a project; ``target()`` is what to open (a path or a server URL)."""

    def __init__(self, parent: QWidget | None = None, start: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("openProjectDialog")
        self.setWindowTitle(_tr("Open project"))
        self.tabs = QTabWidget(self)

        file_tab = QWidget(self.tabs)
        self.file_path = QLineEdit(file_tab)
        self.file_path.setObjectName("projectFilePath")
        self.file_path.setPlaceholderText("news.db")
        browse = QPushButton(_tr("Browse…"), file_tab)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout(file_tab)
        row.addWidget(self.file_path, 1)
        row.addWidget(browse)
        self.tabs.addTab(file_tab, _tr("File"))

        server_tab = QWidget(self.tabs)
        self.server_url = QLineEdit(server_tab)
        self.server_url.setObjectName("serverUrl")
        self.server_url.setPlaceholderText("postgresql://salma@db.example.org:5432/news")
        self.schema = QLineEdit(server_tab)
        self.schema.setObjectName("serverSchema")
        self.schema.setPlaceholderText("public")
        self.password = QLineEdit(server_tab)
        self.password.setObjectName("serverPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(server_tab)
        form.addRow(_tr("Server address"), self.server_url)
        form.addRow(_tr("Schema (optional)"), self.schema)
        form.addRow(_tr("Password"), self.password)
        hint = QLabel(
            _tr(
                "The password is kept only while the app runs, never saved. Leave it empty"
                " to use ~/.pgpass or the PGPASSWORD variable."
            ),
            server_tab,
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        self.tabs.addTab(server_tab, _tr("Server"))

        self.problem = QLabel("", self)
        self.problem.setObjectName("openProblem")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._target: str | None = None
        if is_server_url(start):
            self.tabs.setCurrentIndex(SERVER_TAB)
            self.server_url.setText(start)
        else:
            self.file_path.setText(start)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, _tr("Open project"), "", _tr("Projects (*.db *.sqlite);;All files (*)")
        )
        if path:
            self.file_path.setText(path)

    def accept(self) -> None:
        """Check what was typed; stay open with one line if it cannot be a project."""
        try:
            self._target = self._read()
        except AnnotatorError as exc:
            self.problem.setText(str(exc))
            return
        if not self._target:
            self.problem.setText(_tr("Give a project file or a server address."))
            return
        super().accept()

    def _read(self) -> str:
        if self.tabs.currentIndex() == FILE_TAB:
            return self.file_path.text().strip()
        url = self.server_url.text().strip()
        if not url:
            return ""
        if not is_server_url(url):
            raise AnnotatorError(
                ui_format(
                    _tr("A server address starts with postgresql:// (for example {example})."),
                    example="postgresql://salma@db.example.org/news",
                )
            )
        loc = parse_server_url(url, self.schema.text().strip() or None)
        remember_password(loc.location, self.password.text())
        self.password.clear()
        return loc.location

    def target(self) -> str | None:
        """The project to open, once the dialog was accepted."""
        return self._target


def ask_project(parent: QWidget | None, start: str = "") -> str | None:
    """Show the dialog; the project to open, or None if cancelled."""
    dialog = OpenProjectDialog(parent, start)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.target()
