"""The main window opened by a team member, connected as their own login role: with
assignments, the article list holds only their articles, and they tag as usual; the
spans of others (hidden by the server) never show."""

from __future__ import annotations

from team_server import Team, as_user

from annotator.core.model import Status
from annotator.core.store import open_store
from annotator.core.team.assignment import assign_static
from annotator.core.team.members import add_member


def test_an_annotator_sees_only_their_articles_and_their_spans(team: Team, make_window) -> None:
    salma, omar = team.login("salma"), team.login("omar")
    with open_store(team.url) as owner:
        add_member(owner, "salma", "annotator", None, login=salma)
        add_member(owner, "omar", "annotator", None, login=omar)
        assign_static(owner, 1, ["salma", "omar"])
        theirs = [a.article_id for a in owner.assignments("omar")]
        owner.add_span(theirs[0], "omar", "PERS", 0, 3)
        mine = [a.article_id for a in owner.assignments("salma")]
        shared = mine[0]
        owner.add_span(shared, "omar", "ORG", 0, 5)  # omar's work on salma's article
    window = make_window(as_user(team.url, salma), "salma")
    assert window.list_model.ids == mine
    window.store.add_span(shared, "salma", "GPE", 0, 5)
    window.store.set_status(shared, "salma", Status.DONE)
    assert [s.annotator for s in window.store.spans(shared)] == ["salma"]
    window.close()


def test_articles_assigned_while_the_window_is_open_appear_in_its_list(
    team: Team, make_window, qtbot
) -> None:
    """Assignment changes reach open windows live (the server's notice on the
    ``assignments`` table), with no reopening."""
    salma = team.login("salma")
    with open_store(team.url) as owner:
        add_member(owner, "salma", "annotator", None, login=salma)
        add_member(owner, "omar", "annotator", None, login=team.login("omar"))
        assign_static(owner, 1, ["salma", "omar"])
        first = [a.article_id for a in owner.assignments("salma")]
    window = make_window(as_user(team.url, salma), "salma")
    assert window.list_model.ids == first and len(first) == 2
    with open_store(team.url) as owner:
        assign_static(owner, 2, ["salma", "omar"])  # now everyone does every article
        now = sorted(a.article_id for a in owner.assignments("salma"))
    assert len(now) == 4
    qtbot.waitUntil(lambda: sorted(window.list_model.ids) == now, timeout=5000)
    window.close()
