"""Fuzzing the import parsers: any bytes, any JSON, any CSV give success or an AnnotatorError.

Never another exception (a traceback for the user), and a refused import leaves the project
exactly as it was.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from annotator.core.errors import AnnotatorError, ValidationError
from annotator.core.formats import jsonl
from annotator.core.formats.import_run import ImportReport, run_import
from annotator.core.labels import default_labels
from annotator.core.model import ArticleIn, content_hash
from annotator.core.store import create_store, open_store

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

WORDS = st.sampled_from(
    ["القاهرة", "وزارة", "نائلة", "جبر", "👍🏽", "\u200d", "\u202e", "\r\n", "\r", "\n", "\t",
     ",", '"', "{", "}", "[", "]", ":", "\\", "\x00", "B-PERS", "I-LOC", "O", "$#$", " ", "id",
     "text", "\ufeff", "\xff"]
)
BYTES = st.one_of(
    st.binary(max_size=400),
    st.lists(WORDS, max_size=60).map(lambda ws: "".join(ws).encode("utf-8", "surrogatepass")),
)

JSON_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**6), 10**6), st.floats(allow_nan=True),
    st.text(max_size=20),
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
SPAN = st.one_of(
    st.fixed_dictionaries(
        {"start": JSON_SCALARS, "end": JSON_SCALARS, "label": JSON_SCALARS}
    ),
    st.lists(JSON_SCALARS, max_size=4),
    st.tuples(st.integers(-3, 30), st.integers(-3, 30), st.sampled_from(["PERS", "", "LOC"])),
    JSON_VALUES,
)
RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(JSON_SCALARS, st.text(max_size=5)),
        "text": st.one_of(st.text(max_size=40), JSON_SCALARS),
        "title": JSON_VALUES,
        "meta": JSON_VALUES,
        "source": JSON_VALUES,
        "spans": st.one_of(st.lists(SPAN, max_size=3), JSON_VALUES),
        "label": st.one_of(st.lists(SPAN, max_size=3), JSON_VALUES),
        "entities": st.one_of(st.lists(SPAN, max_size=3), JSON_VALUES),
        "tokens": JSON_VALUES,
    },
)


def _state(path: Path) -> dict[str, list]:
    conn = sqlite3.connect(path)
    try:
        return {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
            for t in ("articles", "spans", "annotators", "labels")
        }
    finally:
        conn.close()


@pytest.fixture(scope="module")
def folder():
    with tempfile.TemporaryDirectory() as d:
        path = Path(d)
        with create_store(path / "project.db", default_labels()) as store, store.transaction():
            store.insert_article(ArticleIn(ext_id="kept", text="نص قديم"))
        yield path


def _import(folder: Path, data: bytes, fmt: str, name: str) -> ImportReport | None:
    """Import ``data``; a refusal leaves the project as it was, a success stored what it says.

    On success: every row that was there is still there unchanged, the new articles and
    spans are exactly as many as the report counts, each new article has text (and its
    length), and each new span lies inside its article's text with a label of the project.
    Returns the report (None when refused).
    """
    src = folder / name
    src.write_bytes(data)
    db = folder / "project.db"
    before = _state(db)
    report = None
    with open_store(db) as store:
        try:
            report = run_import(store, [src], fmt)
        except AnnotatorError as exc:
            assert str(exc).strip(), "an empty error message"
            assert not store.conn.in_transaction
            assert _state(db) == before
        else:
            assert not store.conn.in_transaction
            after = _state(db)
            for table in ("articles", "annotators", "labels"):
                assert set(before[table]) <= set(after[table]), table
            new_articles = set(after["articles"]) - set(before["articles"])
            new_spans = set(after["spans"]) - set(before["spans"])
            assert len(new_articles) == report.articles_added
            assert len(new_spans) == report.spans_added
            assert report.rejected == []
            texts = {row[0]: row[3] for row in after["articles"]}
            labels = {row[0] for row in after["labels"]}
            for row in new_articles:
                assert row[3].strip() and row[4] == len(row[3])
            for row in new_spans:
                article, label, start, end = row[1], row[3], row[4], row[5]
                assert 0 <= start < end <= len(texts[article]) and label in labels
    for leftover in folder.glob("*.rejects*"):
        leftover.unlink()
    return report


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "txt", "conll", "auto"])
@FUZZ
@given(data=BYTES)
def test_any_bytes(folder: Path, fmt: str, data: bytes) -> None:
    _import(folder, data, fmt, f"fuzz.{'jsonl' if fmt == 'auto' else fmt}")


@settings(max_examples=400, deadline=None)
@given(record=RECORDS)
def test_any_json_record_parses_or_is_a_validation_error(record: dict) -> None:
    line = json.dumps(record, ensure_ascii=False, allow_nan=True)
    try:
        art = jsonl.parse_record(line, "fallback")
    except ValidationError:
        return
    assert isinstance(art.text, str) and art.text.strip()
    for start, end, label in art.spans:
        assert 0 <= start < end <= len(art.text)
        assert isinstance(label, str) and label.strip()


@FUZZ
@given(records=st.lists(RECORDS, min_size=1, max_size=4))
@example(  # always once through the success path: two new texts, one of them twice
    records=[
        {"id": "n1", "text": "نص جديد", "spans": [{"start": 0, "end": 2, "label": "PERS"}]},
        {"text": "نص جديد"},
        {"id": "n2", "text": "خبر 👍🏽", "label": [[4, 6, "وسم_جديد"]]},
    ]
)
def test_any_json_records_through_run_import(folder: Path, records: list[dict]) -> None:
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    with open_store(folder / "project.db") as store:
        had = {art.content_hash for art in store.iter_articles()}
    report = _import(folder, "\n".join(lines).encode(), "jsonl", "records.jsonl")
    if report is None:
        return
    # imported: every record parsed, and each text the project lacked is now an article
    parsed = [jsonl.parse_record(line, f"records:{i}") for i, line in enumerate(lines, 1)]
    with open_store(folder / "project.db") as store:
        stored = {art.content_hash: art.text for art in store.iter_articles()}
    for art in parsed:
        assert stored[content_hash(art.text)] == art.text
    assert report.articles_added == len({content_hash(a.text) for a in parsed} - had)
    assert report.spans_added <= sum(len(a.spans) for a in parsed)


CELLS = st.one_of(st.text(max_size=15), st.lists(WORDS, max_size=6).map("".join))


@FUZZ
@given(
    header=st.lists(st.sampled_from(["id", "text", "title", "source", "url", "x", ""]),
                    min_size=1, max_size=5),
    rows=st.lists(st.lists(CELLS, max_size=6), max_size=5),
)
def test_any_csv_table(folder: Path, header: list[str], rows: list[list[str]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    _import(folder, out.getvalue().encode("utf-8", "surrogatepass"), "csv", "table.csv")


TAGS = st.sampled_from(["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "I-", "B-", "X", "b-org", ""])
TOKENS = st.sampled_from(["القاهرة", "نائلة", "$#$", "#", "-DOCSTART-", "👍🏽", ".", "\u200d", "x"])


@FUZZ
@given(
    sentences=st.lists(
        st.lists(
            st.tuples(TOKENS, st.lists(TAGS, min_size=0, max_size=4)),
            min_size=1, max_size=12,
        ),
        min_size=1, max_size=5,
    ),
    sep=st.sampled_from([" ", "\t", "  "]),
)
def test_any_conll_layers(
    folder: Path, sentences: list[list[tuple[str, list[str]]]], sep: str
) -> None:
    """Nested IOB2 columns in any (also broken) order: imported or refused, never a crash."""
    lines = []
    for sentence in sentences:
        lines += [sep.join([tok, *tags]).rstrip() for tok, tags in sentence]
        lines.append("")
    _import(folder, "\n".join(lines).encode("utf-8"), "conll", "layers.conll")
