"""Puts this folder on ``sys.path`` so that the tests can import ``rules``."""
