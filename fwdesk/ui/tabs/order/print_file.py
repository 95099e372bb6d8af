"""The print file of the product-code item selected in the items table: its web address,
the pixel size read from the picture itself, and whether that makes a good print.

FinerWorks downloads the file from its URL, so the URL is what the order carries; a file on
this computer can be checked too (its size and a preview, read here) but is never sent. The
reading is background work: a URL's picture is fetched in part (`core.artwork_files`), and a
large local file takes a while to decode. A result is written into the item it was asked
for, and only if that item still has the same SKU and URL: the shop may have moved on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QImage, QImageReader
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fwdesk.core.artwork import Fit, Pixels, Reading, fit, print_size
from fwdesk.core.drafts import DraftItem
from fwdesk.core.jobs import JobContext
from fwdesk.ui.tabs.order.print_file_labels import soft_breaks, wrapping_label
from fwdesk.ui.tabs.order.print_file_preview import PREVIEW_SIDE, CropPreview
from fwdesk.ui.work.jobs import Job, JobRunner
from fwdesk.ui.work.lanes import Priority

LOCAL_NOTE = (
    "FinerWorks prints the file at the web address above, not this copy on your computer: "
    "fwdesk only checked it. Upload the same file and paste its address."
)
FILE_FILTER = "Pictures (*.jpg *.jpeg *.png *.tif *.tiff *.webp);;All files (*)"


@dataclass(frozen=True)
class LocalLook:
    """A file on this computer, as read in the background: its size and a small preview."""

    reading: Reading
    preview: QImage


class PrintFilePicker(QWidget):
    edited = Signal(int, object)
    """(row, the DraftItem with the URL or the pixel size the picker found)."""

    def __init__(self, item_at: Callable[[int], DraftItem | None]) -> None:
        super().__init__(objectName="printFilePicker")
        self._item_at = item_at
        self._runner: JobRunner | None = None
        self._row = -1
        self._local: tuple[int, str, LocalLook] | None = None
        """The last local file read, with the row and SKU it was read for."""
        self.caption = QLabel()
        self.url = QLineEdit(objectName="printFileUrlEdit")
        self.url.setPlaceholderText("https://…")
        self.url.setAccessibleName("Print file web address")
        self.url.editingFinished.connect(self._url_entered)
        self.caption.setBuddy(self.url)
        self.check_button = QPushButton("Check", objectName="checkPrintFileButton")
        self.check_button.setToolTip("Read the picture's pixel size from the web address")
        self.check_button.clicked.connect(self.check_url)
        self.local_button = QPushButton("Choose local file…", objectName="chooseLocalFileButton")
        self.local_button.setToolTip("Check a print file on this computer (it is not sent)")
        self.local_button.clicked.connect(self._choose_local)
        self.status = wrapping_label("printFileStatus", "hint")
        self.resolution = wrapping_label("printResolutionLabel")
        self.low_warning = wrapping_label("printLowResolution", "warning")
        self.low_warning.setMargin(6)
        self.preview = CropPreview()
        self.crop_warning = wrapping_label("printCropWarning")
        self.local_note = wrapping_label("printLocalNote", "hint")
        self.local_note.setText(LOCAL_NOTE)
        url_row = QHBoxLayout()
        url_row.addWidget(self.url, 1)
        url_row.addWidget(self.check_button)
        url_row.addWidget(self.local_button)
        self.crop_row = QWidget()
        crop_layout = QHBoxLayout(self.crop_row)
        crop_layout.setContentsMargins(0, 0, 0, 0)
        crop_layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)
        crop_layout.addWidget(self.crop_warning, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addWidget(self.caption)
        layout.addLayout(url_row)
        layout.addWidget(self.status)
        layout.addWidget(self.resolution)
        layout.addWidget(self.low_warning)
        layout.addWidget(self.crop_row)
        layout.addWidget(self.local_note)
        self.hide()

    def use_runner(self, runner: JobRunner) -> None:
        self._runner = runner

    @property
    def row(self) -> int:
        """The row shown, or -1 when the picker is hidden."""
        return self._row

    def show_row(self, row: int) -> None:
        """Shows the print file of the item at `row`; hides for -1 or an item that is not a
        product code (an inventory SKU has its picture on FinerWorks already)."""
        item = self._item_at(row)
        if item is None or print_size(item.sku) is None:
            self._row = -1
            self.hide()
            return
        if row != self._row or not self.url.hasFocus():  # never under the shop's typing
            self.url.setText(item.image_url or "")
        if row != self._row:
            self._say("")
        self._row = row
        self.caption.setText(f"Print file for {item.sku}: its web address")
        self._show_fit(item)
        self.show()

    # -- what is shown --------------------------------------------------------------------

    def _show_fit(self, item: DraftItem) -> None:
        size = print_size(item.sku)
        judged: Fit | None = None
        if size is not None and item.pixel_width and item.pixel_height:
            judged = fit(Pixels(item.pixel_width, item.pixel_height), size)
        if judged is None:
            self.resolution.setText(
                "Pixel size not known yet: enter the file's web address, or choose the file "
                "on this computer to check it."
            )
            self.resolution.setProperty("role", "hint")
        else:
            self.resolution.setText(judged.resolution_text)
            self.resolution.setProperty("role", "")
        self.resolution.style().polish(self.resolution)
        self.low_warning.setText(judged.low_text if judged else "")
        self.low_warning.setVisible(bool(judged and judged.low))
        local = self._local_look(item)
        if judged is not None and judged.crop is not None:
            self.preview.show_crop(judged.pixels, judged.crop, local.preview if local else None)
            self.crop_warning.setText(judged.crop_text)
        self.crop_row.setVisible(bool(judged and judged.crop))
        self.local_note.setVisible(local is not None)

    def _local_look(self, item: DraftItem) -> LocalLook | None:
        """The local file read for the row shown, while the item has its pixel size."""
        if self._local is None or self._local[:2] != (self._row, item.sku):
            return None
        look = self._local[2]
        pixels = look.reading.pixels
        if pixels is None or (pixels.width, pixels.height) != (item.pixel_width, item.pixel_height):
            return None
        return look

    def _say(self, text: str, role: str = "hint") -> None:
        self.status.setText(soft_breaks(text))
        self.status.setProperty("role", role)
        self.status.style().polish(self.status)
        self.status.setVisible(bool(text))

    # -- the web address ------------------------------------------------------------------

    @Slot()
    def _url_entered(self) -> None:
        item = self._item_at(self._row)
        url = self.url.text().strip()
        if item is None or url == (item.image_url or ""):
            return
        self.edited.emit(self._row, replace(item, image_url=url or None))
        if url:
            self.check_url()
        else:
            self._say("")

    @Slot()
    def check_url(self) -> None:
        """Reads the pixel size of the picture at the item's URL, in the background."""
        row, item = self._row, self._item_at(self._row)
        if item is None or self._runner is None:
            return
        url = (item.image_url or "").strip()
        if not url:
            self._say("Enter the print file's web address first.", "fieldError")
            return
        self._say("Reading the picture's size from the web address…")
        self._read(
            row,
            lambda context: _read_url(context, url),
            lambda reading: self._url_read(row, item, reading),
        )

    def _read(
        self, row: int, work: Callable[[JobContext], object], on_done: Callable[[Any], None]
    ) -> None:
        """One check at a time: a newer one (another file, another item) replaces it."""
        Job(
            self,
            "print file check",
            work,
            priority=Priority.BACKGROUND,
            key="print-file",
            report=False,
        ).on_done(on_done).on_failed(lambda _error: self._failed(row)).start(self._runner)

    def _url_read(self, row: int, asked: DraftItem, reading: Reading) -> None:
        current = self._item_at(row)
        asked_for = (asked.sku, asked.image_url)
        fresh = current is not None and (current.sku, current.image_url) == asked_for
        if row == self._row:  # an answer about a file since changed is no news
            self._say(reading.problem if fresh else "", "fieldError")
        if fresh and reading.pixels is not None:
            self._found(row, current, reading.pixels)

    def _found(self, row: int, item: DraftItem, pixels: Pixels) -> None:
        self.edited.emit(row, replace(item, pixel_width=pixels.width, pixel_height=pixels.height))

    def _failed(self, row: int) -> None:
        if row == self._row:
            self._say("The file could not be checked. Try again.", "fieldError")

    # -- a file on this computer ----------------------------------------------------------

    @Slot()
    def _choose_local(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, "Choose the print file to check", str(Path.home()), FILE_FILTER
        )
        if name:
            self.check_local_file(Path(name))

    def check_local_file(self, path: Path) -> None:
        """Reads a file on this computer: its pixel size goes into the item, its URL stays."""
        row, item = self._row, self._item_at(self._row)
        if item is None or self._runner is None:
            return
        self._say(f"Reading {path.name}…")
        self._read(
            row,
            lambda context: _read_local(context, path),
            lambda look: self._local_read(row, item, look),
        )

    def _local_read(self, row: int, asked: DraftItem, look: LocalLook) -> None:
        current = self._item_at(row)
        fresh = current is not None and current.sku == asked.sku
        if row == self._row:
            self._say(look.reading.problem if fresh else "", "fieldError")
        if fresh and look.reading.pixels is not None:
            self._local = (row, current.sku, look)
            self._found(row, current, look.reading.pixels)


def _read_url(context: JobContext, url: str) -> Reading:
    from fwdesk.core.artwork_files import read_url  # httpx loads in the worker, not at start

    return read_url(url, context.check)


def _read_local(context: JobContext, path: Path) -> LocalLook:
    """Runs in a worker thread (QImage and QImageReader may): a big TIFF decodes slowly."""
    from fwdesk.core.artwork_files import read_local

    reading = read_local(path)
    context.check()
    preview = QImage()
    if reading.pixels is not None:
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)
        stored = reader.size()
        if stored.isValid():
            side = 2 * PREVIEW_SIDE
            reader.setScaledSize(
                stored.scaled(QSize(side, side), Qt.AspectRatioMode.KeepAspectRatio)
            )
        preview = reader.read()
    return LocalLook(reading, preview)
