from __future__ import annotations

import json
from pathlib import Path

import pytest
import team_data
from click.testing import CliRunner
from team_data import at

from annotator.cli.main import cli
from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn
from annotator.core.store import create_store, open_store
from annotator.core.team.adjudication import auto_accept
from annotator.core.team.agreement import compute_agreement

TEXTS = {
    "a1": "التقى أحمد حسن بوزير الخارجية في القاهرة أمس.",
    "a2": "شاركت وزارة التضامن الاجتماعي في المنتدى العالمي بفيينا",
}


def annotator_file(path: Path, name: str, tags: list[tuple[str, str, str]], **texts: str) -> Path:
    return team_data.annotator_file(path, name, tags, {**TEXTS, **texts})


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    return [
        annotator_file(
            tmp_path / "salma.db",
            "salma",
            [("a1", "PERS", "أحمد حسن"), ("a1", "GPE", "القاهرة"), ("a2", "GPE", "فيينا")],
        ),
        annotator_file(
            tmp_path / "omar.db",
            "omar",
            [("a1", "PERS", "أحمد حسن"), ("a1", "LOC", "القاهرة"), ("a2", "GPE", "فيينا")],
        ),
        annotator_file(
            tmp_path / "huda.db",
            "huda",
            [("a1", "PERS", "أحمد"), ("a2", "ORG", "وزارة التضامن الاجتماعي")],
        ),
    ]


def run(*args: str | Path) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def team(tmp_path: Path, files: list[Path]) -> Path:
    target = tmp_path / "team.db"
    assert run("init", target).exit_code == 0
    result = run("merge", target, *files)
    assert result.exit_code == 0, result.output
    return target


def dump(path: Path) -> str:
    with open_store(path, readonly=True) as store:
        return "\n".join(store.conn.iterdump())


def test_merge_three_files_then_again(team: Path, files: list[Path]) -> None:
    with open_store(team, readonly=True) as store:
        assert store.annotators() == ["salma", "omar", "huda"]
        assert store.article_count() == 2
    result = run("merge", team, *files)
    assert result.exit_code == 0
    assert result.stdout == f"Nothing new to merge into {team}.\n"


def test_merge_json_summary(tmp_path: Path, files: list[Path]) -> None:
    target = tmp_path / "t.db"
    run("init", target)
    result = run("merge", target, *files, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["changed"] is True and summary["articles_added"] == 2
    assert summary["annotators_added"] == ["salma", "omar", "huda"]
    assert summary["sources"] == [str(f) for f in files] and summary["seconds"] >= 0


def test_merge_reports_summary_and_conflicts(tmp_path: Path, files: list[Path]) -> None:
    target = tmp_path / "t.db"
    run("init", target)
    other = annotator_file(
        tmp_path / "dana.db", "dana", [("a2", "GPE", "فيينا")], a1="نص آخر تماما"
    )
    result = run("merge", target, files[0], other)
    assert result.exit_code == 0
    assert "Merged 2 file(s) into" in result.stdout
    assert "New annotators: salma, dana" in result.stdout
    assert (
        f"Warning: {other}: article 'a1' has the same id as in the target but different"
        " text; its work was not merged" in result.stderr
    )


def test_merge_errors_are_one_line_and_write_nothing(
    tmp_path: Path, team: Path, files: list[Path]
) -> None:
    before = dump(team)
    bad = run("merge", team, files[0], "--rename", "salma")
    assert bad.exit_code == 1 and bad.stderr == "Error: --rename salma: expected OLD=NEW\n"
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"")
    result = run("merge", team, files[0], junk)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {junk}: an empty file, not an annotator project\n"
    clash = annotator_file(tmp_path / "salma2.db", "salma", [("a1", "ORG", "الخارجية")])
    result = run("merge", team, clash)
    assert result.exit_code == 1
    assert "annotator 'salma' has different work in the target" in result.stderr
    assert "Traceback" not in result.output
    assert dump(team) == before
    ok = run("merge", team, clash, "--rename", "salma=salma2")
    assert ok.exit_code == 0 and "New annotators: salma2" in ok.stdout


def test_agreement_table_and_json_carry_the_same_figures(team: Path) -> None:
    table = run("agreement", team)
    assert table.exit_code == 0, table.output
    out = table.stdout
    assert "Agreement of salma, omar, huda" in out
    assert "salma ~ omar" in out and "omar ~ huda" in out
    assert "Krippendorff's alpha (nominal, tokens):" in out
    assert "Label confusion" in out
    as_json = run("agreement", team, "--json")
    data = json.loads(as_json.stdout)
    with open_store(team, readonly=True) as store:
        expected = compute_agreement(store).to_dict()
    assert data == json.loads(json.dumps(expected))
    salma_omar = data["pairs"][0]
    assert (salma_omar["a"], salma_omar["b"]) == ("salma", "omar")
    assert salma_omar["micro"]["f1"] == pytest.approx(2 / 3)
    line = next(ln for ln in out.splitlines() if ln.startswith("salma ~ omar"))
    assert "0.667" in line
    assert f"{data['alpha']['value']:.3f}" in out
    assert data["confusion"]["GPE"]["LOC"] == 1


def test_agreement_options(team: Path) -> None:
    data = json.loads(
        run("agreement", team, "--annotators", "salma,omar", "--labels", "GPE", "--json").stdout
    )
    assert data["annotators"] == ["salma", "omar"] and data["labels"] == ["GPE"]
    assert data["pairs"][0]["micro"]["f1"] == pytest.approx(2 / 3)
    all_articles = json.loads(run("agreement", team, "--all-articles", "--json").stdout)
    assert all_articles["all_articles"] is True
    bad = run("agreement", team, "--annotators", "salma,zaid")
    assert bad.exit_code == 1
    assert bad.stderr == f"Error: {team}: no annotator named zaid\n"


def test_review_prints_annotators_side_by_side(team: Path) -> None:
    result = run("review", team, "a1")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "a1"
    assert lines[1].startswith("review: pending; agreement ")
    assert lines[2].split() == ["start-end", "text", "salma", "omar", "huda", "gold"]
    rows = {ln[2:].split()[0]: ln for ln in lines[3:]}
    city = rows["{}-{}".format(*at(TEXTS["a1"], "القاهرة"))]
    assert city.startswith("*") and city.split()[-4:] == ["GPE", "LOC", "·", "·"]
    person = rows["{}-{}".format(*at(TEXTS["a1"], "أحمد حسن"))]
    assert person.startswith("*") and "أحمد حسن" in person


def test_review_shows_gold_after_adjudication(team: Path) -> None:
    with open_store(team) as store:
        aid = store.article_by_ext_id("a2").id
        auto_accept(store, aid, "lead", k=2)
    result = run("review", team, "a2", "--annotators", "salma,omar")
    assert result.exit_code == 0
    assert "review: in_review by lead; agreement 1.00; disagreements 0 (0 open)" in result.stdout
    row = result.stdout.splitlines()[-1]
    assert row.split()[-3:] == ["GPE", "GPE", "GPE"] and not row.startswith("*")
    missing = run("review", team, "nope")
    assert missing.exit_code == 1 and missing.stderr == "Error: no article with id 'nope'\n"


def test_help_has_examples() -> None:
    for cmd in ("merge", "agreement", "review", "review-app"):
        result = run(cmd, "--help")
        assert result.exit_code == 0 and "Example:" in result.stdout


def test_review_visual_reorders_arabic_for_plain_terminals(team: Path) -> None:
    plain = run("review", team, "a1").stdout
    shown = run("review", team, "a1", "--visual").stdout
    assert "أحمد حسن" in plain
    assert "أحمد حسن" not in shown and shown.splitlines()[2] == plain.splitlines()[2]


def test_agreement_without_shared_done_articles_says_n_a(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    with create_store(path, default_labels()) as store:
        with store.transaction():
            aid = store.insert_article(ArticleIn(ext_id="a1", text=TEXTS["a1"]))
        store.add_span(aid, "salma", "PERS", *at(TEXTS["a1"], "أحمد"))
        store.add_span(aid, "omar", "PERS", *at(TEXTS["a1"], "أحمد"))
    result = run("agreement", path)
    assert result.exit_code == 0
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("salma ~ omar"))
    assert line.split()[3:] == ["0", "n/a", "n/a", "n/a", "n/a", "n/a"]
    assert "alpha (nominal, tokens): n/a over 0 token(s) in 0 article(s)" in result.stdout
    full = run("agreement", path, "--all-articles")
    line = next(ln for ln in full.stdout.splitlines() if ln.startswith("salma ~ omar"))
    assert line.split()[3:] == ["1", "1.000", "1.000", "1.000", "1.000", "1.000"]
