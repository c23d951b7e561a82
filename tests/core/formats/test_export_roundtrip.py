"""Export, import into a fresh project, export again: the same bytes.

Run on the seed article (emoji before the first entity, typographic quotes, a nested span)
and on the Wojood sample (nested CoNLL, several layers), for every format that carries text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from export_data import add_seed_spans

from annotator.core.formats.export_run import run_export
from annotator.core.formats.import_run import run_import
from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn
from annotator.core.store import Store, create_store

ANNOTATOR = "salma"
WOJOOD_TEST = Path(__file__).parents[2] / "data" / "wojood" / "test.txt"


def _fresh(path: Path) -> Store:
    return create_store(path, default_labels())


@pytest.fixture(params=["seed", "wojood"])
def source(request: pytest.FixtureRequest, seed_project: Store) -> Store:
    """A project holding one of the two real samples, tagged by ``salma``."""
    if request.param == "seed":
        add_seed_spans(seed_project, ANNOTATOR, done=False)  # "todo" on both sides
        return seed_project
    wojood = _fresh(seed_project.path.with_name("wojood.db"))
    run_import(wojood, [WOJOOD_TEST], "conll", annotator=ANNOTATOR)
    request.addfinalizer(wojood.close)
    return wojood


def _again(first: Path, tmp_path: Path, fmt: str, import_fmt: str, **kw: object) -> Path:
    """Import ``first`` into a fresh project and export it the same way."""
    with _fresh(tmp_path / f"again-{fmt}.db") as again:
        run_import(again, [first], import_fmt, annotator=ANNOTATOR, **kw)  # type: ignore[arg-type]
        second = tmp_path / f"second.{fmt}"
        run_export(again, second, fmt, status="all")
    return second


def test_doccano_round_trip(source: Store, tmp_path: Path) -> None:
    first = tmp_path / "first.doccano"
    report = run_export(source, first, "doccano", status="all")
    assert report.spans > 0
    second = _again(first, tmp_path, "doccano", "doccano")
    assert second.read_bytes() == first.read_bytes()


def test_jsonl_round_trip(source: Store, tmp_path: Path) -> None:
    first = tmp_path / "first.jsonl"
    run_export(source, first, "jsonl", status="all")
    second = _again(first, tmp_path, "jsonl", "jsonl")
    assert second.read_bytes() == first.read_bytes()


def test_conll_round_trip(source: Store, tmp_path: Path) -> None:
    """Ids (``# id = ...``), tokens, sentences and every nesting layer come back the same."""
    first = tmp_path / "first.conll"
    report = run_export(source, first, "conll", status="all")
    assert report.spans > 0 and report.skipped_spans == []
    second = _again(first, tmp_path, "conll", "conll")
    assert second.read_bytes() == first.read_bytes()


def test_hf_output_is_the_same_after_a_conll_round_trip(source: Store, tmp_path: Path) -> None:
    """hf carries no text to import; its tokens and tags come from the same conll data."""
    conll = tmp_path / "first.conll"
    run_export(source, conll, "conll", status="all")
    first = tmp_path / "first.hf.jsonl"
    run_export(source, first, "hf", status="all")
    with _fresh(tmp_path / "again-hf.db") as again:
        run_import(again, [conll], "conll", annotator=ANNOTATOR)
        second = tmp_path / "second" / "hf.jsonl"
        second.parent.mkdir()
        run_export(again, second, "hf", status="all")
    assert second.read_bytes() == first.read_bytes()


def test_conll_round_trip_of_hash_tokens_and_odd_labels(project: Store, tmp_path: Path) -> None:
    """A ``#`` token must not read back as a header line, whatever its label is called."""
    text = "#مصر تفوز\n# كأس_الأمم 2024"
    with project.transaction():
        aid = project.insert_article(ArticleIn(ext_id="hash tags", text=text))
    project.add_label("بلد = دولة")
    project.add_span(aid, ANNOTATOR, "بلد = دولة", 0, 1)  # the "#" itself
    project.add_span(aid, ANNOTATOR, "EVENT", 12, 21)
    first = tmp_path / "first.conll"
    run_export(project, first, "conll", status="all")
    assert first.read_text(encoding="utf-8").startswith(
        "# id = hash tags\n# annotator = salma\n# B-بلد_دولة\nمصر O\n"
    )
    second = _again(first, tmp_path, "conll", "conll")
    assert second.read_bytes() == first.read_bytes()
