"""The look: Fusion with a calm palette, light or dark as the desktop is, and one colour per mode
that cannot be missed.

The palette is built here for both schemes rather than taken from the platform: Fusion's own
palette is light on a desktop without a platform theme (Xvfb, many Linux window managers), and
the style sheet's colours must match whichever palette is in use. The desktop's scheme comes
from QStyleHints.colorScheme() and is followed when it changes; `FWDESK_COLOR_SCHEME=dark` (or
`light`) forces one, for screenshots, tests and desktops that do not say.

Widgets that paint or colour text themselves read `colours()`, which is always the scheme in
use.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from fwdesk.core.accounts import Mode

FORCE_VARIABLE = "FWDESK_COLOR_SCHEME"

MODE_COLOURS = {
    Mode.DEMO: ("#4C3BCF", "#FFFFFF"),
    Mode.TEST: ("#B45309", "#FFFFFF"),
    Mode.LIVE: ("#166534", "#FFFFFF"),
}
"""Strong enough to carry white text in either scheme, so the banner is the same in both."""


@dataclass(frozen=True)
class Colours:
    """One scheme's colours, by what they are for."""

    dark: bool
    window: str
    base: str
    alternate_base: str
    button: str
    text: str
    """Body text, and the text of inputs and buttons."""
    title: str
    secondary: str
    """Intros and the tab bar's unselected tabs: quieter than text, still easy to read."""
    hint: str
    disabled: str
    accent: str
    """The selected tab's line, and lines drawn over pictures and charts."""
    selection: str
    """Behind `highlighted_text`: selected rows and items."""
    highlighted_text: str
    link: str
    rule: str
    """Thin lines between the window's parts."""
    hover: str
    error: str
    attention: str
    """A status that needs the shop (amber), readable as text on `base` and `window`."""
    warning_fill: str
    warning_line: str
    success_fill: str
    success_line: str
    failure_fill: str
    failure_line: str


LIGHT = Colours(
    dark=False,
    window="#F6F7F9",
    base="#FFFFFF",
    alternate_base="#F3F4F6",
    button="#FFFFFF",
    text="#111827",
    title="#1F2937",
    secondary="#4B5563",
    hint="#636B78",
    disabled="#9CA3AF",
    accent="#4C3BCF",
    selection="#4C3BCF",
    highlighted_text="#FFFFFF",
    link="#3B2DB8",
    rule="#E5E7EB",
    hover="#EEF0F4",
    error="#B91C1C",
    attention="#B45309",
    warning_fill="#FFF7ED",
    warning_line="#FDBA74",
    success_fill="#ECFDF5",
    success_line="#6EE7B7",
    failure_fill="#FEF2F2",
    failure_line="#FCA5A5",
)

DARK = Colours(
    dark=True,
    window="#1B1D22",
    base="#23262D",
    alternate_base="#2A2E36",
    button="#2D313A",
    text="#E5E7EB",
    title="#F3F4F6",
    secondary="#C2C7D0",
    hint="#A1A8B3",
    disabled="#6B7280",
    accent="#8B7FF0",
    selection="#4C3BCF",
    highlighted_text="#FFFFFF",
    link="#A99FF5",
    rule="#363A44",
    hover="#2F333C",
    error="#F87171",
    attention="#FBBF24",
    warning_fill="#3A2A14",
    warning_line="#B45309",
    success_fill="#12311F",
    success_line="#15803D",
    failure_fill="#3B1A1A",
    failure_line="#B91C1C",
)

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
QLabel#pageTitle { font-size: 20px; font-weight: 600; color: %(title)s; }
QLabel#pageText { color: %(secondary)s; }
QLabel.fieldError, QLabel[role="fieldError"] { color: %(error)s; }
QLabel[role="hint"] { color: %(hint)s; }
QFrame[role="warning"] {
    background: %(warning_fill)s; border: 1px solid %(warning_line)s; border-radius: 6px;
}
QFrame[role="success"] {
    background: %(success_fill)s; border: 1px solid %(success_line)s; border-radius: 6px;
}
QFrame[role="failure"] {
    background: %(failure_fill)s; border: 1px solid %(failure_line)s; border-radius: 6px;
}
QStatusBar QLabel#lastErrorLabel { color: %(error)s; }
QTabWidget#mainTabs::pane { border: none; border-top: 1px solid %(rule)s; }
QTabWidget#mainTabs > QTabBar::tab {
    padding: 9px 22px; margin: 0; border: none; background: transparent; color: %(secondary)s;
    font-weight: 600;
}
QTabWidget#mainTabs > QTabBar::tab:selected {
    color: %(text)s; border-bottom: 3px solid %(accent)s;
}
QTabWidget#mainTabs > QTabBar::tab:hover:!selected { color: %(text)s; background: %(hover)s; }
QStatusBar { border-top: 1px solid %(rule)s; }
QLabel#dialogTitle { font-size: 16px; font-weight: 600; color: %(text)s; }
"""


def forced_scheme() -> Qt.ColorScheme | None:
    """The scheme FWDESK_COLOR_SCHEME asks for, if it names one."""
    wanted = os.environ.get(FORCE_VARIABLE, "").strip().lower()
    return {"dark": Qt.ColorScheme.Dark, "light": Qt.ColorScheme.Light}.get(wanted)


def colours() -> Colours:
    """The colours of the scheme in use (light before the theme is applied)."""
    app = QApplication.instance()
    follower = app.findChild(SchemeFollower) if app is not None else None
    return follower.colours if follower is not None else LIGHT


def page_style(scheme: Colours) -> str:
    return PAGE_STYLE % asdict(scheme)


def palette_for(scheme: Colours) -> QPalette:
    """Every role Fusion paints with, so nothing is left from the platform's own palette (a
    light one under a dark scheme, or the other way round)."""
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    window = QColor(scheme.window)
    palette = QPalette()
    for name, colour in (
        (role.Window, scheme.window),
        (role.WindowText, scheme.text),
        (role.Base, scheme.base),
        (role.AlternateBase, scheme.alternate_base),
        (role.ToolTipBase, scheme.base),
        (role.ToolTipText, scheme.text),
        (role.PlaceholderText, scheme.hint),
        (role.Text, scheme.text),
        (role.Button, scheme.button),
        (role.ButtonText, scheme.text),
        (role.BrightText, scheme.error),
        (role.Highlight, scheme.selection),
        (role.HighlightedText, scheme.highlighted_text),
        (role.Link, scheme.link),
        (role.LinkVisited, scheme.link),
    ):
        palette.setColor(name, QColor(colour))
    shading = (
        (role.Light, window.lighter(150 if scheme.dark else 110)),
        (role.Midlight, window.lighter(125 if scheme.dark else 105)),
        (role.Mid, window.lighter(140) if scheme.dark else window.darker(130)),
        (role.Dark, window.darker(130) if scheme.dark else window.darker(160)),
        (role.Shadow, QColor("#000000")),
    )
    for name, colour in shading:
        palette.setColor(name, colour)
    for name in (role.WindowText, role.Text, role.ButtonText, role.HighlightedText):
        palette.setColor(group.Disabled, name, QColor(scheme.disabled))
    palette.setColor(group.Disabled, role.Highlight, QColor(scheme.rule))
    return palette


class SchemeFollower(QObject):
    """Applies the palette and style sheet of the desktop's scheme, and again when it changes.
    One per application, owned by it (tests build many windows in one application)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self.colours = LIGHT
        app.styleHints().colorSchemeChanged.connect(self.follow)

    @Slot(Qt.ColorScheme)
    def follow(self, scheme: Qt.ColorScheme) -> None:
        """`scheme` is the desktop's; FWDESK_COLOR_SCHEME, when set, wins over it."""
        chosen = forced_scheme() or scheme
        self.colours = DARK if chosen == Qt.ColorScheme.Dark else LIGHT
        self._app.setPalette(palette_for(self.colours))
        self._app.setStyleSheet(page_style(self.colours))


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    follower = app.findChild(SchemeFollower) or SchemeFollower(app)
    follower.follow(app.styleHints().colorScheme())


def banner_style(mode: Mode) -> str:
    background, foreground = MODE_COLOURS[mode]
    return f"QFrame#modeBanner {{ background: {background}; }}" + STYLE % {
        "bg": background,
        "fg": foreground,
    }
