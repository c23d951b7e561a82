"""The bundle's entry point: the ``annotator`` command, the CLI and the desktop app in one.

``annotator`` with no arguments opens the desktop app, as the installed command does
(``annotator.cli.main``'s default command is ``gui``); everything else is the CLI.

The model in the loop trains and tags in spawned processes (annotator/core/tagger/). A
frozen program has no Python to spawn: the child is this program again, started with
multiprocessing's arguments, and ``freeze_support`` (PyInstaller's runtime hook makes it
work on every platform) runs the child's work and exits before the CLI would read them.
"""

import multiprocessing

from annotator.cli.main import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    main()
