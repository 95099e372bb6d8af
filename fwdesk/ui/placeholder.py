"""A calm page for a tab whose content arrives in a later release."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def placeholder_page(object_name: str, title: str, text: str) -> QWidget:
    page = QWidget(objectName=object_name)
    heading = QLabel(title, objectName="pageTitle")
    body = QLabel(text, objectName="pageText")
    body.setWordWrap(True)
    body.setFixedWidth(520)
    body.setMinimumHeight(body.heightForWidth(520))
    layout = QVBoxLayout(page)
    layout.addStretch(2)
    for label in (heading, body):
        label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
    layout.addStretch(3)
    return page
