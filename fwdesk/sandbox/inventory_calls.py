"""The product-detail and virtual-inventory calls (API.md 9.5).

get_product_details answers product codes under ``product_list`` and inventory SKUs under
``products``, and treats a SKU nobody sells as an entry reading "Not Available", not as an
error. The inventory writes change only the calling account's view (`fwdesk.sandbox.inventory`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fwdesk.sandbox.catalog import CODE_PATTERN, CURRENCY, Record, UnknownProduct, stamp
from fwdesk.sandbox.catalog_calls import product_items
from fwdesk.sandbox.envelope import Call, Invalid
from fwdesk.sandbox.inventory import PLATFORMS
from fwdesk.sandbox.paging import paged, sorted_by
from fwdesk.sandbox.validation import Checker, Flag, Many, Money, Obj, Text, Whole

if TYPE_CHECKING:
    from fwdesk.sandbox.store import Store

DETAILS_MAX = 25
LIST_PAGE_MAX = 50
FILTER_MAX = 50
UPDATE_MAX = 50
NOT_AVAILABLE = "Not Available"
ZERO_GUID = "00000000-0000-0000-0000-000000000000"
"""What FinerWorks' non-nullable GUID fields hold when there is nothing to point at."""
THIRD_PARTY = {
    **{
        name: Whole()
        for name in (
            "etsy_product_id",
            "shopify_product_id",
            "shopify_variant_id",
            "bigcommerce_id",
            "bigcommerce_variant_id",
            "woocommerce_product_id",
            "woocommerce_variant_id",
        )
    },
    **{
        name: Text()
        for name in (
            "shopify_graphql_product_id",
            "shopify_graphql_variant_id",
            "squarespace_product_id",
            "squarespace_variant_id",
            "square_product_id",
            "square_variant_id",
            "wix_inventory_id",
            "wix_product_id",
            "wix_variant_id",
        )
    },
}
PRODUCT_UPDATE = {
    "sku": Text(required=True),
    "asking_price": Money(),
    "name": Text(255),
    "description": Text(),
    "quantity_in_stock": Whole(0),
    "track_inventory": Flag(),
    "third_party_integrations": Obj(THIRD_PARTY),
}


def get_product_details(store: Store, call: Call) -> dict[str, Any]:
    product_list: list[Record] = []
    products: list[Record] = []
    for sku, qty in product_items(call.body, DETAILS_MAX):
        is_code = CODE_PATTERN.match(sku.strip().upper()) is not None
        try:
            in_inventory = store.inventory.lookup(call.account.key, sku).in_inventory
        except UnknownProduct:
            (product_list if is_code else products).append(_not_available(sku, qty, is_code))
            continue
        record = store.inventory.details(call.account.key, sku, qty)
        if in_inventory:
            products.append(record)
        else:
            product_list.append({**record, "sku": None, "image_guid": ZERO_GUID})
    return {"product_list": product_list, "products": products}


def _not_available(sku: str, qty: int, is_code: bool) -> Record:
    """What FinerWorks answers for a SKU or code it cannot find: the asked value back, the
    quantity, and no prices."""
    return {
        "id": 0,
        "sku": None if is_code else sku,
        "product_code": sku if is_code else None,
        "product_guid": None,
        "image_guid": ZERO_GUID,
        "name": None,
        "description_short": NOT_AVAILABLE,
        "description_long": None,
        "artist": None,
        "monetary_format": CURRENCY,
        "quantity": qty,
        "quantity_in_stock": 0,
        "track_inventory": False,
        "per_item_price": None,
        "total_price": None,
        "asking_price": None,
        "geo_price": None,
        "third_party_integrations": None,
        "price_details": None,
        "framing_options": None,
        "product_size": None,
        "updated": None,
        "valid": False,
    }


def list_virtual_inventory(store: Store, call: Call) -> dict[str, Any]:
    """A filter list longer than the documented 50 is ignored, not refused (API.md 1.5)."""
    body = call.obj()
    products = store.inventory.listing(call.account.key)
    search = str(body.get("search_filter") or "").lower()
    if search:
        products = [
            p
            for p in products
            if search in f"{p['sku']} {p['name']} {p['description_short']}".lower()
        ]
    for key, field in (
        ("sku_filter", "sku"),
        ("product_code_filter", "product_code"),
        ("guid_filter", "image_guid"),
    ):
        wanted = body.get(key)
        if isinstance(wanted, list) and 0 < len(wanted) <= FILTER_MAX:
            chosen = {str(w).upper() for w in wanted}
            products = [p for p in products if str(p[field]).upper() in chosen]
    products = sorted_by(products, body, {"title": "name"})
    return paged(products, body, "products", LIST_PAGE_MAX)


def update_virtual_inventory(store: Store, call: Call) -> dict[str, Any]:
    """Null or absent fields are left as they are; one unknown SKU refuses the whole call."""
    body = call.obj()
    checker = Checker()
    checker.value(
        body.get("virtual_inventory"),
        Many(Obj(PRODUCT_UPDATE), min_items=1, max_items=UPDATE_MAX, required=True),
        "virtual_inventory",
        "virtual_inventory",
    )
    if not checker.errors:
        for i, item in enumerate(body["virtual_inventory"]):
            if not store.inventory.owns(call.account.key, item["sku"]):
                checker.add(
                    f"virtual_inventory[{i}].sku",
                    f"No virtual-inventory item has the sku '{item['sku']}'.",
                )
    if checker.errors:
        raise Invalid(checker.errors)
    when = stamp(store.book.now())
    updated = [
        store.inventory.update(call.account.key, item["sku"], item, when)
        for item in body["virtual_inventory"]
    ]
    return {
        "skus_updated": updated,
        "products": [store.inventory.details(call.account.key, sku, 1) for sku in updated],
    }


def delete_virtual_inventory(store: Store, call: Call) -> dict[str, Any]:
    """SKUs the account does not have are ignored."""
    skus = call.obj().get("skus")
    if not isinstance(skus, list) or not all(isinstance(s, str) for s in skus) or not skus:
        raise Invalid({"skus": ["The skus field is required."]})
    store.inventory.delete(call.account.key, skus)
    return {}


def disconnect_virtual_inventory(store: Store, call: Call) -> dict[str, Any]:
    platform = call.obj().get("platform")
    if not isinstance(platform, str) or platform.strip().lower() not in PLATFORMS:
        raise Invalid({"platform": [f"platform must be one of {', '.join(PLATFORMS)}."]})
    store.inventory.disconnect(call.account.key, platform.strip().lower(), stamp(store.book.now()))
    return {}
