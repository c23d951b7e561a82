"""The annotation workspace: the main window and its parts (see main_window.py).

Panels (``list_panel``, ``article_panel``, ``side_panel``, ``status_line``) are widgets
that know only what they show; controllers (``tagging``, ``flow``, ``project_files``,
``menus``) act on the project through the window, which they see through a protocol
declared in their own module, so none of them imports ``main_window``.
"""
