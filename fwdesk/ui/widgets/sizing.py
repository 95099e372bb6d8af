"""Dialog sizes that suit the screen they open on: as large as their content wants, never
larger than the window they belong to (or the screen, for a dialog of its own)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def fit_size(dialog: QWidget, width: int, height: int) -> None:
    owner = dialog.parentWidget()
    if owner is not None:
        room = owner.window().size()
    else:
        screen = dialog.screen()
        room = screen.availableGeometry().size() if screen is not None else None
    if room is not None:
        width, height = min(width, room.width()), min(height, room.height())
    dialog.resize(width, height)
