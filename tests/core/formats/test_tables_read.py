"""CSV files and tables of another SQLite database (a scraper's), and plain .txt files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import ValidationError
from annotator.core.formats import csv_table as csv_format
from annotator.core.formats import sqlite_table, txt
from annotator.core.formats.import_run import ImportFailed, run_import
from annotator.core.formats.reading import Columns
from annotator.core.store import Store


def scraper_db(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE posts (id INTEGER PRIMARY KEY, headline TEXT, body TEXT, url TEXT,"
        " published TEXT, views INTEGER);"
        "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);"
    )
    conn.executemany(
        "INSERT INTO posts VALUES (?, ?, ?, ?, ?, ?)",
        [
            (11, "التضامن في فيينا", "شاركت وزارة التضامن\r\nفي المنتدى", "https://x.eg/11",
             "2024-06-01", 120),
            (12, "عنوان", "خبر ثان", None, None, None),
        ],
    )
    conn.commit()
    conn.close()
    return path


def test_scraper_table_with_column_options(project: Store, tmp_path: Path) -> None:
    db = scraper_db(tmp_path / "scraper.db")
    report = run_import(
        project, [db], table="posts", text_column="body", title_column="headline"
    )
    assert report.articles_added == 2
    art = project.article_by_ext_id("11")
    assert (art.title, art.text, art.url, art.published) == (
        "التضامن في فيينا", "شاركت وزارة التضامن\nفي المنتدى", "https://x.eg/11", "2024-06-01"
    )
    assert art.meta == {"views": 120}
    assert project.article_by_ext_id("12").meta == {}


def test_sqlite_table_must_be_named_and_exist(project: Store, tmp_path: Path) -> None:
    db = scraper_db(tmp_path / "scraper.db")
    with pytest.raises(ValidationError, match=r"name the table to import with --table \(tables"
                                              r": posts, users\)"):
        run_import(project, [db])
    with pytest.raises(ValidationError, match="no table 'news'"):
        run_import(project, [db], table="news")
    with pytest.raises(ValidationError, match=f"no text column 'text' in {db}:posts"):
        run_import(project, [db], table="posts")
    not_db = tmp_path / "fake.db"
    not_db.write_text("hello", encoding="utf-8")
    with pytest.raises(ValidationError, match="not an SQLite database"):
        run_import(project, [not_db])
    assert project.article_count() == 0


def test_sqlite_rows_are_streamed_with_positions(tmp_path: Path) -> None:
    db = scraper_db(tmp_path / "scraper.db")
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO posts (id, headline, body) VALUES (13, 'x', '')")
    conn.commit()
    conn.close()
    records = list(sqlite_table.read(db, "posts", Columns(text="body", title="headline")))
    assert [(r.file, r.line, r.done) for r in records] == [
        (f"{db}:posts", 1, 1), (f"{db}:posts", 2, 2), (f"{db}:posts", 3, 3)
    ]
    assert records[2].item.reason == "text is empty (column 'body')"  # type: ignore[union-attr]


def test_csv_columns_meta_and_multiline_fields(project: Store, tmp_path: Path) -> None:
    src = tmp_path / "news.csv"
    big = "كلمة " * 40_000  # bigger than the csv module's default field limit
    src.write_text(
        "\ufeffkey,headline,body,author,section\n"
        f'a1,عنوان,"سطر أول\r\nسطر ثان, مع فاصلة",شيماء,أخبار\n'
        f",,{big},,\n",
        encoding="utf-8",
    )
    report = run_import(
        project, [src], text_column="body", id_column="key", title_column="headline"
    )
    assert report.articles_added == 2
    art = project.article_by_ext_id("a1")
    assert (art.title, art.text, art.author, art.meta) == (
        "عنوان", "سطر أول\nسطر ثان, مع فاصلة", "شيماء", {"section": "أخبار"}
    )
    assert project.article_by_ext_id("news-4").text == big  # missing id: stem + line


def test_csv_bad_rows(tmp_path: Path) -> None:
    src = tmp_path / "bad.csv"
    src.write_bytes("id,text\n1,جيد\n2\n3,caf".encode() + b"\xe9\n4,\n")
    got = [(r.line, getattr(r.item, "reason", None)) for r in csv_format.read(src, Columns())]
    assert got == [
        (2, None),
        (3, "has 1 field(s), the header has 2"),
        (4, "not UTF-8 text"),
        (5, "text is empty (column 'text')"),
    ]


def test_csv_without_text_column(project: Store, tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_text("id,body\n1,نص\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        run_import(project, [src], skip_invalid=True)
    assert str(info.value) == (
        f"no text column 'text' in {src} (columns: id, body); name it with --text-column"
    )
    assert project.article_count() == 0 and not list(tmp_path.glob("*rejects*"))


def test_txt_folder_file_stem_is_id(project: Store, tmp_path: Path, seed_text: str) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "000_e85364defba81871.txt").write_text(seed_text, encoding="utf-8")
    (folder / "b.txt").write_bytes("سطر\r\nآخر".encode())
    (folder / "notes.md").write_text("ignored", encoding="utf-8")
    report = run_import(project, [folder])
    assert report.articles_added == 2
    assert project.article_by_ext_id("000_e85364defba81871").text == seed_text
    assert project.article_by_ext_id("b").text == "سطر\nآخر"


def test_txt_not_utf8_names_the_line(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_bytes("سطر أول\nسطر ثان\n".encode() + b"\xff\n")
    (record,) = txt.read(src)
    assert (record.line, record.item.reason) == (3, "not UTF-8 text (byte 0xff)")  # type: ignore[union-attr]
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert next(txt.read(empty)).item.reason == "text is empty"  # type: ignore[union-attr]


def test_tsv_is_csv_with_tabs(project: Store, tmp_path: Path) -> None:
    src = tmp_path / "news.tsv"
    src.write_text("id\ttext\tsection\nt1\tنص، مع فاصلة\tأخبار\n", encoding="utf-8")
    assert run_import(project, [src]).articles_added == 1
    art = project.article_by_ext_id("t1")
    assert (art.text, art.meta) == ("نص، مع فاصلة", {"section": "أخبار"})


def test_csv_quote_that_never_closes_is_refused(project: Store, tmp_path: Path) -> None:
    src = tmp_path / "cut.csv"
    src.write_text('id,text\n1,جيد\n2,"لم يغلق\n3,نص\n', encoding="utf-8")
    with pytest.raises(ImportFailed) as info:
        run_import(project, [src])
    assert [str(r) for r in info.value.report.rejected] == [
        f"{src}:3: malformed CSV: a quoted field opened here never closes"
    ]
    assert project.article_count() == 0


def test_damaged_sqlite_file_is_one_line(project: Store, tmp_path: Path) -> None:
    src = tmp_path / "corpus.db"
    src.write_bytes(b"SQLite format 3\x00" + b"\x00garbage" * 100)
    with pytest.raises(ValidationError, match=f"{src}: not a readable SQLite database"):
        run_import(project, [src], table="posts")
    assert project.article_count() == 0
