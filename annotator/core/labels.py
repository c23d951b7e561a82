"""Label sets: the default Arabic news set, label files, generated colors, and label names.

A label name is the key of every span in every export, so it is checked in one place,
``check_label_name``, whichever way it enters (a label file, ``annotator labels add`` or
``edit --rename``, the label editor, the spans of an imported file): trimmed, one line
without control characters, and not another label's name once trimmed, so ``"PERS "``
can never become a second label that looks like ``PERS``.
"""

from __future__ import annotations

import colorsys
import hashlib
import json
import unicodedata
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

from annotator.core.errors import ConflictError, ValidationError

LABEL_FIELDS = ("name", "display_name", "color", "shortcut", "guideline")

# Characters a label name may not hold: control characters (newline, tab, NUL...), the
# Unicode line and paragraph separators, and lone surrogates (not text at all).
_NOT_IN_NAMES = {"Cc", "Zl", "Zp", "Cs"}
_CHARACTER_NAMES = {
    "\n": "a line break", "\r": "a line break", "\t": "a tab", "\x00": "a NUL character"
}


def _describe(ch: str) -> str:
    return _CHARACTER_NAMES.get(ch, f"the control character U+{ord(ch):04X}")


def check_label_name(name: object, others: Iterable[str] = ()) -> str:
    """The name to store for a label: ``name`` trimmed, or ``ValidationError`` saying why not.

    ``others`` are the names of the labels it must differ from (the project's, less the one
    being renamed); they are compared trimmed too, so a name that differs from one of them
    only by spaces at either end is refused as well (``ConflictError``).
    """
    if not isinstance(name, str):
        raise ValidationError("a label name must be text")
    clean = name.strip()
    if not clean:
        raise ValidationError("label name is empty")
    bad = next((ch for ch in clean if unicodedata.category(ch) in _NOT_IN_NAMES), None)
    if bad is not None:
        raise ValidationError(
            f"label name {clean!r} holds {_describe(bad)}; a label name is one line of text"
            " without tabs or control characters"
        )
    for other in others:
        if other.strip() == clean:
            also = "" if other == clean else f" (as {other!r})"
            raise ConflictError(f"label {clean!r} already exists{also}")
    return clean


class LabelStore(Protocol):
    """What adding and changing labels needs of a store (``annotator.core.store.Store``)."""

    def labels(self) -> list[Any]: ...

    def add_label(
        self,
        name: str,
        display_name: str = "",
        color: str | None = None,
        shortcut: str | None = None,
        guideline: str = "",
        sort_order: int | None = None,
    ) -> Any: ...

    def update_label(self, name: int | str, /, **fields: Any) -> Any: ...


def add_label(store: LabelStore, name: str, **fields: Any) -> Any:
    """Add a label whose name passes ``check_label_name``; returns the stored label."""
    clean = check_label_name(name, (lab.name for lab in store.labels()))
    return store.add_label(clean, **fields)


def edit_label(store: LabelStore, name: int | str, /, **fields: Any) -> Any:
    """Change a label (named by id or name); a new ``name=`` in ``fields`` is checked like a
    new label's name."""
    if "name" in fields:
        others = (lab.name for lab in store.labels() if name not in (lab.id, lab.name))
        fields["name"] = check_label_name(fields["name"], others)
        if fields["name"] == name:
            del fields["name"]
    return store.update_label(name, **fields)


def label_color(name: str) -> str:
    """A stable, light background color for a label that came without one."""
    digest = hashlib.sha1(name.encode("utf-8", "surrogatepass")).digest()
    hue = digest[0] / 255
    r, g, b = colorsys.hls_to_rgb(hue, 0.78, 0.65)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


def parse_labels(data: Any, source: str) -> list[dict[str, Any]]:
    """Validate a label list (a JSON array of objects, or ``{"labels": [...]}``)."""
    if isinstance(data, dict) and "labels" in data:
        data = data["labels"]
    if not isinstance(data, list):
        raise ValidationError(f"{source}: expected a JSON list of labels")
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, item in enumerate(data, 1):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise ValidationError(f"{source}: label {i}: needs a \"name\" string")
        try:
            name = check_label_name(item["name"])
        except ValidationError as exc:
            raise ValidationError(f"{source}: label {i}: {exc}") from None
        if name in seen:
            raise ValidationError(f"{source}: label {i}: {name!r} appears twice")
        seen.add(name)
        unknown = set(item) - set(LABEL_FIELDS)
        if unknown:
            raise ValidationError(
                f"{source}: label {name!r}: unknown field(s) {', '.join(sorted(unknown))}"
            )
        out.append({**{k: item[k] for k in LABEL_FIELDS if k in item}, "name": name})
    return out


def load_label_file(path: str | Path) -> list[dict[str, Any]]:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValidationError(f"{path}: no such label file") from None
    except UnicodeDecodeError:
        raise ValidationError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ValidationError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    return parse_labels(data, str(path))


def default_labels() -> list[dict[str, Any]]:
    """The default Arabic news label set shipped with the package."""
    text = resources.files("annotator.data").joinpath("default_labels.json").read_text("utf-8")
    return parse_labels(json.loads(text), "default_labels.json")
