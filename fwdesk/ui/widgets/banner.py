"""The mode banner across the top of the window: DEMO, TEST or LIVE, always in view."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy

from fwdesk.core.accounts import Mode
from fwdesk.ui.widgets.theme import banner_style

TITLES = {Mode.DEMO: "DEMO", Mode.TEST: "TEST MODE", Mode.LIVE: "LIVE"}


class ModeBanner(QFrame):
    connect_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("modeBanner")
        self.title = QLabel(objectName="modeTitle")
        self.detail = QLabel(objectName="modeDetail")
        self.detail.setWordWrap(True)
        self.detail.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.connect_button = QPushButton("Connect your FinerWorks account…")
        self.connect_button.setObjectName("connectAccountButton")
        self.connect_button.setAccessibleName("Connect your FinerWorks account")
        self.connect_button.clicked.connect(self.connect_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 12, 8)
        layout.setSpacing(14)
        layout.addWidget(self.title)
        layout.addWidget(self.detail, 1)
        layout.addWidget(self.connect_button)
        self.mode = Mode.DEMO

    def show_mode(self, mode: Mode, detail: str) -> None:
        self.mode = mode
        self.title.setText(TITLES[mode])
        self.detail.setText(detail)
        self.connect_button.setVisible(mode is Mode.DEMO)
        self.setStyleSheet(banner_style(mode))
        self.setAccessibleName(f"{TITLES[mode]}: {detail}")
