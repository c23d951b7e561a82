"""Rebuild README.md's sections from docs/readme/*.md (run after editing a section).

README.md keeps its own head (up to the `<!-- sections -->` line) and tail (from
`## Project layout`); the sections between come from the files below, in this order.
"""

from __future__ import annotations

from pathlib import Path

ORDER = ["app", "cli", "import", "export", "team", "search", "reliability", "benchmarks"]
BEGIN = "<!-- sections -->"
END = "<!-- /sections -->"


def main() -> None:
    root = Path(__file__).resolve().parents[2]
    readme = root / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1] if END in rest else rest[rest.index("## Project layout") :]
    parts = [
        (root / "docs" / "readme" / f"{name}.md").read_text(encoding="utf-8").strip()
        for name in ORDER
    ]
    body = "\n\n".join(parts)
    readme.write_text(f"{head}{BEGIN}\n\n{body}\n\n{END}\n\n{tail.lstrip()}", encoding="utf-8")


if __name__ == "__main__":
    main()
