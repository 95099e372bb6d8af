"""The FinerWorks catalogue: product types, media, styles, framing, prices, saved products."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from fwdesk.api.fields import Model
from fwdesk.api.wordings import is_not_available

REQUIRED = {"required": True}


@dataclass(frozen=True)
class Size(Model):
    width: Decimal = Decimal(0)
    height: Decimal = Decimal(0)


@dataclass(frozen=True)
class ProductType(Model):
    id: int = field(default=0, metadata=REQUIRED)
    name: str = ""
    description: str = ""
    media_ids: list[int] = field(default_factory=list)
    printable_ids: list[int] = field(default_factory=list)
    icon_url: str | None = None
    color_code: str | None = None


@dataclass(frozen=True)
class MediaType(Model):
    id: int = field(default=0, metadata=REQUIRED)
    product_type_id: int | None = None
    name: str = ""
    description: str = ""
    style_ids: list[int] = field(default_factory=list)
    icon_url: str | None = None


@dataclass(frozen=True)
class StyleType(Model):
    """A print style and the sizes it can be made in (see API.md's sizing rule)."""

    id: int = field(default=0, metadata=REQUIRED)
    name: str = ""
    description: str = ""
    can_frame: bool = False
    can_mat: bool = False
    can_glaze: bool = False
    frame_class_ids: list[int] = field(default_factory=list)
    custom_sizing: bool = False
    allow_decimal: bool = False
    allow_rotate: bool = False
    min_size: Size | None = field(default=None, metadata={"json": "min"})
    max_size: Size | None = field(default=None, metadata={"json": "max"})
    available_sizes: list[Size] = field(default_factory=list)
    border_size: Decimal | None = None
    bleed_amt: Decimal | None = None
    corner_radius: Decimal | None = None
    depth: Decimal | None = None
    icon_url: str | None = None


@dataclass(frozen=True)
class Frame(Model):
    id: int = field(default=0, metadata=REQUIRED)
    name: str = ""
    color: str | None = None
    frame_class: int | None = field(default=None, metadata={"json": "type"})
    """The class of moulding; a style takes the classes in its `frame_class_ids`."""
    type_description: str | None = None
    thickness: Decimal | None = None
    depth: Decimal | None = None
    rabbet: Decimal | None = None
    min_width: Decimal | None = None
    min_height: Decimal | None = None
    max_width: Decimal | None = None
    max_height: Decimal | None = None
    allow_glazing: bool = False
    allow_matting: bool = False
    starting_price: Decimal | None = None
    profile_svg_url: str | None = None
    sample_image_url_1: str | None = None


@dataclass(frozen=True)
class FrameCollection(Model):
    id: int = field(default=0, metadata=REQUIRED)
    name: str = ""
    description: str = ""
    alias: str | None = None
    icon_url_1: str | None = None
    starting_price: Decimal | None = None
    frames: list[Frame] = field(default_factory=list)


@dataclass(frozen=True)
class Mat(Model):
    id: int = field(default=0, metadata=REQUIRED)
    name: str = ""
    color: str | None = None
    core_color: str | None = None
    thickness: Decimal | None = None
    starting_price: Decimal | None = None


@dataclass(frozen=True)
class Glazing(Model):
    id: int = field(default=0, metadata=REQUIRED)
    name: str = ""
    description: str = ""
    image_1: str | None = None
    starting_price: Decimal | None = None


@dataclass(frozen=True)
class Price(Model):
    """What one SKU costs at one quantity; totals are the API's, never computed here."""

    product_sku: str = ""
    product_code: str | None = None
    product_qty: int = 0
    product_price: Decimal = Decimal(0)
    add_frame_price: Decimal = Decimal(0)
    add_mat_1_price: Decimal = Decimal(0)
    add_mat_2_price: Decimal = Decimal(0)
    add_glazing_price: Decimal = Decimal(0)
    add_color_correct_price: Decimal = Decimal(0)
    total_price: Decimal = Decimal(0)
    geo_price: Decimal | None = None
    info: str = ""


@dataclass(frozen=True)
class MatWindow(Model):
    """An opening cut in a mat, in the units of its `FrameConfig`."""

    width: Decimal = Decimal(0)
    height: Decimal = Decimal(0)
    window_x: Decimal = Decimal(0)
    window_y: Decimal = Decimal(0)


@dataclass(frozen=True)
class MatLayer(Model):
    id: int = field(default=0, metadata=REQUIRED)
    windows: list[MatWindow] = field(default_factory=list)


@dataclass(frozen=True)
class GlazingLayer(Model):
    id: int = field(default=0, metadata=REQUIRED)


@dataclass(frozen=True)
class FrameConfig(Model):
    """frame_builder's `frame_config` (API.md 2.4): a frame round a print of this size, with
    its mats and glazing. The same object rides in a framed order item's template."""

    frame_id: int = field(default=0, metadata=REQUIRED)
    width: Decimal = Decimal(0)
    height: Decimal = Decimal(0)
    mats: list[MatLayer] | None = None
    glazing: GlazingLayer | None = None
    units: int = 0
    """0 is inches, the only value the documented sample shows."""


@dataclass(frozen=True)
class FrameBuild(Model):
    """frame_builder's answer, whose shape API.md does not give: read as the simulator
    answers it, and tolerant of a missing `valid` when a price came back."""

    valid: bool | None = None
    info: str = ""
    price_details: Price | None = None
    framed_size: Size | None = None

    @property
    def price(self) -> Price | None:
        """The framed print's price, or None when FinerWorks would not build it."""
        return None if self.valid is False else self.price_details


@dataclass(frozen=True)
class FramingOptions(Model):
    collection_ids: list[int] = field(default_factory=list)
    allow_frames: bool = False
    allow_matting: bool = False
    allow_glazing: bool = False
    frame_required: bool = False
    allow_float_matting: bool = False
    require_float_matting: bool = False


@dataclass(frozen=True)
class ProductDetails(Model):
    """A sellable product: a saved virtual-inventory item, or any product code's details."""

    sku: str = ""
    product_code: str | None = None
    id: int | None = None
    product_guid: str | None = None
    image_guid: str | None = None
    name: str = ""
    description_short: str = ""
    description_long: str = ""
    artist: str | None = None
    monetary_format: str | None = None
    quantity: int | None = None
    quantity_in_stock: int | None = None
    track_inventory: bool = False
    per_item_price: Decimal | None = None
    total_price: Decimal | None = None
    asking_price: Decimal | None = None
    price_details: Price | None = None
    framing_options: FramingOptions | None = None
    product_size: Any = None
    updated: str | None = None
    valid: bool = True

    @property
    def available(self) -> bool:
        """False for the entry get_product_details gives a SKU FinerWorks does not know: it
        answers such a SKU with "Not Available", not with an error (API.md 9.5)."""
        return self.valid and not is_not_available(self.description_short)


@dataclass(frozen=True)
class Image(Model):
    """A file in the account's image library, with the products made from it."""

    guid: str = field(default="", metadata=REQUIRED)
    id: int | None = None
    title: str = ""
    description: str = ""
    file_name: str | None = None
    file_size: int | None = None
    public_thumbnail_uri: str | None = None
    public_preview_uri: str | None = None
    pix_w: int | None = None
    pix_h: int | None = None
    date_added: str | None = None
    active: bool = True
    products: list[ProductDetails] = field(default_factory=list)
