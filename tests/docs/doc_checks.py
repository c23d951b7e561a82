"""Reading the README and docs/*.md: shell examples, links and paths, checked against
the click group and the checkout. ``test_doc_examples.py`` runs the checks.

Docs drift silently: an option is renamed, a page moves, and the first reader to copy an
example gets "No such option". So every ``annotator ...`` line in a fenced shell block is
checked against the click group itself (its commands, subcommands and each command's
params, not a list kept here by hand), every relative link must name a file that exists
(and a heading that exists, for ``page.md#anchor``).
"""

from __future__ import annotations

import math
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import click
import regex

from annotator.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
DOC_FILES: list[Path] = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

# Fenced blocks read as shell: these info strings, and none at all (many blocks of the docs
# are untagged). In those only lines that run ``annotator`` are checked, so output shown in an
# untagged block passes unless a line of it starts with "annotator": tag such a block ``text``.
SHELL_INFOS = frozenset({"", "sh", "bash", "shell", "console", "zsh"})
# Shell operators that end one command: what follows is another command (checked on its own
# if it is ``annotator``) or a redirection target, never arguments of this one.
SEPARATORS = frozenset({"&&", "||", ";", "&", "|", "|&"})
REDIRECTIONS = frozenset({">", ">>", "<", "<<", ">&", "&>", "<>"})
# The tour's heading in README.md, and the commands it may show but a test cannot run:
# they open a window and wait for a person.
TOUR_HEADING = "## A five-minute tour"
OPENS_A_WINDOW = frozenset({"gui", "review-app"})

FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
INLINE_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(?P<target>[^\s>]+)>?")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
ENV_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
# A path of the repository named in inline code (`annotator/core/text/offsets.py`).
PATH_MENTION = re.compile(
    r"`(?P<path>(?:annotator|tests|benchmarks|docs|sample_data|resources)/[^`\s]*?)[.:,]?`"
)
# A placeholder in such a path (`formats/NAME.py`) stands for any name: nothing to check.
PLACEHOLDER = re.compile(r"[A-Z]{3,}")
# Paths the docs name that a run makes, not the repository: `./dev app` builds the sample
# project, the benchmark suite fills its cache.
GENERATED = frozenset({"sample_data/sample.db", "benchmarks/.cache/"})
# A synopsis shows optional parts in brackets (``[--format auto|jsonl]``): it is read for
# its command and option names only, since its words are placeholders, not arguments.
SYNOPSIS = re.compile(r"\[-")
MENTIONS_ANNOTATOR = re.compile(r"(?:^|[\s/;&|$])annotator(?:\s|$)")
LONG_OPTION = re.compile(r"(?<![\w-])--[A-Za-z0-9][\w-]*")
# What the default command (``annotator news.db`` = ``annotator gui news.db``) may take as
# its first word: a file name or a placeholder. Anything else is a misspelt command, which
# the default group would otherwise swallow as a project path.
PROJECT_LIKE = re.compile(r"^(?:.*[./].*|[A-Z][A-Z_]*(?:\.\.\.)?)$")


@dataclass(frozen=True)
class Line:
    """One logical line of a fenced block: continuations joined, numbered where it starts."""

    path: Path
    number: int
    text: str
    section: str

    @property
    def where(self) -> str:
        return f"{shown_path(self.path)}:{self.number}"


def shown_path(path: Path) -> str:
    """A doc's name in a message: relative to the repository, as a reader would look for it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


@dataclass(frozen=True)
class Invocation:
    """An ``annotator`` command found on a line, resolved against the click group."""

    line: Line
    names: tuple[str, ...]  # the command path, e.g. ("labels", "add"); () for the group
    command: click.Command
    args: tuple[str, ...]  # what follows the command path


# -- reading markdown -----------------------------------------------------------------------


def fenced_blocks(path: Path) -> Iterator[tuple[str, list[tuple[int, str]], str]]:
    """Each fenced block as (info string, [(line number, line)], the section it is in)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    section = ""
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if opening is None:
            heading = HEADING.match(lines[i])
            if heading is not None and len(heading[1]) <= 2:
                section = lines[i].strip()
            i += 1
            continue
        fence = opening["fence"]
        body: list[tuple[int, str]] = []
        i += 1
        while i < len(lines) and not lines[i].strip().startswith(fence):
            body.append((i + 1, lines[i]))
            i += 1
        i += 1  # the closing fence
        yield opening["info"].strip().split(" ")[0].lower(), body, section


def prose_lines(path: Path, *, keep_code: bool = False) -> Iterator[tuple[int, str]]:
    """Lines outside fenced blocks; inline code removed unless ``keep_code``.

    Code is shown, not followed, so ``[words|LABEL](...)`` inside backticks is no link; a
    heading's anchor, though, is made from its text with the code in it.
    """
    inside: str | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        fence = FENCE.match(line)
        if inside is None and fence is not None:
            inside = fence["fence"]
            continue
        if inside is not None:
            if line.strip().startswith(inside):
                inside = None
            continue
        yield number, line if keep_code else CODE_SPAN.sub("", line)


def shell_lines(path: Path) -> Iterator[Line]:
    """Logical lines of the shell blocks of one file.

    A trailing backslash continues a line, as in the shell; so does an indented line that
    starts with ``[``, which is how a synopsis wraps its optional parts.
    """
    for info, body, section in fenced_blocks(path):
        if info not in SHELL_INFOS:
            continue
        current: Line | None = None
        for number, raw in body:
            text = raw.rstrip()
            if current is not None and (
                current.text.endswith("\\") or (raw[:1].isspace() and text.lstrip()[:1] == "[")
            ):
                joined = current.text.removesuffix("\\").rstrip() + " " + text.strip()
                current = Line(path, current.number, joined, section)
                continue
            if current is not None:
                yield current
            current = Line(path, number, text.strip(), section)
        if current is not None:
            yield current


# -- reading a command line -------------------------------------------------------------------


def words(text: str) -> list[str]:
    """Shell words of a line, comments dropped, operators (``|``, ``>``, ``&&``) as words."""
    lexer = shlex.shlex(text.removeprefix("$ "), posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    return list(lexer)


def segments(tokens: list[str]) -> Iterator[list[str]]:
    """The simple commands of a line: split at ``&&``, ``|``, ``;``; redirections removed."""
    current: list[str] = []
    skip_next = False
    for token in tokens:
        if skip_next:
            skip_next = False
        elif token in SEPARATORS:
            yield current
            current = []
        elif token in REDIRECTIONS:
            skip_next = True  # the file it redirects to
            if current and current[-1].isdigit():
                current.pop()  # the descriptor of ``2>``
        else:
            current.append(token)
    yield current


def annotator_args(tokens: list[str]) -> list[str] | None:
    """The arguments after ``annotator`` (or ``.venv/bin/annotator``, ``python -m annotator``)."""
    while tokens and ENV_ASSIGNMENT.match(tokens[0]):
        tokens = tokens[1:]
    if not tokens:
        return None
    program = tokens[0].rsplit("/", 1)[-1]
    if program == "annotator":
        return tokens[1:]
    if re.fullmatch(r"python(?:3(?:\.\d+)?)?", program) and tokens[1:3] == ["-m", "annotator"]:
        return tokens[3:]
    return None


def option_names(command: click.Command) -> dict[str, click.Option]:
    """Every option spelling the command accepts (``--trim``, ``--keep``, ``--help``)."""
    ctx = click.Context(command)
    names: dict[str, click.Option] = {}
    for param in command.get_params(ctx):
        if isinstance(param, click.Option):
            for name in (*param.opts, *param.secondary_opts):
                names[name] = param
    return names


def is_option(token: str) -> bool:
    return token.startswith("-") and token != "-" and not re.fullmatch(r"-\d+(\.\d+)?", token)


def resolve(line: Line, args: list[str]) -> Invocation | str:
    """Walk the click group down the command path; a problem comes back as a message."""
    command: click.Command = cli
    names: list[str] = []
    rest = list(args)
    while isinstance(command, click.Group):
        known = option_names(command)
        while rest and is_option(rest[0]):
            name = rest[0].split("=", 1)[0]
            if name not in known:
                shown = " ".join(["annotator", *names])
                return f"{line.where}: `{shown}` has no option {name}"
            rest.pop(0)
        default = getattr(command, "default_cmd_name", None)
        if not rest:
            if default is not None and getattr(command, "default_if_no_args", False):
                names.append(default)
                command = command.commands[default]
                continue
            return Invocation(line, tuple(names), command, ())
        word = rest[0]
        if word in command.commands:
            names.append(word)
            command = command.commands[word]
            rest.pop(0)
        elif default is not None and PROJECT_LIKE.match(word):
            names.append(default)
            command = command.commands[default]
        else:
            shown = " ".join(["annotator", *names, word])
            choices = ", ".join(sorted(command.commands))
            return f"{line.where}: unknown command `{shown}` (commands: {choices})"
    return Invocation(line, tuple(names), command, tuple(rest))


def check_arguments(invocation: Invocation, synopsis: bool) -> list[str]:
    """Unknown options, and (for a line that is not a synopsis) the count of positionals."""
    problems: list[str] = []
    known = option_names(invocation.command)
    shown = " ".join(["annotator", *invocation.names])
    where = invocation.line.where
    if synopsis:
        for name in LONG_OPTION.findall(" ".join(invocation.args)):
            if name not in known:
                problems.append(f"{where}: `{shown}` has no option {name}")
        return problems
    positionals = 0
    args = list(invocation.args)
    while args:
        token = args.pop(0)
        if token == "--":
            positionals += len(args)
            break
        if not is_option(token):
            positionals += 1
            continue
        name, _, inline_value = token.partition("=")
        param = known.get(name)
        if param is None:
            problems.append(f"{where}: `{shown}` has no option {name}")
            continue
        takes_value = not (param.is_flag or param.count) and not inline_value
        if takes_value:
            del args[: max(param.nargs, 1)]
    if problems:
        return problems  # an unknown option's value, if any, cannot be told from a positional
    arguments = [p for p in invocation.command.params if isinstance(p, click.Argument)]
    least = sum(max(p.nargs, 1) for p in arguments if p.required)
    most = math.inf if any(p.nargs == -1 for p in arguments) else sum(p.nargs for p in arguments)
    if positionals < least:
        problems.append(f"{where}: `{shown}` needs {least} argument(s), the line has {positionals}")
    elif positionals > most:
        problems.append(f"{where}: `{shown}` takes {most} argument(s), the line has {positionals}")
    return problems


def invocations(line: Line) -> Iterator[Invocation | str]:
    """The ``annotator`` commands on one line, resolved, or a message saying what is wrong."""
    if SYNOPSIS.search(line.text):
        args = annotator_args(line.text.split())
        if args is not None:
            # The command path is the leading lower-case words; placeholders follow.
            path: list[str] = []
            for token in args:
                if not re.fullmatch(r"[a-z][a-z-]*", token):
                    break
                path.append(token)
            found = resolve(line, path)
            if isinstance(found, Invocation):
                found = Invocation(line, found.names, found.command, tuple(args[len(path) :]))
            yield found
        return
    if not MENTIONS_ANNOTATOR.search(line.text):
        return  # another program, or output shown in an untagged block (quotes unbalanced)
    try:
        tokens = words(line.text)
    except ValueError as exc:  # an unclosed quote
        yield f"{line.where}: cannot read the line as shell words ({exc})"
        return
    for segment in segments(tokens):
        args = annotator_args(segment)
        if args is not None:
            yield resolve(line, args)


def check_line(line: Line) -> tuple[list[str], int]:
    """Problems on one line, and how many ``annotator`` commands it holds."""
    problems: list[str] = []
    found = 0
    synopsis = bool(SYNOPSIS.search(line.text))
    for result in invocations(line):
        found += 1
        if isinstance(result, str):
            problems.append(result)
            continue
        problems.extend(check_arguments(result, synopsis))
    return problems, found


def check_file(path: Path) -> tuple[list[str], int]:
    problems: list[str] = []
    found = 0
    for line in shell_lines(path):
        line_problems, line_found = check_line(line)
        problems.extend(line_problems)
        found += line_found
    return problems, found


# -- links -------------------------------------------------------------------------------------


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link keeps its text
    text = text.replace("`", "").replace("*", "")
    text = regex.sub(r"[^\p{L}\p{M}\p{N}\p{Pc} -]", "", text.lower())
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """Every heading anchor of a markdown file, repeated headings numbered as GitHub does."""
    seen: dict[str, int] = {}
    result: set[str] = set()
    for _number, line in prose_lines(path, keep_code=True):
        heading = HEADING.match(line)
        if heading is None:
            continue
        base = slug(heading["text"])
        count = seen.get(base, 0)
        seen[base] = count + 1
        result.add(base if count == 0 else f"{base}-{count}")
    return result


def link_problems(path: Path) -> tuple[list[str], int]:
    """Relative links of one file whose file (or heading) does not exist; and how many."""
    problems: list[str] = []
    found = 0
    where = shown_path(path)
    for number, line in prose_lines(path):
        targets = [m["target"] for m in INLINE_LINK.finditer(line)]
        reference = REFERENCE_LINK.match(line)
        if reference is not None:
            targets.append(reference["target"])
        for target in targets:
            if SCHEME.match(target):
                continue  # https:, mailto:: not a file of the repository
            found += 1
            file_part, _, fragment = unquote(target).partition("#")
            linked = (path.parent / file_part).resolve() if file_part else path
            if not linked.exists():
                problems.append(f"{where}:{number}: link to {target}: no such file")
            elif fragment and linked.suffix == ".md" and fragment not in anchors(linked):
                problems.append(f"{where}:{number}: link to {target}: no heading #{fragment}")
    return problems, found


def path_problems(path: Path) -> tuple[list[str], int]:
    """Repository paths named in inline code that do not exist; and how many were named.

    The code was regrouped once already; a page that still names the old place sends the
    reader to a file that is gone, link or no link.
    """
    problems: list[str] = []
    found = 0
    for number, line in prose_lines(path, keep_code=True):
        for match in PATH_MENTION.finditer(line):
            named = match["path"]
            if PLACEHOLDER.search(named) or named in GENERATED:
                continue
            found += 1
            if not (ROOT / named).exists():
                problems.append(f"{shown_path(path)}:{number}: `{named}` does not exist")
    return problems, found
