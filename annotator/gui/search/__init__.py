"""Search in the app: find in the article, corpus search, tag all occurrences, suggestions.

``search_ui.SearchUi`` is what the main window builds; ``host.SearchWindow`` lists all it
uses of the window, so this package never imports the workspace.
"""
