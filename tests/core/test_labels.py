"""Label names: trimmed, one line, never a second label that only differs by spaces."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.errors import ConflictError, ValidationError
from annotator.core.labels import (
    add_label,
    check_label_name,
    edit_label,
    load_label_file,
    parse_labels,
)
from annotator.core.store import Store


def names(store: Store) -> list[str]:
    return [lab.name for lab in store.labels()]


def test_names_are_trimmed() -> None:
    assert check_label_name("  PERS \u00a0") == "PERS"
    assert check_label_name(" منظمة حكومية ") == "منظمة حكومية"  # inner spaces stay


@pytest.mark.parametrize(
    "name, what",
    [
        ("PE\nRS", "a line break"),
        ("PERS\r\nX", "a line break"),
        ("A\tB", "a tab"),
        ("شخص\x00", "a NUL character"),
        ("A\x7fB", "the control character U+007F"),
        ("A\u2028B", "the control character U+2028"),
    ],
)
def test_control_characters_are_refused(name: str, what: str) -> None:
    with pytest.raises(ValidationError) as info:
        check_label_name(name)
    assert str(info.value) == (
        f"label name {name.strip()!r} holds {what}; a label name is one line of text"
        " without tabs or control characters"
    )
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("name", ["", "   ", "\t\n", None, 3])
def test_empty_or_not_text_is_refused(name: object) -> None:
    with pytest.raises(ValidationError, match="^(label name is empty|a label name must be text)$"):
        check_label_name(name)


def test_a_name_equal_to_another_once_trimmed_is_refused() -> None:
    with pytest.raises(ConflictError, match=r"^label 'PERS' already exists$"):
        check_label_name("PERS ", ["ORG", "PERS"])
    with pytest.raises(ConflictError, match=r"^label 'PERS' already exists \(as 'PERS '\)$"):
        check_label_name("PERS", ["PERS "])  # a label stored before names were trimmed
    assert check_label_name("PERSON", ["PERS"]) == "PERSON"


def test_add_label_trims_and_refuses_a_look_alike(project: Store) -> None:
    before = names(project)
    assert add_label(project, " LAW ", display_name="قانون").name == "LAW"
    assert project.label("LAW").display_name == "قانون"
    for bad in ("PERS ", "\tLAW", "LA\nW"):
        with pytest.raises((ValidationError, ConflictError)):
            add_label(project, bad)
    assert names(project) == [*before, "LAW"]


def test_edit_label_checks_a_new_name(project: Store) -> None:
    before = names(project)
    with pytest.raises(ConflictError, match=r"^label 'ORG' already exists$"):
        edit_label(project, "PERS", name=" ORG")
    with pytest.raises(ValidationError, match="a line break"):
        edit_label(project, "PERS", name="PER\nSON")
    assert names(project) == before
    edit_label(project, "PERS", name=" PERS ", color="#123456")  # same name once trimmed
    assert project.label("PERS").color == "#123456"
    assert edit_label(project, "PERS", name=" PERSON ").name == "PERSON"
    assert "PERSON" in names(project) and "PERS" not in names(project)


def test_label_files_are_checked_the_same_way(tmp_path: Path) -> None:
    assert [s["name"] for s in parse_labels([{"name": " LAW "}, {"name": "ORG"}], "f")] == [
        "LAW", "ORG"
    ]
    with pytest.raises(ValidationError, match=r"^f: label 2: 'X' appears twice$"):
        parse_labels([{"name": "X "}, {"name": "X"}], "f")
    path = tmp_path / "labels.json"
    path.write_text(json.dumps([{"name": "شخص\n"}, {"name": "A\tB"}]), encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_label_file(path)
    assert str(info.value) == (
        f"{path}: label 2: label name 'A\\tB' holds a tab; a label name is one line of text"
        " without tabs or control characters"
    )
