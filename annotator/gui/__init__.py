"""The Qt front end. Everything that imports PySide6 lives under this package.

- ``app``: start-up (``run``) and ``build_main_window`` for tests and scripts.
- ``workspace``: the main window and its panels and controllers.
- ``search``: find, corpus search, tag all occurrences and suggestions in the window.
- ``dialogs``: import, export, the label editor, and their progress dialog.
- ``review``: the review and adjudication window.
- ``article_view``: the article widget, shared by the workspace and review.
- ``common``: settings, interface language and plain-text display, used by all of them.

A package imports only packages below it in this list, never one above, so there is no
import cycle, lazy imports included (tests/architecture checks the whole graph).
"""
