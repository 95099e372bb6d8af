"""Renders resources/icons/fwdesk.svg to the PNG sizes, a Windows .ico and a macOS .icns.

    python packaging/make_icons.py OUTDIR

The .icns is written here (PNG entries under the icon types macOS reads), so no macOS tool
is needed to build it.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SOURCE = Path(__file__).resolve().parents[1] / "resources" / "icons" / "fwdesk.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICNS_TYPES = {128: b"ic07", 256: b"ic08", 512: b"ic09", 1024: b"ic10"}


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
    return bytes(data)


def ico(images: dict[int, bytes]) -> bytes:
    """An .ico holding PNG images (Windows Vista and later read PNG entries)."""
    sizes = [s for s in sorted(images) if s <= 256]
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        blob = images[size]
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def icns(images: dict[int, bytes]) -> bytes:
    body = b"".join(
        kind + struct.pack(">I", len(images[size]) + 8) + images[size]
        for size, kind in ICNS_TYPES.items()
    )
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def main() -> int:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SOURCE}")
    images = {size: png_bytes(render(renderer, size)) for size in (*PNG_SIZES, 1024)}
    for size in PNG_SIZES:
        (out / f"fwdesk-{size}.png").write_bytes(images[size])
    (out / "fwdesk.ico").write_bytes(ico(images))
    (out / "fwdesk.icns").write_bytes(icns(images))
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
