"""The GUI figures with each candidate face, with and without colour emoji (issue 18).

    python -m benchmarks.fonts [--n 20000] [--json fonts.json]

The app draws articles in the first installed face of ``PREFERRED_FAMILIES``
(``annotator/gui/common/settings.py``); which faces a machine has changes how long laying
out and painting Arabic takes (a face with many ligatures and marks, such as Amiri, shapes
more). For the app's own pick and for each candidate (Amiri, Noto Naskh Arabic, DejaVu
Sans), with the colour emoji font visible to fontconfig and hidden from it, one window
process (``gui_driver interact``) measures the next article (p95), opening the
200,000-character article (median) and scrolling it a page (p95), and names the face it
really drew with. Colour emoji are hidden with a fontconfig file that includes the
system's and rejects the colour emoji font, so nothing is uninstalled.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks import corpus
from benchmarks.bench_gui import ANNOTATOR, _drive, _forget_last_article
from benchmarks.measure import median, p95

CANDIDATES = (None, "Amiri", "Noto Naskh Arabic", "DejaVu Sans")  # None: the app's pick
EMOJI_FONT = "Noto Color Emoji"
_NO_EMOJI = f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <selectfont><rejectfont><pattern>
    <patelt name="family"><string>{EMOJI_FONT}</string></patelt>
  </pattern></rejectfont></selectfont>
</fontconfig>
"""


def measure_face(
    face: str | None, emoji: bool, db: Path, long_db: Path, conf: Path, counts: dict[str, int]
) -> dict[str, Any]:
    env = {"ANNOTATOR_BENCH_FONT": face or ""}
    if not emoji:
        env["FONTCONFIG_FILE"] = str(conf)
    saved = {k: os.environ.get(k) for k in ("ANNOTATOR_BENCH_FONT", "FONTCONFIG_FILE")}
    os.environ.update(env)
    if emoji:
        os.environ.pop("FONTCONFIG_FILE", None)
    try:
        _forget_last_article(db)
        r = _drive("interact", str(db), str(long_db), ANNOTATOR, json.dumps(counts))
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return {
        "asked": face or "(the app's pick)",
        "face": r["face"],
        "colour_emoji": r.get("colour_emoji", emoji),
        "next_p95_ms": p95([t * 1000 for t in r["switch_s"]]),
        "long_open_ms": median([t * 1000 for t in r["long_open_s"]]),
        "scroll_p95_ms": p95([t * 1000 for t in r["scroll_s"]]),
        "scroll_median_ms": median([t * 1000 for t in r["scroll_s"]]),
    }


def table(rows: list[dict[str, Any]]) -> str:
    out = [
        "| face asked | face drawn | colour emoji | next article p95 | open long article"
        " | scroll a page p95 (median) |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        out.append(
            f"| {r['asked']} | {r['face']} | {'yes' if r['colour_emoji'] else 'no'}"
            f" | {r['next_p95_ms']:.1f} ms | {r['long_open_ms']:.0f} ms"
            f" | {r['scroll_p95_ms']:.1f} ms ({r['scroll_median_ms']:.1f} ms) |"
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.fonts")
    p.add_argument("--n", type=int, default=20_000, help="articles (default 20,000)")
    p.add_argument("--quick", action="store_true", help="few steps per figure")
    p.add_argument("--json", type=Path, default=None)
    args = p.parse_args(argv)
    counts = (
        {"switch": 5, "tag": 0, "long": 1, "scroll": 5}
        if args.quick
        else {"switch": 50, "tag": 0, "long": 3, "scroll": 100}
    )
    db = corpus.project(args.n)
    long_db = corpus.long_project()
    rows = []
    with tempfile.TemporaryDirectory(prefix="annotator-fonts-") as tmp:
        conf = Path(tmp) / "no-colour-emoji.conf"
        conf.write_text(_NO_EMOJI, encoding="utf-8")
        for face in CANDIDATES:
            for emoji in (True, False):
                row = measure_face(face, emoji, db, long_db, conf, counts)
                print(f"  {row['asked']}, emoji {emoji}: {row}", file=sys.stderr, flush=True)
                rows.append(row)
    print(table(rows))
    if args.json is not None:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
