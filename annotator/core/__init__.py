"""The Qt-free core: model, storage, offsets, Arabic text tools, import/export, agreement.

Nothing under this package may import PySide6; tests/core/test_no_qt.py enforces it.
"""
