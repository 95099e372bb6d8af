"""Reads retry with backoff; writes are sent exactly once whatever happens."""

from __future__ import annotations

import httpx
import pytest
from sample_orders import order as sample_order
from scripted_api import ok

from fwdesk.api.client import RetryPolicy
from fwdesk.api.errors import NetworkError, ServerError
from fwdesk.api.orders import Address, Order

DEFINITIONS = ok(definitions=[{"order_status_id": 3, "order_status_label": "Order Received"}])


def order(po: str) -> Order:
    return sample_order(po, "AP1P1")


@pytest.mark.parametrize(
    "failure",
    [
        httpx.Response(503, text="busy"),
        httpx.Response(500, json={"Message": "An error has occurred."}),
        httpx.ConnectError("refused"),
        httpx.ReadTimeout("timed out"),
        httpx.Response(200, content=b'{"status": {'),
    ],
)
def test_read_retries_then_succeeds(script, client, failure):
    script.queue(failure, DEFINITIONS)
    definitions = client.list_order_status_definitions()
    assert [d.order_status_label for d in definitions] == ["Order Received"]
    assert len(script.requests) == 2
    assert len(script.sleeps) == 1 and 0 < script.sleeps[0] <= 0.1


def test_read_gives_up_after_the_policy_attempts(script):
    script.queue(*[httpx.Response(502, text="bad gateway")] * 4)
    with (
        script.client(retry=RetryPolicy(attempts=4, base_delay=0.1)) as api,
        pytest.raises(ServerError),
    ):
        api.list_order_status_definitions()
    assert len(script.requests) == 4
    assert len(script.sleeps) == 3
    # Exponential: each ceiling doubles, and each delay lies in the upper half of its ceiling.
    for attempt, delay in enumerate(script.sleeps, start=1):
        ceiling = 0.1 * 2 ** (attempt - 1)
        assert ceiling / 2 <= delay <= ceiling


def test_rate_limit_waits_as_long_as_the_server_asks(script, client):
    script.queue(httpx.Response(429, headers={"Retry-After": "2"}), DEFINITIONS)
    client.list_order_status_definitions()
    assert script.sleeps == [2.0]


def test_business_errors_are_not_retried(script, client):
    script.queue(httpx.Response(200, json={"status": {"success": False, "message": "no"}}))
    with pytest.raises(Exception, match="no"):
        client.list_order_status_definitions()
    assert len(script.requests) == 1


@pytest.mark.parametrize(
    "failure",
    [
        httpx.Response(503, text="busy"),
        httpx.Response(429, headers={"Retry-After": "1"}),
        httpx.ConnectError("refused"),
        httpx.ReadTimeout("timed out"),
        httpx.RemoteProtocolError("Server disconnected"),
        httpx.Response(200, content=b'{"orders": ['),
    ],
)
def test_submit_is_never_retried(script, client, failure):
    script.queue(failure)
    with pytest.raises(Exception):  # noqa: B017 - the point is the single request below
        client.submit_orders([order("SHOP-1")])
    assert len(script.requests) == 1
    assert script.sleeps == []


def test_update_calls_are_never_retried(script, client):
    script.queue(httpx.ReadTimeout("timed out"))
    with pytest.raises(NetworkError):
        client.update_customer(5, Address(first_name="A"))
    script.queue(httpx.Response(500))
    with pytest.raises(ServerError):
        client.update_order(5, "hold")
    assert len(script.requests) == 2


def test_validate_only_is_a_read_and_may_retry(script, client):
    script.queue(httpx.Response(503), ok())
    assert client.submit_orders([order("SHOP-1")], validate_only=True) == []
    assert len(script.requests) == 2
    assert script.body()["validate_only"] is True
