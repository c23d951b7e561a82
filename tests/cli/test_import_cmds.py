"""``annotator import`` end to end: sample data, a scraper's table, bad input, rejects."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from annotator.cli.main import cli
from annotator.core.store import open_store

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_data"
NAME = "نائلة جبر"


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def ok(*args: object) -> Result:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result


def counts(db: Path) -> tuple[int, int, int]:
    with open_store(db, readonly=True) as store:
        stats = store.stats()
        return stats["articles"], stats["spans"], stats["labels"]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "news.db"
    ok("init", path)
    return path


def test_sample_data_like_dev_app(db: Path) -> None:
    """The two imports ``./dev app`` runs to build sample_data/sample.db."""
    out = ok("import", db, SAMPLE / "seed_article.jsonl", "--format", "jsonl").output
    assert out.startswith("Imported 1 article(s) and 0 span(s)")
    out = ok("import", db, SAMPLE / "wojood" / "test.txt", "--format", "conll",
             "--annotator", "wojood").output
    assert "Imported 18 article(s) and 870 span(s)" in out
    assert "Added label(s): " in out and "NORP" in out
    stats = json.loads(ok("stats", db, "--json").output)
    assert stats["articles"] == 19
    assert stats["annotators"]["wojood"]["spans"] == 870
    assert stats["annotators"]["wojood"]["status"]["todo"] == 19
    shown = ok("show", db, "test-1", "--annotator", "wojood").output
    assert shown.startswith("test-1\n\n[سمير|PERS] : ماما !")
    assert "[أحمد حسن أبو شرخ|PERS]" in shown and "[[البنك" not in shown
    seed = ok("show", db, "000_e85364defba81871").output
    assert seed.startswith("000_e85364defba81871: التضامن تشارك في فعاليات")
    assert seed.rstrip().endswith("0 span(s)")


def test_again_reports_duplicates_and_adds_nothing(db: Path) -> None:
    ok("import", db, SAMPLE / "seed_article.jsonl")
    out = ok("import", db, SAMPLE / "seed_article.jsonl").output
    assert "Imported 0 article(s)" in out
    assert f"{SAMPLE / 'seed_article.jsonl'}:1: duplicate of article 000_e85364defba81871" in out
    assert counts(db)[0] == 1


def test_show_prints_the_imported_name_in_its_marker(db: Path, tmp_path: Path,
                                                     seed_text: str) -> None:
    start = seed_text.index(NAME)
    src = tmp_path / "seed.jsonl"
    src.write_text(json.dumps({
        "id": "seed", "title": "التضامن", "text": seed_text,
        "spans": [{"start": start, "end": start + len(NAME), "label": "PERS"}],
    }, ensure_ascii=False) + "\n", encoding="utf-8")
    assert "1 span(s)" in ok("import", db, src).output
    out = ok("show", db, "seed").output
    body = seed_text[:start] + f"[{NAME}|PERS]" + seed_text[start + len(NAME):]
    assert out == f"seed: التضامن\n\n{body}\n\n1 span(s)\n"


def test_scraper_table(db: Path, tmp_path: Path) -> None:
    scraper = tmp_path / "scraper.db"
    conn = sqlite3.connect(scraper)
    conn.execute("CREATE TABLE posts (id TEXT, headline TEXT, body TEXT, url TEXT,"
                 " published TEXT)")
    conn.executemany("INSERT INTO posts VALUES (?, ?, ?, ?, ?)", [
        ("p1", "التضامن في فيينا", "شاركت وزارة التضامن الاجتماعي في المنتدى",
         "https://news.example/p1", "2024-06-01"),
        ("p2", "تكافل وكرامة", "صرف دعم “تكافل وكرامة” لشهر يونيو", None, None),
    ])
    conn.commit()
    conn.close()
    out = ok("import", db, scraper, "--table", "posts", "--text-column", "body",
             "--title-column", "headline").output
    assert out.startswith("Imported 2 article(s) and 0 span(s)")
    assert json.loads(ok("stats", db, "--json").output)["articles"] == 2
    assert ok("show", db, "p2").output.startswith(
        "p2: تكافل وكرامة\n\nصرف دعم “تكافل وكرامة” لشهر يونيو"
    )


def test_failed_import_lists_every_bad_record_and_writes_nothing(db: Path,
                                                                tmp_path: Path) -> None:
    ok("import", db, SAMPLE / "seed_article.jsonl")
    before = counts(db)
    src = tmp_path / "bad.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "a", "text": "مقال", "spans": [{"start": 0, "end": 2, "label": "NEW"}]}),
        '{"id": "b", "text": "نص"',
        json.dumps({"id": "c", "text": ""}),
        json.dumps({"id": "d", "text": "قصير", "label": [[0, 9, "PERS"]]}),
    ]) + "\n", encoding="utf-8")
    result = run("import", db, src, "--strict-labels")
    assert result.exit_code == 1
    assert "Traceback" not in result.output and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "Error: import failed, nothing was imported: 4 bad record(s):"
    assert lines[1] == f"  {src}:1: unknown label(s) NEW (not in the project; add them or" \
                       " drop --strict-labels)"
    assert lines[2].startswith(f"  {src}:2: malformed JSON")
    assert lines[3] == f'  {src}:3: "text" is empty'
    assert lines[4] == f"  {src}:4: span 1 (PERS): span end 9 is beyond the text's 4 characters"
    assert counts(db) == before


def test_skip_invalid_writes_rejects_beside_the_input(db: Path, tmp_path: Path) -> None:
    src = tmp_path / "mixed.jsonl"
    src.write_text('{"text": "مقال جيد"}\n{"text": \n', encoding="utf-8")
    out = ok("import", db, src, "--skip-invalid").output
    rejects = tmp_path / "mixed.jsonl.rejects.jsonl"
    assert f"Rejected 1 record(s), written to {rejects}:" in out
    (row,) = [json.loads(x) for x in rejects.read_text("utf-8").splitlines()]
    assert (row["line"], row["record"]) == (2, '{"text": ')
    assert counts(db)[0] == 1


def test_skip_invalid_with_the_input_in_a_read_only_folder(
    db: Path, tmp_path: Path, readonly_folder
) -> None:
    """Before: a traceback (OSError: read-only file system) at the end of the import."""
    src = tmp_path / "mixed.jsonl"
    src.write_text('{"text": "مقال جيد"}\n{"text": \n', encoding="utf-8")
    folder = readonly_folder([src])
    before = counts(db)
    result = run("import", db, folder / "mixed.jsonl", "--skip-invalid")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: --skip-invalid writes the rejected records to"
        f" {folder}/mixed.jsonl.rejects.jsonl, but the folder {folder} is read-only; copy"
        " the input to a folder you can write to, say where with --rejects FILE, or leave out"
        " --skip-invalid; nothing was"
        " imported\n"
    )
    assert counts(db) == before
    assert sorted(p.name for p in folder.iterdir()) == ["mixed.jsonl"]


def test_non_utf8_and_empty_files(db: Path, tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"id,text\n1,caf\xe9\n")
    result = run("import", db, latin)
    assert result.exit_code == 1
    assert f"  {latin}:2: not UTF-8 text" in result.stderr
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    result = run("import", db, empty)
    assert result.exit_code == 1
    assert f"  {empty}:1: no articles (the input is empty)" in result.stderr
    assert counts(db)[0] == 0


@pytest.mark.parametrize(
    "args, message",
    [
        (["{tmp}/missing.jsonl"], "Error: {tmp}/missing.jsonl: no such file or folder"),
        (["{tmp}/a.xml"], "Error: {tmp}/a.xml: cannot tell the format from the name;"
                          " give --format (sqlite, jsonl, doccano, labelstudio, prodigy, csv,"
                          " txt or conll)"),
    ],
)
def test_usage_errors_are_one_line(db: Path, tmp_path: Path, args: list[str],
                                   message: str) -> None:
    (tmp_path / "a.xml").write_text("<a/>", encoding="utf-8")
    result = run("import", db, *[a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 1
    assert result.stderr == message.format(tmp=tmp_path) + "\n"


def test_not_a_project(tmp_path: Path) -> None:
    fake = tmp_path / "fake.db"
    fake.write_bytes(b"not sqlite")
    result = run("import", fake, SAMPLE / "seed_article.jsonl")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {fake}: not a SQLite database, not an annotator project\n"
    assert fake.read_bytes() == b"not sqlite"


def test_help_has_an_example() -> None:
    out = ok("import", "--help").output
    assert "Example:\n      annotator import news.db articles.jsonl" in out


def test_long_lists_show_the_first_ten_and_how_many_more(db: Path, tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    lines = [json.dumps({"id": f"n{i}", "text": f"خبر رقم {i}"}, ensure_ascii=False)
             for i in range(12)]
    src.write_text("\n".join(lines + ["{"] * 12) + "\n", encoding="utf-8")
    ok("import", db, src, "--skip-invalid")
    out = ok("import", db, src, "--skip-invalid").output.splitlines()
    assert out[1] == "Skipped 12 duplicate(s):"
    assert out[2] == f"  {src}:1: duplicate of article n0 (same text)"
    assert out[12] == "  ... and 2 more"
    assert out[13].startswith(f"Rejected 12 record(s), written to {src}.rejects.jsonl")
    assert out[14].startswith(f"  {src}:13: malformed JSON")
    assert out[24] == "  ... and 2 more" and len(out) == 25


def test_standard_input(db: Path, tmp_path: Path) -> None:
    lines = [json.dumps({"id": "s1", "text": "خبر من الأنبوب"}, ensure_ascii=False), "{"]
    data = ("\n".join(lines) + "\n").encode()
    result = CliRunner().invoke(cli, ["import", str(db), "-", "--skip-invalid"], input=data)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: standard input (-) has no folder to put rejected records in; say where with"
        " --rejects FILE\n"
    )
    rejects = tmp_path / "rejects.jsonl"
    result = CliRunner().invoke(
        cli, ["import", str(db), "-", "--skip-invalid", "--rejects", str(rejects)], input=data
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "Imported 1 article(s) and 0 span(s) from <stdin>.",
        f"Rejected 1 record(s), written to {rejects}:",
    ]
    assert json.loads(rejects.read_text("utf-8"))["record"] == "{"
    result = CliRunner().invoke(cli, ["import", str(db), "-"], input="id,text\n2,ب\n")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: <stdin>: cannot tell the format of the input; give --format"
        " (sqlite, jsonl, doccano, labelstudio, prodigy, csv, txt or conll)\n"
    )
    result = CliRunner().invoke(cli, ["import", str(db), "-", "--format", "csv"],
                                input="id,text\nc2,نص جدول\n")
    assert result.exit_code == 0, result.output
    assert counts(db)[0] == 2


def test_encoding_option(db: Path, tmp_path: Path) -> None:
    src = tmp_path / "excel.csv"
    src.write_bytes("id,text\ne1,وزارة التضامن\n".encode("cp1256"))
    result = run("import", db, src)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: import failed, nothing was imported: 1 bad record(s):",
        f"  {src}:2: not UTF-8 text (byte 0xe6)",
        "If the file is not UTF-8, give its encoding with --encoding (Arabic Excel writes"
        " windows-1256).",
        "Fix them, or use --skip-invalid to import the good records.",
    ]
    result = run("import", db, src, "--encoding", "arabic-excel")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: unknown encoding 'arabic-excel' (for example utf-8, utf-16 or windows-1256)\n"
    )
    assert counts(db)[0] == 0
    ok("import", db, src, "--encoding", "windows-1256")
    assert ok("show", db, "e1").output.startswith("e1\n\nوزارة التضامن")


# -- annotators, existing articles, offsets, --json -----------------------------------


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")  # fmt: skip
    return path


def test_import_keeps_annotators_and_adds_to_known_articles(db: Path, tmp_path: Path) -> None:
    text = (SAMPLE / "seed_article.jsonl").read_text(encoding="utf-8")
    seed = json.loads(text)
    start = seed["text"].index(NAME)
    ok("import", db, SAMPLE / "seed_article.jsonl")
    span = {"start": start, "end": start + len(NAME), "label": "PERS"}
    src = _jsonl(tmp_path / "team.jsonl", [
        {**seed, "annotator": "salma", "status": "done", "note": "",
         "changed_at": "2024-03-01T09:00:00Z", "spans": [span]},
        {**seed, "annotator": "omar", "spans": [span]},
    ])  # fmt: skip
    out = ok("import", db, src).output.splitlines()
    assert out == [
        f"Imported 0 article(s) and 2 span(s) from {src}.",
        "2 record(s) added to articles already there; 1 status(es) set, 0 newer one(s) kept.",
        "Annotators: salma, omar",
    ]
    with open_store(db, readonly=True) as store:
        aid = store.article_ids()[0]
        assert store.status(aid, "salma").updated_at == "2024-03-01T09:00:00.000+00:00"
        assert {s.annotator for s in store.spans(aid)} == {"salma", "omar"}
    result = run("import", db, src, "--on-existing", "error")
    assert result.exit_code == 1
    assert "article 000_e85364defba81871 is already in the project (same text)" in result.stderr


def test_import_json_summary(db: Path, tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "a.jsonl", [{"id": "a1", "text": "زار الوزير القاهرة"}])
    summary = json.loads(ok("import", db, src, "--json").stdout)
    assert summary["imported"] is True
    assert (summary["articles_added"], summary["spans_added"], summary["rejected"]) == (1, 0, [])
    assert summary["files"] == [str(src)] and summary["seconds"] >= 0
    bad = _jsonl(tmp_path / "b.jsonl", [{"id": "a2"}])
    result = run("import", db, bad, "--json")
    assert result.exit_code == 1
    failed = json.loads(result.stdout)
    assert failed["imported"] is False
    assert failed["rejected"] == [{"file": str(bad), "line": 1, "reason": 'missing "text"'}]


def test_import_offsets_option(db: Path, tmp_path: Path) -> None:
    text = "📢 نائلة جبر"
    src = _jsonl(tmp_path / "u.jsonl", [{"text": text, "spans": [{"start": 3, "end": 12,
                                                                    "label": "PERS"}]}])
    ok("import", db, src, "--offsets", "utf16")
    with open_store(db, readonly=True) as store:
        (span,) = store.spans(store.article_ids()[0])
        assert span.text_in(text) == NAME
    result = run("import", db, src, "--offsets", "bytes")
    assert result.exit_code == 2 and "'bytes' is not one of 'codepoints', 'utf16'" in result.stderr
