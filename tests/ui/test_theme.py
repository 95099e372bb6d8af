"""Light and dark: the window follows the desktop's colour scheme as it changes, a variable
forces one, and the text of both schemes is readable on their backgrounds."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from fwdesk.ui.widgets.theme import DARK, FORCE_VARIABLE, LIGHT, Colours, apply_theme, colours

WINDOW = QPalette.ColorRole.Window


@pytest.fixture
def app(qapp, monkeypatch):
    """The application's theme as the desktop gives it; light again afterwards, so no other
    test runs dark."""
    monkeypatch.delenv(FORCE_VARIABLE, raising=False)
    yield qapp
    monkeypatch.delenv(FORCE_VARIABLE, raising=False)
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)


def shown(app: QApplication) -> Colours:
    window = app.palette().color(WINDOW).name().upper()
    assert window in (LIGHT.window, DARK.window), window
    return DARK if window == DARK.window else LIGHT


def test_the_variable_forces_dark_for_the_whole_window(open_window, app, monkeypatch):
    monkeypatch.setenv(FORCE_VARIABLE, "dark")
    window = open_window("--demo")
    assert shown(app) is DARK and colours() is DARK
    assert f"lastErrorLabel {{ color: {DARK.error}; }}" in app.styleSheet()
    label = window.connection_label
    assert label.palette().color(QPalette.ColorRole.WindowText).name().upper() == DARK.text


def test_the_window_follows_the_desktop_when_its_scheme_changes(open_window, app):
    open_window("--demo")
    hints = app.styleHints()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert shown(app) is DARK and f"color: {DARK.title};" in app.styleSheet()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert shown(app) is LIGHT and f"color: {LIGHT.title};" in app.styleSheet()


def test_the_variable_wins_over_the_desktop(app, monkeypatch):
    monkeypatch.setenv(FORCE_VARIABLE, "light")
    apply_theme(app)
    app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert shown(app) is LIGHT


def test_theme_applied_twice_follows_the_desktop_once(app):
    """Each window made applies the theme (tests make many): one follower, not one each."""
    from fwdesk.ui.widgets.theme import SchemeFollower

    apply_theme(app)
    apply_theme(app)
    assert len(app.findChildren(SchemeFollower)) == 1


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #RRGGBB colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", [LIGHT, DARK], ids=["light", "dark"])
def test_every_text_colour_is_readable_where_it_is_shown(scheme):
    backgrounds = ("window", "base", "alternate_base", "button")
    boxes = ("warning_fill", "success_fill", "failure_fill")
    for text in ("text", "title", "secondary", "hint", "error", "attention", "link"):
        for background in (*backgrounds, *boxes):
            ratio = contrast(getattr(scheme, text), getattr(scheme, background))
            assert ratio >= 4.5, (text, background, round(ratio, 2))
    assert contrast(scheme.highlighted_text, scheme.selection) >= 4.5
