"""The simulator core: one FinerWorks v3 request in, one answer out, over state it owns.

Behaviour follows API.md section 7: the ``status`` envelope, HTTP 400 with ``Message`` and
``ModelState`` for bad credentials or bad fields, business refusals as ``status.success ==
false``, the documented per-call limits, and orders that move through production on a
compressed clock. Choices API.md leaves open are made once here and listed in `DECISIONS`.
"""

from __future__ import annotations

import functools
import json
import logging
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from fwdesk.sandbox import artwork, shipping
from fwdesk.sandbox.catalog import ASSETS, Catalog, UnknownProduct
from fwdesk.sandbox.config import SandboxConfig
from fwdesk.sandbox.faults import FaultInjector, Injected
from fwdesk.sandbox.orders import (
    EDITABLE,
    LABELS,
    OrderBook,
    SimOrder,
    iso,
    load_definitions,
    matching,
    parse_date,
)
from fwdesk.sandbox.protocol import Fault, SandboxRequest, SandboxResponse
from fwdesk.sandbox.validation import (
    PRODUCT,
    Checker,
    Errors,
    Obj,
    check_address,
    check_order,
    check_orders,
)

log = logging.getLogger(__name__)

DECISIONS = {
    "auth failure": "HTTP 400, ModelState key 'credentials'",
    "list_shipping_options payload": "shipping_options",
    "get_product_details payload": "product_details",
    "list_collections payload": "collections",
    "frame_details payload": "frame",
    "list_orders payload": "orders + page_number, per_page, count (total matches)",
    "order ids": "order_id and order_confirmation_id differ; every call accepts either",
    "submit_orders_v2 limit": "50, as its own help page says",
    "fetch_order_status with neither list": "an empty orders list, like unknown ids",
}
AUTH_MESSAGE = "Missing or unauthorized api credentials"
PAYMENT_TOKENS = ("tok_demo_visa_4242",)
ORDERS_PAGE_MAX = 25
LIST_PAGE_MAX = 50
FILTER_MAX = 50
THUMB_SIDE = 320
PREVIEW_SIDE = 1024
ICON_SIDE = 128
OTHER_ASSET_SIZE = (320, 240)
ASSET_HEADERS = {"Content-Type": "image/png", "Cache-Control": "max-age=86400"}


class Invalid(Exception):
    """HTTP 400 with a ModelState, as ASP.NET's model binding answers."""

    def __init__(self, errors: Errors, message: str = "The request is invalid.") -> None:
        super().__init__(message)
        self.errors = errors
        self.message = message


class Refusal(Exception):
    """HTTP 200 with ``status.success == false``: understood, and declined."""


@dataclass
class Call:
    account: Account
    verb: str
    body: Any
    query: dict[str, str]

    def obj(self) -> dict[str, Any]:
        if self.body is None:
            return {}
        if not isinstance(self.body, dict):
            raise Invalid({"body": ["An object is expected."]})
        return self.body


@dataclass
class Account:
    key: str
    account_id: int
    username: str
    invoice_allowed: bool
    app_live_mode: bool

    def user_account(self) -> dict[str, Any]:
        billing = {
            "first_name": "Robin",
            "last_name": "Alvarez",
            "company_name": "Demo Print Shop",
            "address_1": "401 Congress Ave",
            "city": "Austin",
            "state_code": "TX",
            "zip_postal_code": "78701",
            "country_code": "us",
            "phone": "512-555-0100",
            "email": f"{self.username}@example.com",
        }
        return {
            "account_id": self.account_id,
            "account_username": self.username,
            "account_email": f"{self.username}@example.com",
            "account_title": "Demo Print Shop",
            "account_firstname": "Robin",
            "account_lastname": "Alvarez",
            "billing_info": billing,
            "business_info": billing,
            "logo_url": None,
            "profile_img_url": None,
            "payment_profile_id": f"bt-{self.account_id}",
            "user_account_credits": 25.0,
            "enable_invoice_payment": self.invoice_allowed,
            "account_key": self.key,
            "shipping_preferences": ["SD", "EC"],
            "connections": [],
            "user_profile_complete": True,
        }


@dataclass(frozen=True)
class Route:
    verbs: tuple[str, ...]
    handler: Callable[[Call], dict[str, Any]]


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
        self.book = OrderBook(speed=config.speed, now=clock, state_file=config.state_file)
        self.faults = FaultInjector(config.fail_rate, config.seed)
        self.latency_ms = config.latency_ms
        self._accounts = {
            pair: Account(
                key=f"acct-{index + 1:04d}",
                account_id=70_001 + index,
                username="demo" if pair == ("demo", "demo") else f"shop{index + 1}",
                invoice_allowed=config.invoice_allowed,
                app_live_mode=config.app_live_mode,
            )
            for index, pair in enumerate(config.credentials)
        }
        self._definitions = load_definitions()
        self._lock = threading.Lock()
        self._routes = self._route_table()
        self._assets = _asset_index(self.catalog)

    def close(self) -> None:
        with self._lock:
            self.book.save()

    # -- the pure entry point -------------------------------------------------------------

    def handle(self, request: SandboxRequest) -> SandboxResponse:
        if request.path.startswith(ASSETS + "/"):
            # Pictures touch no state, so a slow render never holds up API calls.
            return self._asset(request)
        with self._lock:
            return self._handle(request)

    def _handle(self, request: SandboxRequest) -> SandboxResponse:
        method = request.path.rstrip("/").rsplit("/", 1)[-1]
        if not request.path.startswith("/v3/"):
            return _answer(404, {"Message": f"No resource matches {request.path}."})
        if method.startswith("_sandbox"):
            return self._control(method, request)
        delay = self.latency_ms / 1000
        injected = self.faults.draw()
        if injected is not None and injected.before_applying:
            return _fault_answer(injected, None, delay)
        answer = self._dispatch(method, request)
        if injected is None:
            return SandboxResponse(answer.status, answer.body, answer.headers, delay_s=delay)
        return _fault_answer(injected, answer, delay)

    def _dispatch(self, method: str, request: SandboxRequest) -> SandboxResponse:
        route = self._routes.get(method)
        if route is None:
            return _answer(404, {"Message": f"No HTTP resource was found for '{method}'."})
        if request.method not in route.verbs:
            return _answer(
                405, {"Message": f"The requested resource does not support {request.method}."}
            )
        account = self._authenticate(request)
        if account is None:
            return _invalid({"credentials": [AUTH_MESSAGE]})
        try:
            body = json.loads(request.body) if request.body.strip() else None
        except (ValueError, UnicodeDecodeError):
            return _invalid({"body": ["Not valid JSON."]})
        call = Call(account=account, verb=request.method, body=body, query=request.query)
        try:
            payload = route.handler(call)
        except Invalid as invalid:
            return _invalid(invalid.errors, invalid.message)
        except Refusal as refusal:
            return _answer(200, {"status": _status(False, str(refusal))})
        return _answer(200, {"status": _status(True, ""), **payload})

    def _authenticate(self, request: SandboxRequest) -> Account | None:
        """Headers first, the query string as the documented fallback. Only configured pairs
        pass, so the real API's refusal of one value used for both keys holds for every pair
        but the deliberately simple demo/demo."""
        for source in (request.headers, request.query):
            web_api_key, app_key = source.get("web_api_key"), source.get("app_key")
            if web_api_key and app_key:
                return self._accounts.get((web_api_key, app_key))
        return None

    def _control(self, method: str, request: SandboxRequest) -> SandboxResponse:
        """Test hooks outside the FinerWorks API: never faulted, never delayed.

        ``_sandbox_orders`` lists every order with its PO (the fault suite's ground truth);
        ``_sandbox_control`` changes the fail rate and latency of a running sandbox.
        """
        account = self._authenticate(request)
        if account is None:
            return _invalid({"credentials": [AUTH_MESSAGE]})
        if method == "_sandbox_orders":
            orders = [
                {
                    "order_po": o.order_po,
                    "order_id": o.order_id,
                    "submission": o.submission,
                    "order_status_id": self.book.status_id(o),
                }
                for o in self.book.of_account(account.key)
            ]
            return _answer(200, {"status": _status(True, ""), "orders": orders})
        if method == "_sandbox_control" and request.method == "POST":
            settings = json.loads(request.body or b"{}")
            if "fail_rate" in settings:
                self.faults.fail_rate = float(settings["fail_rate"])
            if "latency_ms" in settings:
                self.latency_ms = int(settings["latency_ms"])
            return _answer(
                200,
                {
                    "status": _status(True, ""),
                    "fail_rate": self.faults.fail_rate,
                    "latency_ms": self.latency_ms,
                },
            )
        return _answer(404, {"Message": f"No HTTP resource was found for '{method}'."})

    def _asset(self, request: SandboxRequest) -> SandboxResponse:
        """The picture behind an asset URL of the catalogue. These stand for FinerWorks' public
        CDN, so they need no keys and are never faulted or delayed; whatever the suffix says,
        the answer is a PNG."""
        if request.method != "GET":
            return _answer(
                405, {"Message": f"The requested resource does not support {request.method}."}
            )
        picture = self._assets.get(request.path)
        if picture is None:
            return _answer(404, {"Message": f"No asset matches {request.path}."})
        return SandboxResponse(200, _rendered(*picture), dict(ASSET_HEADERS))

    def _route_table(self) -> dict[str, Route]:
        get, post, put = ("GET",), ("POST",), ("PUT", "POST")
        return {
            "test_my_credentials": Route(("GET", "POST"), self.test_my_credentials),
            "get_user": Route(get, self.get_user),
            "list_product_types": Route(post, self.list_product_types),
            "list_media_types": Route(post, self.list_media_types),
            "list_style_types": Route(post, self.list_style_types),
            "list_collections": Route(post, self.list_collections),
            "frame_details": Route(post, self.frame_details),
            "list_mats": Route(post, self.list_mats),
            "list_glazing": Route(post, self.list_glazing),
            "get_product_details": Route(post, self.get_product_details),
            "get_prices": Route(post, self.get_prices),
            "list_virtual_inventory": Route(post, self.list_virtual_inventory),
            "list_images": Route(post, self.list_images),
            "list_shipping_options": Route(post, self.list_shipping_options),
            "list_shipping_options_multiple": Route(post, self.list_shipping_options_multiple),
            "validate_recipient_address": Route(post, self.validate_recipient_address),
            "submit_orders": Route(post, self.submit_orders),
            "submit_orders_v2": Route(post, self.submit_orders_v2),
            "fetch_order_status": Route(post, self.fetch_order_status),
            "list_orders": Route(post, self.list_orders),
            "get_order": Route(get, self.get_order),
            "update_order": Route(put, self.update_order),
            "update_customer": Route(put, self.update_customer),
            "list_order_status_definitions": Route(get, self.list_order_status_definitions),
        }

    # -- account --------------------------------------------------------------------------

    def test_my_credentials(self, call: Call) -> dict[str, Any]:
        app = {
            "app_name": "fwdesk",
            "app_description": "",
            "app_live_mode": call.account.app_live_mode,
        }
        return {"user_account": call.account.user_account(), "app": app}

    def get_user(self, call: Call) -> dict[str, Any]:
        return {"user_account": call.account.user_account()}

    # -- catalogue ------------------------------------------------------------------------

    def list_product_types(self, call: Call) -> dict[str, Any]:
        return {"product_types": _by_ids(self.catalog.product_types, call.obj().get("ids"))}

    def list_media_types(self, call: Call) -> dict[str, Any]:
        return {"media_types": _by_ids(self.catalog.media_types, call.obj().get("ids"))}

    def list_style_types(self, call: Call) -> dict[str, Any]:
        return {"style_types": _by_ids(self.catalog.style_types, call.obj().get("ids"))}

    def list_collections(self, call: Call) -> dict[str, Any]:
        body = call.obj()
        collections = self.catalog.collections
        if body.get("id") is not None:
            collections = [c for c in collections if c["id"] == _whole(body, "id")]
        if body.get("product_code") and not self._can_frame(str(body["product_code"])):
            collections = []
        return {"collections": collections}

    def frame_details(self, call: Call) -> dict[str, Any]:
        body = call.obj()
        if body.get("id") is None:
            raise Invalid({"id": ["The id field is required."]})
        frame = self.catalog.frame(_whole(body, "id"))
        if frame is None:
            raise Refusal(f"Frame {body['id']} was not found.")
        return {"frame": frame}

    def list_mats(self, call: Call) -> dict[str, Any]:
        return {"mats": _by_id(self.catalog.mats, call.obj())}

    def list_glazing(self, call: Call) -> dict[str, Any]:
        return {"glazing": _by_id(self.catalog.glazing, call.obj())}

    def get_product_details(self, call: Call) -> dict[str, Any]:
        items = self._priced_items(call.body, "products", 25)
        return {"product_details": [self.catalog.product_details(s, q) for s, q in items]}

    def get_prices(self, call: Call) -> dict[str, Any]:
        items = self._priced_items(call.body, "products", 50)
        return {"prices": [self.catalog.price(s, q) for s, q in items]}

    def _priced_items(self, body: Any, key: str, limit: int) -> list[tuple[str, int]]:
        """Accepts the bare array and the ``{"products": [...]}`` forms; checks 1..limit."""
        items = body.get(key) if isinstance(body, dict) else body
        if not isinstance(items, list) or not items:
            raise Invalid({key: [f"The {key} field is required."]})
        if len(items) > limit:
            raise Invalid({key: [f"No more than {limit} products are allowed per call."]})
        errors: Errors = {}
        for i, item in enumerate(items):
            errors.update(_check_item(item, f"{key}[{i}]"))
        if errors:
            raise Invalid(errors)
        pairs = [(str(item["product_sku"]), int(item["product_qty"])) for item in items]
        for sku, _qty in pairs:
            self._product(sku)
        return pairs

    def _product(self, sku: str) -> Any:
        try:
            return self.catalog.lookup(sku)
        except UnknownProduct as unknown:
            raise Refusal(str(unknown)) from None

    def _can_frame(self, product_code: str) -> bool:
        style_id = _style_id(product_code)
        return any(s["id"] == style_id and s.get("can_frame") for s in self.catalog.style_types)

    def list_virtual_inventory(self, call: Call) -> dict[str, Any]:
        body = call.obj()
        products = self.catalog.virtual_inventory()
        search = str(body.get("search_filter") or "").lower()
        if search:
            products = [
                p
                for p in products
                if search in f"{p['sku']} {p['name']} {p['description_short']}".lower()
            ]
        for key, field in (("sku_filter", "sku"), ("product_code_filter", "product_code")):
            wanted = body.get(key)
            if isinstance(wanted, list) and 0 < len(wanted) <= FILTER_MAX:
                chosen = {str(w).upper() for w in wanted}
                products = [p for p in products if str(p[field]).upper() in chosen]
        products = _sorted(products, body, {"title": "name"})
        return _paged(products, body, "products", LIST_PAGE_MAX)

    def list_images(self, call: Call) -> dict[str, Any]:
        body = call.obj()
        _check_library(body.get("library"))
        images = self.catalog.images
        search = str(body.get("search_filter") or "").lower()
        if search:
            images = [i for i in images if search in f"{i['title']} {i['description']}".lower()]
        guids = body.get("guid_filter")
        if isinstance(guids, list) and guids:
            images = [i for i in images if i["guid"] in guids]
        if isinstance(body.get("active"), bool):
            images = [i for i in images if i["active"] == body["active"]]
        if body.get("list_products"):
            inventory = self.catalog.virtual_inventory()
            images = [
                {**i, "products": [p for p in inventory if p["image_guid"] == i["guid"]]}
                for i in images
            ]
        images = _sorted(images, body, {})
        return _paged(images, body, "images", LIST_PAGE_MAX)

    # -- shipping -------------------------------------------------------------------------

    def list_shipping_options(self, call: Call) -> dict[str, Any]:
        errors = check_order(call.body)
        if errors:
            raise Invalid(errors)
        return {"shipping_options": self._quote(call.body)}

    def list_shipping_options_multiple(self, call: Call) -> dict[str, Any]:
        errors = check_orders(call.body, max_orders=50, for_submit=False)
        if errors:
            raise Invalid(errors)
        return {
            "orders": [
                {"order_po": order["order_po"], "options": self._quote(order)}
                for order in call.body["orders"]
            ]
        }

    def _quote(self, order: dict[str, Any]) -> list[dict[str, Any]]:
        items = [(str(i["product_sku"]), int(i["product_qty"])) for i in order["order_items"]]
        try:
            return shipping.quote_options(
                self.catalog, items, order["recipient"], order["order_po"]
            )
        except UnknownProduct as unknown:
            raise Refusal(str(unknown)) from None

    def validate_recipient_address(self, call: Call) -> dict[str, Any]:
        recipient = call.obj().get("recipient")
        errors = check_address(recipient, "recipient")
        if errors:
            raise Invalid(errors)
        address = _normalised(recipient)
        if address["country_code"] == "us":
            _check_us_zip(address)
        return {"address": address}

    # -- orders ---------------------------------------------------------------------------

    def submit_orders(self, call: Call) -> dict[str, Any]:
        return self._submit(call, max_orders=5, payment=None)

    def submit_orders_v2(self, call: Call) -> dict[str, Any]:
        token = call.obj().get("payment_token")
        if not isinstance(token, str) or not token:
            raise Invalid({"payment_token": ["The payment_token field is required."]})
        return self._submit(call, max_orders=50, payment=token)

    def _submit(self, call: Call, *, max_orders: int, payment: str | None) -> dict[str, Any]:
        body = call.obj()
        errors = check_orders(body, max_orders=max_orders, for_submit=True)
        if errors:
            raise Invalid(errors)
        payment_type, forced_test = self._payment(call.account, payment)
        orders = body["orders"]
        quotes = [
            self._checked_for_submit(call.account, order, i) for i, order in enumerate(orders)
        ]
        pos = [order["order_po"] for order in orders]
        duplicates = {po for po in pos if pos.count(po) > 1}
        if duplicates:
            raise Refusal(
                f"order_po '{sorted(duplicates)[0]}' appears more than once in this request."
            )
        if body.get("validate_only") is True:
            return {}
        received = []
        for order, option in zip(orders, quotes, strict=True):
            test_mode = (
                bool(order.get("test_mode")) or forced_test or not call.account.app_live_mode
            )
            placed = self.book.place(
                call.account.key,
                order,
                option["calculated_total"],
                shipping.services(order["recipient"])[option["shipping_code"]],
                test_mode=test_mode,
                payment_type="Test" if test_mode else payment_type,
            )
            received.append(self._received(placed))
        return {"orders": received}

    def _payment(self, account: Account, token: str | None) -> tuple[str, bool]:
        """(payment type name, forced test mode) for a submit's payment token."""
        if token is None:
            return "Account", False
        if token == "xxxx":
            return "Test", True
        if token == "invoice":
            if not account.invoice_allowed:
                raise Refusal("Payment failed: this account is not set up to pay by invoice.")
            return "Invoice", False
        if token not in PAYMENT_TOKENS:
            raise Refusal("Payment failed: the payment token was not recognised.")
        return "Credit Card", False

    def _checked_for_submit(
        self, account: Account, order: dict[str, Any], index: int
    ) -> dict[str, Any]:
        """The business rules of one order; returns the shipping option it will be charged."""
        where = f"orders[{index}]"
        for n, item in enumerate(order["order_items"]):
            product = self._product(str(item["product_sku"]))
            image = item.get("product_image")
            has_pixels = (
                isinstance(image, dict) and image.get("pixel_width") and image.get("pixel_height")
            )
            if not product.in_inventory and not has_pixels:
                raise Refusal(
                    f"{where}.order_items[{n}]: missing or invalid info (product_image with "
                    "pixel_width and pixel_height is required for product codes)."
                )
        active = self.book.active_po(account.key, order["order_po"])
        if active is not None:
            raise Refusal(
                f"order_po '{order['order_po']}' is already used by order {active.order_id}; "
                "cancel that order to reuse it."
            )
        code = str(order["shipping_code"]).upper()
        for option in self._quote(order):
            if code in (option["shipping_code"], str(option["id"])):
                return option
        raise Refusal(f"{where}.shipping_code '{code}' is not available for this destination.")

    def _received(self, order: SimOrder) -> dict[str, Any]:
        return {
            "order_po": order.order_po,
            "order_id": order.order_id,
            "order_confirmation_id": order.confirmation_id,
            "order_confirmation_datetime": iso(order.submitted_at),
            "order_source": "api",
            "order_guid": order.order_guid,
            "order_email": order.recipient.get("email"),
            "order_status": LABELS[self.book.status_id(order)],
            "test_mode": order.test_mode,
        }

    def fetch_order_status(self, call: Call) -> dict[str, Any]:
        body = call.obj()
        pos = body.get("order_pos") or []
        ids = body.get("order_ids") or []
        if not isinstance(pos, list) or not isinstance(ids, list):
            raise Invalid({"order_ids": ["order_ids and order_pos must be lists."]})
        found: list[SimOrder] = []
        for order in self.book.of_account(call.account.key):
            wanted = order.order_po in pos or order.order_id in ids or order.confirmation_id in ids
            if wanted and order not in found:
                found.append(order)
        return {"orders": [self._status_of(order) for order in found]}

    def _status_of(self, order: SimOrder) -> dict[str, Any]:
        status_id = self.book.status_id(order)
        return {
            "order_confirmation_id": order.confirmation_id,
            "order_po": order.order_po,
            "order_id": order.order_id,
            "order_status_id": status_id,
            "order_status_label": LABELS[status_id],
            "shipments": self.book.shipments(order),
            "order_source": "api",
            "processing": status_id == 4,
        }

    def list_orders(self, call: Call) -> dict[str, Any]:
        body = call.obj()
        orders = list(reversed(self.book.of_account(call.account.key)))
        if body.get("show_cancelled") is False:
            orders = [o for o in orders if o.submission != "cancel"]
        if body.get("search_filter"):
            orders = matching(orders, str(body["search_filter"]))
        if body.get("status"):
            wanted = str(body["status"]).strip().lower()
            orders = [
                o
                for o in orders
                if wanted
                in (
                    LABELS[self.book.status_id(o)].lower(),
                    str(self.book.status_id(o)),
                    o.submission,
                )
            ]
        if isinstance(body.get("order_ids"), list) and body["order_ids"]:
            orders = [
                o
                for o in orders
                if o.order_id in body["order_ids"] or o.confirmation_id in body["order_ids"]
            ]
        if isinstance(body.get("order_pos"), list) and body["order_pos"]:
            orders = [o for o in orders if o.order_po in body["order_pos"]]
        orders = _between(orders, body.get("date_from"), body.get("date_to"))
        page = _paged(orders, body, "orders", ORDERS_PAGE_MAX)
        page["orders"] = [self._receipt(call.account, o) for o in page["orders"]]
        return page

    def get_order(self, call: Call) -> dict[str, Any]:
        guid, email = call.query.get("order_guid"), call.query.get("order_email")
        missing = {
            k: [f"The {k} parameter is required."]
            for k, v in (("order_guid", guid), ("order_email", email))
            if not v
        }
        if missing:
            raise Invalid(missing)
        for order in self.book.of_account(call.account.key):
            emails = {
                str(order.recipient.get("email") or "").lower(),
                f"{call.account.username}@example.com",
            }
            if order.order_guid == guid and str(email).lower() in emails:
                return {"order": self._receipt(call.account, order)}
        raise Refusal("No order matches that order_guid and order_email.")

    def _receipt(self, account: Account, order: SimOrder) -> dict[str, Any]:
        status_id = self.book.status_id(order)
        return {
            "order_id": order.order_id,
            "order_guid": order.order_guid,
            "date_time": iso(order.submitted_at),
            "order_status": LABELS[status_id],
            "order_status_id": status_id,
            "order_status_label": LABELS[status_id],
            "order_confirmation_id": order.confirmation_id,
            "transaction_id": f"TX{order.confirmation_id}",
            "payment_type_name": order.payment_type,
            "order_po": order.order_po,
            "card_number": "************4242" if order.payment_type == "Credit Card" else None,
            "shipping_method": order.shipping_method,
            "shipping_code": order.shipping_code,
            "billing": account.user_account()["billing_info"],
            "recipient": order.recipient,
            "totals": order.totals,
            "order_items": order.details.get("order_items") or [],
            "shipments": self.book.shipments(order),
            "test_mode": order.test_mode,
        }

    def update_order(self, call: Call) -> dict[str, Any]:
        body = call.obj()
        command = body.get("update_command")
        errors: Errors = {}
        if not isinstance(body.get("order_id"), int) or isinstance(body.get("order_id"), bool):
            errors["order_id"] = ["The order_id field is required."]
        if command not in ("pending", "hold", "cancel"):
            errors["update_command"] = ["update_command must be pending, hold or cancel."]
        if errors:
            raise Invalid(errors)
        order = self._editable(call.account, body["order_id"])
        {"pending": self.book.release, "hold": self.book.hold, "cancel": self.book.cancel}[command](
            order
        )
        return {}

    def update_customer(self, call: Call) -> dict[str, Any]:
        body = call.obj()
        errors = check_address(body.get("customer_info"), "customer_info")
        if not isinstance(body.get("order_id"), int) or isinstance(body.get("order_id"), bool):
            errors["order_id"] = ["The order_id field is required."]
        if errors:
            raise Invalid(errors)
        order = self._editable(call.account, body["order_id"])
        self.book.change_recipient(order, _normalised(body["customer_info"]))
        return {}

    def _editable(self, account: Account, reference: int) -> SimOrder:
        order = self.book.find(account.key, reference)
        if order is None:
            raise Refusal(f"Order {reference} was not found.")
        if order.submission == "cancel":
            raise Refusal(f"Order {reference} has been cancelled.")
        if self.book.status_id(order) not in EDITABLE:
            raise Refusal(
                f"Order {reference} is already in production and can no longer be changed; "
                "please contact FinerWorks customer support."
            )
        return order

    def list_order_status_definitions(self, call: Call) -> dict[str, Any]:
        return {"definitions": self._definitions}


# -- answers -------------------------------------------------------------------------------


def _answer(status: int, payload: dict[str, Any]) -> SandboxResponse:
    return SandboxResponse(
        status, json.dumps(payload).encode(), {"Content-Type": "application/json; charset=utf-8"}
    )


def _invalid(errors: Errors, message: str = "The request is invalid.") -> SandboxResponse:
    """The ASP.NET model-binding answer FinerWorks gives for bad keys and bad fields."""
    return _answer(400, {"Message": message, "ModelState": errors})


def _status(success: bool, message: str) -> dict[str, Any]:
    return {
        "success": success,
        "status_code": 200 if success else 400,
        "message": message,
        "debug": None,
        "reference_id": secrets.token_hex(6),
        "domain": "sandbox",
    }


def _fault_answer(
    injected: Injected, answer: SandboxResponse | None, delay: float
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
    if injected is Injected.TIMEOUT_BEFORE or answer is None:
        return SandboxResponse(504, b"", delay_s=delay, fault=Fault.TIMEOUT, applied=False)
    if injected is Injected.TIMEOUT_AFTER:
        return SandboxResponse(answer.status, answer.body, delay_s=delay, fault=Fault.TIMEOUT)
    if injected is Injected.DROP_AFTER:
        return SandboxResponse(answer.status, answer.body, delay_s=delay, fault=Fault.DROP)
    garbled = answer.body[: max(1, len(answer.body) // 2)]
    return SandboxResponse(answer.status, garbled, answer.headers, delay_s=delay)


# -- assets ----------------------------------------------------------------------------------

_rendered = functools.lru_cache(maxsize=64)(artwork.render_png)
"""Rendering is pure, and a screen of thumbnails asks for the same few pictures again and again."""


def _asset_index(catalog: Catalog) -> dict[str, tuple[str, int, int]]:
    """Seed, width and height of the picture behind each asset URL the catalogue hands out;
    any other path under the asset prefix is unknown, as it would be on the CDN.

    A library image seeds its thumbnail, preview and hi-res file alike, so all three show one
    picture, sized to the original's aspect ratio.
    """
    index: dict[str, tuple[str, int, int]] = {}
    listed = (
        catalog.product_types,
        catalog.media_types,
        catalog.style_types,
        catalog.collections,
        catalog.mats,
        catalog.glazing,
    )
    for url in _asset_urls(listed):
        square = url.startswith(f"{ASSETS}/icons/") or url.rsplit("/", 1)[-1].startswith("icon")
        index[url] = (url, *((ICON_SIDE, ICON_SIDE) if square else OTHER_ASSET_SIZE))
    for image in catalog.images:
        for key, side in (
            ("public_thumbnail_uri", THUMB_SIDE),
            ("public_preview_uri", PREVIEW_SIDE),
            ("private_hires_uri", PREVIEW_SIDE),
        ):
            index[image[key]] = (image["guid"], *artwork.fit(image["pix_w"], image["pix_h"], side))
    return index


def _asset_urls(value: Any) -> Iterator[str]:
    """Every asset URL inside `value`, however deep (frames sit inside their collections)."""
    if isinstance(value, str):
        if value.startswith(ASSETS + "/"):
            yield value
    elif isinstance(value, dict):
        yield from _asset_urls(list(value.values()))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _asset_urls(item)


# -- small request helpers -----------------------------------------------------------------


def _whole(body: dict[str, Any], key: str) -> int:
    value = body.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid({key: [f"The value is not valid for {key}."]})
    return value


def _by_ids(items: list[dict[str, Any]], ids: Any) -> list[dict[str, Any]]:
    if ids is None or ids == []:
        return items
    if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
        raise Invalid({"ids": ["The value is not valid for ids."]})
    return [item for item in items if item["id"] in ids]


def _by_id(items: list[dict[str, Any]], body: dict[str, Any]) -> list[dict[str, Any]]:
    if body.get("id") is None:
        return items
    wanted = _whole(body, "id")
    return [item for item in items if item["id"] == wanted]


def _check_item(item: Any, where: str) -> Errors:
    checker = Checker()
    checker.value(item, Obj(PRODUCT, required=True), where, "product")
    return checker.errors


def _style_id(product_code: str) -> int | None:
    parts = product_code.upper().split("M")
    if len(parts) != 3 or "S" not in parts[2]:
        return None
    style = parts[2].split("S", 1)[0]
    return int(style) if style.isdigit() else None


def _sorted(
    items: list[dict[str, Any]], body: dict[str, Any], aliases: dict[str, str]
) -> list[dict[str, Any]]:
    field = str(body.get("sort_field") or "id")
    field = aliases.get(field, field)
    descending = str(body.get("sort_direction") or "DESC").upper() != "ASC"
    if not items or field not in items[0]:
        field = "id"
    return sorted(
        items, key=lambda item: (item.get(field) is None, item.get(field) or 0), reverse=descending
    )


def _paged(items: list[Any], body: dict[str, Any], key: str, maximum: int) -> dict[str, Any]:
    per_page = body.get("per_page", 10)
    page_number = body.get("page_number", 1)
    errors: Errors = {}
    if isinstance(per_page, bool) or not isinstance(per_page, int) or not 1 <= per_page <= maximum:
        errors["per_page"] = [f"The field per_page must be between 1 and {maximum}."]
    if isinstance(page_number, bool) or not isinstance(page_number, int) or page_number < 1:
        errors["page_number"] = ["The field page_number must be 1 or more."]
    if errors:
        raise Invalid(errors)
    start = (page_number - 1) * per_page
    return {
        key: items[start : start + per_page],
        "page_number": page_number,
        "per_page": per_page,
        "count": len(items),
    }


def _between(orders: list[SimOrder], date_from: Any, date_to: Any) -> list[SimOrder]:
    bounds = []
    for key, value in (("date_from", date_from), ("date_to", date_to)):
        if value in (None, ""):
            bounds.append(None)
            continue
        moment = parse_date(str(value))
        if moment is None:
            raise Invalid({key: [f"The value '{value}' is not a valid date."]})
        bounds.append(moment)
    low, high = bounds
    return [
        o
        for o in orders
        if (low is None or o.submitted_at >= low) and (high is None or o.submitted_at <= high)
    ]


def _check_library(library: Any) -> None:
    errors: Errors = {}
    if not isinstance(library, dict):
        raise Invalid({"library": ["The library field is required."]})
    if library.get("name", "inventory") not in ("inventory", "temporary"):
        errors["library.name"] = ["name must be inventory or temporary."]
    session = library.get("session_id")
    if not isinstance(session, str) or not 8 <= len(session) <= 50:
        errors["library.session_id"] = ["The field session_id must be 8 to 50 characters long."]
    if isinstance(library.get("site_id"), bool) or not isinstance(library.get("site_id"), int):
        errors["library.site_id"] = ["The site_id field is required."]
    if errors:
        raise Invalid(errors)


# The first digit of a US ZIP code names a group of states: enough for a plausible check.
_ZIP_REGIONS = {
    "0": "CT MA ME NH NJ PR RI VT VI AE",
    "1": "DE NY PA",
    "2": "DC MD NC SC VA WV",
    "3": "AL FL GA MS TN AA",
    "4": "IN KY MI OH",
    "5": "IA MN MT ND SD WI",
    "6": "IL KS MO NE",
    "7": "AR LA OK TX",
    "8": "AZ CO ID NM NV UT WY",
    "9": "AK CA HI OR WA GU AS MP AP",
}


def _normalised(address: dict[str, Any]) -> dict[str, Any]:
    """The address as the validator would correct it: trimmed, cased, ZIP+4 hyphenated."""
    fixed = {k: v.strip() if isinstance(v, str) else v for k, v in address.items()}
    fixed["country_code"] = str(fixed.get("country_code") or "").lower()
    if fixed.get("state_code"):
        fixed["state_code"] = str(fixed["state_code"]).upper()
    city = fixed.get("city")
    if isinstance(city, str) and (city.islower() or city.isupper()):
        fixed["city"] = city.title()
    zip_code = str(fixed.get("zip_postal_code") or "")
    if fixed["country_code"] == "us":
        digits = "".join(ch for ch in zip_code if ch.isdigit())
        if len(digits) == 9:
            fixed["zip_postal_code"] = f"{digits[:5]}-{digits[5:]}"
    else:
        fixed["zip_postal_code"] = zip_code.upper()
    return fixed


def _check_us_zip(address: dict[str, Any]) -> None:
    zip_code = str(address.get("zip_postal_code") or "")
    digits = zip_code.replace("-", "")
    if not digits.isdigit() or len(digits) not in (5, 9):
        raise Refusal(f"'{zip_code}' is not a valid US ZIP code.")
    state = str(address.get("state_code") or "")
    if state not in _ZIP_REGIONS[digits[0]].split():
        raise Refusal(f"The ZIP code {zip_code} is not in {state}.")
