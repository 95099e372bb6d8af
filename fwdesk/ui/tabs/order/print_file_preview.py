"""A small picture of what the print keeps: the picture (or, for a file only known by its
URL, a plain shape of its proportions) with the parts the print's shape cuts off shaded.
It takes the picture's own proportions, so it never leaves a gap beside its caption."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from fwdesk.core.artwork import Crop, Pixels
from fwdesk.ui.widgets.theme import colours

PREVIEW_SIDE = 96


class CropPreview(QWidget):
    def __init__(self) -> None:
        super().__init__(objectName="printCropPreview")
        self.setFixedSize(QSize(PREVIEW_SIDE, PREVIEW_SIDE))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Preview of the part that is printed")
        self._pixels: Pixels | None = None
        self._crop: Crop | None = None
        self._image = QImage()

    def show_crop(self, pixels: Pixels, crop: Crop, image: QImage | None = None) -> None:
        """`image` is the picture itself, where it is at hand (a file on this computer)."""
        self._pixels, self._crop = pixels, crop
        self._image = image if image is not None else QImage()
        shape = QSize(pixels.width, pixels.height)
        shape.scale(PREVIEW_SIDE, PREVIEW_SIDE, Qt.AspectRatioMode.KeepAspectRatio)
        self.setFixedSize(shape.expandedTo(QSize(8, 8)))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        if self._pixels is None or self._crop is None:
            return
        across, down = self.width() / self._pixels.width, self.height() / self._pixels.height
        picture = QRectF(self.rect())
        kept = QRectF(
            self._crop.left * across,
            self._crop.top * down,
            self._crop.width * across,
            self._crop.height * down,
        )
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if self._image.isNull():
            painter.fillRect(picture, QColor(colours().rule))
        else:
            painter.drawImage(picture, self._image)
        shade = QColor(17, 24, 39, 150)
        if self._crop.sides:
            painter.fillRect(QRectF(picture.topLeft(), kept.bottomLeft()), shade)
            painter.fillRect(QRectF(kept.topRight(), picture.bottomRight()), shade)
        else:
            painter.fillRect(QRectF(picture.topLeft(), kept.topRight()), shade)
            painter.fillRect(QRectF(kept.bottomLeft(), picture.bottomRight()), shade)
        painter.setPen(QPen(QColor(colours().accent), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(kept.adjusted(1, 1, -1, -1))
        painter.end()
