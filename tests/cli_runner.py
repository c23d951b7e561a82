"""Running the command line in-process, as the CLI tests do: a command that works, and one
that must fail with exactly one ``Error: ...`` line and no traceback."""

from __future__ import annotations

from click.testing import CliRunner, Result

from annotator.cli.main import cli


def run(*args: object, env: dict[str, str] | None = None, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, input=input)


def ok(*args: object, env: dict[str, str] | None = None, input: str | None = None) -> Result:
    result = run(*args, env=env, input=input)
    assert result.exit_code == 0, result.output
    return result


def fails(*args: object) -> str:
    """The one line a failing command printed (checked: exit 1, nothing on stdout)."""
    result = run(*args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]
