"""Roles enforced by the server: each test connects AS a team member (a real login role on
the test server) and checks that what the role may do works and what it may not fails
with the server's permission error, also through plain SQL, as with ``psql``.

Blind annotation: an annotator sees no one else's spans, statuses or notes; a reviewer
reads everyone's and writes the gold layer; only a lead adds users and labels.
"""

from __future__ import annotations

import psycopg
import pytest
from team_server import Team, as_user

from annotator.core.errors import AnnotatorError, NotFoundError, ProjectError, WriteFailedError
from annotator.core.model import ArticleIn, Status
from annotator.core.store import open_store
from annotator.core.store.location import parse_server_url
from annotator.core.team.members import add_member, list_members, remove_member


def _people(team: Team) -> dict[str, str]:
    """salma and omar annotate, huda reviews, nour leads; their logins."""
    logins = {n: team.login(n) for n in ("salma", "omar", "huda", "nour")}
    roles = {"salma": "annotator", "omar": "annotator", "huda": "reviewer", "nour": "lead"}
    with open_store(team.url) as owner:
        for name, role in roles.items():
            add_member(owner, name, role, None, login=logins[name])
    return logins


def _psql(team: Team, login: str, sql: str) -> list[tuple[object, ...]]:
    """Run SQL as ``login`` on the project's schema, as psql would."""
    loc = parse_server_url(as_user(team.url, login))
    with psycopg.connect(loc.conninfo, autocommit=True) as conn:
        conn.execute(f'SET search_path = "{loc.schema}"')
        cur = conn.execute(sql)  # type: ignore[arg-type]
        return cur.fetchall() if cur.description else []


def test_an_annotator_sees_and_changes_only_their_own_work(team: Team) -> None:
    logins = _people(team)
    with team.open_as(logins["salma"]) as salma:
        art = salma.article_by_ext_id("a0")
        start = art.text.index("وزارة")
        mine = salma.add_span(art.id, "salma", "ORG", start, start + len("وزارة التضامن"))
        salma.set_status(art.id, "salma", Status.DONE, note="راجعت الأسماء")
    with team.open_as(logins["omar"]) as omar:
        assert omar.article_count() == 4 and omar.labels()  # articles and labels: read
        assert omar.spans(art.id) == [] and omar.spans(art.id, ["salma"]) == []
        assert omar.status(art.id, "salma").note == ""  # someone else's note: not there
        assert omar.statuses_for_articles([art.id]) == {}
        with pytest.raises(NotFoundError):
            omar.span(mine.id)
        assert not any(e.actor == "salma" for e in omar.history())
        theirs = omar.add_span(art.id, "omar", "GPE", 0, 5)
        assert [s.annotator for s in omar.spans(art.id)] == ["omar"]
        # writing someone else's work, or the gold layer, is refused by the server
        for who in ("salma", "gold"):
            with pytest.raises(WriteFailedError, match="may not change this project"):
                omar.add_span(art.id, who, "GPE", 0, 5)
        with pytest.raises(WriteFailedError, match="may not change this project"):
            omar.set_status(art.id, "salma", Status.TODO)
        with pytest.raises(WriteFailedError, match="may not change this project"):
            omar.add_label("NEW")
        with pytest.raises(AnnotatorError, match="permission denied"):
            with omar.transaction():
                omar.insert_articles([ArticleIn(ext_id="x", text="نص")])
    # nothing salma made was touched; omar's one span is there
    with open_store(team.url) as owner:
        spans = owner.spans(art.id)
        assert {(s.annotator, s.label) for s in spans} == {("salma", "ORG"), ("omar", "GPE")}
        assert owner.status(art.id, "salma").note == "راجعت الأسماء"
        assert "NEW" not in {lab.name for lab in owner.labels()}
        assert theirs.id in {s.id for s in spans}
    # the same holds for SQL typed by hand: the database itself hides the rows
    assert _psql(team, logins["omar"], "SELECT count(*) FROM spans") == [(1,)]
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        _psql(team, logins["omar"], "DELETE FROM articles")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        _psql(team, logins["omar"], f"UPDATE spans SET annotator_id = 1 WHERE id = {theirs.id}")


def test_a_reviewer_reads_everyone_and_writes_gold_but_adds_no_users(team: Team) -> None:
    logins = _people(team)
    with team.open_as(logins["salma"]) as salma:
        art = salma.article_by_ext_id("a1")
        salma.add_span(art.id, "salma", "PERS", 0, 3)
        salma.set_status(art.id, "salma", Status.DONE, note="ملاحظة")
    with team.open_as(logins["huda"]) as huda:
        assert [s.annotator for s in huda.spans(art.id)] == ["salma"]
        assert huda.status(art.id, "salma").note == "ملاحظة"
        gold = huda.add_span(art.id, "gold", "PERS", 0, 3)
        huda.set_review(art.id, "done", "huda")
        with pytest.raises(WriteFailedError, match="may not change this project"):
            huda.add_span(art.id, "salma", "GPE", 4, 8)  # an annotator's own layer
        with pytest.raises(WriteFailedError, match="may not change this project"):
            add_member(huda, "someone", "annotator", None, login=team.login("someone"))
        with pytest.raises(WriteFailedError, match="may not change this project"):
            huda.add_label("NEW")
    with open_store(team.url) as owner:
        assert gold.id in {s.id for s in owner.spans(art.id, ["gold"])}
        assert owner.review_status(art.id) == "done"
        assert "someone" not in {m.annotator for m in list_members(owner)}
    assert _psql(team, logins["huda"], "SELECT count(*) FROM spans") == [(2,)]


def test_a_lead_manages_labels_users_imports_and_sees_everything(team: Team) -> None:
    logins = _people(team)
    with team.open_as(logins["salma"]) as salma:
        art = salma.article_by_ext_id("a2")
        salma.add_span(art.id, "salma", "PERS", 0, 4)
    extra = team.login("amal")
    with team.open_as(logins["nour"]) as nour:
        assert [s.annotator for s in nour.spans(art.id)] == ["salma"]
        nour.add_label("PRODUCT", shortcut="p")
        with nour.transaction():
            nour.insert_articles([ArticleIn(ext_id="new", text="خبر جديد من دمشق")])
        member = add_member(nour, "amal", "annotator", "كلمة-سر", login=extra)
        assert member.role == "annotator"
        assert {m.annotator: m.role for m in list_members(nour)} == {
            "salma": "annotator", "omar": "annotator", "huda": "reviewer", "nour": "lead",
            "amal": "annotator",
        }  # fmt: skip
    with team.open_as(extra) as amal:  # the new user works at once (trust: no password)
        assert amal.article_count() == 5 and amal.spans(art.id) == []
    # A lead has no right to make roles on the whole server, and may not set the password
    # of a database user from outside the team (here: the project's owner).
    owner_login = parse_server_url(team.url).conninfo.split("//")[1].split("@")[0]
    assert _psql(team, logins["nour"], "SELECT rolcreaterole FROM pg_roles"
                 " WHERE rolname = current_user") == [(False,)]  # fmt: skip
    outsider = team.login("outsider")
    _psql(team, owner_login, f'CREATE ROLE "{outsider}" LOGIN')
    with team.open_as(logins["nour"]) as nour:
        with pytest.raises(WriteFailedError, match="is not a plain login role"):
            add_member(nour, "boss", "annotator", None, login=owner_login)  # a superuser
        with pytest.raises(WriteFailedError, match="outside this team"):
            add_member(nour, "outsider", "annotator", "x", login=outsider)
        add_member(nour, "outsider", "reviewer", None, login=outsider)  # membership only
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            _psql(team, logins["nour"], f"CREATE ROLE {team.login('sneaky')} LOGIN")


def test_removing_a_member_takes_the_rights_and_keeps_the_work(team: Team) -> None:
    logins = _people(team)
    with team.open_as(logins["omar"]) as omar:
        art = omar.article_by_ext_id("a3")
        omar.add_span(art.id, "omar", "GPE", 0, 4)
    with open_store(team.url) as owner:
        gone = remove_member(owner, "omar")
        assert gone.login == logins["omar"] and not gone.can_log_in  # the login was dropped
        assert "omar" not in {m.annotator for m in list_members(owner)}
        assert [s.annotator for s in owner.spans(art.id)] == ["omar"]  # the work stays
        with pytest.raises(NotFoundError, match="not a member"):
            remove_member(owner, "omar")
    with pytest.raises(ProjectError, match="cannot connect"):
        team.open_as(logins["omar"])


def test_a_project_file_has_no_team(tmp_path) -> None:
    from annotator.core.labels import default_labels
    from annotator.core.store import create_store

    with create_store(tmp_path / "news.db", default_labels()) as store:
        with pytest.raises(ProjectError, match="no database users"):
            add_member(store, "salma", "annotator", None)
        with pytest.raises(ProjectError, match="no database users"):
            list_members(store)


def test_an_upgrade_gives_the_team_its_rights_on_new_tables(
    team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.core.store.postgres import schema, server

    logins = _people(team)
    newer = schema.CURRENT_VERSION + 1
    monkeypatch.setitem(
        schema.MIGRATIONS, newer, "CREATE TABLE extra (x int); INSERT INTO extra VALUES (7);"
    )
    monkeypatch.setattr(server, "CURRENT_VERSION", newer)
    open_store(team.url).close()  # the owner opens it: upgraded, and the team's rights
    assert _psql(team, logins["omar"], "SELECT x FROM extra") == [(7,)]
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        _psql(team, logins["omar"], "DELETE FROM extra")
    _psql(team, logins["nour"], "DELETE FROM extra")  # a lead may


def test_adding_a_member_again_changes_their_role(team: Team) -> None:
    logins = _people(team)
    with team.open_as(logins["salma"]) as salma:
        art = salma.article_by_ext_id("a0")
        salma.add_span(art.id, "salma", "ORG", 6, 11)
    with team.open_as(logins["omar"]) as omar:
        assert omar.spans(art.id) == []
    with open_store(team.url) as owner:
        add_member(owner, "omar", "reviewer", None, login=logins["omar"])
        assert {m.annotator: m.role for m in list_members(owner)}["omar"] == "reviewer"
    with team.open_as(logins["omar"]) as omar:  # a reviewer now: reads everyone's work
        assert [s.annotator for s in omar.spans(art.id)] == ["salma"]
    with open_store(team.url) as owner:
        add_member(owner, "omar", "annotator", None, login=logins["omar"])
    with team.open_as(logins["omar"]) as omar:  # and back: the reviewer's rights are gone
        assert omar.spans(art.id) == []
