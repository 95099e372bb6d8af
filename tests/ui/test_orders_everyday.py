"""The Orders tab as a shop uses it every day: one clock in the table, the detail and the
export; demo, test and live told apart; money, countries, shipping and the gift message in
the detail and nothing unknown dressed up as data; search by where an order goes and by the
shop's own words; a note kept as it is typed; Reorder; and a pane that fits 1024×700 with a
long refusal in it."""

from __future__ import annotations

import csv
import time
from dataclasses import replace
from decimal import Decimal

import pytest
from layout_checks import clipped
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QPlainTextEdit, QPushButton
from sample_orders import PORTLAND, order
from sandboxes import new_po

from fwdesk.core.drafts import DraftStore
from fwdesk.core.order_history import OrderHistory, TrackedOrder
from fwdesk.core.order_weeks import weekly
from fwdesk.ui.tabs.orders.chart import OrdersChart
from fwdesk.ui.tabs.orders.detail import detail_html
from fwdesk.ui.tabs.orders.model import COLUMNS, OrdersModel

SMALL = (1024, 700)


@pytest.fixture
def paris(monkeypatch):
    """The computer's clock is Paris' for the test (UTC+01:00 in November)."""
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def tracked(**changes) -> TrackedOrder:
    base = TrackedOrder(
        order_po="SHOP-000007",
        order_id=5530007,
        customer="Marisol Quintero",
        placed_at="2026-11-20T14:37:00-06:00",
        item_count=2,
        grand_total=Decimal("112.40"),
        status_id=3,
        status_label="Order Received",
        test_mode=False,
        detail={
            "recipient": {
                "first_name": "Marisol",
                "last_name": "Quintero",
                "address_1": "1208 Lantern Lane",
                "city": "Austin",
                "state_code": "TX",
                "zip_postal_code": "78701",
                "country_code": "us",
            },
            "items": [{"product_sku": "AP2210P48817", "product_qty": 2, "product_title": "Heron"}],
            "totals": {"order_shipping_rate": "25.34", "order_grand_total": "112.40"},
            "shipments": [],
            "shipping_method": "Ground",
            "gift_message": "Happy housewarming!",
        },
    )
    return replace(base, **changes)


def cell(model: OrdersModel, row: int, column: str) -> str:
    return model.data(model.index(row, COLUMNS.index(column)))


def test_the_table_the_detail_and_the_export_keep_one_clock(qtbot, paris, tmp_path):
    order = tracked()
    model = OrdersModel()
    model.set_orders([order])
    assert cell(model, 0, "Placed") == "2026-11-20 21:37", "FinerWorks' 14:37 in Texas"
    header_tip = model.headerData(
        COLUMNS.index("Placed"), Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert "Europe/Paris" in header_tip
    seen_by_this_desk = [("Order Received", "2026-11-20T20:37:09+00:00")]
    shown = detail_html(order, seen_by_this_desk)
    assert "<b>Placed</b> 2026-11-20 21:37" in shown
    assert "first seen 2026-11-20 21:37" in shown
    from fwdesk.core.orders_export import orders_csv

    [row] = csv.DictReader(orders_csv([order]).splitlines())
    assert row["placed_at (Europe/Paris)"] == "2026-11-20 21:37:00"


def test_the_mode_column_tells_demo_test_and_live_apart(qtbot):
    model = OrdersModel()
    model.set_orders(
        [
            tracked(order_po="L"),
            tracked(order_po="T", test_mode=True),
            tracked(order_po="D", demo=True),
            tracked(order_po="DT", demo=True, test_mode=True),
        ]
    )
    assert [cell(model, r, "Mode") for r in range(4)] == ["live", "test", "demo", "demo"]


def test_the_detail_names_money_country_shipping_and_the_gift_message(qtbot):
    shown = detail_html(tracked(), [])
    assert "FinerWorks charges</b> $112.40 (shipping $25.34)" in shown
    assert "Austin, TX 78701, United States" in shown
    assert "<b>Shipping</b> Ground" in shown
    assert "Happy housewarming!" in shown
    assert "Live order" in shown


def test_what_is_not_known_is_left_out(qtbot):
    bare = tracked(grand_total=None, placed_at="", customer="", detail={})
    shown = detail_html(bare, [])
    for placeholder in ("—", "None", "(shipping", "Items", "Placed", "Ship to", "Gift"):
        assert placeholder not in shown, placeholder
    model = OrdersModel()
    model.set_orders([bare])
    assert cell(model, 0, "Total") == "" and cell(model, 0, "Placed") == ""


def test_search_finds_an_order_by_where_it_goes_and_the_shops_own_words(qtbot):
    portland = tracked(
        order_po="SHOP-000008",
        customer="Ada Byron",
        reference="#1042",
        note="Wants it before the wedding",
        detail={"recipient": {"address_1": "77 Alder Street", "city": "Portland"}},
    )
    model = OrdersModel()
    model.set_orders([tracked(), portland])
    for words in ("portland", "alder street", "#1042", "wedding", "ada", "SHOP-000008"):
        model.apply_filter(words, None)
        assert [model.order(r).order_po for r in range(model.rowCount())] == ["SHOP-000008"]
    model.apply_filter("lantern", None)
    assert [model.order(r).order_po for r in range(model.rowCount())] == ["SHOP-000007"]


def test_the_chart_keeps_every_week_label_inside_a_narrow_pane(qtbot):
    from datetime import date

    chart = OrdersChart()
    qtbot.addWidget(chart)
    chart.resize(380, 150)
    chart.show_weeks(weekly([], date(2026, 11, 30)))
    boxes = chart.label_boxes()
    assert boxes[-1][0] == "30 Nov"
    for text, box in boxes:
        assert QRectF(chart.rect()).contains(box), (text, box)
        assert box.width() >= chart.fontMetrics().horizontalAdvance(text), text


# -- in the window, against fwdesk-sandbox -------------------------------------------------


@pytest.fixture
def listed(open_window, qtbot, sandbox):
    """A window on the shared sandbox (demo mode) listing two new orders of ours."""
    with sandbox.client() as api:
        sku = api.list_virtual_inventory(per_page=1).items[0].sku
        pos = [new_po("E"), new_po("E")]
        api.submit_orders([order(pos[0], sku, qty=2), order(pos[1], sku, recipient=PORTLAND)])
    window = open_window("--sandbox-url", sandbox.url)
    tab = window.orders
    window.tabs.setCurrentWidget(tab)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(
        lambda: not tab.refreshing and all(tab.model.row_of(po) is not None for po in pos),
        timeout=20000,
    )
    return window, pos, sku


def select(window, po: str) -> None:
    tab = window.orders
    tab.search.clear()
    tab.view.selectRow(tab.model.row_of(po))


def test_orders_placed_in_demo_mode_say_demo(listed):
    window, pos, _sku = listed
    model = window.orders.model
    assert model.order(model.row_of(pos[0])).mode == "demo"
    select(window, pos[0])
    assert "Demo order" in window.orders.detail.text()


def test_the_note_is_saved_as_typed_searchable_and_kept(listed, qtbot):
    window, pos, _sku = listed
    tab = window.orders
    select(window, pos[0])
    note = tab.findChild(QPlainTextEdit, "orderNoteEdit")
    assert note.isVisible() and note.toPlainText() == ""
    qtbot.keyClicks(note, "Ships with the blue mat")
    history = OrderHistory(window.session.store)

    def saved() -> str:
        return next(o.note for o in history.orders(only=[pos[0]]))

    qtbot.waitUntil(lambda: saved() == "Ships with the blue mat", timeout=5000)
    tab.search.setText("blue mat")
    assert [tab.model.order(r).order_po for r in range(tab.model.rowCount())] == [pos[0]]
    select(window, pos[1])
    assert note.toPlainText() == "", "the other order's note"
    qtbot.keyClicks(note, "Gift wrap")
    select(window, pos[0])  # chosen before the pause: the note is kept at once
    assert next(o.note for o in history.orders(only=[pos[1]])) == "Gift wrap"
    assert note.toPlainText() == "Ships with the blue mat"
    qtbot.keyClicks(note, ", not the white")
    with qtbot.waitSignal(tab.refreshed, timeout=20000):
        tab.refresh()
    typed = "Ships with the blue mat, not the white"
    assert note.isVisible() and note.toPlainText() == typed, "a refresh leaves the typing be"
    assert note.textCursor().position() == len(typed)
    qtbot.waitUntil(lambda: saved() == typed, timeout=5000)


def test_reorder_makes_a_draft_of_the_same_recipient_and_items(listed, qtbot):
    window, pos, sku = listed
    tab = window.orders
    select(window, pos[1])
    button = tab.findChild(QPushButton, "reorderButton")
    with qtbot.waitSignal(tab.reorder_requested, timeout=5000) as made:
        button.click()
    draft = DraftStore(window.session.store).get(made.args[0])
    assert draft.order_po not in pos and draft.state == "draft"
    assert (draft.recipient.first_name, draft.recipient.city) == ("Marisol", "Portland")
    assert [(i.sku, i.quantity) for i in draft.items] == [(sku, 1)]
    assert draft.test_mode is False
    assert draft.order_po in tab.order_detail.message.text()
    assert draft.order_po.startswith(window.settings.po_prefix), "the shop's own prefix"
    order = window.order
    assert window.tabs.currentWidget() is order, "the new draft opens in New order"
    assert order.draft.id == draft.id and order.recipient.city.text() == "Portland"


def test_a_long_refusal_wraps_in_place_at_1024_by_700(listed, qtbot, sandbox, caplog):
    window, pos, _sku = listed
    window.resize(*SMALL)
    select(window, pos[0])
    assert window.orders.hold_button.isEnabled()
    # FinerWorks starts production before this desk has heard: Hold is refused.
    pinned = sandbox.raw("POST", "_sandbox_set_status", {"order_po": pos[0], "order_status_id": 13})
    pinned.raise_for_status()
    message = window.orders.order_detail.message
    window.orders.hold_button.click()
    qtbot.waitUntil(lambda: "already in production" in message.text(), timeout=10000)
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        f"FinerWorks declined: {message.text().split(': ', 1)[1]}"
    ], "the window logs the refusal"
    two_lines = message.fontMetrics().height() * 2
    qtbot.waitUntil(lambda: message.isVisible() and message.height() >= two_lines)
    assert window.minimumSizeHint().width() <= SMALL[0], "the message widened the window"
    assert window.width() <= SMALL[0]
    window.orders.message.setText(f"Could not refresh: {message.text()} Next try in 10 minutes.")
    qtbot.waitUntil(lambda: window.orders.message.height() >= two_lines)
    assert window.minimumSizeHint().width() <= SMALL[0] and window.width() <= SMALL[0]
    # The status bar's copy of the refusal is the main window's, not this tab's (reported).
    assert clipped(window) == []
