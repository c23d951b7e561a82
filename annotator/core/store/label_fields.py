"""Checks of a label's fields that every backend makes before writing them."""

from __future__ import annotations

from typing import Any

from annotator.core.errors import ValidationError


def check_label_types(name: str, fields: dict[str, Any]) -> None:
    """Label fields are text (a label file may hold ``"shortcut": 5``), the order a number."""
    for key, value in fields.items():
        want = int if key == "sort_order" else str
        if value is not None and (not isinstance(value, want) or isinstance(value, bool)):
            kind = "a whole number" if want is int else "text"
            raise ValidationError(f"label {name!r}: {key} must be {kind}, not {value!r}")
