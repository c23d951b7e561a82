"""Export, import into a fresh project, export again: the same bytes.

Run on the seed article (emoji before the first entity, typographic quotes, a nested span)
and on the Wojood sample (nested CoNLL, several layers), for every format that carries text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from export_data import add_seed_spans

from annotator.core.export import run_export
from annotator.core.import_run import ImportFailed, run_import
from annotator.core.labels import default_labels
from annotator.core.store import Store

ANNOTATOR = "salma"
WOJOOD_TEST = Path(__file__).parents[1] / "data" / "wojood" / "test.txt"


def _fresh(path: Path) -> Store:
    return Store.create(path, default_labels())


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
    second = _again(first, tmp_path, "doccano", "jsonl")
    assert second.read_bytes() == first.read_bytes()


def test_jsonl_round_trip(source: Store, tmp_path: Path) -> None:
    first = tmp_path / "first.jsonl"
    run_export(source, first, "jsonl", status="all")
    second = _again(first, tmp_path, "jsonl", "jsonl")
    if second.read_bytes() == first.read_bytes():
        return
    # Everything but the meta keys the importer may copy from the record must match ...
    a = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    b = [json.loads(line) for line in second.read_text(encoding="utf-8").splitlines()]
    copied = {"annotator", "status"}
    for rec in b:
        assert set(rec["meta"]) <= copied, rec["meta"]
        rec["meta"] = {}
    assert b == a
    # ... and the bytes match once the JSONL reader leaves those two record keys out of meta.
    pytest.xfail('the JSONL importer copies the record\'s "annotator" and "status" into meta')


def _without_ids(path: Path) -> tuple[list[str], int]:
    lines = path.read_text(encoding="utf-8").split("\n")
    ids = [line for line in lines if line.startswith("# id = ")]
    return [line for line in lines if not line.startswith("# id = ")], len(ids)


def test_conll_round_trip_tokens_sentences_and_layers(source: Store, tmp_path: Path) -> None:
    """The tag lines survive the importer's CoNLL reader (fed without the header lines)."""
    first = tmp_path / "first.conll"
    run_export(source, first, "conll", status="all")
    lines = first.read_text(encoding="utf-8").split("\n")
    bare = tmp_path / "bare.conll"
    bare.write_text("\n".join(x for x in lines if not x.startswith("# ")), encoding="utf-8")
    # one sentence per text line: the seed has fewer than 20, Wojood's articles exactly 20
    second = _again(bare, tmp_path, "conll", "conll", sentences_per_article=20)
    assert _without_ids(second) == _without_ids(first)


def test_conll_round_trip_keeps_ids(source: Store, tmp_path: Path) -> None:
    first = tmp_path / "first.conll"
    run_export(source, first, "conll", status="all")
    try:
        second = _again(first, tmp_path, "conll", "conll")
    except ImportFailed as exc:
        if "'=' is not an IOB2 tag" in str(exc) or "'id' is not an IOB2 tag" in str(exc):
            pytest.xfail("the CoNLL reader does not read '# id = ...' header lines yet")
        raise
    assert second.read_bytes() == first.read_bytes()
