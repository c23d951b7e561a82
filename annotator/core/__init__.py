"""The Qt-free core: everything the app and the command line do, without a screen.

- ``model.py``, ``errors.py``, ``labels.py``: the shared vocabulary (records, the errors
  whose message is one line for the user, the default label set).
- ``store/``: the storage interface (``Store``) and its backends; the only SQL.
- ``text/``: Arabic text rules: offsets (code points vs UTF-16), normalization, tokens,
  word matching.
- ``formats/``: every interchange format, each in one module that reads and/or writes it,
  the registry that lists them, and the import and export runs.
- ``team/``: merging annotators' projects, agreement, adjudication of a gold layer.
- ``assist/``: search, tag-all, suggestions.
- ``undo.py``: the undo stack; each step is written through the store before it counts.

Nothing here imports Qt, the GUI or the CLI (tests/architecture enforces it).
"""
