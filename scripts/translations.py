"""Update the Arabic translation from the app's sources and compile it into the package.

    .venv/bin/python scripts/translations.py           # lupdate, then lrelease
    .venv/bin/python scripts/translations.py --check   # list unfinished entries; exit 1 if any

``lupdate`` collects every ``tr("…")``, ``QT_TR_NOOP("…")`` and
``QCoreApplication.translate("Context", "…")`` of annotator/gui into
resources/i18n/annotator_ar.ts (the export dialog's ``_tr`` counts as ``tr``); translate
the entries it marks unfinished (Qt Linguist, or any editor), then run this again:
``lrelease`` writes annotator/gui/translations/annotator_ar.qm, which ships in the package.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "annotator_ar.ts"
QM = ROOT / "annotator" / "gui" / "translations" / "annotator_ar.qm"
SOURCES = ROOT / "annotator" / "gui"


def tool(name: str) -> str:
    """A Qt tool of the PySide6 next to this Python (pyside6-lupdate, pyside6-lrelease)."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found; install PySide6 in this environment")
    return found


def sources() -> list[str]:
    return sorted(str(p) for p in SOURCES.rglob("*.py"))


def lupdate(ts: Path = TS) -> str:
    """Bring ``ts`` up to date with the sources (entries no longer used are dropped)."""
    done = subprocess.run(
        [
            tool("pyside6-lupdate"),
            *sources(),
            "-tr-function-alias",
            "tr+=_tr",
            "-no-obsolete",
            "-locations",
            "none",
            "-ts",
            str(ts),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    # lupdate takes the "#:" attribute comments of the code for notes to translators;
    # they describe the code, not the text, so they are left out.
    text = ts.read_text(encoding="utf-8")
    ts.write_text(re.sub(r"\n *<extracomment>.*?</extracomment>", "", text), encoding="utf-8")
    return done.stdout + done.stderr


def lrelease(ts: Path = TS, qm: Path = QM) -> None:
    qm.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True
    )


def unfinished(ts: Path = TS) -> list[str]:
    """Source texts without a finished translation."""
    root = ET.parse(ts).getroot()
    out = []
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") or not (translation.text or ""):
            out.append(message.findtext("source") or "")
    return out


def main(argv: list[str]) -> int:
    print(lupdate().strip())
    missing = unfinished()
    for source in missing:
        print(f"unfinished: {source}")
    if "--check" in argv:
        return 1 if missing else 0
    lrelease()
    print(f"wrote {QM.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
