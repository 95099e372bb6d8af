"""The look: Fusion with a calm light palette, and one colour per mode that cannot be missed."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from fwdesk.core.accounts import Mode

MODE_COLOURS = {
    Mode.DEMO: ("#4C3BCF", "#FFFFFF"),
    Mode.TEST: ("#B45309", "#FFFFFF"),
    Mode.LIVE: ("#166534", "#FFFFFF"),
}

STYLE = """
QFrame#modeBanner { border: none; }
QFrame#modeBanner QLabel { color: %(fg)s; }
QFrame#modeBanner QLabel#modeTitle { font-weight: 700; letter-spacing: 1px; }
QFrame#modeBanner QPushButton {
    color: %(bg)s; background: #FFFFFF; border: none; border-radius: 4px; padding: 5px 12px;
    font-weight: 600;
}
QFrame#modeBanner QPushButton:hover { background: #EEF0FF; }
QFrame#modeBanner QPushButton:focus { outline: 2px solid #FFFFFF; }
"""

PAGE_STYLE = """
QLabel#pageTitle { font-size: 20px; font-weight: 600; color: #1F2937; }
QLabel#pageText { color: #4B5563; }
QLabel.fieldError, QLabel[role="fieldError"] { color: #B91C1C; }
QLabel[role="hint"] { color: #6B7280; }
QFrame[role="warning"] { background: #FFF7ED; border: 1px solid #FDBA74; border-radius: 6px; }
QFrame[role="success"] { background: #ECFDF5; border: 1px solid #6EE7B7; border-radius: 6px; }
QFrame[role="failure"] { background: #FEF2F2; border: 1px solid #FCA5A5; border-radius: 6px; }
QStatusBar QLabel#lastErrorLabel { color: #B91C1C; }
QTabWidget#mainTabs::pane { border: none; border-top: 1px solid #E5E7EB; }
QTabWidget#mainTabs > QTabBar::tab {
    padding: 9px 22px; margin: 0; border: none; background: transparent; color: #4B5563;
    font-weight: 600;
}
QTabWidget#mainTabs > QTabBar::tab:selected { color: #111827; border-bottom: 3px solid #4C3BCF; }
QTabWidget#mainTabs > QTabBar::tab:hover:!selected { color: #111827; background: #EEF0F4; }
QStatusBar { border-top: 1px solid #E5E7EB; }
QLabel#dialogTitle { font-size: 16px; font-weight: 600; color: #111827; }
"""


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#F6F7F9"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#FFFFFF"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#F3F4F6"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#4C3BCF"))
    palette.setColor(QPalette.ColorRole.Button, QColor("#FFFFFF"))
    app.setPalette(palette)
    app.setStyleSheet(PAGE_STYLE)


def banner_style(mode: Mode) -> str:
    background, foreground = MODE_COLOURS[mode]
    return f"QFrame#modeBanner {{ background: {background}; }}" + STYLE % {
        "bg": background,
        "fg": foreground,
    }
