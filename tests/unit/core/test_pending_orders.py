"""Orders staged on FinerWorks for review (API.md 9.6): saved from a draft, listed for every
desk, taken into a desk's drafts or deleted, against the in-process sandbox."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sample_orders import AUSTIN
from sandboxes import DEMO, inprocess_client

from fwdesk.api.client import FinerWorksClient
from fwdesk.core import pending_orders
from fwdesk.core.drafts import DRAFT, DraftItem, DraftStore
from fwdesk.core.order_history import OrderHistory
from fwdesk.core.pending_orders import PendingOrders
from fwdesk.core.store import Store
from fwdesk.sandbox.config import SandboxConfig
from fwdesk.sandbox.core import Sandbox
from fwdesk.sandbox.protocol import Fault, SandboxRequest, SandboxResponse
from fwdesk.sandbox.transport import SandboxTransport


@pytest.fixture
def world(tmp_path):
    sandbox = Sandbox(SandboxConfig())
    with inprocess_client(sandbox) as api:
        sku = api.list_virtual_inventory(per_page=1).items[0].sku
        yield sandbox, api, sku, Store(tmp_path / "desk-a.sqlite")


def make_draft(store: Store, sku: str, **changes):
    return DraftStore(store).create(
        recipient=AUSTIN, items=(DraftItem(sku, 2, "Heron"),), shipping_code="SD", **changes
    )


def place_from_dashboard(sandbox: Sandbox, ids: list[int]) -> None:
    answer = sandbox.handle(
        SandboxRequest(
            "POST",
            "/v3/_sandbox_place_pending",
            {"web_api_key": "demo", "app_key": "demo"},
            {},
            json.dumps({"ids": ids}).encode(),
        )
    )
    assert answer.status == 200, answer.body


def test_a_draft_saved_for_review_lives_on_finerworks_not_in_the_drafts(world):
    _sandbox, api, sku, store = world
    draft = make_draft(store, sku, gift_message="For Ada")
    staged = pending_orders.save_for_review(api, store, draft.id)
    assert DraftStore(store).get(draft.id) is None
    [listed] = api.list_pending_orders()
    assert (listed.fulfillment_id, listed.order_po) == (staged.fulfillment_id, draft.order_po)
    assert listed.source == "fwdesk" and listed.gift_message == "For Ada"
    [shown] = PendingOrders(store).all()
    assert shown.order_po == draft.order_po
    as_draft = shown.as_draft()
    assert as_draft.recipient.last_name == "Quintero" and as_draft.items[0].quantity == 2
    assert as_draft.state == DRAFT


def test_a_lost_answer_to_the_save_stages_the_order_once(world):
    sandbox, _api, sku, store = world
    lost = []

    def losing_the_save(request: SandboxRequest) -> SandboxResponse:
        answer = sandbox.handle(request)
        if request.path.endswith("/save_pending_orders") and not lost:
            lost.append(request.path)
            return replace(answer, fault=Fault.DROP)  # stored, but the answer never arrives
        return answer

    draft = make_draft(store, sku)
    transport = SandboxTransport(losing_the_save, sleep=lambda _s: None)
    with FinerWorksClient(DEMO, "http://sandbox.invalid/v3/", transport=transport) as api:
        staged = pending_orders.save_for_review(api, store, draft.id)
        assert lost, "the save's answer was lost"
        assert [o.order_po for o in api.list_pending_orders()] == [draft.order_po]
    assert staged.order_po == draft.order_po


def test_another_desk_sees_it_takes_it_in_and_no_desk_offers_it_again(world, tmp_path):
    _sandbox, api, sku, store = world
    draft = make_draft(store, sku)
    pending_orders.save_for_review(api, store, draft.id)
    other = Store(tmp_path / "desk-b.sqlite")
    [seen] = pending_orders.refresh(api, other)
    taken = pending_orders.take_in(api, other, seen.fulfillment_id)
    assert (taken.order_po, taken.state) == (draft.order_po, DRAFT)
    assert taken.items[0].sku == sku and taken.shipping_code == "SD"
    assert api.list_pending_orders() == []
    assert pending_orders.refresh(api, store) == []
    assert PendingOrders(other).all() == []


def test_a_pending_copy_of_a_po_this_desk_has_is_not_offered(world):
    _sandbox, api, sku, store = world
    draft = make_draft(store, sku)
    api.save_pending_orders([draft.to_order()])  # e.g. uploaded from the shop's spreadsheet
    assert pending_orders.refresh(api, store) == []
    assert len(api.list_pending_orders()) == 1


def test_placed_from_the_dashboard_it_leaves_pending_and_joins_the_orders(world):
    sandbox, api, sku, store = world
    staged = pending_orders.save_for_review(api, store, make_draft(store, sku).id)
    place_from_dashboard(sandbox, [staged.fulfillment_id])
    assert pending_orders.refresh(api, store) == []
    history = OrderHistory(store)
    history.record_receipts(api.iter_orders(order_pos=[staged.order_po]))
    assert [o.order_po for o in history.orders()] == [staged.order_po]


def test_deleting_removes_it_everywhere(world):
    _sandbox, api, sku, store = world
    staged = pending_orders.save_for_review(api, store, make_draft(store, sku).id)
    pending_orders.delete(api, store, staged.fulfillment_id)
    assert api.list_pending_orders() == [] and PendingOrders(store).all() == []


def test_only_an_unsent_draft_can_be_saved_for_review(world):
    _sandbox, api, sku, store = world
    draft = make_draft(store, sku)
    DraftStore(store).mark([draft.id], "submitted")
    with pytest.raises(ValueError, match="not been sent"):
        pending_orders.save_for_review(api, store, draft.id)
    assert api.list_pending_orders() == []


def test_a_po_finerworks_already_placed_is_not_staged(world):
    _sandbox, api, sku, store = world
    draft = make_draft(store, sku)
    api.submit_orders_v2([draft.to_order()], "xxxx")  # placed from another desk meanwhile
    with pytest.raises(ValueError, match="already has a placed order"):
        pending_orders.save_for_review(api, store, draft.id)
    assert api.list_pending_orders() == [] and DraftStore(store).get(draft.id) is not None
