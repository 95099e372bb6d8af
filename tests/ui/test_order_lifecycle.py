"""An order's life in the Orders tab, on the real window, against fwdesk-sandbox over HTTP at a
high --speed: every decision is made from FinerWorks' status ids (API.md 9.1)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QMessageBox
from sample_orders import AUSTIN, order
from sandboxes import new_po, start_sandbox

from fwdesk.core.order_status import Stage

REJECTED_ADDRESS = replace(AUSTIN, address_1="12 Nowhere Road")
"""The sandbox's carrier refuses any address naming "Nowhere" (its documented trigger)."""


def tracked(window, po: str):
    model = window.orders.model
    return next(
        (model.order(r) for r in range(model.rowCount()) if model.order(r).order_po == po), None
    )


def stage_of(window, po: str) -> Stage | None:
    found = tracked(window, po)
    return found.meaning.stage if found else None


def select(window, po: str) -> None:
    model = window.orders.model
    for row in range(model.rowCount()):
        if model.order(row).order_po == po:
            window.orders.view.selectRow(row)
            return
    raise AssertionError(f"{po} not listed")


def polling_fast(window) -> None:
    window.orders.refresh_ms = 400
    window.orders._timer.setInterval(400)
    window.orders.refresh()


@pytest.fixture
def fast(open_window):
    running = start_sandbox("--speed", "36000")
    window = open_window("--sandbox-url", running.url)
    with running.client() as api:
        window.sku = api.list_virtual_inventory(per_page=1).items[0].sku
        window.api = api
        polling_fast(window)
        yield window, running
    running.stop()


@pytest.mark.timeout(120)
def test_an_order_goes_from_received_to_complete_and_stops_being_polled(fast, qtbot):
    window, _running = fast
    seen: list[Stage] = []
    po = new_po("L")
    window.api.submit_orders([order(po, window.sku)])

    def progressed() -> bool:
        stage = stage_of(window, po)
        if stage is not None and (not seen or seen[-1] is not stage):
            seen.append(stage)
        return stage is Stage.COMPLETE

    qtbot.waitUntil(progressed, timeout=90000)
    assert seen[-1] is Stage.COMPLETE
    assert Stage.SHIPPED in seen or Stage.PARTLY_SHIPPED in seen, seen
    finished = tracked(window, po)
    assert finished.finished and finished.status_id in (10, 11, 12, 32)
    assert finished.detail["shipments"][0]["tracking_number"]
    assert po not in window.orders._history.open_pos()
    select(window, po)
    detail = window.orders.detail.text()
    assert "Complete" in detail and "tracknum=" in detail


@pytest.mark.timeout(90)
def test_a_rejected_address_notifies_with_what_to_do(fast, qtbot):
    window, _running = fast
    told: list[tuple[str, str]] = []
    window.orders.notify.connect(lambda title, text: told.append((title, text)))
    po = new_po("R")
    window.api.submit_orders([order(po, window.sku, recipient=REJECTED_ADDRESS)])
    qtbot.waitUntil(lambda: stage_of(window, po) is Stage.NEEDS_ATTENTION, timeout=60000)
    assert tracked(window, po).status_id == 35
    qtbot.waitUntil(lambda: any(po in title for title, _text in told), timeout=5000)
    text = next(text for title, text in told if po in title)
    assert "Change recipient" in text and "rejected" in text.lower()
    select(window, po)
    assert window.orders.recipient_button.isEnabled()
    assert not window.orders.hold_button.isEnabled()
    assert "Change recipient" in window.orders.detail.text()


@pytest.fixture
def slow(open_window, qtbot):
    """Two simulated minutes a second: an order stays before production for about a minute,
    and a cancellation request is settled in seconds."""
    running = start_sandbox("--speed", "120")
    window = open_window("--sandbox-url", running.url)
    with running.client() as api:
        sku = api.list_virtual_inventory(per_page=1).items[0].sku
        pos = [new_po("H"), new_po("C")]
        api.submit_orders([order(po, sku) for po in pos])
    window.orders.refresh()
    qtbot.waitUntil(lambda: all(tracked(window, po) for po in pos), timeout=15000)
    yield window, running, pos
    running.stop()


def server_status(running, po: str) -> int:
    return next(o["order_status_id"] for o in running.server_orders() if o["order_po"] == po)


@pytest.mark.timeout(90)
def test_hold_then_release_then_cancel_from_the_tab(slow, qtbot, monkeypatch):
    window, running, (held, cancelled) = slow
    tab = window.orders
    select(window, held)
    assert tab.hold_button.isEnabled() and not tab.release_button.isEnabled()
    tab.hold_button.click()
    qtbot.waitUntil(lambda: stage_of(window, held) is Stage.ON_HOLD, timeout=10000)
    assert server_status(running, held) == 30
    select(window, held)
    assert tab.release_button.isEnabled() and not tab.hold_button.isEnabled()
    tab.release_button.click()
    qtbot.waitUntil(lambda: stage_of(window, held) is Stage.WAITING, timeout=10000)
    assert server_status(running, held) == 3

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    select(window, cancelled)
    tab.cancel_button.click()
    qtbot.waitUntil(
        lambda: stage_of(window, cancelled) is Stage.CANCELLATION_REQUESTED, timeout=10000
    )
    polling_fast(window)
    qtbot.waitUntil(lambda: stage_of(window, cancelled) is Stage.CANCELLED, timeout=40000)
    assert tracked(window, cancelled).finished
    select(window, cancelled)
    assert "Cancelled" in tab.detail.text()
    assert not tab.cancel_button.isEnabled() and not tab.hold_button.isEnabled()
