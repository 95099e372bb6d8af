"""The catalogue calls: product, media and style types, framing parts, and prices.

All read the shared catalogue except get_prices, which prices through the account's inventory
so an item the shop deleted is unknown there too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fwdesk.sandbox.catalog import UnknownProduct
from fwdesk.sandbox.envelope import Call, Invalid, Refusal
from fwdesk.sandbox.validation import PRODUCT, Checker, Obj

if TYPE_CHECKING:
    from fwdesk.sandbox.store import Store

PRICES_MAX = 50


def list_product_types(store: Store, call: Call) -> dict[str, Any]:
    return {"product_types": _by_ids(store.catalog.product_types, call.obj().get("ids"))}


def list_media_types(store: Store, call: Call) -> dict[str, Any]:
    return {"media_types": _by_ids(store.catalog.media_types, call.obj().get("ids"))}


def list_style_types(store: Store, call: Call) -> dict[str, Any]:
    return {"style_types": _by_ids(store.catalog.style_types, call.obj().get("ids"))}


def list_collections(store: Store, call: Call) -> dict[str, Any]:
    body = call.obj()
    collections = store.catalog.collections
    if body.get("id") is not None:
        collections = [c for c in collections if c["id"] == _whole(body, "id")]
    if body.get("product_code") and not _can_frame(store, str(body["product_code"])):
        collections = []
    return {"collections": collections}


def frame_details(store: Store, call: Call) -> dict[str, Any]:
    body = call.obj()
    if body.get("id") is None:
        raise Invalid({"id": ["The id field is required."]})
    frame = store.catalog.frame(_whole(body, "id"))
    if frame is None:
        raise Refusal(f"Frame {body['id']} was not found.")
    return {"frame": frame}


def list_mats(store: Store, call: Call) -> dict[str, Any]:
    return {"mats": _by_id(store.catalog.mats, call.obj())}


def list_glazing(store: Store, call: Call) -> dict[str, Any]:
    return {"glazing": _by_id(store.catalog.glazing, call.obj())}


def get_prices(store: Store, call: Call) -> dict[str, Any]:
    """Unlike get_product_details, an unknown SKU here is a refusal naming it."""
    prices = []
    for sku, qty in product_items(call.body, PRICES_MAX):
        try:
            store.inventory.lookup(call.account.key, sku)
        except UnknownProduct as unknown:
            raise Refusal(str(unknown)) from None
        prices.append(store.catalog.price(sku, qty))
    return {"prices": prices}


def product_items(body: Any, limit: int) -> list[tuple[str, int]]:
    """(SKU, quantity) pairs from the bare array or the ``{"products": [...]}`` form, checked
    for 1 to `limit` entries with a SKU and a quantity of 1 to 999 each."""
    items = body.get("products") if isinstance(body, dict) else body
    if not isinstance(items, list) or not items:
        raise Invalid({"products": ["The products field is required."]})
    if len(items) > limit:
        raise Invalid({"products": [f"No more than {limit} products are allowed per call."]})
    checker = Checker()
    for i, item in enumerate(items):
        checker.value(item, Obj(PRODUCT, required=True), f"products[{i}]", "product")
    if checker.errors:
        raise Invalid(checker.errors)
    return [(str(item["product_sku"]), int(item["product_qty"])) for item in items]


def _can_frame(store: Store, product_code: str) -> bool:
    style_id = _style_id(product_code)
    return any(s["id"] == style_id and s.get("can_frame") for s in store.catalog.style_types)


def _style_id(product_code: str) -> int | None:
    parts = product_code.upper().split("M")
    if len(parts) != 3 or "S" not in parts[2]:
        return None
    style = parts[2].split("S", 1)[0]
    return int(style) if style.isdigit() else None


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
