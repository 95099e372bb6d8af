"""Links from a shop's items to FinerWorks products, and its saved column mappings, on a
real SQLite file: found again by the next import, per account (per database)."""

from __future__ import annotations

from fwdesk.core.imports.product_links import ANY_SOURCE, ProductLink, ProductLinks, link_key
from fwdesk.core.imports.saved_mappings import SavedMappings
from fwdesk.core.store import Store


def test_a_shop_sku_links_across_sources_and_a_listing_per_source():
    assert link_key("etsy", " HERON-16x20 ", "111", "") == (ANY_SOURCE, "sku:heron-16x20")
    assert link_key("shopify", "heron-16X20", "", "") == (ANY_SOURCE, "sku:heron-16x20")
    etsy = link_key("etsy", "", "1234567", "Size: 16x20")
    assert etsy == ("etsy", "listing:1234567|size: 16x20")
    assert link_key("etsy", "", "1234567", "Size: 8x10") != etsy


def test_links_are_kept_replaced_and_listed(tmp_path):
    path = tmp_path / "shop.sqlite"
    links = ProductLinks(Store(path))
    source, key = link_key("etsy", "HERON-16x20", "", "")
    links.save([ProductLink(source, key, " AP2210P48817 ", "https://x/heron.jpg", 4800, 6000)])
    reopened = ProductLinks(Store(path))
    link = reopened.get(source, key)
    assert (link.product_sku, link.pixel_width, link.image_url) == (
        "AP2210P48817",
        4800,
        "https://x/heron.jpg",
    )
    reopened.save([ProductLink(source, key, "AP2201P48798", label="Heron, 16x20")])
    [only] = reopened.all()
    assert (only.product_sku, only.image_url, only.label) == ("AP2201P48798", None, "Heron, 16x20")
    assert ProductLinks(Store(tmp_path / "other-account.sqlite")).all() == []


def test_a_mapping_is_found_by_its_signature_and_a_damaged_one_is_none(tmp_path):
    store = Store(tmp_path / "shop.sqlite")
    mappings = SavedMappings(store)
    assert mappings.get("abc") is None
    mappings.save("abc", {"columns": {"reference": "Order #"}})
    assert SavedMappings(store).get("abc") == {"columns": {"reference": "Order #"}}
    store.connection().execute("UPDATE import_mappings SET mapping = '{oops'")
    assert mappings.get("abc") is None
