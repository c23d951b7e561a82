"""Render the app icon (resources/icons/annotator.svg) to the files desktops want.

    python scripts/icons.py

PNG at the sizes of the freedesktop icon theme (the Linux desktop entry, install.sh), a
Windows .ico and a macOS .icns (both read by packaging/annotator.spec), and the windows'
icon inside the package (annotator/gui/icons/annotator.png, 256 px). Qt renders the
SVG and writes the .ico; an .icns is a list of PNGs under four-byte type codes, written
here. Rerun after editing the SVG and commit the results.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
WINDOW_ICON = ROOT / "annotator" / "gui" / "icons" / "annotator.png"
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 32, 48, 256)
#: .icns entries holding PNG data: type code -> pixel size.
ICNS_TYPES = {b"icp4": 16, b"icp5": 32, b"ic07": 128, b"ic08": 256, b"ic09": 512}


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico_bytes(images: list[QImage]) -> bytes:
    """An .ico of PNG entries (Windows Vista and later read PNG inside .ico)."""
    pngs = [png_bytes(image) for image in images]
    out = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    for image, png in zip(images, pngs, strict=True):
        side = image.width() if image.width() < 256 else 0  # 0 means 256
        out += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
    return out + b"".join(pngs)


def icns_bytes(renderer: QSvgRenderer) -> bytes:
    body = b""
    for code, size in ICNS_TYPES.items():
        png = png_bytes(render(renderer, size))
        body += code + struct.pack(">I", 8 + len(png)) + png
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "annotator.svg"))
    if not renderer.isValid():
        print("resources/icons/annotator.svg does not render", file=sys.stderr)
        return 1
    for size in PNG_SIZES:
        (ICONS / f"annotator-{size}.png").write_bytes(png_bytes(render(renderer, size)))
    (ICONS / "annotator.ico").write_bytes(ico_bytes([render(renderer, s) for s in ICO_SIZES]))
    (ICONS / "annotator.icns").write_bytes(icns_bytes(renderer))
    WINDOW_ICON.write_bytes(png_bytes(render(renderer, 256)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
