"""`FinerWorksClient`: one typed method per FinerWorks v3 call the app makes.

Each method knows its call's body, the keys its answer may come under (API.md leaves several
open, section 9 settles some) and the batch sizes the API allows; `wire.Wire` sends it and
reads the answer, so the worker lanes and the tests meet a single surface. About 600 lines,
because there are some 35 calls and each is a few lines; the plumbing lives in `wire`.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

import httpx

from fwdesk.api.account import AppInfo, CredentialCheck, PaymentToken, UserAccount
from fwdesk.api.catalog import (
    Frame,
    FrameBuild,
    FrameCollection,
    FrameConfig,
    Glazing,
    Image,
    Mat,
    MediaType,
    Price,
    ProductDetails,
    ProductType,
    StyleType,
)
from fwdesk.api.errors import (
    ApiError,
    ApiValidationError,
    BusinessError,
    ResponseFormatError,
)
from fwdesk.api.fields import (
    Model,
    Reader,
    as_list,
    drop_none,
    parse_list,
    to_request,
)
from fwdesk.api.keys import Credentials
from fwdesk.api.limits import (
    INVENTORY_PAGE_MAX,
    ORDERS_PAGE_MAX,
    PRICES_BATCH,
    PRODUCT_DETAILS_BATCH,
    PRODUCTION_URL,
    STATUS_BATCH,
    SUBMIT_BATCH,
)
from fwdesk.api.orders import (
    Address,
    AddressCheck,
    Order,
    OrderItem,
    OrderStatus,
    PendingImport,
    PendingOrder,
    Receipt,
    ReceivedOrder,
    StatusDefinition,
)
from fwdesk.api.shipping import OrderQuote, ShippingMethodId, ShippingOption
from fwdesk.api.wire import DEFAULT_DEADLINE_S, DEFAULT_TIMEOUT, RetryPolicy, Wire

UPDATE_COMMANDS = ("pending", "hold", "cancel")
IMAGE_SCHEMES = ("http", "https")
LOOKUP_BATCH = 10
"""POs per list_orders lookup, as FinerWorks' own app asks (API.md 9.4)."""
PRODUCT_KEYS = ("product_list", "products", "product_details", "details")
"""get_product_details answers product codes under product_list and inventory SKUs under
products (API.md 9.5); the last two are older guesses still read."""

log = logging.getLogger(__name__)
T = TypeVar("T")
M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    page_number: int
    per_page: int
    count: int | None
    """Total matches on the server, when it says."""


@dataclass(frozen=True)
class ImageLibrary(Model):
    """The `image_library` list_images needs; the account's own inventory library by default."""

    name: Literal["inventory", "temporary"] = "inventory"
    session_id: str = "fwdesk-desktop"
    site_id: int = 0
    account_key: str | None = None


def _names_its_errors(cls: type[T]) -> type[T]:
    """Every error a call raises leaves through here: stamped with the API method it came from
    (parse errors are raised deep in the models), scrubbed of the keys (a server may echo a key
    back as a field name or inside a value the parser quotes), and an answer too deep for
    Python's own limits becomes a format error, never a bare RecursionError."""

    def wrap(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def method(client: FinerWorksClient, *args: Any, **kwargs: Any) -> Any:
            try:
                return function(client, *args, **kwargs)
            except ApiError as error:
                error.method = error.method or name
                _scrub(error, client._wire.redact)
                raise
            except RecursionError:
                raise ResponseFormatError(
                    "the answer is nested too deeply to read", method=name
                ) from None

        return method

    for name in API_METHODS:
        setattr(cls, name, wrap(name, getattr(cls, name)))
    return cls


def _scrub(error: ApiError, redact: Callable[[str], str]) -> None:
    error.message = redact(error.message)
    error.args = (error.message,)
    if isinstance(error, ApiValidationError):
        error.field_errors = {
            redact(path): [redact(text) for text in texts]
            for path, texts in error.field_errors.items()
        }


API_METHODS = (
    "test_my_credentials",
    "get_user",
    "update_user",
    "get_payment_tokens",
    "list_product_types",
    "list_media_types",
    "list_style_types",
    "list_collections",
    "frame_details",
    "list_mats",
    "list_glazing",
    "frame_builder",
    "get_product_details",
    "get_prices",
    "list_virtual_inventory",
    "list_images",
    "list_shipping_options",
    "list_shipping_options_multiple",
    "get_shipping_options_ids",
    "validate_recipient_address",
    "submit_orders",
    "submit_orders_v2",
    "fetch_order_status",
    "list_orders",
    "get_order",
    "update_order",
    "update_customer",
    "list_order_status_definitions",
    "save_pending_orders",
    "list_pending_orders",
    "delete_pending_orders",
)
"""The FinerWorks calls this client makes, by their API names."""


@_names_its_errors
class FinerWorksClient:
    def __init__(
        self,
        credentials: Credentials,
        base_url: str = PRODUCTION_URL,
        *,
        keys_in_query: bool = False,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        user_agent: str = "fwdesk",
        deadline_s: float = DEFAULT_DEADLINE_S,
    ) -> None:
        """`keys_in_query` sends the keys in the query string, as the old Documentation page
        describes; headers are what every current integration uses and stay the default."""
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self._transport = transport
        self._wire = Wire(
            credentials,
            self.base_url,
            keys_in_query=keys_in_query,
            timeout=timeout,
            retry=retry or RetryPolicy(),
            transport=transport,
            sleep=sleep,
            user_agent=user_agent,
            deadline_s=deadline_s,
        )

    def __repr__(self) -> str:
        return f"FinerWorksClient(base_url={self.base_url!r})"

    def close(self) -> None:
        self._wire.close()

    def abort(self) -> None:
        """End any request in flight (from any thread); it fails with a NetworkError."""
        self._wire.abort()

    def __enter__(self) -> FinerWorksClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def is_secure(self) -> bool:
        return self.base_url.startswith("https://")

    # -- account --------------------------------------------------------------------------

    def test_my_credentials(self) -> CredentialCheck:
        data = self._wire.read("GET", "test_my_credentials")
        reader = Reader(data, "")
        return CredentialCheck(
            account=reader.child("user_account", UserAccount.from_json),
            app=reader.child("app", AppInfo.from_json),
        )

    def get_user(self, account_key: str | None = None) -> UserAccount:
        params = drop_none({"account_key": account_key})
        data = self._wire.read("GET", "get_user", params=params)
        return UserAccount.from_json(_payload(data, "user_account"), "user_account")

    def update_user(
        self, *, shipping_preferences: Sequence[str], account_key: str | None = None
    ) -> None:
        """Set the account's ranked shipping preferences (up to 3 of "1"–"4", API.md 9.3).
        `account_key` (the account's own, from get_user) is marked required on the help page;
        fields left out mean no change."""
        body = drop_none(
            {
                "account_key": account_key,
                "shipping_preferences": [str(p) for p in shipping_preferences],
            }
        )
        self._wire.write("PUT", "update_user", body=body)

    def get_payment_tokens(self, payment_profile_id: str) -> list[PaymentToken]:
        params = {"payment_profile_id": payment_profile_id, "sandbox": "false"}
        data = self._wire.read("GET", "get_payment_tokens", params=params)
        tokens = _payload(data, "payment_tokens", allow_bare=True)
        return parse_list(tokens, "payment_tokens", PaymentToken.from_json)

    # -- catalogue ------------------------------------------------------------------------

    def list_product_types(self, ids: Sequence[int] | None = None) -> list[ProductType]:
        return self._list("list_product_types", _ids_body(ids), ("product_types",), ProductType)

    def list_media_types(self, ids: Sequence[int] | None = None) -> list[MediaType]:
        return self._list("list_media_types", _ids_body(ids), ("media_types",), MediaType)

    def list_style_types(self, ids: Sequence[int] | None = None) -> list[StyleType]:
        return self._list("list_style_types", _ids_body(ids), ("style_types",), StyleType)

    def list_collections(
        self, collection_id: int | None = None, product_code: str | None = None
    ) -> list[FrameCollection]:
        body = drop_none({"id": collection_id, "product_code": product_code})
        keys = ("collections", "frame_collections")
        return self._list("list_collections", body, keys, FrameCollection)

    def frame_details(self, frame_id: int, product_code: str | None = None) -> Frame:
        body = drop_none({"id": frame_id, "product_code": product_code})
        data = self._wire.read("POST", "frame_details", body=body)
        return Frame.from_json(_payload(data, "frame", "frame_details"), "frame")

    def list_mats(self, mat_id: int | None = None, product_code: str | None = None) -> list[Mat]:
        body = drop_none({"id": mat_id, "product_code": product_code})
        return self._list("list_mats", body, ("mats",), Mat)

    def list_glazing(
        self, glazing_id: int | None = None, product_code: str | None = None
    ) -> list[Glazing]:
        body = drop_none({"id": glazing_id, "product_code": product_code})
        return self._list("list_glazing", body, ("glazing",), Glazing)

    def frame_builder(self, config: FrameConfig, product_code: str | None = None) -> FrameBuild:
        """Whether FinerWorks can frame the print as `config` says, and at what price; a
        configuration it cannot build is an answer (`FrameBuild.price` None), not an error."""
        body = drop_none({"product_code": product_code, "config": config.to_json()})
        data = self._wire.read("POST", "frame_builder", body=body)
        return FrameBuild.from_json(data, "frame_builder")

    def get_product_details(
        self, items: Iterable[tuple[str, int] | OrderItem]
    ) -> list[ProductDetails]:
        """Details of (sku, quantity) pairs or order items (with their print file), 25 to a
        call as the API allows. A SKU FinerWorks does not know comes back with `available`
        False: the API answers it with an entry, not an error."""
        found: list[ProductDetails] = []
        for chunk in _chunks([_as_item(item) for item in items], PRODUCT_DETAILS_BATCH):
            body = {"products": to_request(chunk)}
            data = self._wire.read(
                "POST", "get_product_details", body=body, payload_keys=PRODUCT_KEYS
            )
            if not any(key in data for key in PRODUCT_KEYS):
                _payload(data, *PRODUCT_KEYS)  # names what is missing
            for key in PRODUCT_KEYS:
                found += parse_list(data.get(key), key, ProductDetails.from_json)
        return found

    def get_prices(self, items: Iterable[tuple[str, int]]) -> list[Price]:
        """Prices of (sku, quantity) pairs, 50 to a call as the API allows."""
        prices: list[Price] = []
        for chunk in _chunks(list(items), PRICES_BATCH):
            body = {"products": [{"product_sku": sku, "product_qty": qty} for sku, qty in chunk]}
            prices += self._list("get_prices", body, ("prices",), Price)
        return prices

    def list_virtual_inventory(
        self,
        *,
        search_filter: str | None = None,
        sku_filter: Sequence[str] | None = None,
        page_number: int = 1,
        per_page: int = INVENTORY_PAGE_MAX,
    ) -> Page[ProductDetails]:
        body = drop_none(
            {
                "search_filter": search_filter,
                "sku_filter": list(sku_filter) if sku_filter else None,
                "page_number": page_number,
                "per_page": min(per_page, INVENTORY_PAGE_MAX),
            }
        )
        data = self._wire.read("POST", "list_virtual_inventory", body=body)
        return _page(data, "products", ProductDetails, page_number)

    def list_images(
        self,
        library: ImageLibrary | None = None,
        *,
        search_filter: str | None = None,
        page_number: int = 1,
        per_page: int = INVENTORY_PAGE_MAX,
        list_products: bool = False,
    ) -> Page[Image]:
        body = drop_none(
            {
                "library": (library or ImageLibrary()).to_json(),
                "search_filter": search_filter,
                "page_number": page_number,
                "per_page": min(per_page, INVENTORY_PAGE_MAX),
                "list_products": list_products,
            }
        )
        data = self._wire.read("POST", "list_images", body=body)
        return _page(data, "images", Image, page_number)

    def iter_pages(self, fetch: Callable[[int], Page[T]]) -> Iterator[T]:
        """Every item of a paged list; stops at an empty or short page or at the server's count."""
        page_number, seen = 1, 0
        while True:
            page = fetch(page_number)
            yield from page.items
            seen += len(page.items)
            done_by_count = page.count is not None and seen >= page.count
            if not page.items or len(page.items) < page.per_page or done_by_count:
                return
            page_number += 1

    # -- shipping -------------------------------------------------------------------------

    def list_shipping_options(self, order: Order) -> list[ShippingOption]:
        data = self._wire.read("POST", "list_shipping_options", body=_quotable(order))
        payload = _payload(data, "shipping_options", "options", "orders", allow_bare=True)
        items = as_list(payload, "shipping_options")
        if items and isinstance(items[0], dict) and "options" in items[0]:
            # Shaped like list_shipping_options_multiple: one wrapper per order.
            items = Reader(items[0], "orders[0]").raw("options")
        return parse_list(items, "shipping_options", ShippingOption.from_json)

    def list_shipping_options_multiple(self, orders: Sequence[Order]) -> list[OrderQuote]:
        """How each order can travel, with the option the account's preferences pick; this
        is the call FinerWorks' own app quotes with (API.md 9.3)."""
        body = {"orders": [_quotable(order) for order in orders]}
        return self._list("list_shipping_options_multiple", body, ("orders",), OrderQuote)

    def get_shipping_options_ids(self, option_type: int | None = None) -> list[ShippingMethodId]:
        params = {"type": str(option_type)} if option_type is not None else None
        data = self._wire.read("GET", "get_shipping_options_ids", params=params)
        entries = _payload(data, "shipping_options", "shipping_options_ids", allow_bare=True)
        return parse_list(
            [{"id": e} if isinstance(e, int) else e for e in as_list(entries, "shipping_options")],
            "shipping_options",
            ShippingMethodId.from_json,
        )

    def validate_recipient_address(self, address: Address) -> AddressCheck:
        try:
            data = self._wire.read(
                "POST", "validate_recipient_address", body={"recipient": address.to_json()}
            )
        except BusinessError as refusal:
            return AddressCheck(ok=False, address=None, message=refusal.message)
        reader = Reader(data, "")
        message = Reader(data.get("status") or {}, "status").text("message")
        return AddressCheck(
            ok=True, address=reader.child("address", Address.from_json), message=message
        )

    # -- orders ---------------------------------------------------------------------------

    def submit_orders(
        self, orders: Sequence[Order], *, validate_only: bool = False
    ) -> list[ReceivedOrder]:
        """Submit in calls of 5. If a later call fails, the error's `completed` lists the orders
        earlier calls placed, so nothing placed is forgotten."""
        return self._submit("submit_orders", orders, {"validate_only": validate_only})

    def submit_orders_v2(
        self, orders: Sequence[Order], payment_token: str | None, *, validate_only: bool = False
    ) -> list[ReceivedOrder]:
        """Submit with payment: a saved card's token, ``"invoice"``, ``"xxxx"`` for test
        orders, or None to pay from the account's credits (the token is then left out, as
        FinerWorks' own app does, API.md 9.2)."""
        extra: dict[str, Any] = {"validate_only": validate_only}
        if payment_token and payment_token.strip():
            extra["payment_token"] = payment_token.strip()
        return self._submit("submit_orders_v2", orders, extra)

    def fetch_order_status(
        self, *, order_pos: Sequence[str] = (), order_ids: Sequence[int] = ()
    ) -> list[OrderStatus]:
        """Production status of orders; unknown POs and ids are simply absent from the result."""
        if not order_pos and not order_ids:
            raise ValueError("give at least one order_po or order_id")
        statuses: list[OrderStatus] = []
        for pos in _chunks(list(order_pos), STATUS_BATCH):
            statuses += self._statuses({"order_pos": pos})
        for ids in _chunks(list(order_ids), STATUS_BATCH):
            statuses += self._statuses({"order_ids": ids})
        return statuses

    def list_orders(
        self,
        *,
        page_number: int = 1,
        per_page: int = ORDERS_PAGE_MAX,
        search_filter: str | None = None,
        status: str | None = None,
        order_ids: Sequence[int] | None = None,
        order_pos: Sequence[str] | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        show_cancelled: bool = True,
    ) -> Page[Receipt]:
        body = drop_none(
            {
                "page_number": page_number,
                "per_page": min(per_page, ORDERS_PAGE_MAX),
                "search_filter": search_filter,
                "status": status,
                "order_ids": list(order_ids) if order_ids else None,
                "order_pos": list(order_pos) if order_pos else None,
                "date_from": date_from,
                "date_to": date_to,
                "show_cancelled": show_cancelled,
            }
        )
        data = self._wire.read("POST", "list_orders", body=body)
        return _page(data, "orders", Receipt, page_number)

    def iter_orders(self, **filters: Any) -> Iterator[Receipt]:
        return self.iter_pages(lambda n: self.list_orders(page_number=n, **filters))

    def find_orders(self, order_pos: Sequence[str]) -> list[Receipt]:
        """The orders FinerWorks holds under these POs, asked 10 POs at a time with list_orders'
        order_pos filter (never by paging the whole account); a server that ignores the filter
        cannot make another PO's order look like a match."""
        wanted = set(order_pos)
        found: dict[str, Receipt] = {}
        for chunk in _chunks(list(dict.fromkeys(order_pos)), LOOKUP_BATCH):
            page = self.list_orders(order_pos=chunk, per_page=ORDERS_PAGE_MAX)
            for receipt in page.items:
                if receipt.order_po in wanted:
                    found.setdefault(receipt.order_po, receipt)
        return list(found.values())

    def get_order(self, order_guid: str, order_email: str) -> Receipt:
        params = {"order_guid": order_guid, "order_email": order_email}
        data = self._wire.read("GET", "get_order", params=params)
        return Receipt.from_json(_payload(data, "order"), "order")

    def update_order(self, order_id: int, command: str) -> None:
        """Release (`pending`), `hold` or `cancel` an order that has not entered production."""
        if command not in UPDATE_COMMANDS:
            raise ValueError(f"update_command must be one of {', '.join(UPDATE_COMMANDS)}")
        body = {"order_id": order_id, "update_command": command}
        self._wire.write("PUT", "update_order", body=body)

    def update_customer(self, order_id: int, recipient: Address) -> None:
        body = {"order_id": order_id, "customer_info": recipient.to_json()}
        self._wire.write("PUT", "update_customer", body=body)

    def list_order_status_definitions(self) -> list[StatusDefinition]:
        data = self._wire.read("GET", "list_order_status_definitions")
        return parse_list(_payload(data, "definitions"), "definitions", StatusDefinition.from_json)

    # -- pending orders (FinerWorks' staging table, API.md 9.6) ----------------------------

    def save_pending_orders(
        self, orders: Sequence[Order], source: str = "fwdesk"
    ) -> list[PendingImport]:
        """Stage orders on FinerWorks for review; they are placed later, from any desk or
        FinerWorks' dashboard. Sent once, like every write."""
        if not orders:
            raise ValueError("no orders to save")
        body = {"orders": to_request(list(orders)), "source": source}
        data = self._wire.write("POST", "save_pending_orders", body=body)
        imports = _payload(data, "imports", "orders")
        return parse_list(imports, "imports", PendingImport.from_json)

    def list_pending_orders(self, ids: Sequence[int] | None = None) -> list[PendingOrder]:
        body = {"ids": list(ids)} if ids else {}
        data = self._wire.read("POST", "list_pending_orders", body=body)
        entries = as_list(_payload(data, "orders", "pending_orders"), "orders")
        return parse_list(
            [_with_fulfillment_id(entry) for entry in entries], "orders", PendingOrder.from_json
        )

    def delete_pending_orders(self, ids: Sequence[int]) -> None:
        if not ids:
            raise ValueError("give at least one pending order id")
        self._wire.write("POST", "delete_pending_orders", body={"ids": list(ids)})

    # -- pictures -------------------------------------------------------------------------

    def fetch_image(self, url: str, *, max_bytes: int = 8_000_000) -> bytes:
        """The bytes of a picture the API pointed at: a thumbnail, a frame sample, an icon.

        A path (``/v3/...``) is taken as on the API's own host. The keys are never sent: these
        URLs may name a CDN or any other host, and the keys belong to the API alone. Retried
        like a read, since fetching changes nothing; `max_bytes` bounds what a wrong URL can
        make us hold in memory.
        """
        target = httpx.URL(self.base_url).join(url)
        if not url.strip() or target.scheme not in IMAGE_SCHEMES:
            raise ValueError(f"images are fetched over http or https, not {url!r}")
        return self._wire.retried("fetch_image", lambda: self._wire.download(target, max_bytes))

    # -- plumbing -------------------------------------------------------------------------

    def _list(self, method: str, body: Any, keys: tuple[str, ...], model: type[M]) -> list[M]:
        data = self._wire.read("POST", method, body=body)
        return parse_list(_payload(data, *keys), keys[0], model.from_json)

    def _statuses(self, body: dict[str, Any]) -> list[OrderStatus]:
        return self._list("fetch_order_status", body, ("orders",), OrderStatus)

    def _submit(
        self, method: str, orders: Sequence[Order], extra: dict[str, Any]
    ) -> list[ReceivedOrder]:
        if not orders:
            raise ValueError("no orders to submit")
        received: list[ReceivedOrder] = []
        for chunk in _chunks(list(orders), SUBMIT_BATCH):
            body = {"orders": to_request(chunk), **extra}
            try:
                if extra["validate_only"]:
                    data = self._wire.read("POST", method, body=body)
                else:
                    data = self._wire.write("POST", method, body=body)
            except ApiError as error:
                error.completed = received
                raise
            # Test-mode submissions may answer with "orders": null (API.md 1.4).
            received += parse_list(data.get("orders"), "orders", ReceivedOrder.from_json)
        return received


def _payload(data: dict[str, Any], *keys: str, allow_bare: bool = False) -> Any:
    """The payload under the first of `keys` present; API.md leaves several names open, and
    some list calls have been seen answering under an ``error`` key (open question 12)."""
    for key in keys:
        if key in data:
            return data[key]
    for key, value in data.items():
        if key.lower() == "error" and isinstance(value, list):
            return value
    if allow_bare:
        lists = [
            value for key, value in data.items() if key != "status" and isinstance(value, list)
        ]
        if len(lists) == 1:
            return lists[0]
    raise ResponseFormatError(f"the answer has no {' or '.join(keys)}")


def _page(data: dict[str, Any], key: str, model: type[M], page_number: int) -> Page[M]:
    reader = Reader(data, "")
    items = parse_list(_payload(data, key), key, model.from_json)
    count = reader.opt_integer("total_count")
    return Page(
        items=items,
        page_number=reader.integer("page_number", page_number),
        per_page=reader.integer("per_page", len(items)) or len(items),
        count=count if count is not None else reader.opt_integer("count"),
    )


def _as_item(item: tuple[str, int] | OrderItem) -> OrderItem:
    if isinstance(item, OrderItem):
        return item
    sku, quantity = item
    return OrderItem(product_sku=sku, product_qty=quantity)


def _with_fulfillment_id(entry: Any) -> Any:
    """A pending order names its id `fulfillment_id` (API.md 9.6); save's answer says `id`."""
    if isinstance(entry, dict) and entry.get("fulfillment_id") is None and "id" in entry:
        return {**entry, "fulfillment_id": entry["id"]}
    return entry


def _ids_body(ids: Sequence[int] | None) -> dict[str, Any]:
    return {"ids": list(ids)} if ids else {}


def _quotable(order: Order) -> dict[str, Any]:
    """Quotes still want a shipping_code on the order (integrators report), any valid one."""
    body = order.to_json()
    body.setdefault("shipping_code", "SD")
    return body


def _chunks(items: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
