"""What "nothing is clipped" means on a screen, checked widget by widget: every visible
button, label and field lies inside its window, shows its whole text (a label that wraps may
take more lines instead) and is not pushed off by a long message."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

SLACK = 2
"""Pixels a style may shave off a size hint without cutting any text."""


def clipped(window: QWidget) -> list[str]:
    """One line per widget that is cut by its window or too narrow for its text."""
    problems = []
    bounds = window.rect()
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not widget.isVisibleTo(window) or not widget.width():
            continue
        name = widget.objectName() or type(widget).__name__
        text = _text(widget)
        area = _scroll_area(widget, window)
        if area is None:
            box = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
            inside = bounds.contains(box)
        else:
            # content may lie below the view (it scrolls down), never beside it
            view = area.viewport()
            box = QRect(widget.mapTo(view, QPoint(0, 0)), widget.size())
            inside = box.right() <= view.width() + area.horizontalScrollBar().value()
        if _shows_text(widget) and not inside:
            problems.append(f"{name} ({text!r}) lies outside its window or view: {box}")
            continue
        needed = _needed_width(widget)
        if needed and widget.width() + SLACK < needed:
            problems.append(f"{name} ({text!r}) is {widget.width()} px wide, needs {needed}")
    return problems


def _scroll_area(widget: QWidget, window: QWidget) -> QAbstractScrollArea | None:
    """The scroll area whose view `widget` is shown in (its bars and headers are not)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and area.viewport() is parent:
            return area
        parent = area
    return None


def _shows_text(widget: QWidget) -> bool:
    return isinstance(widget, QAbstractButton | QLabel | QLineEdit | QComboBox)


def _text(widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton | QLabel):
        return widget.text()[:40]
    if isinstance(widget, QLineEdit):
        return widget.placeholderText()[:40]
    return ""


def _needed_width(widget: QWidget) -> int:
    if isinstance(widget, QAbstractButton) and widget.text():
        return widget.minimumSizeHint().width()
    if isinstance(widget, QLabel) and widget.text() and not widget.wordWrap():
        if widget.pixmap() is not None and not widget.pixmap().isNull():
            return 0
        return widget.minimumSizeHint().width()
    if isinstance(widget, QLineEdit) and widget.placeholderText():
        margins = widget.textMargins()
        return (
            widget.fontMetrics().horizontalAdvance(widget.placeholderText())
            + margins.left()
            + margins.right()
            + 10
        )
    return 0
