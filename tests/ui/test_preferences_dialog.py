"""File > Preferences: what the shop sets is checked in plain words, saved to settings.json and
used at once by the tabs already open (the PO of the next new order, the Orders tab's refresh
interval, desktop notifications)."""

from __future__ import annotations

import json
from typing import ClassVar

import pytest
from layout_checks import clipped
from PySide6 import QtWidgets
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialogButtonBox

from fwdesk.core.preferences import SHIPPING_DEFAULTS
from fwdesk.ui.dialogs.preferences import PreferencesDialog


@pytest.fixture
def window(open_window, qtbot):
    window = open_window("--demo")
    assert window.orders.refresh_ms == 5 * 60_000  # built, with its refresh timer running
    return window


def answer(monkeypatch, **typed) -> list[dict[str, object]]:
    """Makes the dialog, when it opens, take `typed` and press OK, as the shop would; returns
    what each dialog showed after OK (the window deletes it once closed)."""
    opened = []

    def fill_and_ok(dialog: PreferencesDialog) -> int:
        if "prefix" in typed:
            dialog.prefix_edit.setText(typed["prefix"])
        if "minutes" in typed:
            dialog.refresh_spin.setValue(typed["minutes"])
        if "shipping" in typed:
            dialog.shipping_combo.setCurrentIndex(dialog.shipping_combo.findData(typed["shipping"]))
        if "notifications" in typed:
            dialog.notifications_check.setChecked(typed["notifications"])
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        error = dialog.prefix_error
        opened.append(
            {
                "name": dialog.objectName(),
                "result": dialog.result(),
                "prefix error": "" if error.isHidden() else error.text(),
            }
        )
        return dialog.result()

    monkeypatch.setattr(PreferencesDialog, "exec", fill_and_ok)
    return opened


def open_preferences(window) -> None:
    window.findChild(QAction, "preferencesAction").trigger()


def test_preferences_are_in_the_file_menu_with_ctrl_comma(window):
    action = window.findChild(QAction, "preferencesAction")
    assert action in window.menuBar().actions()[0].menu().actions()
    assert action.shortcut() == QKeySequence("Ctrl+,")
    assert action.menuRole() == QAction.MenuRole.PreferencesRole


def test_saved_preferences_reach_the_file_and_the_open_tabs(window, qtbot, monkeypatch):
    orders = window.orders
    opened = answer(monkeypatch, prefix=" HW-", minutes=12, shipping="EC", notifications=False)
    with qtbot.waitSignal(orders.refreshed, timeout=20000):
        open_preferences(window)
    assert opened == [{"name": "preferencesDialog", "result": 1, "prefix error": ""}]
    saved = json.loads(window.paths.settings_file.read_text(encoding="utf-8"))
    assert (
        saved["po_prefix"],
        saved["orders_refresh_minutes"],
        saved["default_shipping"],
        saved["notifications"],
    ) == ("HW-", 12, "EC", False)
    assert orders._timer.interval() == 12 * 60_000 and orders._timer.isActive()
    order = window.order
    order.new_draft()
    order.recipient.first_name.setText("Marisol")
    order._edited()
    assert order.draft.order_po.startswith("HW-")


def test_a_prefix_finerworks_would_refuse_is_explained_and_nothing_changes(window, monkeypatch):
    opened = answer(monkeypatch, prefix="MY SHOP", minutes=30)
    open_preferences(window)
    [shown] = opened
    assert shown["result"] == 0, "the dialog stays open"
    assert "no spaces" in shown["prefix error"]
    assert window.settings.po_prefix == "SHOP-" and window.settings.orders_refresh_minutes == 5
    assert not window.paths.settings_file.exists()


def test_the_dialog_offers_the_documented_shipping_codes_and_shows_the_saved_one(window):
    window.settings.default_shipping = "FS"
    dialog = PreferencesDialog(window.settings, window)
    combo = dialog.shipping_combo
    assert [combo.itemData(i) for i in range(combo.count())] == list(SHIPPING_DEFAULTS)
    assert combo.currentData() == "FS"
    dialog.prefix_edit.setText("P" * 60)
    assert "at most" in dialog.prefix_error.text() and dialog.prefix_hint.isHidden()
    dialog.prefix_edit.setText("ART-")
    assert dialog.prefix_error.isHidden() and "ART-000001" in dialog.prefix_hint.text()


class FakeTray:
    """The tray icon, as far as notifications go (Xvfb has no tray)."""

    shown: ClassVar[list[tuple[str, str]]] = []

    def __init__(self, *_args) -> None:
        pass

    @staticmethod
    def isSystemTrayAvailable() -> bool:
        return True

    def show(self) -> None:
        pass

    def showMessage(self, title: str, text: str) -> None:
        FakeTray.shown.append((title, text))


def test_notifications_can_be_turned_off(window, monkeypatch):
    monkeypatch.setattr(QtWidgets, "QSystemTrayIcon", FakeTray)
    monkeypatch.setattr(FakeTray, "shown", [])
    window.orders.notify.emit("Order HW-000001", "Shipped")
    assert FakeTray.shown == [("Order HW-000001", "Shipped")]
    answer(monkeypatch, notifications=False)
    open_preferences(window)
    window.orders.notify.emit("Order HW-000002", "Shipped")
    assert FakeTray.shown == [("Order HW-000001", "Shipped")]


def test_the_dialog_and_its_message_fit_1024_by_700(window, qtbot):
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    dialog = PreferencesDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.prefix_edit.setText("MY SHOP")
    error = dialog.prefix_error
    qtbot.waitUntil(lambda: error.height() >= error.heightForWidth(error.width()), timeout=5000)
    assert dialog.width() <= 1024 and dialog.height() <= 700
    assert clipped(dialog) == []
