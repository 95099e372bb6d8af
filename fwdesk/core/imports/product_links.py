"""Which FinerWorks product a marketplace item is, remembered per account.

An Etsy or Shopify SKU is the shop's own name for what it sells, not a FinerWorks product
code, so the first import of an item asks the shop to link it (a product code or inventory
SKU, and the print file), and every later import uses that link. An item without a link is
listed as such: guessing would print the wrong thing.

A link is keyed by the shop's SKU where the item has one (the same SKU on Etsy and Shopify is
the same product), and otherwise by the source and its listing plus variation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from fwdesk.core.store import Store

ANY_SOURCE = ""
"""The source of links keyed by the shop's own SKU, which every source shares."""


@dataclass(frozen=True)
class ProductLink:
    source: str
    item_key: str
    product_sku: str
    image_url: str | None = None
    pixel_width: int | None = None
    pixel_height: int | None = None
    label: str = ""
    """What the shop saw when it made the link (title and variation), to list links by."""


def link_key(source: str, shop_sku: str, listing: str, variation: str) -> tuple[str, str]:
    """(source, item key) of an item: its SKU when it has one, else listing and variation."""
    if shop_sku.strip():
        return ANY_SOURCE, f"sku:{shop_sku.strip().casefold()}"
    return source, f"listing:{listing.strip().casefold()}|{variation.strip().casefold()}"


class ProductLinks:
    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, source: str, item_key: str) -> ProductLink | None:
        row = (
            self.store.connection()
            .execute(
                "SELECT source, item_key, product_sku, image_url, pixel_width, pixel_height, "
                "label FROM product_links WHERE source = ? AND item_key = ?",
                (source, item_key),
            )
            .fetchone()
        )
        return None if row is None else ProductLink(*row)

    def all(self) -> list[ProductLink]:
        rows = self.store.connection().execute(
            "SELECT source, item_key, product_sku, image_url, pixel_width, pixel_height, label "
            "FROM product_links ORDER BY label, item_key"
        )
        return [ProductLink(*row) for row in rows]

    def save(self, links: list[ProductLink]) -> None:
        """All or none, replacing earlier links of the same items."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.store.transaction() as tx:
            tx.executemany(
                "INSERT INTO product_links (source, item_key, product_sku, image_url, "
                "pixel_width, pixel_height, label, updated_at) VALUES (?,?,?,?,?,?,?,?) "
                "ON CONFLICT (source, item_key) DO UPDATE SET product_sku = excluded.product_sku, "
                "image_url = excluded.image_url, pixel_width = excluded.pixel_width, "
                "pixel_height = excluded.pixel_height, label = excluded.label, "
                "updated_at = excluded.updated_at",
                [
                    (
                        link.source,
                        link.item_key,
                        link.product_sku.strip(),
                        link.image_url,
                        link.pixel_width,
                        link.pixel_height,
                        link.label,
                        now,
                    )
                    for link in links
                ],
            )


def catalogue_choices(store: Store) -> list[tuple[str, str]]:
    """(SKU, name) of every product in the cached catalogue, for picking a link by typing
    part of either; empty until the catalogue has been downloaded once."""
    rows = store.connection().execute("SELECT sku, name FROM catalog_products ORDER BY name")
    return [(sku, name) for sku, name in rows]
