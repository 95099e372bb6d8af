"""Small checks on the main window that several UI test modules share."""

from __future__ import annotations


def connected(window) -> bool:
    return window.connection_label.text().startswith("Connected")
