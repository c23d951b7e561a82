"""Broken and hostile input files: one clear message, never a traceback, nothing half-written.

Every case goes through ``run_import`` (what the CLI and the GUI call) and then checks that
the project is exactly as before: no article, span, annotator or label from the bad file,
and no rejects file left behind.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli.main import cli
from annotator.core.errors import AnnotatorError
from annotator.core.formats.import_run import run_import
from annotator.core.model import ArticleIn
from annotator.core.store import Store

ARABIC = "أعلنت وزارة التضامن الاجتماعي في القاهرة عن برنامج تكافل وكرامة"


def _state(path: Path) -> dict[str, list]:
    conn = sqlite3.connect(path)
    try:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in ("articles", "spans", "annotators", "labels", "article_status")
        }
    finally:
        conn.close()


@pytest.fixture
def store(project: Store) -> Store:
    with project.transaction():
        project.insert_article(ArticleIn(ext_id="kept", text=ARABIC, title="قبل"))
    return project


def _refused(store: Store, path: Path, fmt: str, *needles: str) -> str:
    before = _state(store.path)
    with pytest.raises(AnnotatorError) as info:
        run_import(store, [path], fmt)
    message = str(info.value)
    assert "\n" not in message.strip() or message.count("\n") < 5
    for needle in needles:
        assert needle in message, message
    assert not store.conn.in_transaction
    assert _state(store.path) == before
    assert not list(path.parent.glob("*.rejects*"))
    return message


# -- encodings -------------------------------------------------------------------------


FORMATS = [
    ("jsonl", lambda t: json.dumps({"id": "1", "text": t}, ensure_ascii=False) + "\n"),
    ("csv", lambda t: f"id,text\n1,{t}\n"),
    ("txt", lambda t: t + "\n"),
    ("conll", lambda t: "".join(f"{w} O\n" for w in t.split()) + "\n"),
]
# not the text of the article the store holds already (that would be a duplicate)
FRESH = "شاركت السفيرة نائلة جبر في المنتدى"
IMPORTED_ID = {"jsonl": "1", "csv": "1", "txt": "windows", "conll": "windows-1"}


@pytest.mark.parametrize("fmt, make", FORMATS)
def test_windows_1256_is_refused_then_read_with_encoding(
    tmp_path: Path, store: Store, fmt: str, make
) -> None:
    path = tmp_path / f"windows.{fmt}"
    path.write_bytes(make(FRESH).encode("cp1256"))
    message = _refused(store, path, fmt, str(path))
    assert "not UTF-8 text (byte 0x" in message
    assert "give its encoding with --encoding (Arabic Excel writes windows-1256)" in message
    run_import(store, [path], fmt, encoding="windows-1256")
    assert store.article_by_ext_id(IMPORTED_ID[fmt]).text.strip() == FRESH


@pytest.mark.parametrize("fmt, make", FORMATS)
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_byte_order_mark_is_read_in_every_text_format(
    tmp_path: Path, store: Store, fmt: str, make, encoding: str
) -> None:
    path = tmp_path / f"windows.{fmt}"
    data = make(FRESH).encode(encoding)
    path.write_bytes(b"\xfe\xff" + data if encoding == "utf-16-be" else data)
    run_import(store, [path], fmt)
    assert store.article_by_ext_id(IMPORTED_ID[fmt]).text.strip() == FRESH


@pytest.mark.parametrize("fmt, make", FORMATS)
def test_utf16_without_byte_order_mark_is_named(
    tmp_path: Path, store: Store, fmt: str, make
) -> None:
    path = tmp_path / f"windows.{fmt}"
    path.write_bytes(make(FRESH).encode("utf-16-le"))
    message = _refused(store, path, fmt)
    assert message == (
        f"{path}: looks like UTF-16 text without a byte-order mark; give its encoding with"
        " --encoding utf-16-le (or utf-16-be)"
    )


def test_one_bad_byte_line_names_its_line(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "g", "text": ARABIC}, ensure_ascii=False).encode()
    path.write_bytes(good + b"\n" + b'{"id": "b", "text": "\xff\xfe caf\xe9"}\n' + good + b"\n")
    _refused(store, path, "jsonl", f"{path}:2:", "not UTF-8", "0xff")


# -- JSON ------------------------------------------------------------------------------


def test_truncated_json_is_refused(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "cut.jsonl"
    whole = json.dumps({"id": "1", "text": ARABIC}, ensure_ascii=False)
    path.write_text(whole + "\n" + whole[: len(whole) // 2], encoding="utf-8")
    _refused(store, path, "jsonl", f"{path}:2:", "malformed JSON")


@pytest.mark.parametrize(
    "line",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"text": ' + '{"a": ' * 50_000 + "1" + "}" * 50_000 + "}",
        '{"id": "x", "text": "نص", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}",
    ],
    ids=["arrays", "objects", "meta"],
)
def test_deeply_nested_json_is_a_clean_rejection(tmp_path: Path, store: Store, line: str) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    _refused(store, path, "jsonl", f"{path}:1:")


@pytest.mark.parametrize(
    "record, needle",
    [
        ('{"id": ' + "9" * 10_000 + ', "text": "نص"}', "digit"),
        ('{"id": "n", "text": "نص", "spans": [{"start": 1e400, "end": 2, "label": "PERS"}]}', ""),
        (
            '{"id": "n", "text": "نص", "spans": [{"start": ' + "1" * 5000 + ', "end": 2,'
            ' "label": "PERS"}]}',
            "digit",
        ),
        ('{"id": "s", "text": "نص \\ud800 مكسور"}', "surrogate"),
        ('{"id": "s", "title": "\\udfff", "text": "نص"}', "surrogate"),
        ('{"id": "z", "text": 12}', "text"),
        ('{"id": "z", "text": null}', "text"),
        ('"just a string"', "object"),
        ("NaN", ""),
    ],
    ids=["huge-int-id", "inf-offset", "huge-int-offset", "surrogate-text", "surrogate-title",
         "number-text", "null-text", "string", "nan"],
)
def test_hostile_json_values_are_refused(
    tmp_path: Path, store: Store, record: str, needle: str
) -> None:
    path = tmp_path / "values.jsonl"
    path.write_text(record + "\n", encoding="utf-8")
    _refused(store, path, "jsonl", f"{path}:1:", needle)


def test_huge_json_text_value_imports_exactly(tmp_path: Path, store: Store) -> None:
    text = ("خبر " * 2_500_000)[:-1]  # 10 MB of text in one JSON string
    path = tmp_path / "huge.jsonl"
    path.write_text(json.dumps({"id": "huge", "text": text}, ensure_ascii=False) + "\n")
    report = run_import(store, [path], "jsonl")
    assert report.articles_added == 1
    assert store.article_by_ext_id("huge").text == text


# -- CSV -------------------------------------------------------------------------------


def test_csv_with_a_10mb_field_imports_exactly(tmp_path: Path, store: Store) -> None:
    text = "كلمة " * 2_000_000  # 10,000,000 characters in one cell
    path = tmp_path / "big.csv"
    path.write_text(f'id,title,text\nbig,عنوان,"{text}"\n', encoding="utf-8")
    report = run_import(store, [path], "csv")
    assert report.articles_added == 1
    assert store.article_by_ext_id("big").text == text


def test_malformed_csv_rows_are_rejected_one_by_one(tmp_path: Path, store: Store) -> None:
    """An unclosed quote, a lone CR and junk after a quote each cost their row, no more."""
    path = tmp_path / "broken.csv"
    path.write_bytes(
        'id,text\n1,"لم يغلق\n2,ثان\n3,أ\rب\n4,"مقتبس"زيادة\n5,خامس\n6,"آخر بلا نهاية\n'
        .encode()
    )
    report = run_import(store, [path], "csv", skip_invalid=True)
    assert [store.article_by_ext_id(i).text for i in ("2", "5")] == ["ثان", "خامس"]
    assert report.articles_added == 2
    rejects = [json.loads(x) for x in (tmp_path / "broken.csv.rejects.jsonl").read_text(
        encoding="utf-8").splitlines()]
    assert [(r["line"], r["record"]) for r in rejects] == [
        (2, '1,"لم يغلق'), (4, "3,أ\rب"), (5, '4,"مقتبس"زيادة'), (7, '6,"آخر بلا نهاية')
    ]
    assert all(r["reason"].startswith("malformed CSV: ") for r in rejects)
    assert not any("universal-newline" in r["reason"] or "expected after" in r["reason"]
                   for r in rejects)


@pytest.mark.parametrize(
    "content, needle",
    [
        ('id,text\n1,"never closed\n2,نص\n', "quote"),
        ("id,title\n1,بلا نص\n", "text"),
        ("id,text\n1,نص\x00مع صفر\n2,\n", ""),
    ],
    ids=["unclosed-quote", "no-text-column", "nul-and-empty"],
)
def test_broken_csv_is_refused(tmp_path: Path, store: Store, content: str, needle: str) -> None:
    path = tmp_path / "broken.csv"
    path.write_text(content, encoding="utf-8")
    _refused(store, path, "csv", str(path), needle)


# -- empty input -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "txt", "conll"])
@pytest.mark.parametrize(
    "content", [b"", b"\n\n  \n", b"\xef\xbb\xbf"], ids=["empty", "blank", "bom"]
)
def test_empty_file_is_refused(tmp_path: Path, store: Store, fmt: str, content: bytes) -> None:
    path = tmp_path / f"empty.{fmt}"
    path.write_bytes(content)
    _refused(store, path, fmt, str(path))


def test_empty_file_auto_format(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    _refused(store, path, "auto", str(path))


def test_sqlite_file_that_is_not_sqlite(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "corpus.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00garbage" * 100)
    _refused(store, path, "sqlite", str(path))


# -- the same through the command line: "Error: ..." and exit 1, never a traceback -----


@pytest.mark.parametrize(
    "name, content",
    [
        ("deep.jsonl", ("[" * 100_000 + "]" * 100_000 + "\n").encode()),
        ("cut.jsonl", b'{"id": "1", "text": "\xd9\x86\xd8'),
        ("latin.csv", "id,text\n1,café\n".encode("latin-1")),
        ("empty.txt", b""),
    ],
)
def test_cli_import_of_hostile_files(
    tmp_path: Path, store: Store, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = _state(store.path)
    result = CliRunner().invoke(cli, ["import", str(store.path), str(path)])
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Error: "), result.output
    assert "Traceback" not in result.output
    assert str(path) in result.output
    assert not isinstance(result.exception, RecursionError)
    assert _state(store.path) == before
