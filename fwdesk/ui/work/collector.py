"""Garbage collection on the GUI thread only.

Python's cycle collector runs in whichever thread happens to allocate when a threshold is
crossed. If that is a worker thread and the garbage holds a Qt widget, the widget is
destroyed outside the GUI thread and the process crashes. So automatic collection is turned
off and this timer collects, generation by generation, on the GUI thread instead. It looks
often, so that the young generations stay small and each collection short even while a worker
allocates fast (a catalogue refresh parses thousands of records a second).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication

INTERVAL_MS = 50


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._long_lived = len(gc.get_objects(generation=2))
        self._not_due_at = -1
        """gc.get_count()[2] when a full collection was last found not due: the oldest
        generation only grows with a younger collection, so until then there is no need to
        count it again (counting walks it)."""
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    @Slot()
    def check(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] <= self._thresholds[generation]:
                continue
            if generation == 2 and not self._full_collection_due(counts[2]):
                continue
            gc.collect(generation)
            if generation == 2:
                self._long_lived = len(gc.get_objects(generation=2))
            return

    def _full_collection_due(self, younger_collections: int) -> bool:
        """CPython's own rule, which calling gc.collect(2) directly would bypass: a full
        collection walks every live object, so it waits until the oldest generation has
        grown by a quarter since the last one."""
        if younger_collections == self._not_due_at:
            return False
        due = len(gc.get_objects(generation=2)) - self._long_lived > self._long_lived // 4
        self._not_due_at = -1 if due else younger_collections
        return due


def set_aside_long_lived() -> None:
    """Collects the young generations, then takes everything still alive out of future
    collections.

    Called as a catalogue downloads and once it is on screen: its tens of thousands of
    products live until the next refresh and hold no reference cycles (reference counting
    frees them when they go), yet a full collection would walk every one of them, a 40 ms
    pause at 50,000 products. Objects set aside and later dropped are still freed by
    reference counting; only one caught in a reference cycle would stay.
    """
    gc.collect(1)
    gc.freeze()


def install(app: QApplication) -> None:
    """Once per application; the collector lives as long as the QApplication."""
    if app.findChild(GuiThreadCollector) is None:
        GuiThreadCollector(app)
