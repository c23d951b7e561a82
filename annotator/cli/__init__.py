"""The command line: each command opens the store, calls one core function, reports."""
