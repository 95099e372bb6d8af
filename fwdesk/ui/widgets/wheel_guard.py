"""Choices that only change when asked: a combo or spin box the mouse wheel merely passes
over (scrolling a long form) is not changed; the wheel scrolls the form instead.

One application-wide event filter, so every box, present and future, behaves the same and
no widget needs a subclass. A box the shop has clicked or tabbed into still takes the wheel.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)

GUARDED = (QComboBox, QAbstractSpinBox)


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.Wheel, QEvent.Type.Polish):
            return False
        if not isinstance(watched, GUARDED):
            return False
        if kind == QEvent.Type.Polish:
            # Qt gives such boxes focus on a wheel turn, which would let the turn through
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if watched.hasFocus():
            return False
        area = _scroll_area_around(watched)
        if area is not None:
            QApplication.sendEvent(area.verticalScrollBar(), event)
        return True


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Kept by the application (parented to it) for its whole life."""
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    return guard
