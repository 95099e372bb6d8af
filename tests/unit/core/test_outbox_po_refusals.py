"""The outbox where a PO is refused or a payment fails, against a scripted FinerWorks that
answers as API.md section 9 says: settled by looking the PO up, never by guessing."""

from __future__ import annotations

import json
from dataclasses import replace

import httpx
import pytest
from sample_orders import AUSTIN

from fwdesk.api.client import FinerWorksClient, RetryPolicy
from fwdesk.api.keys import Credentials
from fwdesk.core.drafts import REJECTED, SUBMITTED, UNKNOWN, DraftItem, DraftStore
from fwdesk.core.outbox import Outbox
from fwdesk.core.payment import Payment, PaymentKind
from fwdesk.core.store import Store

CARD = Payment(PaymentKind.CARD, "Visa ending in 4242", token="tok_visa")
STRANGER = {
    "first_name": "Jonas",
    "last_name": "Berg",
    "address_1": "55 Harbor Rd",
    "zip_postal_code": "04101",
    "country_code": "us",
}


def ok(**payload: object) -> httpx.Response:
    return httpx.Response(200, json={"status": {"success": True, "message": ""}, **payload})


class FakeFinerWorks:
    """Just enough FinerWorks: submits, lookups by PO, and the answers a test scripts."""

    def __init__(self) -> None:
        self.held: dict[str, dict] = {}
        self.listed: set[str] = set()
        """POs list_orders shows; the rest of `held` only fetch_order_status finds."""
        self.lose_next_answer = 0
        self.hide_for_lookups = 0
        """How many lookups miss a just-placed order (live lists may lag behind a submit)."""
        self.decline_payment = False
        self.submits: list[dict] = []
        self.next_id = 900

    def handle(self, request: httpx.Request) -> httpx.Response:
        method = request.url.path.rsplit("/", 1)[-1]
        body = json.loads(request.content) if request.content else {}
        return getattr(self, method)(body)

    def place(self, po: str, recipient: dict, items: list[dict], listed: bool = True) -> None:
        self.next_id += 1
        self.held[po] = {
            "order_po": po,
            "order_id": self.next_id,
            "order_confirmation_id": self.next_id + 1000,
            "recipient": recipient,
            "order_items": items,
        }
        if listed:
            self.listed.add(po)

    def submit_orders_v2(self, body: dict) -> httpx.Response:
        self.submits.append(body)
        taken = [i for i, o in enumerate(body["orders"]) if o["order_po"] in self.held]
        if taken:
            state = {
                f"request.orders[{i}].order_po": [
                    f"Duplicate order_po '{body['orders'][i]['order_po']}'"
                ]
                for i in taken
            }
            return httpx.Response(
                400, json={"Message": "The request is invalid.", "ModelState": state}
            )
        for order in body["orders"]:
            self.place(order["order_po"], order["recipient"], order["order_items"])
        if self.decline_payment:
            return httpx.Response(
                200,
                json={"status": {"success": False, "message": "Payment failed: card declined"}},
            )
        if self.lose_next_answer:
            self.lose_next_answer -= 1
            raise httpx.ReadTimeout("the answer was lost")
        return ok(orders=[self._received(o["order_po"]) for o in body["orders"]])

    def list_orders(self, body: dict) -> httpx.Response:
        if self.hide_for_lookups:
            self.hide_for_lookups -= 1
            return ok(orders=[], total_count=0)
        found = [self.held[po] for po in body.get("order_pos", []) if po in self.listed]
        return ok(orders=found, total_count=len(found))

    def fetch_order_status(self, body: dict) -> httpx.Response:
        if self.hide_for_lookups:
            self.hide_for_lookups -= 1
            return ok(orders=[])
        found = [self._received(po) for po in body.get("order_pos", []) if po in self.held]
        return ok(orders=[{**o, "order_status_id": 3} for o in found])

    def _received(self, po: str) -> dict:
        held = self.held[po]
        return {k: held[k] for k in ("order_po", "order_id", "order_confirmation_id")}


@pytest.fixture
def server() -> FakeFinerWorks:
    return FakeFinerWorks()


@pytest.fixture
def api(server):
    client = FinerWorksClient(
        Credentials("web-key-123456", "app-key-123456"),
        "https://fw.test/v3/",
        transport=httpx.MockTransport(server.handle),
        retry=RetryPolicy(attempts=1),
        sleep=lambda _s: None,
    )
    with client:
        yield client


@pytest.fixture
def drafts(tmp_path) -> DraftStore:
    return DraftStore(Store(tmp_path / "shop.sqlite"))


def outbox(drafts: DraftStore) -> Outbox:
    return Outbox(drafts, rounds=6, sleep=lambda _s: None)


def make(drafts: DraftStore, count: int = 1, **changes) -> list[int]:
    return [
        drafts.create(
            recipient=AUSTIN, items=(DraftItem("AP1P1", 1 + n),), shipping_code="SD", **changes
        ).id
        for n in range(count)
    ]


def items_of(drafts: DraftStore, draft_id: int) -> list[dict]:
    return drafts.get(draft_id).to_order().to_json()["order_items"]


def test_a_lost_answer_whose_order_arrived_is_adopted_not_resent(server, api, drafts):
    [draft_id] = make(drafts)
    server.lose_next_answer = 1
    report = outbox(drafts).send(api, [draft_id], payment=CARD)
    assert report.submitted == [drafts.get(draft_id).order_po]
    assert len(server.submits) == 1
    assert drafts.get(draft_id).order_id == server.held[report.submitted[0]]["order_id"]


def test_a_resend_answered_duplicate_po_adopts_our_own_order(server, api, drafts):
    [draft_id] = make(drafts)
    server.lose_next_answer = 1
    server.hide_for_lookups = 2  # the first look (both calls) misses it, so it is sent again
    report = outbox(drafts).send(api, [draft_id], payment=CARD)
    draft = drafts.get(draft_id)
    assert draft.state == SUBMITTED, draft.message
    assert report.rejected == {} and len(server.submits) == 2
    assert len(server.held) == 1


def test_a_po_another_order_uses_is_never_adopted(server, api, drafts):
    [draft_id] = make(drafts)
    po = drafts.get(draft_id).order_po
    server.place(po, STRANGER, [{"product_sku": "AP7P7", "product_qty": 1}])
    report = outbox(drafts).send(api, [draft_id], payment=CARD)
    draft = drafts.get(draft_id)
    assert draft.state == REJECTED and draft.editable
    assert "different order" in draft.message and po in draft.message
    assert str(server.held[po]["order_id"]) in draft.message
    assert draft.order_id is None and report.submitted == []


def test_an_unverifiable_holder_of_a_fresh_po_is_not_taken_for_ours(server, api, drafts):
    [draft_id] = make(drafts)
    po = drafts.get(draft_id).order_po
    server.place(po, AUSTIN.to_json(), items_of(drafts, draft_id), listed=False)
    outbox(drafts).send(api, [draft_id], payment=CARD)
    assert drafts.get(draft_id).state == REJECTED


def test_an_unverifiable_holder_is_ours_when_this_draft_was_sent_before(server, api, drafts):
    [draft_id] = make(drafts)
    po = drafts.get(draft_id).order_po
    drafts.mark([draft_id], UNKNOWN)
    drafts.mark([draft_id], "draft")  # sent once before; its fate was settled as not received
    drafts.store.connection().execute("UPDATE drafts SET attempts = 1 WHERE id = ?", (draft_id,))
    server.place(po, AUSTIN.to_json(), items_of(drafts, draft_id), listed=False)
    outbox(drafts).send(api, [draft_id], payment=CARD)
    assert drafts.get(draft_id).state == SUBMITTED


def test_one_foreign_po_in_a_batch_leaves_the_others_to_be_placed(server, api, drafts):
    ids = make(drafts, 3)
    foreign = drafts.get(ids[1]).order_po
    server.place(foreign, STRANGER, [{"product_sku": "AP7P7", "product_qty": 1}])
    report = outbox(drafts).send(api, ids, payment=CARD)
    assert sorted(report.submitted) == sorted(drafts.get(i).order_po for i in (ids[0], ids[2]))
    assert list(report.rejected) == [foreign]
    assert len(server.held) == 3


def test_a_refused_payment_keeps_the_unpaid_order_and_never_resends(server, api, drafts):
    [draft_id] = make(drafts)
    server.decline_payment = True
    report = outbox(drafts).send(api, [draft_id], payment=CARD)
    draft = drafts.get(draft_id)
    assert draft.state == SUBMITTED and "card declined" in draft.message
    assert report.notes == {draft.order_po: draft.message}
    assert len(server.submits) == 1


def test_a_refused_payment_that_placed_nothing_is_handed_back(server, api, drafts):
    [draft_id] = make(drafts)
    server.decline_payment = True
    server.place = lambda *_args, **_kw: None  # this FinerWorks keeps nothing it was not paid
    outbox(drafts).send(api, [draft_id], payment=CARD)
    draft = drafts.get(draft_id)
    assert draft.state == REJECTED and "did not place" in draft.message


def test_test_orders_travel_apart_with_the_test_token(server, api, drafts):
    live = make(drafts, 2)
    test = make(drafts, 1, test_mode=True)
    outbox(drafts).send(api, live + test, payment=CARD)
    tokens = sorted((s.get("payment_token"), len(s["orders"])) for s in server.submits)
    assert tokens == [("tok_visa", 2), ("xxxx", 1)]


def test_credits_send_no_token(server, api, drafts):
    ids = make(drafts, 2)
    credits = Payment(PaymentKind.CREDITS, "Account credits")
    outbox(drafts).send(api, ids, payment=credits)
    assert ["payment_token" in s for s in server.submits] == [False]


def test_orders_are_placed_with_submit_orders_v2_five_to_a_call(server, api, drafts):
    ids = make(drafts, 7)
    outbox(drafts).send(api, ids, payment=replace(CARD))
    assert [len(s["orders"]) for s in server.submits] == [5, 2]
