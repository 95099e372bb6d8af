"""Help > Keyboard shortcuts: one table of every key the window answers to (the menu bar's Alt
letters, then each action's shortcut), read from the actions when the dialog opens, so a
shortcut added, changed or removed shows here as it is."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fwdesk.ui.widgets.sizing import fit_size


@dataclass(frozen=True)
class ShortcutRow:
    keys: str
    """Every key sequence of the action, as this platform writes them."""
    does: str


def shortcut_rows(actions: Iterable[QAction]) -> list[ShortcutRow]:
    """One row per action that has a shortcut, in the order the actions were made (menus
    first, then the window's own)."""
    rows = []
    for action in actions:
        keys = [k for k in action.shortcuts() if not k.isEmpty()]
        if not keys:
            continue
        shown = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
        rows.append(ShortcutRow(shown, action.text().replace("&", "")))
    return rows


def menu_rows(menus: Iterable[QAction]) -> list[ShortcutRow]:
    """The menu bar's Alt keys, from the letters its menus' titles mark."""
    rows = []
    for menu in menus:
        keys = QKeySequence.mnemonic(menu.text())
        if not keys.isEmpty():
            shown = keys.toString(QKeySequence.SequenceFormat.NativeText)
            rows.append(ShortcutRow(shown, f"Open the {menu.text().replace('&', '')} menu"))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, rows: list[ShortcutRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        self.table = QTableWidget(len(rows), 2, objectName="shortcutsTable")
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(("Keys", "What they do"))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        for row, entry in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(entry.keys))
            self.table.setItem(row, 1, QTableWidgetItem(entry.does))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.addWidget(QLabel("Keyboard shortcuts", objectName="dialogTitle"))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        fit_size(self, 560, 540)
