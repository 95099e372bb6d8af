"""The notices under the mode banner: what the start-up (or an account switch) found wrong
with the local files, and what fwdesk did about it.

A status-bar line is too easy to miss for "your drafts file was damaged and kept aside", and a
dialog before the window would stop a shop that only wants to see its orders: the notice stays
in view, in plain words, until the user closes it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout


class NoticeBar(QFrame):
    """Holds any number of notices, one line each; hidden while it holds none."""

    def __init__(self) -> None:
        super().__init__(objectName="noticeBar")
        self.setProperty("role", "warning")
        self._rows = QVBoxLayout(self)
        self._rows.setContentsMargins(12, 6, 8, 6)
        self._rows.setSpacing(4)
        self.setVisible(False)

    @property
    def messages(self) -> list[str]:
        return [row.findChild(QLabel).text() for row in self._row_frames()]

    def add(self, message: str) -> None:
        if message in self.messages:
            return
        row = QFrame(objectName="notice")
        text = QLabel(message)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QPushButton("Dismiss")
        close.setAccessibleName(f"Dismiss the notice: {message}")
        close.clicked.connect(self._dismiss)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(text, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self._rows.addWidget(row)
        self.setVisible(True)

    def _row_frames(self) -> list[QFrame]:
        return [
            item.widget()
            for index in range(self._rows.count())
            if (item := self._rows.itemAt(index)) is not None and item.widget() is not None
        ]

    @Slot()
    def _dismiss(self) -> None:
        row = self.sender().parentWidget()
        self._rows.removeWidget(row)
        row.deleteLater()
        self.setVisible(bool(self._row_frames()))
