"""scripts/screenshots.py renders the docs' pictures from the sample project with the real
windows: spans in their label colors, the Arabic window mirrored."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtGui import QColor, QImage

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "screenshots.py"


def _script():
    spec = importlib.util.spec_from_file_location("screenshots", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _colors(image: QImage, left: int, right: int) -> set[str]:
    return {
        image.pixelColor(x, y).name()
        for x in range(left, right, 3)
        for y in range(0, image.height(), 3)
    }


def test_the_main_window_in_both_languages_shows_the_spans(tmp_path, qapp):
    shots = _script().render(tmp_path, ["main"], ["en", "ar"])
    assert [p.name for p in shots] == ["main-en.png", "main-ar.png"]
    english, arabic = (QImage(str(p)) for p in shots)
    assert (english.width(), english.height()) == (1400, 820)
    # the article is in the middle; the palette and span list are on the right in
    # English and on the left in Arabic (the window mirrors)
    for image, (left, right) in ((english, (350, 1100)), (arabic, (300, 1050))):
        colors = _colors(image, left, right)
        for label_color in ("#ffd6a5", "#caffbf", "#9bf6ff"):  # PERS, OCC, ORG
            assert QColor(label_color).name() in colors
    assert QColor("#ffd6a5").name() in _colors(arabic, 0, 280)  # the palette's PERS button
    assert QColor("#ffd6a5").name() not in _colors(english, 0, 280)  # the list is there


def test_every_picture_the_docs_show_is_committed():
    names = _script().SHOTS
    images = SCRIPT.parents[1] / "docs" / "images"
    for name in names:
        for lang in ("en", "ar"):
            path = images / f"{name}-{lang}.png"
            assert path.exists() and path.stat().st_size < 400_000, path
