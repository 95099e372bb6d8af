"""Imports from where shops already have their orders, through the real dialog and a real
sandbox over HTTP: a Shopify export whose items are linked once to FinerWorks products, the
same file imported again (nothing placed twice), and a file of unknown layout mapped by hand.
"""

from __future__ import annotations

import csv
import io
import uuid
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sandboxes import start_sandbox
from window_checks import SendAnswers

from fwdesk.core.drafts import SUBMITTED, DraftStore
from fwdesk.core.imports.layouts import Source
from fwdesk.core.order_history import OrderHistory
from fwdesk.ui.dialogs import import_dialog, import_preview
from fwdesk.ui.dialogs.import_dialog import ImportDialog

SHOPIFY = [
    "Name", "Email", "Financial Status", "Fulfillment Status", "Currency", "Total",
    "Lineitem quantity", "Lineitem name", "Lineitem price", "Lineitem sku",
    "Lineitem requires shipping", "Shipping Name", "Shipping Address1", "Shipping Address2",
    "Shipping Company", "Shipping City", "Shipping Zip", "Shipping Province",
    "Shipping Country", "Shipping Phone", "Cancelled at",
]  # fmt: skip


def shopify_file(path, first: str, second: str, cancelled: str):
    rows = [
        {
            "Name": first, "Email": "marisol@example.net", "Currency": "USD", "Total": "129.00",
            "Lineitem quantity": "2", "Lineitem name": "Heron at Dusk - 16x20",
            "Lineitem price": "45.00", "Lineitem sku": "HERON-16X20",
            "Lineitem requires shipping": "true", "Shipping Name": "Marisol Quintero",
            "Shipping Address1": "1208 Lantern Lane", "Shipping City": "Portland",
            "Shipping Zip": "'97205", "Shipping Province": "OR", "Shipping Country": "US",
            "Shipping Phone": "541-555-0137",
        },
        {
            "Name": first, "Lineitem quantity": "1", "Lineitem name": "Fog over the Bay - 8x10",
            "Lineitem price": "39.00", "Lineitem sku": "FOG-8X10",
            "Lineitem requires shipping": "true",
        },
        {
            "Name": second, "Email": "ada@example.org", "Currency": "USD", "Total": "45.00",
            "Lineitem quantity": "1", "Lineitem name": "Heron at Dusk - 16x20",
            "Lineitem price": "45.00", "Lineitem sku": "HERON-16X20",
            "Lineitem requires shipping": "true", "Shipping Name": "Ada Lovelace",
            "Shipping Address1": "401 Congress Ave", "Shipping City": "Austin",
            "Shipping Zip": "78701", "Shipping Province": "TX", "Shipping Country": "US",
        },
        {
            "Name": cancelled, "Email": "x@example.org", "Currency": "USD", "Total": "45.00",
            "Lineitem quantity": "1", "Lineitem name": "Heron at Dusk - 16x20",
            "Lineitem price": "45.00", "Lineitem sku": "HERON-16X20",
            "Lineitem requires shipping": "true", "Shipping Name": "Cy Twombly",
            "Shipping Address1": "1 Main St", "Shipping City": "Austin", "Shipping Zip": "78701",
            "Shipping Province": "TX", "Shipping Country": "US",
            "Cancelled at": "2026-11-30 10:00:00 -0500",
        },
    ]  # fmt: skip
    out = io.StringIO()
    writer = csv.DictWriter(out, SHOPIFY, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def answers(monkeypatch) -> SendAnswers:
    return SendAnswers().install(monkeypatch)


def dialog_on(open_window, qtbot, url: str) -> ImportDialog:
    window = open_window("--sandbox-url", url)
    dialog = ImportDialog(
        window.service, window.store, window.session.sender, "IMP-", window._mode_text, window
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


CHECK = Qt.ItemDataRole.CheckStateRole


def loaded(dialog: ImportDialog, qtbot, path) -> None:
    dialog.load(path)
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.checking, timeout=20000)


def column(dialog: ImportDialog, number: int) -> list[str]:
    model = dialog.preview_model
    return [model.index(r, number).data() for r in range(model.rowCount())]


@pytest.mark.timeout(120)
def test_a_shopify_export_is_linked_once_placed_once_and_never_again(open_window, qtbot, tmp_path):
    running = start_sandbox()
    try:
        tag = uuid.uuid4().hex[:5].upper()
        first, second, cancelled = f"#{tag}1", f"#{tag}2", f"#{tag}3"
        sheet = shopify_file(tmp_path / "orders_export.csv", first, second, cancelled)
        dialog = dialog_on(open_window, qtbot, running.url)
        loaded(dialog, qtbot, sheet)
        assert dialog.plan.source is Source.SHOPIFY
        assert "Shopify orders export" in dialog.layout_label.text()
        assert "UTF-8 text, separated by commas" in dialog.layout_label.text()
        assert column(dialog, import_preview.ORDER) == [first, second, cancelled]
        assert column(dialog, import_preview.PO) == [first[1:], second[1:], cancelled[1:]]
        assert column(dialog, import_preview.STATUS)[2] == "Cancelled in the file"
        assert "need a product link" in dialog.summary.text()
        assert not dialog.submit_button.isEnabled()

        links = dialog.links
        assert links.isVisible() and links.table.rowCount() == 2, "two shop SKUs to link"
        assert [links.table.item(r, 1).text() for r in range(2)] == ["2", "1"]
        links.fill(0, "AP2210P48817")
        links.fill(1, "1M11M102S16X20", "https://files.example.com/fog-bay.tif", "4800", "6000")
        links.save.click()
        assert not links.isVisible()
        assert column(dialog, import_preview.STATUS)[:2] == ["Ready", "Ready"]
        assert dialog.summary.text().startswith("2 of 3 orders ready")

        dialog.submit_button.click()
        qtbot.waitUntil(
            lambda: dialog.summary.text().startswith("2 of 2 orders placed"), timeout=30000
        )
        assert not dialog.submit_button.isEnabled(), "nothing left in the batch to place"
        placed = {o["order_po"]: o for o in running.server_orders()}
        assert set(placed) >= {first[1:], second[1:]} and cancelled[1:] not in placed
        with running.client() as api:
            [receipt] = api.find_orders([first[1:]])
        assert [(i.product_sku, i.product_qty) for i in receipt.order_items] == [
            ("AP2210P48817", 2),
            ("1M11M102S16X20", 1),
        ], "each shop SKU went as the FinerWorks product it was linked to"
        window = dialog.parent()
        tracked = {o.order_po: o for o in OrderHistory(window.store).orders()}
        assert tracked[first[1:]].reference == first
        assert str(tracked[first[1:]].sale_total) == "129.00"
        window.orders.search.setText(first)
        assert window.orders.model.rowCount() == 1, "the shop's own number is searchable"
        window.orders.view.selectRow(0)
        shown = window.orders.detail.text()
        assert f"Your order</b> {first}" in shown and "Customer paid</b> $129.00" in shown
        assert window.orders.chart.weeks[-1].sales >= Decimal("129.00"), "the chart has sales"

        again = dialog_on(open_window, qtbot, running.url)
        loaded(again, qtbot, sheet)
        assert not again.links.isVisible(), "the links are remembered"
        statuses = column(again, import_preview.STATUS)
        assert statuses[0].startswith("Already placed") and statuses[1].startswith("Already placed")
        assert not again.submit_button.isEnabled() and again.plan.ready == []
        assert len([o for o in running.server_orders() if o["order_po"] == first[1:]]) == 1
        tick = again.preview_model.index(0, import_preview.AGAIN)
        assert again.preview_model.setData(tick, Qt.CheckState.Checked.value, CHECK)
        assert [o.order.reference for o in again.plan.ready] == [first], "only the ticked row"
        assert column(again, import_preview.STATUS)[0] == "Ready"
        assert again.submit_button.isEnabled()
    finally:
        running.stop()


def test_an_unknown_layout_is_mapped_once_and_remembered(open_window, qtbot, tmp_path, monkeypatch):
    sheet = tmp_path / "my-site.csv"
    sheet.write_text(
        "Order Number;Customer;Street;Town;Region;Postcode;Land;Product code;Qty\n"
        "S-17;Zoë Müller;401 Congress Ave;Austin;Texas;78701;United States;AP2210P48817;2\n",
        encoding="cp1252",
    )
    asked = []

    def answer(mapping_dialog) -> int:
        asked.append(mapping_dialog.mapping().missing())
        mapping_dialog.combos["full_name"].setCurrentText("Customer")
        mapping_dialog.combos["country"].setCurrentText("Land")
        return 1

    monkeypatch.setattr(import_dialog.ImportMappingDialog, "exec", answer)
    window = open_window("--demo")
    dialog = ImportDialog(
        window.service, window.store, window.session.sender, "IMP-", window._mode_text, window
    )
    qtbot.addWidget(dialog)
    loaded(dialog, qtbot, sheet)
    assert len(asked) == 1
    assert "Windows (1252) text, separated by semicolons" in dialog.layout_label.text()
    [planned] = dialog.plan.orders
    assert planned.po == "S-17" and planned.ready, planned.status
    recipient = planned.order.recipient
    assert (recipient.first_name, recipient.last_name, recipient.state_code) == (
        "Zoë",
        "Müller",
        "TX",
    )
    [draft] = dialog.create_drafts()
    assert DraftStore(window.store).get(draft.id).reference == "S-17"
    assert draft.state != SUBMITTED

    second = ImportDialog(
        window.service, window.store, window.session.sender, "IMP-", window._mode_text, window
    )
    qtbot.addWidget(second)
    loaded(second, qtbot, sheet)
    assert len(asked) == 1, "the mapping is found again by the file's headers"
    assert second.plan.source is Source.MAPPED
    assert second.plan.orders[0].known is not None, "already a draft here"
