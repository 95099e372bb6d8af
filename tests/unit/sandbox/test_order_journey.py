"""An order's life on the simulated clock: production, holds, shipments, persistence."""

from __future__ import annotations

import pytest
from sample_orders import AUSTIN
from sandboxes import inprocess_client, new_po

from fwdesk.api.errors import BusinessError
from fwdesk.api.orders import Order, OrderItem
from fwdesk.sandbox.config import SandboxConfig
from fwdesk.sandbox.core import Sandbox
from fwdesk.sandbox.orders import HOUR
from fwdesk.sandbox.shipping import SHIPPING_METHODS

ADDRESS = AUSTIN


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance_sim(self, sim_seconds: float, speed: float) -> None:
        self.now += sim_seconds / speed


@pytest.fixture
def world(tmp_path):
    clock = Clock()
    config = SandboxConfig(speed=60.0, state_file=tmp_path / "state.json")
    sandbox = Sandbox(config, clock=clock)
    with inprocess_client(sandbox) as api:
        sku = api.list_virtual_inventory(per_page=1).items[0].sku
        yield api, sandbox, clock, sku, config


def place(api, sku: str, items: int = 1, code: str = "SD"):
    order = Order(
        order_po=new_po("J"),
        recipient=ADDRESS,
        shipping_code=code,
        order_items=[OrderItem(product_sku=sku, product_qty=1)] * items,
    )
    return api.submit_orders([order])[0]


def label(api, placed) -> str:
    return api.fetch_order_status(order_pos=[placed.order_po])[0].order_status_label


def test_production_timeline_and_lock(world):
    api, _, clock, sku, config = world
    placed = place(api, sku)
    assert label(api, placed) == "Order Received"
    clock.advance_sim(2 * HOUR + 1, config.speed)
    assert label(api, placed) == "In Production"
    with pytest.raises(BusinessError, match="production"):
        api.update_order(placed.order_id, "hold")
    with pytest.raises(BusinessError, match="production"):
        api.update_customer(placed.order_id, ADDRESS)
    clock.advance_sim(24 * HOUR, config.speed)
    [status] = api.fetch_order_status(order_pos=[placed.order_po])
    assert status.order_status_label == "Shipped"
    [shipment] = status.shipments
    assert shipment.carrier == "UPS" and shipment.tracking_number.startswith("1Z")
    assert shipment.delivery_date is None
    clock.advance_sim(SHIPPING_METHODS["SD"].days_max * 24 * HOUR, config.speed)
    [status] = api.fetch_order_status(order_pos=[placed.order_po])
    assert status.order_status_label == "Delivered" and status.shipments[0].delivery_date


def test_a_hold_stops_the_clock_and_a_release_resumes_it(world):
    api, _, clock, sku, config = world
    placed = place(api, sku)
    clock.advance_sim(1 * HOUR, config.speed)
    api.update_order(placed.order_id, "hold")
    clock.advance_sim(30 * HOUR, config.speed)
    assert label(api, placed) == "On Hold"
    api.update_order(placed.order_id, "pending")
    assert label(api, placed) == "Order Received"
    clock.advance_sim(1 * HOUR + 1, config.speed)
    assert label(api, placed) == "In Production"


def test_a_clock_set_back_holds_production_still_instead_of_undoing_it(world):
    api, _, clock, sku, config = world
    placed = place(api, sku)
    clock.advance_sim(26 * HOUR, config.speed)
    assert label(api, placed) == "Shipped"
    clock.now -= 3 * 24 * 3600  # the computer's clock goes back three days
    assert label(api, placed) == "Shipped"
    clock.now += 3 * 24 * 3600 - 1
    assert label(api, placed) == "Shipped", "still standing: the clock has not caught up"
    clock.advance_sim((SHIPPING_METHODS["SD"].days_max * 24 + 1) * HOUR, config.speed)
    assert label(api, placed) == "Delivered"


def test_some_multi_item_orders_ship_in_two_parcels(world):
    api, _, clock, sku, config = world
    placed = [place(api, sku, items=2) for _ in range(3)]
    clock.advance_sim(20 * HOUR, config.speed)
    labels = [label(api, p) for p in placed]
    assert labels.count("Partially Shipped") == 1
    clock.advance_sim(7 * HOUR, config.speed)
    counts = sorted(
        len(api.fetch_order_status(order_pos=[p.order_po])[0].shipments) for p in placed
    )
    assert counts == [1, 1, 2]
    numbers = [
        s.tracking_number
        for p in placed
        for s in api.fetch_order_status(order_pos=[p.order_po])[0].shipments
    ]
    assert len(set(numbers)) == 4


def test_dates_are_real_moments_not_simulated_ones(world):
    api, _, clock, sku, config = world
    placed = place(api, sku, code="EX")
    clock.advance_sim(30 * HOUR, config.speed)
    [shipment] = api.fetch_order_status(order_pos=[placed.order_po])[0].shipments
    from fwdesk.sandbox.orders import parse_date

    shipped = parse_date(shipment.shipment_date)
    assert clock.now - 30 * HOUR / config.speed <= shipped <= clock.now


def test_state_survives_a_restart(world):
    api, _, clock, sku, config = world
    placed = place(api, sku)
    api.update_order(placed.order_id, "hold")
    reborn = Sandbox(config, clock=clock)
    with inprocess_client(reborn) as again:
        assert (
            again.fetch_order_status(order_pos=[placed.order_po])[0].order_status_label == "On Hold"
        )
        another = place(again, sku)
        assert another.order_id > placed.order_id
        with pytest.raises(BusinessError, match="already used"):
            again.submit_orders(
                [
                    Order(
                        order_po=placed.order_po,
                        recipient=ADDRESS,
                        shipping_code="SD",
                        order_items=[OrderItem(product_sku=sku, product_qty=1)],
                    )
                ]
            )
