"""CSV files and tables of another SQLite database (a scraper's), and plain .txt files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import ValidationError
from annotator.core.formats import csv_table as csv_format
from annotator.core.formats import sqlite_table, txt
from annotator.core.formats.import_run import ImportFailed, run_import
from annotator.core.formats.reading import Columns, Invalid
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
        (4, "not UTF-8 text (byte 0xe9)"),
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


# -- a bad row rejects that row only --------------------------------------------------


def _rejects(tmp_path: Path, name: str) -> list[dict[str, object]]:
    path = tmp_path / f"{name}.rejects.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_quote_that_never_closes_rejects_its_row_only(project: Store, tmp_path: Path) -> None:
    src = tmp_path / "cut.csv"
    src.write_text('id,text\n1,جيد\n2,"لم يغلق\n3,نص ثالث\n4,رابع\n', encoding="utf-8")
    report = run_import(project, [src], skip_invalid=True)
    assert report.articles_added == 3
    assert [project.article_by_ext_id(i).text for i in ("1", "3", "4")] == [
        "جيد", "نص ثالث", "رابع"
    ]
    assert _rejects(tmp_path, "cut.csv") == [{
        "file": str(src), "line": 3,
        "reason": "malformed CSV: a quoted field opened here never closes",
        "record": '2,"لم يغلق',
    }]


def test_lone_cr_rejects_its_row_only(project: Store, tmp_path: Path) -> None:
    src = tmp_path / "cr.csv"
    src.write_bytes("id,text\n1,أ\rب\n2,جيد\r\n3,\"سطر\rداخل\"\n".encode())
    report = run_import(project, [src], skip_invalid=True)
    assert [project.article_by_ext_id(i).text for i in ("2", "3")] == ["جيد", "سطر\nداخل"]
    assert report.articles_added == 2
    assert _rejects(tmp_path, "cr.csv") == [{
        "file": str(src), "line": 2,
        "reason": "malformed CSV: a line break (CR) inside a field that is not in quotes; put the"
                  " field in quotes or save the file with Windows or Unix line endings",
        "record": "1,أ\rب",
    }]


def test_a_row_that_breaks_after_running_on_rejects_its_first_line(tmp_path: Path) -> None:
    """Every line ends up in an article or a rejected record, none inside another row."""
    src = tmp_path / "q.tsv"
    src.write_text('id\ttext\n1\t"سطر\nثان"x\n2\tجيد\n', encoding="utf-8")
    got = [(r.line, r.item) for r in csv_format.read(src, Columns())]
    assert got[:2] == [
        (2, Invalid(
            "malformed CSV: a quoted field opened here runs on to line 3 and breaks there: text"
            " after the closing quote of a field, before the next tab (a quote inside a quoted"
            ' field is written twice: "")',
            '1\t"سطر',
        )),
        (3, Invalid("has 1 field(s), the header has 2", 'ثان"x')),
    ]
    assert got[2][0] == 4 and got[2][1].text == "جيد"  # type: ignore[union-attr]
    assert len(got) == 3


def test_stray_quote_does_not_swallow_the_rows_after_it(project: Store, tmp_path: Path) -> None:
    src = tmp_path / "stray.csv"
    src.write_text('id,text\n1,"بداية بلا نهاية\n2,ثان\n3,"ثالث, مقتبس"\n', encoding="utf-8")
    report = run_import(project, [src], skip_invalid=True)
    assert report.articles_added == 2
    assert project.article_by_ext_id("3").text == "ثالث, مقتبس"
    assert [(r.line, r.record) for r in report.rejected] == [(2, '1,"بداية بلا نهاية')]


def test_bom_before_a_quoted_header(project: Store, tmp_path: Path) -> None:
    src = tmp_path / "excel.csv"
    src.write_bytes(b"\xef\xbb\xbf" + '"id","text","section"\r\nx1,نص,أخبار\r\n'.encode())
    assert run_import(project, [src]).articles_added == 1
    art = project.article_by_ext_id("x1")
    assert (art.text, art.meta) == ("نص", {"section": "أخبار"})


@pytest.mark.parametrize(
    "header, message",
    [
        ("id,text,text", "the header names column 'text' twice (columns 2 and 3);"
                         " give each column its own name"),
        ("id,text,,", "columns 3 and 4 of the header have no name; give every column a name"),
    ],
)
def test_two_columns_of_one_name_are_refused(
    project: Store, tmp_path: Path, header: str, message: str
) -> None:
    src = tmp_path / "dup.csv"
    src.write_text(f"{header}\n1,أ,ب,ج\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        run_import(project, [src], skip_invalid=True)
    assert str(info.value) == f"{src}: {message}"
    assert project.article_count() == 0 and not list(tmp_path.glob("*rejects*"))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_csv_with_byte_order_mark(project: Store, tmp_path: Path, encoding: str) -> None:
    src = tmp_path / "u16.csv"
    data = 'id,text\r\nu1,"نص\r\nبسطرين"\r\n'.encode(encoding)
    src.write_bytes(data if encoding == "utf-16" else b"\xfe\xff" + data)
    assert run_import(project, [src]).articles_added == 1
    assert project.article_by_ext_id("u1").text == "نص\nبسطرين"


def test_windows_1256_csv(project: Store, tmp_path: Path) -> None:
    src = tmp_path / "excel.csv"
    src.write_bytes("id,text\nw1,وزارة التضامن\nw2,نائلة جبر\n".encode("cp1256"))
    with pytest.raises(ImportFailed) as info:
        run_import(project, [src])
    assert str(info.value) == (
        f"import failed, nothing was imported: 2 bad record(s): {src}:2: not UTF-8 text"
        f" (byte 0xe6); {src}:3: not UTF-8 text (byte 0xe4); if the file is not UTF-8, give its"
        " encoding with --encoding (Arabic Excel writes windows-1256) (use --skip-invalid to"
        " import the good ones)"
    )
    assert project.article_count() == 0
    assert run_import(project, [src], encoding="windows-1256").articles_added == 2
    assert project.article_by_ext_id("w1").text == "وزارة التضامن"


def test_header_that_does_not_decode(project: Store, tmp_path: Path) -> None:
    src = tmp_path / "h.csv"
    src.write_bytes("id,النص\n1,نص\n".encode("cp1256"))
    with pytest.raises(ValidationError) as info:
        run_import(project, [src], skip_invalid=True, text_column="النص")
    assert str(info.value) == (
        f"{src}: the header row is not UTF-8 text (byte 0xc7); give the file's encoding with"
        " --encoding (Arabic Excel writes windows-1256)"
    )
    assert project.article_count() == 0 and not list(tmp_path.glob("*rejects*"))


def test_txt_in_windows_1256_and_utf16(project: Store, tmp_path: Path) -> None:
    (tmp_path / "w.txt").write_bytes("خبر بترميز ويندوز".encode("cp1256"))
    (tmp_path / "u.txt").write_bytes("خبر بترميز يونيكود 16".encode("utf-16"))
    (record,) = txt.read(tmp_path / "w.txt")
    assert record.item.reason == "not UTF-8 text (byte 0xce)"  # type: ignore[union-attr]
    run_import(project, [tmp_path / "w.txt"], encoding="cp1256")
    run_import(project, [tmp_path / "u.txt"], encoding="cp1256")  # its mark says UTF-16
    assert project.article_by_ext_id("w").text == "خبر بترميز ويندوز"
    assert project.article_by_ext_id("u").text == "خبر بترميز يونيكود 16"
