"""Product images, fetched and decoded off the GUI thread and kept on disk between runs."""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap

from fwdesk.core.jobs import JobContext
from fwdesk.ui.work.jobs import Job, JobRunner
from fwdesk.ui.work.lanes import Priority

log = logging.getLogger(__name__)
THUMBNAIL_SIZE = 160


class Thumbnails(QObject):
    """`pixmap(url)` answers at once from memory, or starts a load and emits `ready(url)`."""

    ready = Signal(str)

    def __init__(self, service: JobRunner, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._folder = folder
        self._pixmaps: dict[str, QPixmap] = {}
        self._icons: dict[str, QIcon] = {}
        self._loading: set[str] = set()
        self._failed: set[str] = set()

    def use_source(self, service: JobRunner, _store: object) -> None:
        """Another account: only the lane changes, pictures are the same for every account."""
        self._service = service
        self._loading.clear()

    def pixmap(self, url: str) -> QPixmap | None:
        found = self._pixmaps.get(url)
        if found is None and url not in self._loading and url not in self._failed:
            self._loading.add(url)
            path = self._folder / (hashlib.sha1(url.encode()).hexdigest() + ".png")
            Job(
                self,
                "thumbnail",
                lambda context: _load(context, url, path),
                priority=Priority.BACKGROUND,
                report=False,
            ).on_done(lambda image: self._arrived(url, image)).on_failed(
                lambda _error: self._gave_up(url)
            ).start(self._service)
        return found

    def icon(self, url: str) -> QIcon | None:
        """The same picture as an icon, which item views draw at their own icon size."""
        pixmap = self.pixmap(url)
        if pixmap is None:
            return None
        return self._icons.setdefault(url, QIcon(pixmap))

    def _arrived(self, url: str, image: QImage) -> None:
        self._loading.discard(url)
        self._pixmaps[url] = QPixmap.fromImage(image)
        self.ready.emit(url)

    def _gave_up(self, url: str) -> None:
        self._loading.discard(url)
        self._failed.add(url)


def _load(context: JobContext, url: str, path: Path) -> QImage:
    """Runs in a worker thread: disk cache first, then the network; QImage is thread-safe."""
    image = QImage(str(path)) if path.exists() else QImage()
    if image.isNull():
        data = context.client.fetch_image(url)
        image = QImage.fromData(data)
        if image.isNull():
            raise ValueError(f"not an image: {url}")
        image = image.scaled(
            THUMBNAIL_SIZE,
            THUMBNAIL_SIZE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        if image.save(str(temporary), "PNG"):
            os.replace(temporary, path)
    return image
