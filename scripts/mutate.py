"""Mutation testing of the critical modules with mutmut (``./dev mutate [MODULE...]``).

mutmut makes many small deliberate bugs ("mutants") in a module and runs, for each, the
tests that reach the changed function; a mutant no test notices ("survived") is behaviour
the suite does not pin. The set-up (which files, which tests) is ``[tool.mutmut]`` in
pyproject.toml; mutmut copies the tree to ``mutants/`` (not in git) and keeps its results
there, so a second run only redoes what changed. Too slow for CI: see docs/testing.md for
when to run it and the scores of the last run.

    ./dev mutate                 every critical module, one after another
    ./dev mutate offsets merge   only these (names: ``./dev mutate --list``)
    ./dev mutate --report        the scores of what was run, without running anything
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_TX = "annotator.core.store.sqlite.backend.xǁSqliteStoreǁ"

#: Short name -> (the files mutmut mutates, the mutant names that count for the module).
#: The store's transactions are a few methods of the SQLite backend, not the whole file.
MODULES: dict[str, tuple[list[str], list[str]]] = {
    "offsets": (["annotator/core/text/offsets.py"], ["annotator.core.text.offsets.*"]),
    "tokens": (
        [
            "annotator/core/text/tokens.py",
            "annotator/core/text/clusters.py",
            "annotator/core/text/token_scan.py",
        ],
        [
            "annotator.core.text.tokens.*",
            "annotator.core.text.clusters.*",
            "annotator.core.text.token_scan.*",
        ],
    ),
    "normalize": (["annotator/core/text/normalize.py"], ["annotator.core.text.normalize.*"]),
    "agreement": (["annotator/core/team/agreement.py"], ["annotator.core.team.agreement.*"]),
    "merge": (["annotator/core/team/merge.py"], ["annotator.core.team.merge.*"]),
    "adjudication": (
        ["annotator/core/team/adjudication.py"],
        ["annotator.core.team.adjudication.*"],
    ),
    "export-checks": (
        ["annotator/core/formats/export_checks.py"],
        ["annotator.core.formats.export_checks.*"],
    ),
    "import": (
        ["annotator/core/formats/import_run.py", "annotator/core/formats/import_batch.py"],
        ["annotator.core.formats.import_run.*", "annotator.core.formats.import_batch.*"],
    ),
    "transactions": (
        ["annotator/core/store/sqlite/backend.py"],
        [f"{_TX}{name}__mutmut_*" for name in ("_transaction", "_begin", "_write")],
    ),
    "undo": (["annotator/core/undo.py"], ["annotator.core.undo.*"]),
}

#: mutmut's exit codes of a mutant's test run (mutmut/stats.py), by what they mean here.
KILLED = {1, 3, 37}
TIMEOUT = {36, -24, 24, 152, 255}


def mutmut() -> list[str]:
    exe = Path(sys.executable).with_name("mutmut")
    if not exe.exists():
        sys.exit("mutmut is not installed: pip install -e '.[mutate]'")
    return [str(exe)]


def results(names: list[str]) -> dict[str, int | None]:
    """Every mutant of the module that mutmut has a result for, with its exit code."""
    found: dict[str, int | None] = {}
    for meta in (ROOT / "mutants").rglob("*.py.meta"):
        codes = json.loads(meta.read_text("utf-8")).get("exit_code_by_key", {})
        for key, code in codes.items():
            if any(fnmatch.fnmatchcase(key, pattern) for pattern in names):
                found[key] = code
    return found


def report(module: str) -> tuple[int, int, list[str]]:
    """(killed, tried, the names of those not killed) for one module; timeouts count killed."""
    found = results(MODULES[module][1])
    tally: Counter[str] = Counter()
    left: list[str] = []
    for key, code in sorted(found.items()):
        if code in KILLED or code in TIMEOUT:
            tally["killed"] += 1
        elif code is None:
            tally["not run"] += 1
        else:
            left.append(f"{key} ({'survived' if code == 0 else f'exit {code}'})")
    tried = len(found) - tally["not run"]
    return tally["killed"], tried, left


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="short names; none: every module")
    parser.add_argument("--list", action="store_true", help="the module names and their files")
    parser.add_argument("--report", action="store_true", help="scores only, run nothing")
    parser.add_argument(
        "--max-children",
        type=int,
        metavar="N",
        help="at most N test processes at once (mutmut's default: one per core)",
    )
    args = parser.parse_args()
    if args.list:
        for name, (files, _) in MODULES.items():
            print(f"{name:14} {' '.join(files)}")
        return 0
    unknown = [m for m in args.modules if m not in MODULES]
    if unknown:
        print(f"unknown module(s) {', '.join(unknown)}; use one of {', '.join(MODULES)}")
        return 2
    chosen = args.modules or list(MODULES)
    env = dict(os.environ)
    env.setdefault("ANNOTATOR_TEST_PG", "skip")  # the SQLite backend is the one mutated
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    if not args.report:
        for module in chosen:
            print(f"== {module}", flush=True)
            limit = [] if args.max_children is None else ["--max-children", str(args.max_children)]
            subprocess.run([*mutmut(), "run", *limit, *MODULES[module][1]], cwd=ROOT, env=env)
    for module in chosen:
        killed, tried, left = report(module)
        score = f"{100 * killed / tried:.1f}%" if tried else "not run"
        print(f"{module:14} {killed}/{tried} killed ({score})")
        for name in left:
            print(f"    {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
