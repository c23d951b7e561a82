"""What every GUI package shares and nothing else: per-user settings, the interface language
and plain-text display of project text. Imports no other ``annotator.gui`` package, so any
of them may import it.
"""
