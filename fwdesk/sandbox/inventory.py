"""Each account's virtual inventory: the shared catalogue's items plus that account's edits.

The catalogue is parsed once per process and shared read-only, so an account's changes (a new
asking price, a storefront id, a deleted item) live in an overlay here and are laid over the
catalogue's records whenever they are read. Prices FinerWorks charges never change: the
asking price is the shop's own retail price.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fwdesk.sandbox.catalog import Catalog, Product, Record, UnknownProduct

PLATFORMS = ("etsy", "shopify", "squarespace", "square", "bigcommerce", "wix", "woocommerce")
"""Storefronts whose ids third_party_integrations holds, each as ``<platform>_...`` keys."""
EDITABLE_FIELDS = {
    "asking_price": "asking_price",
    "name": "name",
    "description": "description_long",
    "quantity_in_stock": "quantity_in_stock",
    "track_inventory": "track_inventory",
    "third_party_integrations": "third_party_integrations",
}
"""update_virtual_inventory's fields and the record field each one changes."""


def canonical(sku: str) -> str:
    return sku.strip().upper()


@dataclass
class _Overlay:
    changed: dict[str, dict[str, Any]] = field(default_factory=dict)
    deleted: set[str] = field(default_factory=set)


class Inventory:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._overlays: dict[str, _Overlay] = {}
        self._images = {image["guid"]: image for image in catalog.images}

    def _overlay(self, account: str) -> _Overlay:
        return self._overlays.setdefault(account, _Overlay())

    # -- reading ----------------------------------------------------------------------------

    def lookup(self, account: str, sku: str) -> Product:
        """The product behind a SKU or code; raises `UnknownProduct` for anything the
        catalogue cannot sell and for inventory the account has deleted."""
        product = self.catalog.lookup(sku)
        if product.in_inventory and canonical(sku) in self._overlay(account).deleted:
            raise UnknownProduct(sku, "no virtual-inventory item has this SKU")
        return product

    def owns(self, account: str, sku: str) -> bool:
        """Whether `sku` is one of the account's (undeleted) inventory items."""
        try:
            return self.lookup(account, sku).in_inventory
        except UnknownProduct:
            return False

    def details(self, account: str, sku: str, qty: int) -> Record:
        self.lookup(account, sku)
        return self._changed(account, self.catalog.product_details(sku, qty))

    def listing(self, account: str) -> list[Record]:
        """list_virtual_inventory's records, with the fields section 9.5 reads besides the
        product_details ones: when the item was created and its picture's URL (every demo
        item is made from a library image)."""
        deleted = self._overlay(account).deleted
        items = []
        for record in self.catalog.virtual_inventory():
            if record["sku"] in deleted:
                continue
            image = self._images[record["image_guid"]]
            items.append(
                {
                    **self._changed(account, record),
                    "created_at": record["updated"],
                    "image_url_1": image["public_preview_uri"],
                }
            )
        return items

    def _changed(self, account: str, record: Record) -> Record:
        changes = self._overlay(account).changed.get(canonical(str(record["sku"])), {})
        return {**record, **changes}

    # -- writing ----------------------------------------------------------------------------

    def update(self, account: str, sku: str, values: dict[str, Any], stamp: str) -> str:
        """Applies the non-null `values` (update_virtual_inventory's field names) and returns
        the item's canonical SKU."""
        key = canonical(sku)
        changes = self._overlay(account).changed.setdefault(key, {})
        for name, value in values.items():
            if value is not None and name in EDITABLE_FIELDS:
                changes[EDITABLE_FIELDS[name]] = value
        changes["updated"] = stamp
        return key

    def delete(self, account: str, skus: list[str]) -> None:
        overlay = self._overlay(account)
        for sku in skus:
            if self.owns(account, sku):
                overlay.deleted.add(canonical(sku))
                overlay.changed.pop(canonical(sku), None)

    def disconnect(self, account: str, platform: str, stamp: str) -> None:
        """Strips one storefront's ids from every item of the account; an item left with no
        ids at all reads as null, as one never connected does."""
        prefix = f"{platform}_"
        for changes in self._overlay(account).changed.values():
            links = changes.get("third_party_integrations")
            if not isinstance(links, dict):
                continue
            kept = {k: v for k, v in links.items() if not k.startswith(prefix)}
            if kept != links:
                changes["third_party_integrations"] = kept or None
                changes["updated"] = stamp

    # -- persistence ------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            account: {"changed": overlay.changed, "deleted": sorted(overlay.deleted)}
            for account, overlay in self._overlays.items()
        }

    def restore(self, data: dict[str, Any]) -> None:
        self._overlays = {
            account: _Overlay(
                changed=dict(saved.get("changed") or {}), deleted=set(saved.get("deleted") or [])
            )
            for account, saved in data.items()
            if isinstance(saved, dict)
        }
