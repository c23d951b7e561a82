"""``annotator export``: formats, choices, summary line, and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from export_data import add_seed_spans, find

from annotator.cli.main import cli
from annotator.core.store import Store, open_store


def _run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(seed_project: Store) -> Path:
    add_seed_spans(seed_project)
    return seed_project.path


def test_export_jsonl_prints_a_summary(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "train.jsonl"
    code, stdout, _ = _run("export", db, out)
    assert code == 0
    assert stdout == f"Exported 1 record(s) with 6 span(s) to {out}.\n"
    rec = json.loads(out.read_text(encoding="utf-8"))
    assert rec["annotator"] == "salma" and len(rec["spans"]) == 6


def test_export_options_reach_the_export(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    code, stdout, _ = _run(
        "export", db, out, "--annotator", "salma", "--status", "all", "--labels", "PERS, GPE",
        "--no-text",
    )
    assert code == 0, stdout
    rec = json.loads(out.read_text(encoding="utf-8"))
    assert "text" not in rec
    assert [s["label"] for s in rec["spans"]] == ["GPE", "PERS"]  # فيينا comes first


def test_export_hf_reports_nested_and_labels_file(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "train.hf.jsonl"
    code, stdout, _ = _run("export", db, out, "--format", "hf")
    assert code == 0
    assert stdout == (
        f"Exported 1 record(s) with 5 span(s) to {out}; 1 nested span(s) dropped (flat tags);"
        f" labels in {tmp_path / 'labels.json'}.\n"
    )


def test_export_conll_misaligned(db: Path, tmp_path: Path) -> None:
    with open_store(db) as store:
        art = store.article_by_ext_id("seed")
        s, e = find(art.text, "نائلة جبر")
        store.add_span(art.id, "salma", "PERS", s, e - 1)
    out = tmp_path / "o.conll"
    code, stdout, stderr = _run("export", db, out, "--format", "conll")
    assert code == 1 and stdout == ""
    assert stderr == (
        "Error: 1 span(s) do not fall on token boundaries; fix them, or export with misaligned"
        " expand (grow to whole tokens) or drop (leave them out):\n"
        f'  article seed: span {s}-{e - 1} "نائلة جب" PERS\n'
    )
    assert not out.exists()
    code, stdout, stderr = _run("export", db, out, "--format", "conll", "--misaligned", "drop")
    assert code == 0
    assert stderr == f'skipped: article seed: span {s}-{e - 1} "نائلة جب" PERS\n'
    assert "1 misaligned span(s) left out" in stdout
    code, stdout, _ = _run("export", db, out, "--format", "conll", "--misaligned", "expand")
    assert code == 0 and "1 misaligned span(s) grown to whole tokens" in stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["--annotator", "nobody"], "Error: no annotator named 'nobody' in "),
        (["--labels", "PERS,قانون"], "Error: no label named 'قانون' in "),
        (["--gold"], "Error: nothing to export from "),
        (["--format", "conll", "--no-text"], "Error: leaving out the text is for jsonl only"),
    ],
)
def test_export_errors_are_one_line(
    db: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "o.jsonl"
    code, stdout, stderr = _run("export", db, out, *args)
    assert code == 1 and stdout == ""
    assert stderr.startswith(message) and stderr.count("\n") == 1
    assert not out.exists()


def test_export_output_problems(db: Path, tmp_path: Path) -> None:
    code, _, stderr = _run("export", db, tmp_path / "nope" / "o.jsonl")
    assert code == 1 and "does not exist" in stderr
    code, _, stderr = _run("export", db, tmp_path)
    assert code == 1 and stderr == f"Error: {tmp_path} is a folder; give a file name to export to\n"


def test_export_usage_errors(db: Path, tmp_path: Path) -> None:
    code, _, stderr = _run("export", db, tmp_path / "o.jsonl", "--gold", "--annotator", "salma")
    assert code == 2 and "use --annotator or --gold, not both" in stderr
    code, _, stderr = _run("export", db, tmp_path / "o.jsonl", "--format", "xml")
    assert code == 2 and "xml" in stderr
    assert not (tmp_path / "o.jsonl").exists()


def test_export_of_a_missing_project(tmp_path: Path) -> None:
    code, _, stderr = _run("export", tmp_path / "none.db", tmp_path / "o.jsonl")
    assert code == 1 and stderr.startswith("Error: ") and stderr.count("\n") == 1
    assert not (tmp_path / "o.jsonl").exists() and not (tmp_path / "none.db").exists()


def test_export_help_has_an_example() -> None:
    code, stdout, _ = _run("export", "--help")
    assert code == 0 and "Example:\n      annotator export news.db train.jsonl\n" in stdout
