"""The README and docs/*.md show commands that exist and links that lead somewhere, and
the README's tour runs for real on the sample data in a temporary folder (the checks are
in ``doc_checks.py``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from doc_checks import (
    DOC_FILES,
    OPENS_A_WINDOW,
    ROOT,
    TOUR_HEADING,
    Line,
    annotator_args,
    check_file,
    check_line,
    invocations,
    link_problems,
    path_problems,
    segments,
    shell_lines,
    shown_path,
    words,
)

from annotator.cli.main import cli

# -- the tests ---------------------------------------------------------------------------------


def _id(path: Path) -> str:
    return shown_path(path)


@pytest.mark.parametrize("path", DOC_FILES, ids=_id)
def test_shell_examples_name_real_commands_and_options(path: Path) -> None:
    problems, _found = check_file(path)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", DOC_FILES, ids=_id)
def test_relative_links_point_to_files_that_exist(path: Path) -> None:
    problems, _found = link_problems(path)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", DOC_FILES, ids=_id)
def test_paths_named_in_the_docs_exist(path: Path) -> None:
    problems, _found = path_problems(path)
    assert not problems, "\n".join(problems)


def test_the_docs_are_read_at_all() -> None:
    """A parser that finds nothing passes everything: the docs hold many examples."""
    commands = sum(check_file(path)[1] for path in DOC_FILES)
    links = sum(link_problems(path)[1] for path in DOC_FILES)
    paths = sum(path_problems(path)[1] for path in DOC_FILES)
    assert commands >= 40, commands
    assert links >= 20, links
    assert paths >= 10, paths
    for name in ("app", "cli", "formats", "team", "search", "reliability", "benchmarks"):
        assert ROOT / "docs" / f"{name}.md" in DOC_FILES, name


BROKEN_EXAMPLES = {
    "```sh\nannotator imprt news.db a.jsonl\n```\n": "unknown command `annotator imprt`",
    "```sh\nannotator labels ad news.db LAW\n```\n": "unknown command `annotator labels ad`",
    "```sh\nannotator export news.db out.jsonl --fromat conll\n```\n": "has no option --fromat",
    "```\n$ .venv/bin/annotator search news.db x --lmit 3  # a comment\n```\n": "no option --lmit",
    "```sh\nannotator import DB FILE... [--formt auto|jsonl]\n```\n": "has no option --formt",
    "```sh\nannotator init a.db && annotator merge t.db --renam a=b | head\n```\n": "--renam",
    "```sh\nannotator export news.db\n```\n": "needs 2 argument(s), the line has 1",
    "```sh\nannotator gui a.db b.db\n```\n": "takes 1 argument(s), the line has 2",
}


@pytest.mark.parametrize("text", list(BROKEN_EXAMPLES), ids=range(len(BROKEN_EXAMPLES)))
def test_a_broken_example_is_reported_with_file_and_line(tmp_path: Path, text: str) -> None:
    """The checker itself: each kind of mistake is caught and named with its file and line."""
    page = tmp_path / "page.md"
    page.write_text("# Example\n\n" + text, encoding="utf-8")
    problems, _found = check_file(page)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{page}:4: "), problems
    assert BROKEN_EXAMPLES[text] in problems[0], problems


def test_a_broken_link_is_reported_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "there.md").write_text("# There\n\n## A part\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\n[ok](there.md#a-part), [gone](missing.md), `[code](missing.md)`\n"
        "[no part](there.md#b-part) [web](https://example.org/x.md) [self](#page)\n",
        encoding="utf-8",
    )
    problems, found = link_problems(page)
    assert found == 4
    assert problems == [
        f"{page}:3: link to missing.md: no such file",
        f"{page}:4: link to there.md#b-part: no heading #b-part",
    ]


def test_a_stale_path_is_reported(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\nIn `annotator/core/offsets.py`, `annotator/core/text/offsets.py`,\n"
        "`annotator/core/formats/NAME.py` and `sample_data/sample.db`.\n",
        encoding="utf-8",
    )
    problems, found = path_problems(page)
    assert found == 2
    assert problems == [f"{page}:3: `annotator/core/offsets.py` does not exist"]


def test_good_examples_pass() -> None:
    good = [
        "annotator news.db --annotator salma      # same as: annotator gui news.db",
        "annotator labels add news.db LAW --display-name قانون --key 9",
        "annotator proclitics news.db --trim --no-article",
        "python -m annotator stats news.db --json | head -3 > out.txt",
        "QT_QPA_PLATFORM=offscreen .venv/bin/annotator review-app team.db --reviewer=lead",
        "annotator export DB OUT [--format jsonl|doccano] [--annotator NAME | --gold]",
        "annotator --version",
    ]
    for text in good:
        problems, found = check_line(Line(ROOT / "README.md", 1, text, ""))
        assert found == 1 and not problems, (text, problems)


def tour_commands() -> list[Line]:
    """The shell lines of the README's tour, in order."""
    return [line for line in shell_lines(ROOT / "README.md") if line.section == TOUR_HEADING]


def test_the_readme_tour_runs_on_the_sample_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every tour command, run as written in a fresh folder holding a copy of sample_data/.

    Commands that open a window are skipped (a person drives them); anything that is not an
    ``annotator`` command fails the test, so the tour stays something this test can run.
    """
    lines = tour_commands()
    assert lines, f"README.md has no shell block under {TOUR_HEADING!r}"
    shutil.copytree(ROOT / "sample_data", tmp_path / "sample_data")  # labels.json: a copy
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    ran: list[str] = []
    for line in lines:
        found = [i for i in invocations(line) if not isinstance(i, str)]
        assert len(found) == 1, f"{line.where}: not one annotator command: {line.text}"
        invocation = found[0]
        if set(invocation.names) & OPENS_A_WINDOW:
            continue
        runs = [annotator_args(segment) for segment in segments(words(line.text))]
        args = next(run for run in runs if run is not None)
        result = runner.invoke(cli, args, prog_name="annotator")
        assert result.exit_code == 0, f"{line.where}: {line.text}\n{result.output}"
        ran.append(" ".join(invocation.names))
    assert {"init", "import", "export", "merge", "agreement", "review"} <= set(ran), ran
