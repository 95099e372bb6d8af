"""At 1024×700, the smallest screen a shop desk has, every tab and dialog shows all of its
text inside the window, and a long message wraps where it is instead of widening the
window."""

from __future__ import annotations

import pytest
from layout_checks import clipped
from PySide6.QtWidgets import QDialog

SMALL = (1024, 700)
LONG = (
    "FinerWorks declined: the order is already in production, so it can no longer be held; "
    "expected a product code like 1M11M102S16X20 (<type>M<media>M<style>S<width>X<height>) "
    "or an inventory SKU, and the print file's URL with its size in pixels."
)


@pytest.fixture
def small(open_window, qtbot):
    window = open_window("--demo")
    window.resize(*SMALL)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.catalog.model.total() > 0, timeout=20000)
    return window


def settled(qtbot, window) -> None:
    qtbot.wait(0)  # layouts run on the next turn of the event loop
    window.layout().activate()


@pytest.mark.parametrize("tab", ["catalog", "order", "orders"])
def test_each_tab_fits_1024_by_700(small, qtbot, tab):
    page = getattr(small, tab)
    small.tabs.setCurrentWidget(page)
    qtbot.waitUntil(page.isVisible)
    settled(qtbot, small)
    assert clipped(small) == []
    assert small.width() <= SMALL[0]


def test_long_messages_wrap_in_place(small, qtbot):
    order = small.order
    small.tabs.setCurrentWidget(order)
    order.result.setText(LONG)
    order.items.show_message(LONG)
    small.orders.detail.setText(LONG)
    settled(qtbot, small)
    assert small.minimumSizeHint().width() <= SMALL[0], "a message widened the window"
    assert small.width() <= SMALL[0]
    assert clipped(small) == []


def dialogs(window):
    from fwdesk.ui.dialogs.account_dialog import AccountDialog
    from fwdesk.ui.dialogs.import_dialog import ImportDialog
    from fwdesk.ui.dialogs.manage_accounts import ManageAccountsDialog
    from fwdesk.ui.dialogs.shipping_preferences import ShippingPreferencesDialog

    yield AccountDialog(window.service, window.credentials, set(), parent=window)
    yield ImportDialog(
        window.service, window.store, window.session.sender, "X-", lambda: "demo", window
    )
    yield ManageAccountsDialog(window)
    yield ShippingPreferencesDialog(window.service, window)


def test_every_dialog_fits_1024_by_700(small, qtbot):
    for dialog in dialogs(small):
        assert isinstance(dialog, QDialog)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        settled(qtbot, dialog)
        assert dialog.width() <= SMALL[0] and dialog.height() <= SMALL[1], dialog.objectName()
        assert clipped(dialog) == [], dialog.objectName()
        dialog.reject()
