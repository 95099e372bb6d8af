"""The outbox against a sandbox that fails 30% of calls, over real HTTP: every order arrives
exactly once, even when the sending process is killed at random moments."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sample_orders import AUSTIN
from sandboxes import start_sandbox

from fwdesk.api.client import RetryPolicy
from fwdesk.core.drafts import SUBMITTED, DraftItem, DraftStore
from fwdesk.core.outbox import Outbox
from fwdesk.core.store import Store

RUNNER = Path(__file__).with_name("outbox_runner.py")


def make_drafts(drafts: DraftStore, sku: str, count: int) -> list[int]:
    return [
        drafts.create(recipient=AUSTIN, items=(DraftItem(sku, 1 + n % 3),), shipping_code="SD").id
        for n in range(count)
    ]


def inventory_sku(running) -> str:
    with running.client() as api:
        return api.list_virtual_inventory(per_page=1).items[0].sku


def assert_each_order_exactly_once(running, drafts: DraftStore, ids: list[int]) -> None:
    server = running.server_orders()
    placed = [o["order_po"] for o in server]
    mine = {drafts.get(i).order_po for i in ids}
    assert len(placed) == len(set(placed)), "an order was placed twice"
    assert set(placed) == mine, "an order was lost or an unknown one appeared"
    by_po = {o["order_po"]: o["order_id"] for o in server}
    for draft_id in ids:
        draft = drafts.get(draft_id)
        assert draft.state == SUBMITTED, (draft.order_po, draft.state, draft.message)
        assert draft.order_id == by_po[draft.order_po]


@pytest.mark.timeout(300)
def test_100_orders_through_30_percent_faults(tmp_path):
    running = start_sandbox("--fail-rate", "0.3", "--seed", "11")
    try:
        drafts = DraftStore(Store(tmp_path / "shop.sqlite"))
        httpx.post(
            running.url + "_sandbox_control",
            headers={"web_api_key": "demo", "app_key": "demo"},
            json={"fail_rate": 0},
        )
        ids = make_drafts(drafts, inventory_sku(running), 100)
        httpx.post(
            running.url + "_sandbox_control",
            headers={"web_api_key": "demo", "app_key": "demo"},
            json={"fail_rate": 0.3},
        )
        retry = RetryPolicy(attempts=3, base_delay=0.05, max_delay=0.2)
        with running.client(timeout=httpx.Timeout(2.0), retry=retry) as api:
            report = Outbox(drafts, rounds=20, pause=0.05).send(api, ids)
        assert len(report.submitted) == 100, report
        assert_each_order_exactly_once(running, drafts, ids)
    finally:
        running.stop()


@pytest.mark.timeout(600)
def test_a_sender_killed_at_random_moments_loses_and_duplicates_nothing(tmp_path):
    running = start_sandbox("--fail-rate", "0.3", "--seed", "5", "--latency-ms", "15")
    database = tmp_path / "shop.sqlite"
    try:
        httpx.post(
            running.url + "_sandbox_control",
            headers={"web_api_key": "demo", "app_key": "demo"},
            json={"fail_rate": 0},
        )
        drafts = DraftStore(Store(database))
        ids = make_drafts(drafts, inventory_sku(running), 100)
        httpx.post(
            running.url + "_sandbox_control",
            headers={"web_api_key": "demo", "app_key": "demo"},
            json={"fail_rate": 0.3},
        )
        dice = random.Random(2026)
        kills = 0
        for _ in range(4):
            sender = subprocess.Popen([sys.executable, str(RUNNER), str(database), running.url])
            time.sleep(dice.uniform(0.5, 2.0))
            if sender.poll() is None:
                sender.send_signal(signal.SIGKILL)
                kills += 1
            sender.wait()
        assert kills >= 2, "the sender was killed mid-batch at least twice"
        final = subprocess.run(
            [sys.executable, str(RUNNER), str(database), running.url],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert final.returncode == 0, final.stderr
        assert_each_order_exactly_once(running, DraftStore(Store(database)), ids)
    finally:
        running.stop()
