"""Products, virtual inventory and image libraries as section 9.5 describes them, including
each account's own edits over the shared catalogue."""

from __future__ import annotations

import pytest
from sandbox_wire import CARD_SKU, METAL_SKU, Wire, order

from fwdesk.sandbox.config import SandboxConfig
from fwdesk.sandbox.core import Sandbox

ZERO_GUID = "00000000-0000-0000-0000-000000000000"
OTHER_KEYS = {"web_api_key": "shop-2", "app_key": "app-2"}
CODE = "1M11M102S16X20"
LIBRARY = {"name": "inventory", "session_id": "session-0001", "account_key": None, "site_id": 2}


@pytest.fixture
def sandbox() -> Sandbox:
    return Sandbox(SandboxConfig(credentials=[("demo", "demo"), ("shop-2", "app-2")]))


@pytest.fixture
def wire(sandbox) -> Wire:
    return Wire(sandbox)


@pytest.fixture
def other(sandbox) -> Wire:
    return Wire(sandbox, OTHER_KEYS)


def details(wire: Wire, *skus: str, qty: int = 2) -> dict:
    products = [{"product_qty": qty, "product_sku": sku, "product_image": None} for sku in skus]
    return wire.ok("get_product_details", {"products": products, "account_key": None})


# -- get_product_details ------------------------------------------------------------------


def test_codes_come_back_under_product_list_and_skus_under_products(wire):
    answer = details(wire, CODE, CARD_SKU)
    [code] = answer["product_list"]
    [sku] = answer["products"]
    assert code["sku"] is None and code["product_code"] == CODE
    assert code["image_guid"] == ZERO_GUID
    assert sku["sku"] == CARD_SKU and sku["product_code"] and sku["product_guid"]
    for entry in (code, sku):
        assert {"name", "quantity", "description_short", "total_price"} <= set(entry)
        assert entry["quantity"] == 2 and entry["total_price"] > 0
        assert entry["price_details"]["product_qty"] == 2


def test_both_keys_are_always_there(wire):
    assert details(wire, CODE)["products"] == []
    assert details(wire, CARD_SKU)["product_list"] == []


def test_the_bare_array_form_still_works(wire):
    answer = wire.ok("get_product_details", [{"product_qty": 1, "product_sku": CARD_SKU}])
    assert [p["sku"] for p in answer["products"]] == [CARD_SKU]


@pytest.mark.parametrize(
    ("sku", "under", "sku_field", "code_field"),
    [
        ("AP9999P9999", "products", "AP9999P9999", None),
        ("not-a-product", "products", "not-a-product", None),
        ("1M99M101S8X10", "product_list", None, "1M99M101S8X10"),
        ("1M11M101S9X11", "product_list", None, "1M11M101S9X11"),
    ],
)
def test_an_unknown_sku_is_an_entry_reading_not_available(wire, sku, under, sku_field, code_field):
    answer = details(wire, CARD_SKU, sku, qty=3)
    entry = answer[under][-1]
    assert entry["description_short"] == "Not Available"
    assert (entry["sku"], entry["product_code"]) == (sku_field, code_field)
    assert entry["quantity"] == 3
    assert entry["total_price"] is None and entry["per_item_price"] is None


@pytest.mark.parametrize(
    "products",
    [
        [{"product_qty": 1}],
        [{"product_sku": CARD_SKU, "product_qty": 0}],
        [{"product_sku": CARD_SKU, "product_qty": 1000}],
        [{"product_sku": CARD_SKU, "product_qty": 1}] * 26,
        [],
    ],
)
def test_only_a_malformed_request_is_a_400(wire, products):
    assert wire("get_product_details", {"products": products})[0] == 400


def test_get_prices_still_refuses_an_unknown_sku(wire):
    answer = wire.refused("get_prices", {"products": [{"product_sku": "AP1P1", "product_qty": 1}]})
    assert "AP1P1" in answer["status"]["message"]


# -- list_virtual_inventory ---------------------------------------------------------------


def test_inventory_items_carry_the_section_9_fields(wire):
    products = wire.ok("list_virtual_inventory", {"per_page": 50})["products"]
    for item in products:
        assert {
            "sku",
            "product_code",
            "name",
            "quantity",
            "image_guid",
            "product_guid",
            "image_url_1",
            "asking_price",
            "quantity_in_stock",
            "track_inventory",
            "third_party_integrations",
            "created_at",
            "updated",
        } <= set(item)
        assert item["image_url_1"].endswith("/preview.png")
        assert item["image_guid"] != ZERO_GUID


@pytest.mark.parametrize("field", ["id", "name", "created_at", "updated"])
@pytest.mark.parametrize("direction", ["ASC", "DESC"])
def test_inventory_sorts_by_each_documented_field(wire, field, direction):
    body = {"sort_field": field, "sort_direction": direction, "per_page": 50}
    values = [p[field] for p in wire.ok("list_virtual_inventory", body)["products"]]
    assert values == sorted(values, reverse=direction == "DESC")
    assert len(set(values)) > 1


def test_inventory_filters_by_sku_and_by_product_code(wire):
    by_sku = wire.ok("list_virtual_inventory", {"sku_filter": [CARD_SKU.lower()]})["products"]
    assert [p["sku"] for p in by_sku] == [CARD_SKU]
    code = by_sku[0]["product_code"]
    by_code = wire.ok("list_virtual_inventory", {"product_code_filter": [code]})["products"]
    assert by_code and all(p["product_code"] == code for p in by_code)


# -- writes, per account ------------------------------------------------------------------


def listed(wire: Wire, sku: str) -> dict:
    [item] = wire.ok("list_virtual_inventory", {"sku_filter": [sku]})["products"]
    return item


def test_an_update_changes_only_that_accounts_view(wire, other):
    before = listed(wire, CARD_SKU)
    links = {"shopify_product_id": 111, "shopify_variant_id": 222, "etsy_product_id": 333}
    change = {
        "sku": CARD_SKU.lower(),
        "asking_price": 12.5,
        "name": "Snow Bunting card",
        "description": "<p>Hand-finished</p>",
        "quantity_in_stock": 4,
        "track_inventory": True,
        "third_party_integrations": links,
    }
    answer = wire.ok("update_virtual_inventory", {"virtual_inventory": [change]}, verb="PUT")
    assert answer["skus_updated"] == [CARD_SKU]
    after = listed(wire, CARD_SKU)
    assert (after["asking_price"], after["name"], after["quantity_in_stock"]) == (
        12.5,
        "Snow Bunting card",
        4,
    )
    assert after["description_long"] == "<p>Hand-finished</p>"
    assert after["third_party_integrations"] == links
    assert after["updated"] > before["updated"] and after["created_at"] == before["created_at"]
    assert after["per_item_price"] == before["per_item_price"], "the lab price stays"
    [detail] = details(wire, CARD_SKU)["products"]
    assert detail["name"] == "Snow Bunting card"
    assert listed(other, CARD_SKU) == before


def test_null_fields_are_left_as_they_are(wire):
    wire.ok("update_virtual_inventory", {"virtual_inventory": [{"sku": CARD_SKU, "name": "A"}]})
    wire.ok(
        "update_virtual_inventory",
        {"virtual_inventory": [{"sku": CARD_SKU, "name": None, "asking_price": 3}]},
    )
    item = listed(wire, CARD_SKU)
    assert (item["name"], item["asking_price"]) == ("A", 3)


def test_an_unknown_sku_or_bad_field_refuses_the_whole_update(wire):
    body = {
        "virtual_inventory": [
            {"sku": CARD_SKU, "name": "changed"},
            {"sku": "AP1P1", "name": "x"},
        ]
    }
    errors = wire.model_state("update_virtual_inventory", body, verb="PUT")
    assert list(errors) == ["request.virtual_inventory[1].sku"]
    assert listed(wire, CARD_SKU)["name"] != "changed"
    bad = {"virtual_inventory": [{"sku": CARD_SKU, "asking_price": -1, "track_inventory": "y"}]}
    assert set(wire.model_state("update_virtual_inventory", bad)) == {
        "request.virtual_inventory[0].asking_price",
        "request.virtual_inventory[0].track_inventory",
    }
    too_many = {"virtual_inventory": [{"sku": CARD_SKU}] * 51}
    assert list(wire.model_state("update_virtual_inventory", too_many)) == [
        "request.virtual_inventory"
    ]


def test_a_deleted_item_is_gone_for_that_account_only(wire, other):
    count = wire.ok("list_virtual_inventory", {})["count"]
    wire.ok("delete_virtual_inventory", {"skus": [CARD_SKU, "AP1P1"]}, verb="DELETE")
    assert wire.ok("list_virtual_inventory", {})["count"] == count - 1
    assert wire.ok("list_virtual_inventory", {"sku_filter": [CARD_SKU]})["products"] == []
    [gone] = details(wire, CARD_SKU)["products"]
    assert gone["description_short"] == "Not Available"
    prices = {"products": [{"product_sku": CARD_SKU, "product_qty": 1}]}
    assert CARD_SKU in wire.refused("get_prices", prices)["status"]["message"]
    assert wire.refused("submit_orders_v2", {"orders": [order("DEL-1")], "payment_token": "xxxx"})
    assert other.ok("get_prices", prices)["prices"]
    assert wire.model_state("delete_virtual_inventory", {"skus": []}, verb="DELETE")


def test_disconnect_strips_one_platform_from_every_item(wire):
    links = {
        "shopify_product_id": 1,
        "shopify_graphql_product_id": "gid://1",
        "wix_product_id": "w",
    }
    items = [
        {"sku": CARD_SKU, "third_party_integrations": links},
        {"sku": METAL_SKU, "third_party_integrations": {"shopify_variant_id": 9}},
    ]
    wire.ok("update_virtual_inventory", {"virtual_inventory": items})
    wire.ok("disconnect_virtual_inventory", {"platform": "Shopify"}, verb="PUT")
    assert listed(wire, CARD_SKU)["third_party_integrations"] == {"wix_product_id": "w"}
    assert listed(wire, METAL_SKU)["third_party_integrations"] is None
    assert list(wire.model_state("disconnect_virtual_inventory", {"platform": "myspace"})) == [
        "request.platform"
    ]


# -- images -------------------------------------------------------------------------------


def image(title: str) -> dict:
    return {
        "title": title,
        "description": "Oil study",
        "file_name": f"{title}.jpg",
        "file_size": 8123456,
        "public_thumbnail_uri": f"https://cdn.example/t/{title}.jpg",
        "public_preview_uri": f"https://cdn.example/p/{title}.jpg",
        "private_hires_uri": f"https://cdn.example/h/{title}.jpg",
        "pix_w": 4800,
        "pix_h": 6000,
    }


def test_added_images_appear_in_that_accounts_library(wire, other):
    added = wire.ok("add_images", {"images": [image("heron"), image("wren")], "library": LIBRARY})
    assert [i["title"] for i in added["images"]] == ["heron", "wren"]
    for entry in added["images"]:
        assert entry["guid"] and entry["date_added"]
        assert entry["public_preview_uri"].startswith("https://cdn.example/p/")
    guids = [i["guid"] for i in added["images"]]
    assert len(set(guids)) == 2
    mine = wire.ok("list_images", {"library": LIBRARY, "guid_filter": guids})["images"]
    assert sorted(i["guid"] for i in mine) == sorted(guids)
    theirs = other.ok("list_images", {"library": LIBRARY, "guid_filter": guids})
    assert theirs["images"] == []
    found = wire.ok("list_images", {"search_filter": "heron", "per_page": 50})["images"]
    assert guids[0] in {i["guid"] for i in found}


def test_temporary_images_belong_to_their_session(wire):
    temporary = {**LIBRARY, "name": "temporary"}
    [added] = wire.ok("add_images", {"images": [image("sketch")], "library": temporary})["images"]
    assert added["date_expires"]
    same = wire.ok("list_images", {"library": temporary})["images"]
    assert [i["guid"] for i in same] == [added["guid"]]
    other_session = {**temporary, "session_id": "session-0002"}
    assert wire.ok("list_images", {"library": other_session})["images"] == []
    inventory = wire.ok("list_images", {"library": LIBRARY, "per_page": 50})["images"]
    assert added["guid"] not in {i["guid"] for i in inventory}


def test_add_images_checks_its_limits(wire):
    assert list(wire.model_state("add_images", {"images": [image("x")] * 6, "library": LIBRARY}))
    assert wire.model_state("add_images", {"images": [image("x")]}) == {
        "request.library": ["The library field is required."]
    }
    short_session = {**LIBRARY, "session_id": "short"}
    errors = wire.model_state("add_images", {"images": [image("x")], "library": short_session})
    assert list(errors) == ["request.library.session_id"]


@pytest.mark.parametrize(
    "body", [{"search_filter": ""}, {"search_filter": "", "session_id": "session-0001"}, None]
)
def test_list_images_takes_the_older_form_without_a_library(wire, body):
    answer = wire.ok("list_images", body)
    assert answer["images"] and answer["count"] >= len(answer["images"])
