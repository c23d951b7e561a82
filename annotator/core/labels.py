"""Label sets: the default Arabic news set, label files, and generated colors."""

from __future__ import annotations

import colorsys
import hashlib
import json
from importlib import resources
from pathlib import Path
from typing import Any

from annotator.core.errors import ValidationError

LABEL_FIELDS = ("name", "display_name", "color", "shortcut", "guideline")


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
        name = item["name"]
        if not name.strip():
            raise ValidationError(f"{source}: label {i}: name is empty")
        if name in seen:
            raise ValidationError(f"{source}: label {i}: {name!r} appears twice")
        seen.add(name)
        unknown = set(item) - set(LABEL_FIELDS)
        if unknown:
            raise ValidationError(
                f"{source}: label {name!r}: unknown field(s) {', '.join(sorted(unknown))}"
            )
        out.append({k: item[k] for k in LABEL_FIELDS if k in item})
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
