"""Reorder: a new draft with the recipient, items and shipping of an order, a new PO, and the
order's own test_mode."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sample_orders import PORTLAND, order
from sandboxes import inprocess_client, new_po

from fwdesk.core.drafts import DRAFT, DraftStore
from fwdesk.core.order_history import OrderHistory
from fwdesk.core.reorder import reorder, reorder_content
from fwdesk.core.store import Store
from fwdesk.sandbox.config import SandboxConfig
from fwdesk.sandbox.core import Sandbox


@pytest.fixture
def listed(tmp_path):
    """Two orders FinerWorks lists, one of them a test order, in a fresh history."""
    history = OrderHistory(Store(tmp_path / "shop.sqlite"))
    with inprocess_client(Sandbox(SandboxConfig())) as api:
        sku = api.list_virtual_inventory(per_page=1).items[0].sku
        live, test = new_po("R"), new_po("T")
        api.submit_orders(
            [
                order(live, sku, qty=3, recipient=PORTLAND, code="EC"),
                replace(order(test, sku), test_mode=True),
            ]
        )
        history.record_receipts(api.iter_orders(order_pos=[live, test]))
    by_po = {o.order_po: o for o in history.orders()}
    return history, sku, by_po[live], by_po[test]


def test_the_draft_copies_recipient_items_and_shipping_under_a_new_po(listed):
    history, sku, live, _test = listed
    draft = reorder(history, live, "AGAIN-")
    assert draft.order_po.startswith("AGAIN-") and draft.order_po != live.order_po
    saved = DraftStore(history.store).get(draft.id)
    assert saved.state == DRAFT
    assert (saved.recipient.first_name, saved.recipient.city) == ("Marisol", "Portland")
    assert (saved.recipient.address_1, saved.recipient.zip_postal_code) == (
        "1208 Lantern Lane",
        "97205",
    )
    assert [(i.sku, i.quantity, i.title) for i in saved.items] == [(sku, 3, "Heron at Dusk")]
    assert saved.shipping_code == "EC"
    assert saved.test_mode is False
    assert not saved.gift_message and not saved.reference, "the first sale's own words stay"


def test_a_test_orders_reorder_is_a_test_order(listed):
    history, _sku, _live, test = listed
    assert DraftStore(history.store).get(reorder(history, test).id).test_mode is True


def test_a_po_the_account_already_has_is_skipped(listed):
    history, _sku, live, _test = listed
    with history.store.transaction() as tx:  # an order placed before this desk numbered any
        tx.execute(
            "INSERT INTO orders (order_po, placed_at, updated_at) VALUES ('SHOP-000001', '', '')"
        )
    assert reorder(history, live).order_po == "SHOP-000002"
    assert DraftStore(history.store).by_po("SHOP-000001") is None


def test_a_framed_items_frame_and_print_file_come_along(listed):
    _history, _sku, live, _test = listed
    framed = {
        "product_sku": "1M11M102S16X20",
        "product_qty": 1,
        "product_image": {
            "pixel_width": 4800,
            "pixel_height": 6000,
            "product_url_file": "https://example.com/heron.jpg",
        },
        "template": {"frame_id": 52, "mat_id": 3},
    }
    [item] = reorder_content(replace(live, detail={**live.detail, "items": [framed]}))["items"]
    assert (item.sku, item.image_url, item.pixel_width, item.pixel_height) == (
        "1M11M102S16X20",
        "https://example.com/heron.jpg",
        4800,
        6000,
    )
    assert item.template == {"frame_id": 52, "mat_id": 3}
