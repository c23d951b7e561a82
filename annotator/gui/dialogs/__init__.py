"""The project dialogs the main window opens: import, export, the label editor, and the
progress dialog long runs report to. Each takes a store and a parent widget, nothing of
the window, so the review window or a script could open them too.
"""
