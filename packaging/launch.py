"""The bundle's entry point: the ``annotator`` command, the CLI and the desktop app in one.

``annotator`` with no arguments opens the desktop app, as the installed command does
(``annotator.cli.main``'s default command is ``gui``); everything else is the CLI.
"""

from annotator.cli.main import main

if __name__ == "__main__":
    main()
