import json
import re
import uuid
from decimal import Decimal
from importlib import resources

import pytest

from fwdesk.sandbox.catalog import Catalog, UnknownProduct

CODE = re.compile(r"^\d+M\d+M\d+S\d+(\.\d+)?X\d+(\.\d+)?$")
SKU = re.compile(r"^AP\d+P\d+$")
PRICE_FIELDS = {
    "product_qty",
    "product_sku",
    "product_code",
    "product_price",
    "add_frame_price",
    "add_mat_1_price",
    "add_mat_2_price",
    "add_glazing_price",
    "add_color_correct_price",
    "total_price",
    "geo_price",
    "info",
}
INVENTORY_FIELDS = {
    "id",
    "sku",
    "product_code",
    "product_guid",
    "image_guid",
    "name",
    "description_short",
    "description_long",
    "artist",
    "monetary_format",
    "quantity",
    "quantity_in_stock",
    "track_inventory",
    "per_item_price",
    "total_price",
    "asking_price",
    "geo_price",
    "third_party_integrations",
    "price_details",
    "framing_options",
    "product_size",
    "updated",
    "valid",
}
FRAMING_FIELDS = {
    "collection_ids",
    "allow_frames",
    "allow_matting",
    "allow_glazing",
    "frame_required",
    "allow_float_matting",
    "require_float_matting",
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


@pytest.fixture(scope="module")
def codes(catalog) -> list[str]:
    return list(catalog.iter_product_codes())


def cents(value: float) -> Decimal:
    """The exact decimal a JSON number was written as."""
    return Decimal(str(value))


def parse(code: str) -> tuple[int, int, int, Decimal, Decimal]:
    type_id, media_id, rest = code.split("M", 2)
    style_id, size = rest.split("S")
    width, height = size.split("X")
    return int(type_id), int(media_id), int(style_id), Decimal(width), Decimal(height)


def fresh_catalog() -> Catalog:
    """Built from the file again, bypassing the shared instance."""
    text = resources.files("fwdesk.sandbox").joinpath("data/catalog.json").read_text("utf-8")
    return Catalog(json.loads(text))


# -- size and shape of the catalogue ------------------------------------------------------


def test_catalogue_is_large_enough(catalog, codes):
    assert len(catalog.product_types) >= 8
    assert len(catalog.media_types) >= 25
    assert len(codes) >= 2000
    assert len(catalog.virtual_inventory()) >= 40
    assert len(catalog.images) >= 20
    assert len(catalog.collections) >= 4
    assert sum(len(c["frames"]) for c in catalog.collections) >= 15
    assert len(catalog.mats) >= 6
    assert len(catalog.glazing) >= 3


def test_records_have_their_api_fields_and_nothing_simulator_only(catalog):
    expected = {
        "product_types": {
            "id",
            "name",
            "description",
            "media_ids",
            "printable_ids",
            "icon_url",
            "color_code",
        },
        "media_types": {"id", "product_type_id", "name", "description", "style_ids", "icon_url"},
        "style_types": {
            "id",
            "name",
            "description",
            "can_frame",
            "can_mat",
            "can_glaze",
            "frame_class_ids",
            "custom_sizing",
            "allow_decimal",
            "allow_rotate",
            "min",
            "max",
            "available_sizes",
            "border_size",
            "bleed_amt",
            "corner_radius",
            "depth",
            "icon_url",
            "mounting_add_ons",
        },
        "mats": {
            "id",
            "name",
            "color",
            "core_color",
            "thickness",
            "min_width",
            "min_height",
            "max_width",
            "max_height",
            "composite",
            "starting_price",
        },
        "glazing": {"id", "name", "description", "composite", "image_1", "starting_price"},
    }
    for attribute, fields in expected.items():
        for record in getattr(catalog, attribute):
            assert set(record) == fields, (attribute, record["id"])


def test_frames_and_collections_have_their_api_fields(catalog):
    collection_fields = {
        "id",
        "name",
        "description",
        "alias",
        "icon_url_1",
        "icon_url_2",
        "icon_url_3",
        "starting_price",
        "frames",
    }
    frame_fields = {
        "id",
        "name",
        "thickness",
        "depth",
        "float_offset",
        "rabbet",
        "lip",
        "profile_svg_url",
        "sample_image_url_1",
        "sample_image_url_2",
        "sample_image_url_3",
        "min_width",
        "min_height",
        "max_width",
        "max_height",
        "price_level",
        "allow_glazing",
        "allow_matting",
        "color",
        "composite",
        "segment_url",
        "sample_length",
        "class_alias",
        "starting_price",
        "type",
        "type_description",
    }
    for collection in catalog.collections:
        assert set(collection) == collection_fields
        cheapest = min(frame["starting_price"] for frame in collection["frames"])
        assert collection["starting_price"] == cheapest
        for frame in collection["frames"]:
            assert set(frame) == frame_fields


def test_ids_are_unique(catalog):
    for records in (
        catalog.product_types,
        catalog.media_types,
        catalog.style_types,
        catalog.collections,
        catalog.mats,
        catalog.glazing,
        catalog.images,
    ):
        ids = [r["id"] for r in records]
        assert len(ids) == len(set(ids))
    frame_ids = [f["id"] for c in catalog.collections for f in c["frames"]]
    assert len(frame_ids) == len(set(frame_ids))


def test_references_between_records_resolve(catalog):
    types = {t["id"]: t for t in catalog.product_types}
    styles = {s["id"] for s in catalog.style_types}
    frame_types = {f["type"] for c in catalog.collections for f in c["frames"]}
    for media in catalog.media_types:
        assert media["product_type_id"] in types
        assert media["id"] in types[media["product_type_id"]]["media_ids"]
        assert media["style_ids"] and set(media["style_ids"]) <= styles
    for kind in catalog.product_types:
        owners = {m["product_type_id"] for m in catalog.media_types if m["id"] in kind["media_ids"]}
        assert owners == {kind["id"]}
    for style in catalog.style_types:
        assert set(style["frame_class_ids"]) <= frame_types
        assert style["can_frame"] == bool(style["frame_class_ids"])


def test_styles_offer_sizes_within_their_own_bounds(catalog):
    for style in catalog.style_types:
        assert style["available_sizes"], style["id"]
        low, high = style["min"], style["max"]
        for size in style["available_sizes"]:
            w, h = size["width"], size["height"]
            fits = low["width"] <= w <= high["width"] and low["height"] <= h <= high["height"]
            assert fits, (style["id"], size)
            if not style["allow_decimal"]:
                assert float(w).is_integer() and float(h).is_integer()


def test_the_catalogue_mixes_fixed_and_custom_sizing(catalog):
    custom = [s for s in catalog.style_types if s["custom_sizing"]]
    assert custom and len(custom) < len(catalog.style_types)
    assert any(s["allow_decimal"] for s in custom)
    assert any(not s["allow_rotate"] for s in catalog.style_types)


# -- the enumerable catalogue -------------------------------------------------------------


def test_every_enumerated_code_follows_the_rules(catalog, codes):
    assert len(codes) == len(set(codes))
    media = {m["id"]: m for m in catalog.media_types}
    styles = {s["id"]: s for s in catalog.style_types}
    for code in codes:
        assert CODE.match(code), code
        type_id, media_id, style_id, width, height = parse(code)
        assert media[media_id]["product_type_id"] == type_id
        assert style_id in media[media_id]["style_ids"]
        style = styles[style_id]
        if style["custom_sizing"]:
            low, high = style["min"], style["max"]
            assert cents(low["width"]) <= width <= cents(high["width"])
            assert cents(low["height"]) <= height <= cents(high["height"])
        else:
            listed = {
                (Decimal(str(s["width"])), Decimal(str(s["height"])))
                for s in style["available_sizes"]
            }
            assert (width, height) in listed


def test_every_enumerated_code_is_sold_at_a_positive_price(catalog, codes):
    for code in codes:
        product = catalog.lookup(code)
        assert product.product_code == code
        assert product.unit_price > 0
        assert product.unit_price == product.unit_price.quantize(Decimal("0.01"))
        assert not product.in_inventory and product.image_guid is None


def test_every_product_type_and_media_appears_in_the_enumeration(catalog, codes):
    seen = {parse(code)[:2] for code in codes}
    assert {m["id"] for m in catalog.media_types} == {media for _, media in seen}
    assert {t["id"] for t in catalog.product_types} == {kind for kind, _ in seen}


# -- looking products up ------------------------------------------------------------------


def test_lookup_describes_the_product(catalog):
    product = catalog.lookup("1M11M102S16X20")
    assert product.sku == "1M11M102S16X20"
    assert product.product_code == "1M11M102S16X20"
    assert (product.width, product.height) == (Decimal(16), Decimal(20))
    assert "Giclée" in product.name and "Photo Rag" in product.name
    assert '1" white border' in product.name and "16 x 20 in" in product.name


def test_lookup_ignores_letter_case_and_echoes_the_request(catalog):
    product = catalog.lookup("1m11m102s16x20")
    assert product.sku == "1m11m102s16x20"
    assert product.product_code == "1M11M102S16X20"
    sku = catalog.virtual_inventory()[0]["sku"]
    assert catalog.lookup(sku.lower()).product_code == catalog.lookup(sku).product_code


def test_lookup_canonicalises_redundant_zeros(catalog):
    assert catalog.lookup("1M11M104S13.50X18.0").product_code == "1M11M104S13.5X18"


@pytest.mark.parametrize(
    ("sku", "why"),
    [
        ("not-a-code", "expected a product code"),
        ("1M11M101S8", "expected a product code"),
        ("99M11M101S8X10", "no product type 99"),
        ("1M21M101S8X10", "media 21 is not offered for product type 1"),
        ("1M999M101S8X10", "media 999 is not offered"),
        ("1M11M201S8X10", "style 201 is not offered on media 11"),
        ("1M17M105S8X10", "style 105 is not offered on media 17"),
        ("1M11M101S9X11", "not made at 9 x 11 in"),
        ("1M11M104S50X100", "outside the 4 x 4 to 44 x 96 in range"),
        ("1M11M104S3X10", "outside"),
        ("2M21M205S20.5X30", "whole inches only"),
        ("1M11M101S8.5X10", "whole inches only"),
        ("8M81M801S7X5", "not made at 7 x 5 in"),
        ("AP1P1", "no virtual-inventory item"),
        ("APPLE", "AP<image id>P<product id>"),
    ],
)
def test_unsellable_skus_are_refused_with_the_reason(catalog, sku, why):
    with pytest.raises(UnknownProduct) as refused:
        catalog.lookup(sku)
    assert why in str(refused.value)
    assert repr(sku) in str(refused.value)
    with pytest.raises(UnknownProduct):
        catalog.price(sku, 1)
    with pytest.raises(UnknownProduct):
        catalog.product_details(sku, 1)


def test_unknown_product_is_a_lookup_error():
    assert issubclass(UnknownProduct, LookupError)


def test_rotation_needs_allow_rotate(catalog):
    # 801 folds on the left edge, so it is portrait only; 802 is the same card flat.
    assert catalog.lookup("8M81M802S7X5").width == Decimal(7)
    with pytest.raises(UnknownProduct):
        catalog.lookup("8M81M801S7X5")
    for turned, upright in (
        ("1M11M101S20X16", "1M11M101S16X20"),
        ("1M11M104S96X44", "1M11M104S44X96"),
    ):
        assert catalog.lookup(turned).unit_price == catalog.lookup(upright).unit_price


def test_custom_sizes_off_the_list_are_sold(catalog, codes):
    assert "1M11M104S13.25X19.5" not in codes
    assert "2M21M205S23X31" not in codes
    assert catalog.lookup("1M11M104S13.25X19.5").unit_price > 0
    assert catalog.lookup("2M21M205S23X31").unit_price > 0


def test_decimal_sizes_on_a_fixed_list_need_allow_decimal(catalog):
    assert catalog.lookup("8M81M801S4.25X5.5").product_code == "8M81M801S4.25X5.5"


# -- prices -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "low", "high"),
    [
        ("1M11M101S8X10", "14", "20"),
        ("1M11M102S8X10", "14", "20"),
        ("2M21M203S16X20", "60", "90"),
        ("2M22M204S16X20", "60", "90"),
        ("3M31M301S24X36", "200", "300"),
        ("4M41M401S16X20", "90", "160"),
        ("6M61M101S8X10", "3", "10"),
        ("7M71M701S24X36", "15", "40"),
        ("8M81M801S5X7", "2", "6"),
        ("1M11M101S36X48", "150", "260"),
    ],
)
def test_prices_are_in_plausible_bands(catalog, code, low, high):
    assert Decimal(low) <= catalog.lookup(code).unit_price <= Decimal(high)


def test_prices_grow_with_size(catalog):
    sizes = ["8X10", "11X14", "16X20", "24X30", "30X40"]
    prices = [catalog.lookup(f"2M21M203S{size}").unit_price for size in sizes]
    assert prices == sorted(prices) and len(set(prices)) == len(prices)


def test_small_prints_cost_at_least_the_minimum(catalog):
    assert catalog.lookup("1M20M104S4X4").unit_price == catalog.lookup("1M20M104S4X5").unit_price


@pytest.mark.parametrize("qty", [1, 2, 3, 7, 10, 25, 999])
def test_price_record_totals_unit_times_quantity(catalog, qty):
    for sku in ("1M11M102S16X20", "8M82M801S4.25X5.5", catalog.virtual_inventory()[5]["sku"]):
        record = catalog.price(sku, qty)
        assert set(record) == PRICE_FIELDS
        unit = catalog.lookup(sku).unit_price
        assert cents(record["product_price"]) == unit
        assert cents(record["total_price"]) == unit * qty
        assert record["geo_price"] == record["total_price"]
        assert record["product_qty"] == qty and record["product_sku"] == sku
        assert record["info"] == ""
        assert all(record[key] == 0 for key in PRICE_FIELDS if key.startswith("add_"))


def test_money_is_emitted_as_json_numbers(catalog):
    record = catalog.product_details("AP2210P48817", 3)
    for key in ("per_item_price", "total_price", "asking_price", "geo_price"):
        assert isinstance(record[key], float)
        assert cents(record[key]) == cents(record[key]).quantize(Decimal("0.01"))
    json.dumps(record)


def test_loading_twice_gives_identical_prices_and_records(catalog, codes):
    again = fresh_catalog()
    assert again is not catalog
    prices = [catalog.lookup(code).unit_price for code in codes]
    assert [again.lookup(code).unit_price for code in codes] == prices
    assert again.virtual_inventory() == catalog.virtual_inventory()
    assert again.images == catalog.images


def test_load_shares_one_instance():
    assert Catalog.load() is Catalog.load()


# -- virtual inventory and images -------------------------------------------------------------


def test_inventory_items_are_well_formed(catalog):
    items = catalog.virtual_inventory()
    images = {image["guid"]: image for image in catalog.images}
    skus = [item["sku"] for item in items]
    assert len(skus) == len(set(skus))
    for item in items:
        assert set(item) == INVENTORY_FIELDS
        assert SKU.match(item["sku"]), item["sku"]
        image_id, product_id = (int(n) for n in item["sku"][2:].split("P"))
        assert images[item["image_guid"]]["id"] == image_id
        assert item["id"] == product_id
        assert CODE.match(item["product_code"])
        assert item["monetary_format"] == "USD" and item["valid"] is True
        assert item["quantity"] == 1
        assert item["price_details"]["product_code"] == item["product_code"]
        assert item["asking_price"] > item["per_item_price"]
        assert uuid.UUID(item["product_guid"])


def test_inventory_prices_are_their_product_codes_prices(catalog):
    for item in catalog.virtual_inventory():
        code = catalog.price(item["product_code"], 4)
        by_sku = catalog.price(item["sku"], 4)
        assert by_sku["total_price"] == code["total_price"]
        assert by_sku["product_price"] == code["product_price"] == item["per_item_price"]
        product = catalog.lookup(item["sku"])
        assert product.in_inventory and product.image_guid == item["image_guid"]


def test_the_documented_example_sku_exists(catalog):
    assert catalog.lookup("AP2210P48817").in_inventory


def test_images_are_well_formed(catalog):
    guids = [image["guid"] for image in catalog.images]
    assert len(set(guids)) == len(guids)
    for image in catalog.images:
        assert uuid.UUID(image["guid"]).version == 5
        assert image["public_thumbnail_uri"] == f"/v3/_sandbox/images/{image['guid']}/thumb.png"
        assert image["pix_w"] > 0 and image["pix_h"] > 0 and image["file_size"] > 0
        assert image["active"] is True and image["products"] == []
        assert image["title"] and image["date_added"]


def test_every_image_is_on_sale(catalog):
    on_sale = {item["image_guid"] for item in catalog.virtual_inventory()}
    assert on_sale == {image["guid"] for image in catalog.images}


def test_some_inventory_tracks_stock(catalog):
    tracked = [i for i in catalog.virtual_inventory() if i["track_inventory"]]
    assert tracked and all(i["quantity_in_stock"] > 0 for i in tracked)


def test_returned_records_are_copies(catalog):
    catalog.virtual_inventory()[0]["name"] = "changed"
    assert catalog.virtual_inventory()[0]["name"] != "changed"
    catalog.frame(1101)["name"] = "changed"
    assert catalog.frame(1101)["name"] != "changed"


# -- product details and framing ----------------------------------------------------------


def test_product_details_of_a_bare_code(catalog):
    details = catalog.product_details("1m16m105s8x10", 3)
    assert set(details) == INVENTORY_FIELDS
    assert details["id"] == 0 and details["sku"] == "1m16m105s8x10"
    assert details["product_code"] == "1M16M105S8X10"
    assert details["image_guid"] is None and details["product_guid"] is None
    assert details["quantity"] == 3
    assert cents(details["total_price"]) == cents(details["per_item_price"]) * 3
    assert details["price_details"] == catalog.price("1m16m105s8x10", 3)
    assert details["product_size"] == {"width": 8, "height": 10}


def test_product_details_of_an_inventory_sku(catalog):
    details = catalog.product_details("AP2210P48817", 2)
    assert details["id"] == 48817 and details["image_guid"]
    assert details["quantity"] == 2
    assert cents(details["total_price"]) == cents(details["per_item_price"]) * 2


def test_framing_options_follow_the_style(catalog):
    deckled = catalog.product_details("1M16M105S8X10", 1)["framing_options"]
    assert set(deckled) == FRAMING_FIELDS
    assert deckled["allow_frames"] and deckled["require_float_matting"]
    assert deckled["collection_ids"]
    bordered = catalog.product_details("1M11M102S16X20", 1)["framing_options"]
    assert bordered["allow_frames"] and bordered["allow_glazing"]
    assert not bordered["require_float_matting"]
    metal = catalog.product_details("3M31M301S24X36", 1)["framing_options"]
    assert not metal["allow_frames"] and metal["collection_ids"] == []


def test_only_fitting_frame_collections_are_offered(catalog):
    canvas = catalog.product_details("2M21M203S16X20", 1)["framing_options"]
    floaters = [c["id"] for c in catalog.collections if c["alias"] == "floaters"]
    assert canvas["collection_ids"] == floaters and not canvas["allow_matting"]
    too_big = catalog.product_details("1M11M104S44X88", 1)["framing_options"]
    assert not too_big["allow_frames"] and too_big["collection_ids"] == []


def test_frame_lookup(catalog):
    frame = catalog.frame(1401)
    assert frame is not None and frame["class_alias"] == "canvas-floater"
    assert not frame["allow_glazing"]
    assert catalog.frame(424242) is None


def test_a_grown_catalogue_adds_sellable_custom_sizes_and_leaves_the_shared_one(catalog, codes):
    grown = catalog.grown_to(12_000)
    grown_codes = list(grown.iter_product_codes())
    assert 12_000 <= len(grown_codes) < 12_100
    assert len(set(grown_codes)) == len(grown_codes)
    assert set(codes) < set(grown_codes)
    assert list(catalog.iter_product_codes()) == codes
    added = set(grown_codes) - set(codes)
    for code in sorted(added)[::97]:
        product = grown.lookup(code)
        assert product.unit_price > 0 and product.product_code == code
        assert CODE.match(code)
