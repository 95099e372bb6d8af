"""The simulator's demo catalogue: product types, media, styles, framing, images, virtual
inventory, and the rules that turn a product code into a priced product.

``data/catalog.json`` holds only hand-chosen facts. Anything that follows from them by rule
(icon and sample URLs, GUIDs, each type's ``media_ids``, each style's ``available_sizes``, the
inventory records) is derived here, so the file stays small and cannot contradict itself.
The catalogue never changes while the process runs, so one parsed instance is shared; callers
must treat the lists it exposes as read-only and copy before changing anything.

It is one module of about 550 lines because the derivations and the product-code rules read
the same records and must agree; split, each half would need the other's internals.
"""

from __future__ import annotations

import copy
import functools
import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from importlib import resources
from typing import Any

CENT = Decimal("0.01")
ASSETS = "/v3/_sandbox"
CURRENCY = "USD"
CODE_PATTERN = re.compile(r"^(\d+)M(\d+)M(\d+)S(\d+(?:\.\d+)?)X(\d+(?:\.\d+)?)$")
SKU_PATTERN = re.compile(r"^AP(\d+)P(\d+)$")
RETAIL_MARKUP = Decimal("2.5")
"""Suggested retail over cost: print resellers commonly ask two to three times the lab price."""
_GUID_NAMESPACE = uuid.UUID("3b0f6d1e-5c52-4d7e-a1f4-9e2c7b8a6d40")

Record = dict[str, Any]


def to_cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def json_money(value: Decimal) -> float:
    """Money for an API body: the wire format is a JSON number, never a string."""
    return float(to_cents(value))


def json_number(value: Decimal) -> int | float:
    """Inches for an API body, written as 16 rather than 16.0 when whole."""
    return int(value) if value == value.to_integral_value() else float(value)


def stamp(epoch: float) -> str:
    """A date in the catalogue's own UTC spelling, so that what accounts add or change sorts
    among the packaged records by date."""
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _dec(value: float | int | str) -> Decimal:
    """Via ``str`` so that 0.11 from JSON becomes exactly 0.11, not its binary neighbour."""
    return Decimal(str(value))


def _text(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _guid(kind: str, name: str) -> str:
    return str(uuid.uuid5(_GUID_NAMESPACE, f"{kind}:{name}"))


def _icon(kind: str, record_id: int) -> str:
    return f"{ASSETS}/icons/{kind}/{record_id}.png"


class UnknownProduct(LookupError):
    """A SKU or product code the catalogue cannot sell; the message names it and says why."""

    def __init__(self, sku: str, reason: str) -> None:
        super().__init__(f"Unknown product {sku!r}: {reason}")
        self.sku = sku
        self.reason = reason


@dataclass(frozen=True)
class Product:
    sku: str
    """Exactly what the caller asked for, so responses can be matched back to requests."""
    product_code: str
    """Canonical code: upper case, numbers without redundant zeros."""
    name: str
    width: Decimal
    height: Decimal
    unit_price: Decimal
    in_inventory: bool
    image_guid: str | None


@dataclass(frozen=True)
class _Spec:
    """A parsed, validated product code."""

    kind: Record
    media: Record
    style: Record
    width: Decimal
    height: Decimal

    @property
    def code(self) -> str:
        ids = f"{self.kind['id']}M{self.media['id']}M{self.style['id']}"
        return f"{ids}S{_text(self.width)}X{_text(self.height)}"


def _split(record: Record) -> tuple[Record, Record]:
    """An API record and its simulator-only ``sim`` block, apart."""
    api = {key: value for key, value in record.items() if key != "sim"}
    return api, record.get("sim", {})


def _size_problem(style: Record, width: Decimal, height: Decimal) -> str | None:
    """Why a style cannot be made at this size, or None when it can (API.md section 6)."""
    whole = width == width.to_integral_value() and height == height.to_integral_value()
    if not whole and not style["allow_decimal"]:
        return f"style {style['id']} ({style['name']}) is offered in whole inches only"
    orientations = [(width, height)]
    if style["allow_rotate"]:
        orientations.append((height, width))
    fits = _within_range if style["custom_sizing"] else _listed
    if any(fits(style, w, h) for w, h in orientations):
        return None
    size = f"{_text(width)} x {_text(height)} in"
    if style["custom_sizing"]:
        low, high = style["min"], style["max"]
        return (
            f"{size} is outside the {low['width']} x {low['height']} to {high['width']} x "
            f"{high['height']} in range of style {style['id']} ({style['name']})"
        )
    return f"style {style['id']} ({style['name']}) is not made at {size}"


def _within_range(style: Record, width: Decimal, height: Decimal) -> bool:
    low, high = style["min"], style["max"]
    return _dec(low["width"]) <= width <= _dec(high["width"]) and (
        _dec(low["height"]) <= height <= _dec(high["height"])
    )


def _listed(style: Record, width: Decimal, height: Decimal) -> bool:
    return any(
        _dec(size["width"]) == width and _dec(size["height"]) == height
        for size in style["available_sizes"]
    )


class Catalog:
    def __init__(self, raw: Record) -> None:
        self.revised: str = raw["revised"]
        self._sim: dict[tuple[str, int], Record] = {}
        self.media_types = [self._media(record) for record in raw["media_types"]]
        self.product_types = [self._product_type(record) for record in raw["product_types"]]
        sets = raw["size_sets"]
        self.style_types = [self._style(record, sets) for record in raw["style_types"]]
        frame_types = {int(key): value for key, value in raw["frame_types"].items()}
        self.collections = [self._collection(c, frame_types) for c in raw["collections"]]
        self.mats = [self._mat(record) for record in raw["mats"]]
        self.glazing = [self._glazing(record) for record in raw["glazing"]]
        self.images = [self._image(record) for record in raw["images"]]
        self._types = {t["id"]: t for t in self.product_types}
        self._media_by_id = {m["id"]: m for m in self.media_types}
        self._styles = {s["id"]: s for s in self.style_types}
        self._frames = {f["id"]: f for c in self.collections for f in c["frames"]}
        self._listings = self._inventory_listings(raw["images"], raw["first_product_id"])

    @classmethod
    def load(cls) -> Catalog:
        """The packaged catalogue, parsed once per process since nothing in it ever changes."""
        return _shared_catalog()

    def grown_to(self, products: int) -> Catalog:
        """A copy whose custom-sizing styles list more whole-inch sizes from their range,
        smallest first, until the enumerable catalogue holds at least `products` codes.

        FinerWorks' real catalogue is far larger than the demo one; benchmarks need one of
        that size, and every added size is one the style accepts anyway.
        """
        grown = copy.copy(self)
        grown.style_types = copy.deepcopy(self.style_types)
        grown._styles = {s["id"]: s for s in grown.style_types}
        uses: dict[int, int] = {}
        for kind in self.product_types:
            for media_id in kind["media_ids"]:
                for style_id in self._media_by_id[media_id]["style_ids"]:
                    uses[style_id] = uses.get(style_id, 0) + 1
        count = sum(1 for _ in self.iter_product_codes())
        candidates = [
            (style, _whole_sizes(style)) for style in grown.style_types if style["custom_sizing"]
        ]
        while count < products and candidates:
            for style, sizes in list(candidates):
                size = next(sizes, None)
                if size is None:
                    candidates.remove((style, sizes))
                elif size not in style["available_sizes"]:
                    style["available_sizes"].append(size)
                    count += uses.get(style["id"], 0)
        return grown

    # -- building the API records ---------------------------------------------------------

    def _media(self, record: Record) -> Record:
        api, sim = _split(record)
        self._sim["media", api["id"]] = sim
        return {**api, "icon_url": _icon("media_types", api["id"])}

    def _product_type(self, record: Record) -> Record:
        api, sim = _split(record)
        self._sim["type", api["id"]] = sim
        media_ids = [m["id"] for m in self.media_types if m["product_type_id"] == api["id"]]
        return {**api, "media_ids": media_ids, "icon_url": _icon("product_types", api["id"])}

    def _style(self, record: Record, sets: dict[str, list[list[float]]]) -> Record:
        """A custom-sizing style lists the standard sizes its range admits: those are what a
        size picker offers first, and what the enumerable catalogue is built from."""
        api, sim = _split(record)
        self._sim["style", api["id"]] = sim
        sizes = [{"width": w, "height": h} for w, h in sets[sim["sizes"]]]
        style = {**api, "available_sizes": sizes, "icon_url": _icon("style_types", api["id"])}
        if style["custom_sizing"]:
            style["available_sizes"] = [
                size
                for size in sizes
                if _size_problem(style, _dec(size["width"]), _dec(size["height"])) is None
            ]
        return style

    def _collection(self, record: Record, frame_types: dict[int, Record]) -> Record:
        base = f"{ASSETS}/frames/collections/{record['id']}"
        frames = [self._frame(frame, frame_types[frame["type"]]) for frame in record["frames"]]
        return {
            **{key: value for key, value in record.items() if key != "frames"},
            **{f"icon_url_{n}": f"{base}/icon_{n}.png" for n in (1, 2, 3)},
            "starting_price": min(frame["starting_price"] for frame in frames),
            "frames": frames,
        }

    @staticmethod
    def _frame(record: Record, frame_type: Record) -> Record:
        base = f"{ASSETS}/frames/{record['id']}"
        return {
            **record,
            **frame_type,
            "profile_svg_url": f"{base}/profile.svg",
            **{f"sample_image_url_{n}": f"{base}/sample_{n}.jpg" for n in (1, 2, 3)},
            "composite": f"{base}/composite.png",
            "segment_url": f"{base}/segment.png",
        }

    @staticmethod
    def _mat(record: Record) -> Record:
        return {**record, "composite": f"{ASSETS}/mats/{record['id']}/composite.png"}

    @staticmethod
    def _glazing(record: Record) -> Record:
        base = f"{ASSETS}/glazing/{record['id']}"
        return {**record, "composite": f"{base}/composite.png", "image_1": f"{base}/sample.jpg"}

    @staticmethod
    def _image(record: Record) -> Record:
        guid = _guid("image", record["title"])
        slug = re.sub(r"[^a-z0-9]+", "-", record["title"].lower()).strip("-")
        pix_w, pix_h = record["pix"]
        base = f"{ASSETS}/images/{guid}"
        return {
            "id": record["id"],
            "guid": guid,
            "title": record["title"],
            "description": record["description"],
            "artistname": record["artist"],
            "file_name": f"{slug}.tif",
            # An 8-bit RGB TIFF with light LZW compression, roughly.
            "file_size": pix_w * pix_h * 2,
            "thumbnail_file_name": f"{slug}_thumb.png",
            "preview_file_name": f"{slug}_preview.png",
            "hires_file_name": f"{slug}.tif",
            "public_thumbnail_uri": f"{base}/thumb.png",
            "public_preview_uri": f"{base}/preview.png",
            "private_hires_uri": f"{base}/hires.tif",
            "pix_w": pix_w,
            "pix_h": pix_h,
            "date_added": record["added"],
            "date_updated": record["added"],
            "date_expires": None,
            "active": True,
            "products": [],
        }

    def _inventory_listings(self, images: list[Record], first_id: int) -> dict[str, Record]:
        """The fields an inventory item adds to a bare product, keyed by canonical SKU.

        Product ids run on from ``first_id`` in file order, so the SKU of every item is fixed
        by the data alone.
        """
        listings: dict[str, Record] = {}
        entries = [(image, item) for image in images for item in image["products"]]
        for product_id, (image, item) in enumerate(entries, start=first_id):
            sku = f"AP{image['id']}P{product_id}"
            spec = self._spec(sku, item["code"])
            cost = self._unit_price(spec)
            asking = (cost * RETAIL_MARKUP).quantize(Decimal(1), rounding=ROUND_CEILING) - CENT
            listings[sku] = {
                "id": product_id,
                "product_code": spec.code,
                "product_guid": _guid("product", sku),
                "image_guid": _guid("image", image["title"]),
                "name": f"{image['title']} – {self._name(spec)}",
                "description_short": f"{image['title']} by {image['artist']}",
                "description_long": f"{image['description']} {spec.media['description']}",
                "artist": image["artist"],
                "quantity_in_stock": item.get("stock", 0),
                "track_inventory": "stock" in item,
                "asking_price": json_money(asking),
                "third_party_integrations": None,
                "updated": image["added"],
            }
        return listings

    # -- public queries -------------------------------------------------------------------

    def frame(self, frame_id: int) -> Record | None:
        found = self._frames.get(frame_id)
        return copy.deepcopy(found) if found is not None else None

    def virtual_inventory(self) -> list[Record]:
        return [self.product_details(sku, 1) for sku in self._listings]

    def lookup(self, sku: str) -> Product:
        return self._product(sku, *self._resolve(sku))

    def price(self, sku: str, qty: int) -> Record:
        return _price_record(self.lookup(sku), qty)

    def product_details(self, sku: str, qty: int) -> Record:
        """A virtual_inventory_product record for any sellable SKU or code at ``qty``.

        A bare product code gets the same shape with the inventory-only fields empty, because
        get_product_details answers both kinds of SKU alike.
        """
        spec, listing = self._resolve(sku)
        product = self._product(sku, spec, listing)
        total = to_cents(product.unit_price * qty)
        about = listing or self._bare_listing(spec, product.name)
        return {
            "id": about["id"],
            "sku": product.sku,
            "product_code": product.product_code,
            "product_guid": about["product_guid"],
            "image_guid": about["image_guid"],
            "name": about["name"],
            "description_short": about["description_short"],
            "description_long": about["description_long"],
            "artist": about["artist"],
            "monetary_format": CURRENCY,
            "quantity": qty,
            "quantity_in_stock": about["quantity_in_stock"],
            "track_inventory": about["track_inventory"],
            "per_item_price": json_money(product.unit_price),
            "total_price": json_money(total),
            "asking_price": about["asking_price"],
            "geo_price": json_money(total),
            "third_party_integrations": about["third_party_integrations"],
            "price_details": _price_record(product, qty),
            "framing_options": self._framing_options(spec),
            "product_size": {
                "width": json_number(product.width),
                "height": json_number(product.height),
            },
            "updated": about["updated"],
            "valid": True,
        }

    def _bare_listing(self, spec: _Spec, name: str) -> Record:
        """What stands in for inventory fields when a code was never saved to inventory."""
        return {
            "id": 0,
            "product_guid": None,
            "image_guid": None,
            "name": name,
            "description_short": spec.media["name"],
            "description_long": f"{spec.media['description']} {spec.style['description']}",
            "artist": None,
            "quantity_in_stock": 0,
            "track_inventory": False,
            "asking_price": 0.0,
            "third_party_integrations": None,
            "updated": self.revised,
        }

    def iter_product_codes(self) -> Iterator[str]:
        """Every type x media x style x listed size: the catalogue a browser would show."""
        for kind in self.product_types:
            for media_id in kind["media_ids"]:
                for style_id in self._media_by_id[media_id]["style_ids"]:
                    for size in self._styles[style_id]["available_sizes"]:
                        width, height = _text(_dec(size["width"])), _text(_dec(size["height"]))
                        yield f"{kind['id']}M{media_id}M{style_id}S{width}X{height}"

    # -- rules ----------------------------------------------------------------------------

    def _resolve(self, sku: str) -> tuple[_Spec, Record | None]:
        """The validated code behind a SKU, and its inventory listing when it has one."""
        key = sku.strip().upper()
        if not key.startswith("AP"):
            return self._spec(sku, key), None
        listing = self._listings.get(key)
        if listing is None:
            reason = (
                "no virtual-inventory item has this SKU"
                if SKU_PATTERN.match(key)
                else "inventory SKUs look like AP<image id>P<product id>"
            )
            raise UnknownProduct(sku, reason)
        return self._spec(sku, listing["product_code"]), listing

    def _product(self, sku: str, spec: _Spec, listing: Record | None) -> Product:
        return Product(
            sku=sku,
            product_code=spec.code,
            name=self._name(spec),
            width=spec.width,
            height=spec.height,
            unit_price=self._unit_price(spec),
            in_inventory=listing is not None,
            image_guid=listing["image_guid"] if listing is not None else None,
        )

    def _spec(self, sku: str, code: str) -> _Spec:
        match = CODE_PATTERN.match(code.strip().upper())
        if match is None:
            raise UnknownProduct(
                sku,
                "expected a product code <type>M<media>M<style>S<width>X<height> "
                "or an inventory SKU AP<image id>P<product id>",
            )
        type_id, media_id, style_id = (int(match[n]) for n in (1, 2, 3))
        kind = self._types.get(type_id)
        media = self._media_by_id.get(media_id)
        style = self._styles.get(style_id)
        if kind is None:
            raise UnknownProduct(sku, f"there is no product type {type_id}")
        if media is None or media["product_type_id"] != type_id:
            raise UnknownProduct(
                sku, f"media {media_id} is not offered for product type {type_id} ({kind['name']})"
            )
        if style is None or style_id not in media["style_ids"]:
            raise UnknownProduct(
                sku, f"style {style_id} is not offered on media {media_id} ({media['name']})"
            )
        width, height = _dec(match[4]), _dec(match[5])
        problem = _size_problem(style, width, height)
        if problem is not None:
            raise UnknownProduct(sku, problem)
        return _Spec(kind, media, style, width, height)

    def _name(self, spec: _Spec) -> str:
        noun = self._sim["type", spec.kind["id"]]["noun"]
        label = self._sim["style", spec.style["id"]]["label"]
        size = f"{_text(spec.width)} x {_text(spec.height)} in"
        return f"{noun} on {spec.media['name']}, {label}, {size}"

    def _unit_price(self, spec: _Spec) -> Decimal:
        """Type base + media per square inch of material + style finishing, with a floor.

        Material includes any border and wrap-around bleed, since that substrate is used up
        too; finishing is a flat part plus parts per inch of edge and per square inch of face,
        which is how stretching, mounting and hemming costs grow.
        """
        kind = self._sim["type", spec.kind["id"]]
        rate = _dec(self._sim["media", spec.media["id"]]["rate"])
        finish = self._sim["style", spec.style["id"]]
        margin = 2 * (_dec(spec.style["border_size"]) + _dec(spec.style["bleed_amt"]))
        material = (spec.width + margin) * (spec.height + margin)
        face = spec.width * spec.height
        edge = 2 * (spec.width + spec.height)
        price = (
            _dec(kind["base"])
            + rate * material
            + _dec(finish.get("flat", 0))
            + _dec(finish.get("per_edge", 0)) * edge
            + _dec(finish.get("per_sq_in", 0)) * face
        )
        return to_cents(max(price, _dec(kind["minimum"])))

    def _framing_options(self, spec: _Spec) -> Record:
        """Frames are offered only from collections holding a frame of a class the style
        accepts and large enough for the print in either orientation."""
        style = spec.style
        collection_ids = [
            c["id"]
            for c in self.collections
            if style["can_frame"] and any(self._frame_fits(f, spec) for f in c["frames"])
        ]
        float_mat = bool(self._sim["style", style["id"]].get("require_float_mat"))
        return {
            "collection_ids": collection_ids,
            "allow_frames": bool(collection_ids),
            "allow_matting": bool(collection_ids) and style["can_mat"],
            "allow_glazing": bool(collection_ids) and style["can_glaze"],
            "frame_required": False,
            "allow_float_matting": bool(collection_ids) and style["can_mat"],
            "require_float_matting": bool(collection_ids) and float_mat,
        }

    def _frame_fits(self, frame: Record, spec: _Spec) -> bool:
        if frame["type"] not in spec.style["frame_class_ids"]:
            return False
        low = (_dec(frame["min_width"]), _dec(frame["min_height"]))
        high = (_dec(frame["max_width"]), _dec(frame["max_height"]))
        return any(
            low[0] <= w <= high[0] and low[1] <= h <= high[1]
            for w, h in ((spec.width, spec.height), (spec.height, spec.width))
        )


def _price_record(product: Product, qty: int) -> Record:
    """The API ``price`` model; framing add-ons stay zero until frame_builder prices them."""
    total = json_money(product.unit_price * qty)
    return {
        "product_qty": qty,
        "product_sku": product.sku,
        "product_code": product.product_code,
        "product_price": json_money(product.unit_price),
        "add_frame_price": 0.0,
        "add_mat_1_price": 0.0,
        "add_mat_2_price": 0.0,
        "add_glazing_price": 0.0,
        "add_color_correct_price": 0.0,
        "total_price": total,
        "geo_price": total,
        "info": "",
    }


def _whole_sizes(style: Record) -> Iterator[Record]:
    low, high = style["min"], style["max"]
    for area in range(low["width"] * low["height"], high["width"] * high["height"] + 1):
        for width in range(low["width"], high["width"] + 1):
            height, rest = divmod(area, width)
            if not rest and low["height"] <= height <= high["height"]:
                yield {"width": width, "height": height}


@functools.cache
def _shared_catalog() -> Catalog:
    text = resources.files("fwdesk.sandbox").joinpath("data/catalog.json").read_text("utf-8")
    return Catalog(json.loads(text))
