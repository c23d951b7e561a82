"""The team commands on the real server: ``team add-user/list/remove``, ``assign``,
``next``, ``checkout`` and ``checkin``, run as the lead, a reviewer and an annotator
(each connected as their own login role)."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
from cli_runner import fails, ok, run
from team_server import Team, as_user

from annotator.core.model import Status
from annotator.core.store import open_store
from annotator.core.store.location import parse_server_url


def _add(team: Team, name: str, role: str) -> str:
    login = team.login(name)
    ok("team", "add-user", team.url, name, "--role", role, "--login", login, "--no-password")
    return login


def _has_password(team: Team, login: str) -> bool:
    with psycopg.connect(parse_server_url(team.url).conninfo, autocommit=True) as conn:
        row = conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s", (login,))
        found = row.fetchone()
    assert found is not None
    return found[0] is not None


def test_team_users_are_added_listed_and_removed(team: Team) -> None:
    login = team.login("salma")
    typed = ok(
        "team", "add-user", team.url, "salma", "--role", "annotator", "--login", login,
        input="سر-طويل\nسر-طويل\n",
    )  # fmt: skip
    assert "Password for" in typed.stderr and "سر-طويل" not in typed.output
    assert _has_password(team, login)
    lead = team.login("nour")
    out = ok("team", "add-user", team.url, "nour", "--role", "lead", "--login", lead,
             env={"ANNOTATOR_NEW_PASSWORD": "s3cret"}).output  # fmt: skip
    assert out == f"nour works on {team.url} as database user {lead} (lead).\n"
    listed = json.loads(ok("team", "list", team.url, "--json").output)
    assert {(m["annotator"], m["role"]) for m in listed} == {
        ("salma", "annotator"), ("nour", "lead")
    }  # fmt: skip
    # the lead adds a reviewer; the reviewer may not add anyone
    reviewer = team.login("huda")
    ok("team", "add-user", as_user(team.url, lead), "huda", "--role", "reviewer",
       "--login", reviewer, "--no-password")  # fmt: skip
    line = fails("team", "add-user", as_user(team.url, reviewer), "amal", "--role",
                 "annotator", "--login", team.login("amal"), "--no-password")  # fmt: skip
    assert "may not change this project" in line and "permission denied" in line
    assert "amal" not in ok("team", "list", team.url).output
    assert fails("team", "add-user", team.url, "gold", "--role", "annotator",
                 "--no-password") == "Error: 'gold' is a reserved name, not a person"  # fmt: skip
    out = ok("team", "remove", team.url, "salma").output
    assert out == "Removed salma from the team; the database user was dropped.\n"
    assert "salma" not in ok("team", "list", team.url).output


def test_a_project_file_has_no_team_users(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    ok("init", db)
    line = fails("team", "list", db)
    assert line.startswith(f"Error: {db}: a project file has no database users")


def test_assign_and_next_as_an_annotator(team: Team) -> None:
    salma, omar = _add(team, "salma", "annotator"), _add(team, "omar", "annotator")
    out = ok("assign", team.url, "--per-article", "1").output
    assert out == "Assigned 4 article(s) to 2 annotators (omar 2, salma 2).\n"
    assert ok("assign", team.url, "--per-article", "1").output.startswith("Assigned 0 ")
    with team.open_as(salma) as store:  # salma sees only her two articles
        mine = store.article_ids(assigned_to="salma")
        assert len(mine) == 2 and store.article_count() == 4
        first = store.article(mine[0]).ext_id
    assert ok("next", as_user(team.url, salma), "--annotator", "salma").output.startswith(
        f"{first}\t"
    )
    line = fails("next", as_user(team.url, salma), "--annotator", "omar")
    assert "salma may ask for work only for themselves" in line
    line = fails("assign", as_user(team.url, omar), "--per-article", "2")
    assert "may not change this project" in line


def test_checkout_then_checkin_brings_offline_work_back(team: Team, tmp_path: Path) -> None:
    salma = _add(team, "salma", "annotator")
    ok("assign", team.url, "--per-article", "1", "--annotators", "salma")
    url = as_user(team.url, salma)
    with open_store(url) as server:
        a0 = server.article_by_ext_id("a0")
        kept = server.add_span(a0.id, "salma", "ORG", 6, 11)  # before the checkout
        removed = server.add_span(a0.id, "salma", "PERS", 0, 5)
    local = tmp_path / "trip.db"
    out = ok("checkout", url, local, "--annotator", "salma", "--n", "3").output
    assert out.startswith(f"Checked out 3 article(s) with 2 span(s) of salma to {local}")
    with open_store(local) as store:  # offline: one tag added, one removed, a note, done
        art = store.article_by_ext_id("a0")
        assert {(s.label, s.start) for s in store.spans(art.id)} == {("ORG", 6), ("PERS", 0)}
        gone = next(s for s in store.spans(art.id) if s.label == "PERS")
        store.delete_span(gone.id)
        store.add_span(art.id, "salma", "GPE", 56, 63)
        store.set_status(art.id, "salma", Status.DONE, note="راجعت “الأسماء” 📢")
    out = ok("checkin", local, url).output
    assert out == (
        f"Checked in {local}: 1 span(s) added, 1 removed, 1 status(es) set on 3 article(s).\n"
    )
    with open_store(team.url) as server:
        spans = {(s.label, s.start, s.end) for s in server.spans(a0.id)}
        assert spans == {("ORG", 6, 11), ("GPE", 56, 63)}
        assert kept.id in {s.id for s in server.spans(a0.id)} and removed.id not in {
            s.id for s in server.spans(a0.id)
        }
        assert server.status(a0.id, "salma").note == "راجعت “الأسماء” 📢"
    # idempotent: the same file again changes nothing
    assert ok("checkin", local, url).output == f"Nothing new to check in from {local}.\n"
    with open_store(team.url) as server:
        assert {(s.label, s.start) for s in server.spans(a0.id)} == {("ORG", 6), ("GPE", 56)}


def test_checkin_reports_a_conflict_and_keeps_the_newer(team: Team, tmp_path: Path) -> None:
    salma = _add(team, "salma", "annotator")
    ok("assign", team.url, "--per-article", "1", "--annotators", "salma")
    url = as_user(team.url, salma)
    local = tmp_path / "trip.db"
    ok("checkout", url, local, "--annotator", "salma")
    with open_store(url) as server:  # online meanwhile: a tag and a note on a1
        a1 = server.article_by_ext_id("a1")
        online = server.add_span(a1.id, "salma", "PERS", 4, 10)
        server.set_status(a1.id, "salma", Status.IN_PROGRESS, note="على الخادم",
                          changed_at="2030-01-01T00:00:00.000+00:00")  # fmt: skip
    with open_store(local) as store:  # offline, earlier by the clocks: another note
        art = store.article_by_ext_id("a1")
        store.set_status(art.id, "salma", Status.DONE, note="بلا اتصال",
                         changed_at="2029-12-31T00:00:00.000+00:00")  # fmt: skip
    result = run("checkin", local, url)
    assert result.exit_code == 0, result.output
    assert "Warning: article 'a1': the status or note changed offline and on the server" in (
        result.stderr
    )
    with open_store(team.url) as server:
        assert server.status(a1.id, "salma").note == "على الخادم"  # the newer one
        assert online.id in {s.id for s in server.spans(a1.id)}  # tagged online: kept
    with open_store(local) as store:  # the file now holds the server's side too
        art = store.article_by_ext_id("a1")
        assert {(s.label, s.start) for s in store.spans(art.id)} == {("PERS", 4)}
        assert store.status(art.id, "salma").note == "على الخادم"


def test_checkin_refuses_a_file_from_elsewhere(team: Team, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    ok("init", other)
    assert fails("checkin", other, team.url) == (
        f"Error: {other}: not a file made by annotator checkout"
    )
    _add(team, "salma", "annotator")
    line = fails("checkout", team.url, tmp_path / "x.db", "--annotator", "salma")
    assert "no unfinished articles are assigned to 'salma'" in line
    assert not (tmp_path / "x.db").exists()


def test_a_refused_checkin_changes_nothing_on_either_side(team: Team, tmp_path: Path) -> None:
    salma, omar = _add(team, "salma", "annotator"), _add(team, "omar", "annotator")
    ok("assign", team.url, "--per-article", "1", "--annotators", "salma")
    local = tmp_path / "trip.db"
    ok("checkout", as_user(team.url, salma), local, "--annotator", "salma")
    with open_store(local) as store:
        a0, a1 = store.article_by_ext_id("a0"), store.article_by_ext_id("a1")
        store.set_status(a0.id, "salma", Status.DONE, note="تم")
        store.add_span(a1.id, "salma", "PERS", 0, 3)
    before = local.read_bytes()
    with open_store(team.url) as server:
        history = len(list(server.history()))
    # omar may not write salma's work: the server refuses, and the checkin lands nothing
    line = fails("checkin", local, as_user(team.url, omar))
    assert "may not change this project" in line
    with open_store(team.url) as server:
        assert len(list(server.history())) == history
        assert server.status(server.article_by_ext_id("a0").id, "salma").note == ""
        assert server.spans(server.article_by_ext_id("a1").id) == []
    assert local.read_bytes() == before


def test_an_annotators_commands_see_only_their_work(team: Team, tmp_path: Path) -> None:
    salma, omar = _add(team, "salma", "annotator"), _add(team, "omar", "annotator")
    for login, name, label in ((salma, "salma", "ORG"), (omar, "omar", "PERS")):
        with open_store(as_user(team.url, login)) as store:
            art = store.article_by_ext_id("a0")
            store.add_span(art.id, name, label, 6, 11)
            store.set_status(art.id, name, Status.DONE)
    url = as_user(team.url, omar)
    stats = json.loads(ok("stats", url, "--json").output)
    assert stats["spans"] == 1 and stats["annotators"]["omar"]["spans"] == 1
    assert stats["annotators"]["salma"]["spans"] == 0  # salma's work is not shown to omar
    out = tmp_path / "omar.jsonl"
    ok("export", url, out, "--annotator", "omar")
    assert '"PERS"' in out.read_text(encoding="utf-8")
    line = fails("export", url, tmp_path / "salma.jsonl", "--annotator", "salma")
    assert line.endswith(
        "no article is marked done by salma; status all exports unfinished work too"
    )
    line = fails("export", url, tmp_path / "salma.jsonl", "--annotator", "salma", "--status", "all")
    assert line.endswith("salma has no spans or statuses")  # to omar, she has none
    assert not (tmp_path / "salma.jsonl").exists()
    assert "[وزارة|PERS]" in ok("show", url, "a0").output
