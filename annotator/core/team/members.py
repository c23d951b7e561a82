"""The team of a server project: database users, the annotator name each works under,
and their role (``annotator team add-user``, ``team list``, ``team remove``).

The rights themselves are PostgreSQL's (GRANTs and row-level security, made by the store:
core/store/postgres/roles.py), so they hold for anyone who connects as that user, with
this program or without it. Here are the checks a person's input gets first.
"""

from __future__ import annotations

from annotator.core.errors import ValidationError
from annotator.core.model import TEAM_ROLES, AnnotatorKind, TeamMember, kind_for_name
from annotator.core.store import Store


def add_member(
    store: Store, name: str, role: str, password: str | None, *, login: str | None = None
) -> TeamMember:
    """Make ``name`` a member of the team with ``role``; a second call changes the role
    (and the password, if one is given)."""
    name = name.strip()
    if not name:
        raise ValidationError("the annotator's name is empty")
    if kind_for_name(name) != AnnotatorKind.HUMAN:
        raise ValidationError(f"{name!r} is a reserved name, not a person")
    if role not in TEAM_ROLES:
        raise ValidationError(f"unknown role {role!r}; use one of {', '.join(TEAM_ROLES)}")
    if password is not None and not password:
        raise ValidationError("the password is empty")
    return store.add_team_member(name, role, password, login=login.strip() if login else None)


def list_members(store: Store) -> list[TeamMember]:
    return store.team_members()


def remove_member(store: Store, name: str) -> TeamMember:
    """Take ``name``'s rights on the project away; their work stays in it."""
    return store.remove_team_member(name.strip())
