import json
import logging
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

import fwdesk
from fwdesk.sandbox.config import DEMO_CREDENTIALS, SandboxConfig
from fwdesk.sandbox.core import Sandbox
from fwdesk.sandbox.protocol import Fault, SandboxRequest, SandboxResponse
from fwdesk.sandbox.server import SandboxHTTPServer, build_config, is_loopback_host, parse_args

OK = SandboxResponse(200, b'{"status": {"success": true}}')


class StubHandler:
    def __init__(self, response: SandboxResponse | Exception = OK) -> None:
        self.response = response
        self.seen: list[SandboxRequest] = []
        self.threads: list[threading.Thread] = []

    def __call__(self, request: SandboxRequest) -> SandboxResponse:
        self.seen.append(request)
        self.threads.append(threading.current_thread())
        if isinstance(self.response, Exception):
            raise self.response
        return self.response


@pytest.fixture
def stub():
    return StubHandler()


@pytest.fixture
def server(stub):
    with SandboxHTTPServer(stub) as running:
        yield running


@pytest.fixture
def client(server):
    with httpx.Client(base_url=server.url, timeout=5) as http:
        yield http


def test_url_names_the_bound_port_and_the_v3_root(server):
    parts = urlsplit(server.url)
    assert (parts.scheme, parts.hostname, parts.path) == ("http", "127.0.0.1", "/v3/")
    assert parts.port


def test_post_reaches_the_handler_intact_and_its_answer_comes_back(stub, client):
    stub.response = SandboxResponse(201, b'{"id": 7}', headers={"X-Trace": "t-1"})
    body = b'{"orders": [{"order_po": "A-1"}]}'
    response = client.post(
        "submit_orders",
        params=[("validate", "1"), ("validate", "0"), ("note", "")],
        headers={"Web-Api-Key": "KEY", "Content-Type": "application/json"},
        content=body,
    )

    [seen] = stub.seen
    assert (seen.method, seen.path) == ("POST", "/v3/submit_orders")
    assert seen.query == {"validate": "1", "note": ""}
    assert seen.body == body
    assert seen.headers["web-api-key"] == "KEY"
    assert seen.headers["content-type"] == "application/json"
    assert all(name == name.lower() for name in seen.headers)
    assert response.status_code == 201
    assert response.content == b'{"id": 7}'
    assert response.headers["x-trace"] == "t-1"
    assert response.headers["content-type"] == "application/json; charset=utf-8"


def test_a_given_content_type_is_kept(stub, client):
    stub.response = SandboxResponse(200, b"hi", headers={"Content-Type": "text/plain"})
    response = client.get("x")
    assert response.headers.get_list("content-type") == ["text/plain"]
    assert response.text == "hi"


@pytest.mark.parametrize("method", ["GET", "DELETE", "PUT", "PATCH"])
def test_every_verb_carries_a_body(stub, client, method):
    body = json.dumps({"order_ids": [1, 2]}).encode()
    response = client.request(method, "orders", content=body)

    [seen] = stub.seen
    assert (seen.method, seen.path, seen.body) == (method, "/v3/orders", body)
    assert response.status_code == 200


def test_path_arrives_percent_decoded(stub, client):
    client.get("orders/PO%201")
    assert stub.seen[0].path == "/v3/orders/PO 1"


def test_malformed_content_length_is_a_400_that_skips_the_handler(stub, server):
    parts = urlsplit(server.url)
    with socket.create_connection((parts.hostname, parts.port), timeout=5) as sock:
        sock.sendall(b"POST /v3/x HTTP/1.1\r\nHost: sandbox\r\nContent-Length: ten\r\n\r\n")
        status_line = sock.makefile("rb").readline()
    assert status_line.split()[1] == b"400"
    assert stub.seen == []


def test_healthz_answers_without_the_handler(stub, server):
    with httpx.Client(timeout=5) as http:
        response = http.get(server.url.replace("/v3/", "/healthz"))
    assert response.status_code == 200
    assert response.json() == {"ok": True}
    assert stub.seen == []


def test_drop_closes_the_connection_without_a_response(stub, client):
    stub.response = SandboxResponse(200, b"{}", fault=Fault.DROP)
    with pytest.raises(httpx.RemoteProtocolError):
        client.post("submit_orders", json={})
    assert len(stub.seen) == 1


def test_drop_writes_not_a_single_byte(stub, server):
    stub.response = SandboxResponse(200, b"{}", fault=Fault.DROP)
    parts = urlsplit(server.url)
    with socket.create_connection((parts.hostname, parts.port), timeout=5) as sock:
        sock.sendall(b"GET /v3/x HTTP/1.1\r\nHost: sandbox\r\n\r\n")
        assert sock.recv(1024) == b""


@pytest.mark.timeout(10)
def test_timeout_holds_the_connection_until_shutdown_releases_it():
    stub = StubHandler(SandboxResponse(200, b"{}", fault=Fault.TIMEOUT))
    with SandboxHTTPServer(stub, timeout_hold_s=5) as server:
        with (
            httpx.Client(base_url=server.url, timeout=httpx.Timeout(5, read=0.3)) as http,
            pytest.raises(httpx.ReadTimeout),
        ):
            http.get("x")
        [worker] = stub.threads
        assert worker.is_alive()  # still holding the connection

    worker.join(timeout=2)
    assert not worker.is_alive()


def test_latency_delays_the_answer(stub, client):
    stub.response = SandboxResponse(200, b"{}", delay_s=1.0)
    with pytest.raises(httpx.ReadTimeout):
        client.get("x", timeout=httpx.Timeout(5, read=0.2))


def test_handler_exception_is_a_logged_500_and_serving_goes_on(stub, client, caplog):
    stub.response = RuntimeError("boom")
    with caplog.at_level(logging.DEBUG):
        failed = client.get("x", headers={"Web-Api-Key": "SECRET-KEY"})
    stub.response = OK
    recovered = client.get("x")

    assert failed.status_code == 500
    assert failed.json() == {"Message": "An error has occurred."}
    assert "boom" in caplog.text
    assert "SECRET-KEY" not in caplog.text
    assert recovered.status_code == 200


def test_requests_log_at_debug_and_not_to_stderr(client, caplog, capsys):
    with caplog.at_level(logging.DEBUG, logger="fwdesk.sandbox.server"):
        client.get("list_orders")

    assert "GET /v3/list_orders" in caplog.text
    assert capsys.readouterr().err == ""


def test_close_without_start_releases_the_port(stub):
    server = SandboxHTTPServer(stub)
    server.close()
    parts = urlsplit(server.url)
    with pytest.raises(httpx.ConnectError), httpx.Client(timeout=5) as http:
        http.get(f"http://{parts.hostname}:{parts.port}/healthz")


def test_default_config_has_the_demo_account_and_live_app():
    config = build_config(parse_args([]))
    assert config.credentials == [DEMO_CREDENTIALS]
    assert (config.invoice_allowed, config.app_live_mode) == (False, True)
    assert (config.speed, config.latency_ms, config.fail_rate, config.seed) == (1.0, 0, 0.0, None)
    assert (config.credits, config.lookup_lag_s) == (500.0, 0.0)
    assert config.state_file is None


def test_credentials_accumulate_and_split_on_the_first_colon():
    args = parse_args(["--credentials", "k1:a1", "k2:a:b", "--credentials", "k3:a3"])
    assert build_config(args).credentials == [("k1", "a1"), ("k2", "a:b"), ("k3", "a3")]


def test_every_option_reaches_the_config(tmp_path):
    state = tmp_path / "state.json"
    argv = [
        "--state", str(state), "--speed", "3600", "--latency-ms", "250",
        "--fail-rate", "0.5", "--seed", "7", "--invoice", "--test-app",
        "--catalog-products", "9000", "--credits", "120.5", "--lookup-lag", "2.5",
    ]  # fmt: skip
    config = build_config(parse_args(argv))
    assert (config.credits, config.lookup_lag_s) == (120.5, 2.5)
    assert config.state_file == state
    assert config.catalog_products == 9000
    assert (config.speed, config.latency_ms, config.fail_rate, config.seed) == (3600, 250, 0.5, 7)
    assert (config.invoice_allowed, config.app_live_mode) == (True, False)


@pytest.mark.parametrize(
    "argv",
    [
        ["--credentials", "no-colon"],
        ["--credentials", ":app"],
        ["--credentials", "key:"],
        ["--credentials"],
        ["--fail-rate", "1.5"],
        ["--fail-rate", "-0.1"],
        ["--fail-rate", "nan"],
        ["--speed", "0"],
        ["--latency-ms", "-1"],
        ["--port", "65536"],
        ["--port", "http"],
        ["--seed", "x"],
        ["--credits", "-1"],
        ["--lookup-lag", "-0.5"],
        ["--lookup-lag", "soon"],
    ],
)
def test_bad_values_are_rejected(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        parse_args(argv)
    assert exit_info.value.code == 2
    assert "error" in capsys.readouterr().err


def test_help_documents_the_rejected_address_trigger(capsys):
    with pytest.raises(SystemExit):
        parse_args(["--help"])
    out = capsys.readouterr().out
    assert '"Nowhere"' in out and "address_1" in out and "35" in out
    assert "--lookup-lag SECONDS" in out and "--credits" in out


# -- the real simulator behind a real socket ----------------------------------------------

KEYS = {"web_api_key": "demo", "app_key": "demo"}


@pytest.fixture
def live():
    sandbox = Sandbox(SandboxConfig())
    with (
        SandboxHTTPServer(sandbox.handle) as running,
        httpx.Client(base_url=running.url, headers=KEYS, timeout=5) as http,
    ):
        yield http


@pytest.mark.parametrize("method", ["test_my_credentials", "list_order_status_definitions"])
def test_get_methods_answer_post_with_a_null_body_over_http(live, method):
    response = live.post(method, content=b"null", headers={"Content-Type": "application/json"})
    assert response.status_code == 200
    assert response.json()["status"]["success"] is True
    assert response.json().keys() == live.get(method).json().keys()


def test_get_order_takes_its_parameters_from_a_post_body_over_http(live):
    address = {
        "first_name": "Ann",
        "last_name": "Lee",
        "address_1": "1 Main St",
        "city": "Portland",
        "state_code": "OR",
        "zip_postal_code": "97205",
        "country_code": "us",
        "email": "ann@example.net",
    }
    item = {"product_sku": "AP2222P48844", "product_qty": 1}
    submitted = {
        "order_po": "H-1",
        "recipient": address,
        "shipping_code": "SD",
        "order_items": [item],
    }
    answer = live.post("submit_orders_v2", json={"orders": [submitted], "payment_token": "xxxx"})
    [placed] = answer.json()["orders"]
    body = {"order_guid": placed["order_guid"], "order_email": "ann@example.net"}
    by_post = live.post("get_order", json=body).json()
    by_get = live.get("get_order", params=body).json()
    assert by_post["order"]["order_po"] == by_get["order"]["order_po"] == "H-1"


def test_delete_carries_its_body_to_the_simulator_over_http(live):
    sku = "AP2222P48844"
    before = live.post("list_virtual_inventory", json={"sku_filter": [sku]}).json()
    assert before["count"] == 1
    deleted = live.request("DELETE", "delete_virtual_inventory", json={"skus": [sku]})
    assert deleted.status_code == 200 and deleted.json()["status"]["success"] is True
    after = live.post("list_virtual_inventory", json={"sku_filter": [sku]}).json()
    assert after["count"] == 0
    missing = live.request("DELETE", "delete_virtual_inventory")
    assert missing.status_code == 400
    assert "request.skus" in missing.json()["ModelState"]


def test_keys_in_the_query_string_reach_get_company_info_over_http(live):
    with httpx.Client(timeout=5) as bare:
        response = bare.get(str(live.base_url) + "get_company_info", params=KEYS)
    assert response.status_code == 200 and response.json()["address"]["state_code"] == "TX"


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("0.0.0.0", False),
        ("shop.lan", False),
    ],
)
def test_loopback_detection(host, loopback):
    assert is_loopback_host(host) is loopback


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is a hard kill on Windows")
@pytest.mark.timeout(30)
def test_command_prints_its_url_serves_and_exits_cleanly_on_sigterm():
    pytest.importorskip("fwdesk.sandbox.core")
    source_root = Path(fwdesk.__file__).resolve().parents[1]
    command = [sys.executable, "-m", "fwdesk.sandbox.server", "--port", "0"]
    with subprocess.Popen(
        command, cwd=source_root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as proc:
        url = proc.stdout.readline().strip()
        with httpx.Client(timeout=5) as http:
            health = http.get(url.replace("/v3/", "/healthz"))
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=10)

    assert url.startswith("http://127.0.0.1:") and url.endswith("/v3/")
    assert health.json() == {"ok": True}
    assert proc.returncode == 0, stderr
