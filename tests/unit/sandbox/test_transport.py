import json
import logging

import httpx
import pytest

from fwdesk.sandbox.protocol import Fault, SandboxRequest, SandboxResponse
from fwdesk.sandbox.transport import SandboxTransport

BASE = "http://sandbox.invalid/v3/"


class StubHandler:
    def __init__(self, response: SandboxResponse | Exception) -> None:
        self.response = response
        self.seen: list[SandboxRequest] = []

    def __call__(self, request: SandboxRequest) -> SandboxResponse:
        self.seen.append(request)
        if isinstance(self.response, Exception):
            raise self.response
        return self.response


def client_for(handler, sleep=None) -> httpx.Client:
    sleep = sleep or (lambda seconds: pytest.fail(f"unexpected sleep({seconds})"))
    return httpx.Client(base_url=BASE, transport=SandboxTransport(handler, sleep=sleep))


def test_post_passes_method_path_headers_query_and_body_through():
    stub = StubHandler(SandboxResponse(201, b'{"id": 7}', headers={"X-Trace": "t-1"}))
    body = b'{"orders": [{"order_po": "A-1"}]}'
    with client_for(stub) as client:
        response = client.post(
            "submit_orders",
            params={"validate": "1"},
            headers={"Web-Api-Key": "KEY", "Content-Type": "application/json"},
            content=body,
        )

    [seen] = stub.seen
    assert seen.method == "POST"
    assert seen.path == "/v3/submit_orders"
    assert seen.query == {"validate": "1"}
    assert seen.body == body
    assert seen.headers["web-api-key"] == "KEY"
    assert seen.headers["content-type"] == "application/json"
    assert all(name == name.lower() for name in seen.headers)
    assert response.status_code == 201
    assert response.json() == {"id": 7}
    assert response.headers["x-trace"] == "t-1"
    assert response.headers["content-type"] == "application/json; charset=utf-8"


def test_get_query_keeps_the_first_of_repeated_values_and_blank_ones():
    stub = StubHandler(SandboxResponse(200, b"{}"))
    with client_for(stub) as client:
        client.get("list_orders", params=[("page", "2"), ("page", "9"), ("status", "")])

    [seen] = stub.seen
    assert (seen.method, seen.path) == ("GET", "/v3/list_orders")
    assert seen.query == {"page": "2", "status": ""}
    assert seen.body == b""


def test_delete_carries_its_json_body():
    stub = StubHandler(SandboxResponse(200, b"{}"))
    body = json.dumps({"order_ids": [1, 2]}).encode()
    with client_for(stub) as client:
        client.request("DELETE", "cancel_orders", content=body)

    [seen] = stub.seen
    assert (seen.method, seen.body) == ("DELETE", body)


def test_path_arrives_percent_decoded_like_over_http():
    stub = StubHandler(SandboxResponse(200, b"{}"))
    with client_for(stub) as client:
        client.get("orders/PO%201")
    assert stub.seen[0].path == "/v3/orders/PO 1"


def test_a_given_content_type_is_kept():
    stub = StubHandler(SandboxResponse(200, b"hi", headers={"Content-Type": "text/plain"}))
    with client_for(stub) as client:
        response = client.get("x")

    assert response.headers.get_list("content-type") == ["text/plain"]


@pytest.mark.parametrize(
    ("fault", "error"),
    [(Fault.DROP, httpx.RemoteProtocolError), (Fault.TIMEOUT, httpx.ReadTimeout)],
)
def test_faults_raise_what_httpx_raises_over_a_socket(fault, error):
    stub = StubHandler(SandboxResponse(200, b"{}", fault=fault))
    with client_for(stub) as client, pytest.raises(error):
        client.post("submit_orders", json={})
    assert len(stub.seen) == 1


def test_latency_is_slept_through_the_injected_sleep():
    slept: list[float] = []
    stub = StubHandler(SandboxResponse(200, b"{}", delay_s=0.25))
    with client_for(stub, sleep=slept.append) as client:
        response = client.get("x")

    assert slept == [0.25]
    assert response.status_code == 200


def test_latency_comes_before_a_fault():
    slept: list[float] = []
    stub = StubHandler(SandboxResponse(200, b"{}", delay_s=1.5, fault=Fault.DROP))
    with client_for(stub, sleep=slept.append) as client, pytest.raises(httpx.RemoteProtocolError):
        client.get("x")
    assert slept == [1.5]


def test_handler_exception_becomes_a_logged_500(caplog):
    stub = StubHandler(RuntimeError("boom"))
    with caplog.at_level(logging.DEBUG), client_for(stub) as client:
        response = client.get("x", headers={"Web-Api-Key": "SECRET-KEY"})

    assert response.status_code == 500
    assert response.json() == {"Message": "An error has occurred."}
    assert "boom" in caplog.text
    assert "SECRET-KEY" not in caplog.text
