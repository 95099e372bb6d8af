"""Renders every tab and dialog to PNG files, at each size, for a look with a shop owner's
eyes: the catalogue with a product chosen, an order being typed with its quote, placed
orders with one selected, and each dialog with something in it.

xvfb-run -a -s "-screen 0 1280x800x24" python scripts/screenshots.py OUTDIR [WIDTHxHEIGHT ...]

Run it once per colour scheme (FWDESK_COLOR_SCHEME=dark for the dark one); the files are
named by screen and size.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QWidget

SHOPIFY = (
    "Name,Email,Currency,Total,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,"
    "Lineitem requires shipping,Shipping Name,Shipping Address1,Shipping City,Shipping Zip,"
    "Shipping Province,Shipping Country\n"
    "#1001,ann@example.com,USD,129.00,2,Heron at Dusk,45.00,HERON-8X10,true,Ann Lee,"
    "401 Congress Ave,Austin,78701,TX,US\n"
    "#1001,,USD,,1,Fog Bay,39.00,FOG-16X20,true,,,,,,\n"
    "#1002,bo@example.com,USD,45.00,1,Heron at Dusk,45.00,HERON-8X10,true,Bo Chen,"
    "1220 SE Hawthorne Blvd,Portland,97214,OR,US\n"
)


def settle(done: Callable[[], bool], seconds: float = 15) -> None:
    app = QApplication.instance()
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    sizes = [tuple(map(int, s.split("x"))) for s in sys.argv[2:]] or [(1280, 800), (1024, 700)]
    home = Path(os.environ.setdefault("FWDESK_HOME", tempfile.mkdtemp(prefix="fwdesk-shots-")))
    from fwdesk.app import create_app

    window = create_app(["fwdesk", "--demo"])
    window.show()
    settle(lambda: window.connection_label.text().startswith("Connected"))
    prepare(window, home)
    for width, height in sizes:
        window.resize(width, height)
        for name, widget in screens(window, home):
            settle(lambda: False, 0.4)
            widget.grab().save(str(out / f"{name}-{width}x{height}.png"))
            if isinstance(widget, QDialog):
                widget.reject()
    window.close()
    return 0


def prepare(window, home: Path) -> None:
    """Content on every tab: a product chosen, an order typed and quoted, orders placed."""
    from sample_orders import AUSTIN, PORTLAND
    from sample_orders import order as sample_order

    from fwdesk.core.drafts import DraftItem

    catalog = window.catalog
    settle(lambda: catalog.model.total() > 0 and not catalog.refreshing)
    catalog.search.setText("heron")
    catalog.view.selectRow(0)
    settle(lambda: "Current prices" in catalog.detail.price_note.text())
    order = window.order
    order.recipient.set_address(AUSTIN)
    order._edited()
    with window.connection.client_factory(time.sleep) as api:
        sku = api.list_virtual_inventory(per_page=1).items[0].sku
        api.submit_orders(
            [
                sample_order("WEB-1001", sku, qty=2),
                sample_order("WEB-1002", sku, recipient=PORTLAND),
            ]
        )
    order.items.add_item(DraftItem(sku, 2, "Heron at Dusk"))
    settle(lambda: order.quote.table.rowCount() > 0)
    (home / "orders_export.csv").write_text(SHOPIFY, encoding="utf-8")
    orders = window.orders
    orders.refresh()
    settle(lambda: not orders.refreshing)
    if orders.model.rowCount():
        orders.view.selectRow(0)


def screens(window, home: Path) -> Iterator[tuple[str, QWidget]]:
    from fwdesk.ui.dialogs.account_dialog import AccountDialog
    from fwdesk.ui.dialogs.import_dialog import ImportDialog
    from fwdesk.ui.dialogs.manage_accounts import ManageAccountsDialog
    from fwdesk.ui.dialogs.shipping_preferences import ShippingPreferencesDialog

    for name, tab in (("catalogue", window.catalog), ("order", window.order)):
        window.tabs.setCurrentWidget(tab)
        yield name, window
    window.tabs.setCurrentWidget(window.orders)
    yield "orders", window

    dialog = AccountDialog(window.service, window.credentials, set(), parent=window)
    dialog.show()
    yield "account-dialog", dialog
    dialog = AccountDialog(window.service, window.credentials, set(), parent=window)
    dialog.show()
    dialog.web_key_edit.setText("has a space")
    dialog.save_button.click()
    yield "account-dialog-errors", dialog
    dialog = ManageAccountsDialog(window)
    dialog.show()
    yield "manage-accounts", dialog
    dialog = ShippingPreferencesDialog(window.service, window)
    dialog.show()
    yield "shipping-preferences", dialog
    dialog = ImportDialog(
        window.service, window.store, window.session.sender, "SHOP-", lambda: "demo", window
    )
    dialog.show()
    dialog.load(home / "orders_export.csv")
    settle(lambda: dialog.plan is not None and not dialog.checking)
    yield "import-links", dialog
    from fwdesk.ui.dialogs.getting_started import GettingStartedDialog
    from fwdesk.ui.dialogs.preferences import PreferencesDialog
    from fwdesk.ui.dialogs.shortcuts import ShortcutsDialog, menu_rows, shortcut_rows

    for name, dialog in (
        ("preferences", PreferencesDialog(window.settings, window)),
        (
            "shortcuts",
            ShortcutsDialog(
                menu_rows(window.menuBar().actions()) + shortcut_rows(window.findChildren(QAction)),
                window,
            ),
        ),
        ("getting-started", GettingStartedDialog(window)),
    ):
        dialog.show()
        yield name, dialog


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    raise SystemExit(main())
