"""docs/make_screenshot.py renders the window with colored spans (what the README shows)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtGui import QColor, QImage

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "make_screenshot.py"


def test_screenshot_shows_the_spans_in_their_label_colors(tmp_path, qapp):
    spec = importlib.util.spec_from_file_location("make_screenshot", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = module.main(tmp_path / "shot.png")
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 820)
    colors = {  # left of the palette and span list (the right-hand 300 pixels)
        image.pixelColor(x, y).name()
        for x in range(0, image.width() - 300, 3)
        for y in range(0, image.height(), 3)
    }
    for label_color in ("#ffd6a5", "#caffbf", "#9bf6ff"):  # PERS, OCC, ORG
        assert QColor(label_color).name() in colors
