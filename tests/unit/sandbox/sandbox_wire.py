"""Calling the sandbox core as a client would, without any transport: requests are built from
plain JSON, answers come back parsed, and a fake clock moves simulated time on demand."""

from __future__ import annotations

import json
from typing import Any

from fwdesk.sandbox.core import Sandbox
from fwdesk.sandbox.protocol import SandboxRequest

KEYS = {"web_api_key": "demo", "app_key": "demo"}
NO_BODY = object()
CARD_SKU = "AP2222P48844"
"""A 5 x 7 in card from the demo inventory: cheap enough to pay for from the opening credits."""
METAL_SKU = "AP2210P48817"
"""A metal print from the demo inventory: far dearer than the opening credits."""
PORTLAND = {
    "first_name": "Ann",
    "last_name": "Lee",
    "address_1": "1 Main St",
    "city": "Portland",
    "state_code": "OR",
    "zip_postal_code": "97205",
    "country_code": "us",
    "email": "ann@example.net",
}
HOUR = 3600.0


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance_sim(self, sim_seconds: float, speed: float) -> None:
        self.now += sim_seconds / speed


class Wire:
    """One account's view of a sandbox."""

    def __init__(self, sandbox: Sandbox, keys: dict[str, str] = KEYS) -> None:
        self.sandbox = sandbox
        self.keys = keys

    def __call__(
        self,
        method: str,
        body: Any = NO_BODY,
        *,
        verb: str = "POST",
        query: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, Any]:
        raw = b"" if body is NO_BODY else json.dumps(body).encode()
        request = SandboxRequest(
            verb,
            f"/v3/{method}",
            dict(self.keys if headers is None else headers),
            dict(query or {}),
            raw,
        )
        answer = self.sandbox.handle(request)
        return answer.status, json.loads(answer.body)

    def ok(self, method: str, body: Any = NO_BODY, **options: Any) -> dict[str, Any]:
        """The payload of a call that must succeed."""
        status, answer = self(method, body, **options)
        assert status == 200, answer
        assert answer["status"]["success"] is True, answer["status"]
        return answer

    def refused(self, method: str, body: Any = NO_BODY, **options: Any) -> dict[str, Any]:
        """The answer of a call that must be declined with HTTP 200 and success false."""
        status, answer = self(method, body, **options)
        assert status == 200, answer
        assert answer["status"]["success"] is False, answer
        return answer

    def model_state(self, method: str, body: Any = NO_BODY, **options: Any) -> dict[str, Any]:
        """The ModelState of a call that must be refused with HTTP 400."""
        status, answer = self(method, body, **options)
        assert status == 400, answer
        assert answer["Message"] == "The request is invalid."
        return answer["ModelState"]

    # -- orders -----------------------------------------------------------------------------

    def submit(self, *orders: dict[str, Any], **extra: Any) -> dict[str, Any]:
        return self.ok("submit_orders_v2", {"orders": list(orders), **extra})

    def status_of(self, po: str) -> dict[str, Any]:
        [found] = self.ok("fetch_order_status", {"order_pos": [po]})["orders"]
        return found

    def status_id(self, po: str) -> int:
        return self.status_of(po)["order_status_id"]

    def update(self, order_id: int, command: str) -> dict[str, Any]:
        body = {"order_id": order_id, "update_command": command}
        return self("update_order", body, verb="PUT")[1]

    def credits(self) -> float:
        return self.ok("get_user", verb="GET")["user_account"]["user_account_credits"]


def order(
    po: str, sku: str = CARD_SKU, *, items: int = 1, code: Any = "SD", **recipient: Any
) -> dict[str, Any]:
    return {
        "order_po": po,
        "order_key": None,
        "recipient": {**PORTLAND, **recipient},
        "shipping_code": code,
        "order_items": [{"product_sku": sku, "product_qty": 1} for _ in range(items)],
    }
