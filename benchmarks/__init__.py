"""The corpus-scale benchmark suite (issue 7): ``python -m benchmarks`` or ``./dev bench``."""
