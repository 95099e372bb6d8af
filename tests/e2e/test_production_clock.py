"""Orders move through production on the sandbox's compressed clock and ship with tracking."""

from __future__ import annotations

import re
import time

import pytest
from sample_orders import inventory_sku, order
from sandboxes import new_po

from fwdesk.api.errors import BusinessError

TRACKING = {
    "UPS": re.compile(r"^1Z[0-9A-Z]{16}$"),
    "USPS": re.compile(r"^9\d{21}$"),
    "FedEx": re.compile(r"^\d{12}$"),
}


def wait_for(predicate, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("condition not reached in time")


@pytest.mark.timeout(60)
def test_orders_ship_with_tracking_and_lock_once_in_production(fast_sandbox):
    with fast_sandbox.client() as api:
        sku = inventory_sku(api)
        pos = [new_po("F") for _ in range(3)]
        codes = ["EC", "SD", "EX"]
        received = api.submit_orders(
            [order(po, sku, code=c) for po, c in zip(pos, codes, strict=True)]
        )
        wait_for(lambda: all(s.order_status_id != 3 for s in api.fetch_order_status(order_pos=pos)))
        with pytest.raises(BusinessError, match="production"):
            api.update_order(received[0].order_id, "cancel")
        statuses = wait_for(
            lambda: (
                (found := api.fetch_order_status(order_pos=pos))
                and all(s.shipments for s in found)
                and found
            )
        )
        for status in statuses:
            for shipment in status.shipments:
                assert TRACKING[shipment.carrier].match(shipment.tracking_number), shipment
                assert shipment.tracking_number in shipment.tracking_url
        complete = wait_for(
            lambda: [s for s in api.fetch_order_status(order_pos=pos) if s.order_status_id == 12]
        )
        assert complete[0].shipments[-1].delivery_date
