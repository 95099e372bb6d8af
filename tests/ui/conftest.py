"""Widget tests: the real main window, built by create_app, on an offscreen platform."""

from __future__ import annotations

import pytest

from fwdesk.app import create_app


@pytest.fixture
def open_window(qtbot):
    """Builds windows with create_app and closes each at the end (stopping its workers)."""
    windows = []

    def build(*args: str):
        window = create_app(["fwdesk", *args])
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield build
    for window in windows:
        window.close()
