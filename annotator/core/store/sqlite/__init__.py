"""The SQLite backend of ``Store``: one project file, WAL, every write committed before it
returns. ``backend.SqliteStore`` is the class; reach it through ``annotator.core.store``."""
