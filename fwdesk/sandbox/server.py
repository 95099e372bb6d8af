"""The sandbox over real HTTP, and the ``fwdesk-sandbox`` command that runs it.

A real socket is what demo mode and the end-to-end tests need: the app's own httpx client, its
timeouts and its retry logic are exercised exactly as against FinerWorks. Standard library only,
so the command starts anywhere the app's Python runs, without the GUI stack.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import logging
import math
import signal
import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import SplitResult, parse_qs, unquote, urlsplit

from fwdesk.sandbox.addresses import REJECTED_WORD
from fwdesk.sandbox.config import SandboxConfig
from fwdesk.sandbox.protocol import Fault, SandboxRequest, SandboxResponse

log = logging.getLogger(__name__)

Handler = Callable[[SandboxRequest], SandboxResponse]

JSON_CONTENT_TYPE = "application/json; charset=utf-8"
HEALTH_PATH = "/healthz"
# The wording ASP.NET Web API, which FinerWorks runs on, uses for an unhandled exception.
_CRASH_RESPONSE = SandboxResponse(500, json.dumps({"Message": "An error has occurred."}).encode())
_HEALTHY_RESPONSE = SandboxResponse(200, json.dumps({"ok": True}).encode())
# How long close() may wait for the serve loop to notice; the stdlib's 0.5 s adds up in tests.
_SHUTDOWN_POLL_S = 0.05


def call_handler(handler: Handler, request: SandboxRequest) -> SandboxResponse:
    """Turns a crash in the simulator into the 500 the real API gives.

    One bad request must not take the sandbox down, and the client under test should see the
    same kind of failure it would meet in production. Only method and path are logged: headers
    carry the caller's API keys.
    """
    try:
        return handler(request)
    except Exception:
        log.exception("sandbox handler failed on %s %s", request.method, request.path)
        return _CRASH_RESPONSE


def response_headers(response: SandboxResponse) -> dict[str, str]:
    """The headers to send, so both adapters agree on defaults and on the body's true length."""
    headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
    if not any(name.lower() == "content-type" for name in headers):
        headers["Content-Type"] = JSON_CONTENT_TYPE
    headers["Content-Length"] = str(len(response.body))
    return headers


class _HTTPServer(ThreadingHTTPServer):
    # A client that connects and never sends a request must not keep the process alive.
    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: Handler, timeout_hold_s: float):
        super().__init__(address, _RequestHandler)
        self.handler = handler
        self.timeout_hold_s = timeout_hold_s
        #: Set before shutdown, so connections held for a simulated timeout let go at once.
        self.stopping = threading.Event()

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        """Keeps tracebacks off stderr: a client hanging up mid-answer is routine here."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            log.debug("client %s went away", client_address[0], exc_info=True)
        else:
            log.exception("error serving %s", client_address[0])


class _RequestHandler(BaseHTTPRequestHandler):
    server: _HTTPServer

    def _dispatch(self) -> None:
        target = urlsplit(self.path)
        length = self.headers.get("Content-Length", "0").strip()
        if not (length.isascii() and length.isdigit()):
            self.send_error(400, "Bad Content-Length")
            return
        body = self.rfile.read(int(length))
        if self.command == "GET" and target.path == HEALTH_PATH:
            self._send(_HEALTHY_RESPONSE)
            return
        request = self._sandbox_request(target, body)
        self._act_out(call_handler(self.server.handler, request))

    def _sandbox_request(self, target: SplitResult, body: bytes) -> SandboxRequest:
        return SandboxRequest(
            method=self.command,
            path=unquote(target.path),
            headers={name.lower(): value for name, value in self.headers.items()},
            query={k: v[0] for k, v in parse_qs(target.query, keep_blank_values=True).items()},
            body=body,
        )

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _dispatch

    def _act_out(self, response: SandboxResponse) -> None:
        """Answers, or misbehaves the way the core decided; waits end early on shutdown."""
        if response.delay_s > 0:
            self.server.stopping.wait(response.delay_s)
        if response.fault is Fault.NONE:
            self._send(response)
            return
        if response.fault is Fault.TIMEOUT:
            self.server.stopping.wait(self.server.timeout_hold_s)
        # Not a byte written: the connection closes and the client sees it cut, not refused.
        self.close_connection = True

    def _send(self, response: SandboxResponse) -> None:
        self.send_response(response.status)
        for name, value in response_headers(response).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(response.body)

    def log_message(self, format: str, *args: object) -> None:
        """Per-request lines would drown the app's own output; they stay available at DEBUG."""
        log.debug("%s " + format, self.address_string(), *args)


class SandboxHTTPServer:
    """Serves a handler on a background thread; the port is bound as soon as it is built.

    Used as a context manager, it starts on entry and, on exit, releases connections held for a
    simulated timeout, stops serving and closes the listening socket, so the port is free again.
    """

    def __init__(
        self,
        handler: Handler,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        timeout_hold_s: float = SandboxConfig.timeout_hold_s,
    ) -> None:
        self._httpd = _HTTPServer((host, port), handler, timeout_hold_s)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": _SHUTDOWN_POLL_S},
            name="fwdesk-sandbox-http",
            daemon=True,
        )

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v3/"

    def start(self) -> SandboxHTTPServer:
        self._thread.start()
        return self

    def close(self) -> None:
        self._httpd.stopping.set()
        # shutdown() would wait forever for a serve loop that never started.
        if self._thread.is_alive():
            self._httpd.shutdown()
            self._thread.join()
        self._httpd.server_close()

    def __enter__(self) -> SandboxHTTPServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def is_loopback_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _credential(text: str) -> tuple[str, str]:
    # Split on the first colon only: app keys are opaque and may contain one.
    web_api_key, _, app_key = text.partition(":")
    if not web_api_key or not app_key:
        raise argparse.ArgumentTypeError(f"expected WEB_API_KEY:APP_KEY, got {text!r}")
    return web_api_key, app_key


def _number(convert: Callable[[str], float], text: str) -> float:
    try:
        value = convert(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"not a finite number: {text!r}")
    return value


def _require(ok: bool, message: str) -> None:
    if not ok:
        raise argparse.ArgumentTypeError(message)


def _port(text: str) -> int:
    value = int(_number(int, text))
    _require(0 <= value <= 65535, f"port must be within 0..65535, got {value}")
    return value


def _non_negative_int(text: str) -> int:
    value = int(_number(int, text))
    _require(value >= 0, f"must not be negative, got {value}")
    return value


def _positive_float(text: str) -> float:
    value = _number(float, text)
    _require(value > 0, f"must be greater than 0, got {value}")
    return value


def _non_negative_float(text: str) -> float:
    value = _number(float, text)
    _require(value >= 0, f"must not be negative, got {value}")
    return value


def _probability(text: str) -> float:
    value = _number(float, text)
    _require(0 <= value <= 1, f"must be within [0, 1], got {value}")
    return value


_EPILOG = f"""\
triggers for trying the unhappy paths:
  a recipient whose address_1 contains the word "{REJECTED_WORD}" (any letter case) is
  rejected by the carrier: the order stops at status 35 when it would be ready to ship,
  until update_customer gives it an address without that word
  payment_token "tok_demo_mastercard_0005" is a saved card that is always declined;
  "tok_demo_visa_4242" pays; "xxxx" makes test orders; missing or "" pays from credits

test hooks (same keys, never faulted or delayed): _sandbox_orders, _sandbox_control,
_sandbox_set_status, _sandbox_place_pending
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fwdesk-sandbox",
        description="Run a local FinerWorks v3 simulator; prints its base URL on the first line.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add = parser.add_argument
    add("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    add("--port", type=_port, default=0, help="port to listen on; 0 picks a free one")
    add(
        "--credentials",
        type=_credential,
        nargs="+",
        action="extend",
        metavar="WEB_API_KEY:APP_KEY",
        help="accepted key pair, one account each; repeatable (default: demo:demo)",
    )
    add("--state", type=Path, help="JSON file that keeps orders between runs")
    add(
        "--speed",
        type=_positive_float,
        default=SandboxConfig.speed,
        help="simulated seconds per real second",
    )
    add(
        "--latency-ms",
        type=_non_negative_int,
        default=SandboxConfig.latency_ms,
        help="delay added to every answer",
    )
    add(
        "--fail-rate",
        type=_probability,
        default=SandboxConfig.fail_rate,
        help="fraction of requests that fail",
    )
    add("--seed", type=int, help="seed for the fault dice, for repeatable runs")
    add(
        "--catalog-products",
        type=_non_negative_int,
        default=SandboxConfig.catalog_products,
        help="grow the catalogue to at least this many product codes (0: the demo one)",
    )
    add(
        "--credits",
        type=_non_negative_float,
        default=SandboxConfig.credits,
        help="each account's opening credit balance in USD (default: %(default).2f)",
    )
    add(
        "--lookup-lag",
        type=_non_negative_float,
        default=SandboxConfig.lookup_lag_s,
        metavar="SECONDS",
        help="real seconds a new order stays invisible to lookups (default: %(default)s)",
    )
    add("--invoice", action="store_true", help='allow payment_token "invoice"')
    add(
        "--allow-reused-pos",
        action="store_true",
        help="accept an order_po already in use (for tests: a server that would not stop a "
        "duplicate)",
    )
    add("--test-app", action="store_true", help="import every order as a test order")
    return parser


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    return _parser().parse_args(argv)


def build_config(args: argparse.Namespace) -> SandboxConfig:
    """Apart from `main` so the command line can be checked without binding a port."""
    config = SandboxConfig(
        state_file=args.state,
        speed=args.speed,
        latency_ms=args.latency_ms,
        fail_rate=args.fail_rate,
        seed=args.seed,
        catalog_products=args.catalog_products,
        invoice_allowed=args.invoice,
        credits=args.credits,
        allow_reused_pos=args.allow_reused_pos,
        lookup_lag_s=args.lookup_lag,
        app_live_mode=not args.test_app,
    )
    if args.credentials:
        config.credentials = list(args.credentials)
    return config


def _stop_on_signals() -> threading.Event:
    """Turns SIGINT/SIGTERM into a flag, so a signal never cuts the state save short.

    The main thread only polls the flag and never waits on it: setting an Event from a signal
    handler while the same thread sits inside Event.wait can deadlock.
    """
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    return stop


def _serve(handler: Handler, args: argparse.Namespace, hold_s: float, stop: threading.Event) -> int:
    try:
        server = SandboxHTTPServer(handler, args.host, args.port, timeout_hold_s=hold_s)
    except OSError as exc:
        print(f"fwdesk-sandbox: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    with server:
        print(server.url, flush=True)
        while not stop.is_set():
            time.sleep(0.2)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    config = build_config(args)
    if not is_loopback_host(args.host):
        print(
            f"fwdesk-sandbox: warning: listening on {args.host}, reachable from other machines;"
            " the sandbox has no real security",
            file=sys.stderr,
        )
    # Installed before the URL is printed: whoever reads it may signal us straight away.
    stop = _stop_on_signals()
    # Imported here so the HTTP layer and its argument parsing load without the simulator.
    from fwdesk.sandbox.core import Sandbox

    sandbox = Sandbox(config)
    try:
        return _serve(sandbox.handle, args, config.timeout_hold_s, stop)
    finally:
        sandbox.close()


if __name__ == "__main__":
    raise SystemExit(main())
