"""The simulator core: one FinerWorks v3 request in, one answer out, over state it owns.

This module only dispatches: it finds the method's handler, checks the verb and the keys,
parses the body, draws the injected fault, and turns what the handler returns or raises into
the answer (`fwdesk.sandbox.envelope`). What each call does lives in the ``*_calls`` modules;
what the simulator remembers lives in `fwdesk.sandbox.store`. Choices API.md leaves open are
listed, once, in `DECISIONS`.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fwdesk.sandbox import (
    account_calls,
    addresses,
    catalog_calls,
    framing_calls,
    hooks,
    images,
    inventory_calls,
    order_calls,
    pending,
    shipping_calls,
    submit_calls,
)
from fwdesk.sandbox.accounts import Account
from fwdesk.sandbox.assets import AssetServer, is_asset
from fwdesk.sandbox.catalog import Catalog
from fwdesk.sandbox.config import SandboxConfig
from fwdesk.sandbox.decisions import DECISIONS
from fwdesk.sandbox.envelope import (
    Call,
    Invalid,
    Refusal,
    answer,
    invalid,
    not_found,
    refused,
    status,
    success,
)
from fwdesk.sandbox.faults import FaultInjector, Injected
from fwdesk.sandbox.protocol import Fault, SandboxRequest, SandboxResponse
from fwdesk.sandbox.store import Store

__all__ = ["DECISIONS", "Sandbox"]

log = logging.getLogger(__name__)

AUTH_MESSAGE = "Missing or unauthorized api credentials"
Handler = Callable[[Store, Call], dict[str, Any]]

# Verbs each kind of method answers. GET methods also take POST with a JSON body (some
# clients call them so, API.md 9); PUT and DELETE ones also take POST, as the old help pages
# document for update_order and update_customer.
GET, POST, PUT, DELETE = ("GET", "POST"), ("POST",), ("PUT", "POST"), ("DELETE", "POST")


@dataclass(frozen=True)
class Route:
    verbs: tuple[str, ...]
    handler: Handler
    writes: bool = False
    """Whether the call may change state, so the state file is saved after it."""


ROUTES = {
    "test_my_credentials": Route(GET, account_calls.test_my_credentials),
    "get_user": Route(GET, account_calls.get_user),
    "update_user": Route(PUT, account_calls.update_user, writes=True),
    "get_payment_tokens": Route(GET, account_calls.get_payment_tokens),
    "get_company_info": Route(GET, account_calls.get_company_info),
    "list_product_types": Route(POST, catalog_calls.list_product_types),
    "list_media_types": Route(POST, catalog_calls.list_media_types),
    "list_style_types": Route(POST, catalog_calls.list_style_types),
    "list_collections": Route(POST, catalog_calls.list_collections),
    "frame_details": Route(POST, catalog_calls.frame_details),
    "list_mats": Route(POST, catalog_calls.list_mats),
    "list_glazing": Route(POST, catalog_calls.list_glazing),
    "frame_builder": Route(POST, framing_calls.frame_builder),
    "get_prices": Route(POST, catalog_calls.get_prices),
    "get_product_details": Route(POST, inventory_calls.get_product_details),
    "list_virtual_inventory": Route(POST, inventory_calls.list_virtual_inventory),
    "update_virtual_inventory": Route(PUT, inventory_calls.update_virtual_inventory, writes=True),
    "delete_virtual_inventory": Route(
        DELETE, inventory_calls.delete_virtual_inventory, writes=True
    ),
    "disconnect_virtual_inventory": Route(
        PUT, inventory_calls.disconnect_virtual_inventory, writes=True
    ),
    "add_images": Route(POST, images.add_images, writes=True),
    "list_images": Route(POST, images.list_images),
    "list_shipping_options": Route(POST, shipping_calls.list_shipping_options),
    "list_shipping_options_multiple": Route(POST, shipping_calls.list_shipping_options_multiple),
    "get_shipping_options_ids": Route(GET, shipping_calls.get_shipping_options_ids),
    "validate_recipient_address": Route(POST, addresses.validate_recipient_address),
    "submit_orders": Route(POST, submit_calls.submit_orders, writes=True),
    "submit_orders_v2": Route(POST, submit_calls.submit_orders_v2, writes=True),
    "fetch_order_status": Route(POST, order_calls.fetch_order_status),
    "list_orders": Route(POST, order_calls.list_orders),
    "get_order": Route(GET, order_calls.get_order),
    "update_order": Route(PUT, order_calls.update_order, writes=True),
    "update_customer": Route(PUT, order_calls.update_customer, writes=True),
    "list_order_status_definitions": Route(GET, order_calls.list_order_status_definitions),
    "save_pending_orders": Route(POST, pending.save_pending_orders, writes=True),
    "list_pending_orders": Route(POST, pending.list_pending_orders),
    "delete_pending_orders": Route(POST, pending.delete_pending_orders, writes=True),
}

HOOKS = {
    "_sandbox_orders": Route(("GET", "POST"), hooks.sandbox_orders),
    "_sandbox_set_status": Route(POST, hooks.sandbox_set_status, writes=True),
    "_sandbox_place_pending": Route(POST, hooks.sandbox_place_pending, writes=True),
}
"""Test hooks (`fwdesk.sandbox.hooks`); ``_sandbox_control`` is the core's own, below."""


class Sandbox:
    def __init__(
        self,
        config: SandboxConfig,
        clock: Callable[[], float] = time.time,
        catalog: Catalog | None = None,
    ) -> None:
        self.config = config
        self.catalog = catalog or Catalog.load()
        if config.catalog_products:
            self.catalog = self.catalog.grown_to(config.catalog_products)
        self.store = Store.open(config, self.catalog, clock)
        self.book = self.store.book
        self.faults = FaultInjector(config.fail_rate, config.seed)
        self.latency_ms = config.latency_ms
        self._lock = threading.Lock()
        self._assets = AssetServer(self.catalog)

    def close(self) -> None:
        with self._lock:
            self.store.save()

    # -- the pure entry point -------------------------------------------------------------

    def handle(self, request: SandboxRequest) -> SandboxResponse:
        if is_asset(request.path):
            # Pictures touch no state, so a slow render never holds up API calls.
            return self._assets.serve(request)
        with self._lock:
            return self._handle(request)

    def _handle(self, request: SandboxRequest) -> SandboxResponse:
        method = request.path.rstrip("/").rsplit("/", 1)[-1]
        if not request.path.startswith("/v3/"):
            return answer(404, {"Message": f"No resource matches {request.path}."})
        if method.startswith("_sandbox"):
            return self._hook(method, request)
        delay = self.latency_ms / 1000
        injected = self.faults.draw()
        if injected is not None and injected.before_applying:
            return _fault_answer(injected, None, delay)
        route = ROUTES.get(method)
        reply = not_found(method) if route is None else self._call(route, request)
        if injected is None:
            return SandboxResponse(reply.status, reply.body, reply.headers, delay_s=delay)
        return _fault_answer(injected, reply, delay)

    def _call(self, route: Route, request: SandboxRequest) -> SandboxResponse:
        if request.method not in route.verbs:
            return answer(
                405, {"Message": f"The requested resource does not support {request.method}."}
            )
        account = self._authenticate(request)
        if account is None:
            return invalid({"credentials": [AUTH_MESSAGE]})
        try:
            body = json.loads(request.body) if request.body.strip() else None
        except (ValueError, UnicodeDecodeError):
            return invalid({"request": ["The request body is not valid JSON."]})
        call = Call(account=account, body=body, query=request.query)
        try:
            return success(route.handler(self.store, call))
        except Invalid as problem:
            return invalid(problem.model_state(), problem.message)
        except Refusal as refusal:
            return refused(refusal)
        finally:
            if route.writes:
                self.store.save()

    def _authenticate(self, request: SandboxRequest) -> Account | None:
        """Headers first, the query string as the documented fallback. Only configured pairs
        pass, so the real API's refusal of one value used for both keys holds for every pair
        but the deliberately simple demo/demo."""
        for source in (request.headers, request.query):
            web_api_key, app_key = source.get("web_api_key"), source.get("app_key")
            if web_api_key and app_key:
                return self.store.accounts.get((web_api_key, app_key))
        return None

    def _hook(self, method: str, request: SandboxRequest) -> SandboxResponse:
        """Test hooks: never faulted, never delayed (`fwdesk.sandbox.hooks`)."""
        if method == "_sandbox_control":
            return self._control(request)
        route = HOOKS.get(method)
        return not_found(method) if route is None else self._call(route, request)

    def _control(self, request: SandboxRequest) -> SandboxResponse:
        """Changes the fail rate and latency of a running sandbox."""
        if self._authenticate(request) is None:
            return invalid({"credentials": [AUTH_MESSAGE]})
        if request.method != "POST":
            return not_found("_sandbox_control")
        settings = json.loads(request.body or b"{}")
        if "fail_rate" in settings:
            self.faults.fail_rate = float(settings["fail_rate"])
        if "latency_ms" in settings:
            self.latency_ms = int(settings["latency_ms"])
        return answer(
            200,
            {
                "status": status(True, ""),
                "fail_rate": self.faults.fail_rate,
                "latency_ms": self.latency_ms,
            },
        )


def _fault_answer(
    injected: Injected, reply: SandboxResponse | None, delay: float
) -> SandboxResponse:
    log.debug("injecting %s", injected.value)
    if injected is Injected.SERVER_ERROR:
        return SandboxResponse(
            500, b'{"Message":"An error has occurred."}', delay_s=delay, applied=False
        )
    if injected is Injected.UNAVAILABLE:
        return SandboxResponse(
            503,
            b"<html><body>Service Unavailable</body></html>",
            {"Content-Type": "text/html"},
            delay_s=delay,
            applied=False,
        )
    if injected is Injected.RATE_LIMITED:
        return SandboxResponse(
            429,
            b'{"Message":"Too many requests."}',
            {"Retry-After": "1"},
            delay_s=delay,
            applied=False,
        )
    if injected is Injected.TIMEOUT_BEFORE or reply is None:
        return SandboxResponse(504, b"", delay_s=delay, fault=Fault.TIMEOUT, applied=False)
    if injected is Injected.TIMEOUT_AFTER:
        return SandboxResponse(reply.status, reply.body, delay_s=delay, fault=Fault.TIMEOUT)
    if injected is Injected.DROP_AFTER:
        return SandboxResponse(reply.status, reply.body, delay_s=delay, fault=Fault.DROP)
    garbled = reply.body[: max(1, len(reply.body) // 2)]
    return SandboxResponse(reply.status, garbled, reply.headers, delay_s=delay)
