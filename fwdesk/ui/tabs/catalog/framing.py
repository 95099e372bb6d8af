"""Choosing a frame, mat and glazing for the selected print, priced by FinerWorks' frame builder.

A choice is orderable only once frame_builder has priced it: until then, and for good when it
will not (the configuration cannot be built, or its answer cannot be read), the picker says so
and `orderable` is False, so nobody adds a framed print that would arrive unframed.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from fwdesk.api.catalog import Frame, FrameBuild, FrameCollection, Price
from fwdesk.core.catalog import CatalogProduct, CatalogSnapshot
from fwdesk.core.catalog_framing import (
    Framing,
    fitting_frames,
    framing_cost,
    price_framing,
    style_of,
    takes_glazing,
    takes_mat,
)
from fwdesk.core.messages import explain
from fwdesk.core.money import money
from fwdesk.ui.work.jobs import Job, JobRunner

NOT_ORDERABLE = "Not orderable from fwdesk yet"


class FramingPicker(QWidget):
    changed = Signal()
    """The choice, or what FinerWorks said about it, changed."""

    def __init__(self, service: JobRunner) -> None:
        super().__init__(objectName="framingPicker")
        self._service = service
        self._product: CatalogProduct | None = None
        self._snapshot: CatalogSnapshot | None = None
        self._price: Price | None = None
        self._refused = False

        self.heading = QLabel(objectName="detailFraming")
        self.heading.setWordWrap(True)
        self.frame = self._combo("detailFrame", "Frame")
        self.mat = self._combo("detailMat", "Mat")
        self.glazing = self._combo("detailGlazing", "Glazing")
        self.note = QLabel(objectName="detailFramingNote")
        self.note.setWordWrap(True)
        self._form = QFormLayout()
        self._form.setContentsMargins(0, 0, 0, 0)
        for text, combo in (("Fram&e", self.frame), ("Ma&t", self.mat), ("&Glazing", self.glazing)):
            label = QLabel(text)
            label.setBuddy(combo)
            self._form.addRow(label, combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(self._form)
        layout.addWidget(self.note)

    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox(objectName=name)
        combo.setAccessibleName(accessible)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(16)
        combo.currentIndexChanged.connect(self._chosen)
        return combo

    def use_service(self, service: JobRunner) -> None:
        self._service = service

    # -- what the detail pane reads -------------------------------------------------------

    @property
    def framing(self) -> Framing | None:
        frame: Framing | None = self.frame.currentData() if self._product else None
        if frame is None:
            return None
        mat = self.mat.currentData() if self.mat.isEnabled() else None
        glazing = self.glazing.currentData() if self.glazing.isEnabled() else None
        return replace(frame, mat=mat, glazing=glazing)

    @property
    def price(self) -> Price | None:
        """frame_builder's price for the chosen framing, once it has answered."""
        return self._price

    @property
    def refused(self) -> bool:
        """Whether the chosen framing will not be priced: it cannot be ordered from here."""
        return self._refused

    @property
    def orderable(self) -> bool:
        return self.framing is None or self._price is not None

    # -- filling --------------------------------------------------------------------------

    def show_product(self, product: CatalogProduct, snapshot: CatalogSnapshot | None) -> None:
        self._product = product
        self._snapshot = snapshot
        style = style_of(snapshot, product)
        frames = fitting_frames(snapshot, product)
        mats = snapshot.mats if snapshot else []
        glazing = snapshot.glazing if snapshot else []
        self._fill_frames(frames)
        self._fill(self.mat, "No mat", [(m, m.name, m.starting_price) for m in mats])
        self._fill(self.glazing, "No glazing", [(g, g.name, g.starting_price) for g in glazing])
        if style is None or not style.can_frame:
            self.heading.setText("This style is sold unframed.")
        elif not frames:
            self.heading.setText("No frame in the catalogue is made at this size.")
        self.heading.setVisible(not frames)
        self._show_rows(
            bool(frames),
            style is not None and style.can_mat and bool(mats),
            style is not None and style.can_glaze and bool(glazing),
        )
        self._chosen()

    def _fill_frames(self, frames: list[tuple[FrameCollection, Frame]]) -> None:
        """Frames under their collection's name, which says where its prices start; the
        names themselves are not choices."""
        combo = self.frame
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("Unframed", None)
        shown: set[int] = set()
        for collection, frame in frames:
            if collection.id not in shown:
                shown.add(collection.id)
                combo.addItem(f"{collection.name}, from {money(collection.starting_price)}")
                heading = combo.model().item(combo.count() - 1)
                heading.setEnabled(False)
                font = heading.font()
                font.setBold(True)
                heading.setFont(font)
            combo.addItem(frame.name, Framing(frame, collection.name))
        combo.setCurrentIndex(0)
        combo.blockSignals(False)

    @staticmethod
    def _fill(combo: QComboBox, none: str, items: list[tuple[object, str, Decimal | None]]) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(none, None)
        for item, name, starting in items:
            combo.addItem(
                f"{name} (from {money(starting)})" if starting is not None else name, item
            )
        combo.setCurrentIndex(0)
        combo.blockSignals(False)

    def _show_rows(self, frame: bool, mat: bool, glazing: bool) -> None:
        for combo, shown in (
            (self.frame, frame),
            (self.mat, frame and mat),
            (self.glazing, frame and glazing),
        ):
            self._form.setRowVisible(combo, shown)

    # -- choosing and pricing -------------------------------------------------------------

    @Slot()
    def _chosen(self) -> None:
        if self.frame.currentIndex() > 0 and self.frame.currentData() is None:
            # a collection's name is a heading, not a frame: its first frame is meant
            self.frame.setCurrentIndex(self.frame.currentIndex() + 1)
            return
        chosen: Framing | None = self.frame.currentData()
        style = style_of(self._snapshot, self._product) if self._product else None
        self.mat.setEnabled(chosen is not None and takes_mat(style, chosen.frame))
        self.glazing.setEnabled(chosen is not None and takes_glazing(style, chosen.frame))
        self._price = None
        self._refused = False
        framing = self.framing
        if framing is None:
            self._say("", "hint")
        else:
            self._say("Asking FinerWorks' frame builder for the price…", "hint")
            self._ask(framing)
        self.changed.emit()

    def _ask(self, framing: Framing) -> None:
        product = self._product
        assert product is not None
        Job(
            self,
            "frame price",
            lambda context: price_framing(context.client, product, framing),
            key="detail-frame",
            report=False,
        ).on_done(lambda build: self._priced(product, framing, build)).on_failed(
            lambda error: self._failed(product, framing, error)
        ).start(self._service)

    def _current(self, product: CatalogProduct, framing: Framing) -> bool:
        """Whether an answer is still about what is chosen now."""
        return self._product is product and self.framing == framing

    def _priced(self, product: CatalogProduct, framing: Framing, build: FrameBuild) -> None:
        if not self._current(product, framing):
            return
        if build.price is None:
            reason = build.info or "FinerWorks cannot build this framing."
            self._refuse(f"{NOT_ORDERABLE}: {reason}")
            return
        self._price = build.price
        self._say(
            f"Framing adds {money(framing_cost(build.price))} to each print, as FinerWorks' "
            "frame builder prices it.",
            "hint",
        )
        self.changed.emit()

    def _failed(self, product: CatalogProduct, framing: Framing, error: Exception) -> None:
        if self._current(product, framing):
            self._refuse(f"{NOT_ORDERABLE}: FinerWorks did not price this frame. {explain(error)}")

    def _refuse(self, text: str) -> None:
        self._refused = True
        self._say(f"{text} Choose Unframed to order the print alone.", "fieldError")
        self.changed.emit()

    def _say(self, text: str, role: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))
        self.note.setProperty("role", role)
        self.note.style().unpolish(self.note)
        self.note.style().polish(self.note)
