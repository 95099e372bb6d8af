"""The sandbox plugged straight into an httpx client, with no socket in between.

Unit tests and offline demo runs get the whole client stack (auth headers, JSON, error mapping,
retries) against the simulator without a port, a thread or real waiting. Faults surface as the
very exceptions httpx raises against the HTTP server, so code under test cannot tell them apart.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx

from fwdesk.sandbox.protocol import Fault, SandboxRequest
from fwdesk.sandbox.server import Handler, call_handler, response_headers


class SandboxTransport(httpx.BaseTransport):
    """Pass ``sleep`` a recorder in tests so simulated latency costs no wall-clock time."""

    def __init__(self, handler: Handler, *, sleep: Callable[[float], None] = time.sleep) -> None:
        self._handler = handler
        self._sleep = sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = call_handler(self._handler, _sandbox_request(request))
        if response.delay_s > 0:
            self._sleep(response.delay_s)
        if response.fault is Fault.DROP:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            )
        if response.fault is Fault.TIMEOUT:
            raise httpx.ReadTimeout("timed out", request=request)
        return httpx.Response(
            response.status,
            headers=response_headers(response),
            content=response.body,
            request=request,
        )


def _sandbox_request(request: httpx.Request) -> SandboxRequest:
    params = request.url.params
    return SandboxRequest(
        method=request.method,
        path=request.url.path,
        headers=dict(request.headers.items()),  # httpx already lower-cases the names
        query={key: params[key] for key in params},
        body=request.read(),
    )
