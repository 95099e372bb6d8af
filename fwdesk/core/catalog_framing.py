"""Framing a catalogue print: which frames suit it, what FinerWorks' frame builder adds to
its price, and how the framed print travels in an order.

FinerWorks has no documented code for a framed product (API.md 6), so a framed print is
ordered as the print's own SKU with the frame_builder configuration in the item's template,
and priced as the print's `get_prices` answer plus the framing `frame_builder` quotes for
one piece. Where frame_builder gives no price, the frame cannot be ordered from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from fwdesk.api.catalog import (
    Frame,
    FrameBuild,
    FrameCollection,
    FrameConfig,
    Glazing,
    GlazingLayer,
    Mat,
    MatLayer,
    MatWindow,
    Price,
    StyleType,
)
from fwdesk.core.catalog import CatalogProduct, CatalogSnapshot

if TYPE_CHECKING:
    from fwdesk.api.client import FinerWorksClient

TITLE_MAX = 50
"""An order item's product_title is at most 50 characters (API.md), as order_rules'
TITLE_LIMIT; not imported from there, since the catalogue is on screen before any order
module loads (tests/unit/test_startup_imports.py)."""


@dataclass(frozen=True)
class Framing:
    """A frame, and optionally one mat and glazing, chosen for one print."""

    frame: Frame
    collection: str
    mat: Mat | None = None
    glazing: Glazing | None = None

    def config(self, product: CatalogProduct) -> FrameConfig:
        width, height = Decimal(str(product.width)), Decimal(str(product.height))
        mats = None
        if self.mat is not None:
            mats = [MatLayer(self.mat.id, [MatWindow(width, height)])]
        glazing = GlazingLayer(self.glazing.id) if self.glazing is not None else None
        return FrameConfig(self.frame.id, width, height, mats, glazing)

    def template(self, product: CatalogProduct) -> dict[str, Any]:
        """The order item's `template`: FinerWorks reads a framed item's frame from it."""
        return {"config": self.config(product).to_json()}

    def item_title(self, product: CatalogProduct) -> str:
        """The order line's title: that it is framed comes first, so the limit never cuts it."""
        return f"Framed: {product.name}"[:TITLE_MAX]


@dataclass(frozen=True)
class PriceRow:
    quantity: int
    unit: Decimal
    total: Decimal


def style_of(snapshot: CatalogSnapshot | None, product: CatalogProduct) -> StyleType | None:
    return snapshot.style(product.style_id) if snapshot is not None else None


def fitting_frames(
    snapshot: CatalogSnapshot | None, product: CatalogProduct
) -> list[tuple[FrameCollection, Frame]]:
    """The frames that suit the print's style and are made at its size, by collection.
    What the catalogue does not say (an older cache without frame classes) is not held
    against a frame; frame_builder has the last word."""
    style = style_of(snapshot, product)
    if snapshot is None or style is None or not style.can_frame:
        return []
    return [
        (collection, frame)
        for collection in snapshot.collections
        for frame in collection.frames
        if _suits(style, frame) and _made_at(frame, product.width, product.height)
    ]


def _suits(style: StyleType, frame: Frame) -> bool:
    return (
        frame.frame_class is None
        or not style.frame_class_ids
        or (frame.frame_class in style.frame_class_ids)
    )


def _made_at(frame: Frame, width: float, height: float) -> bool:
    low = (float(frame.min_width or 0), float(frame.min_height or 0))
    high = (float(frame.max_width or 1e9), float(frame.max_height or 1e9))
    return any(
        low[0] <= w <= high[0] and low[1] <= h <= high[1]
        for w, h in ((width, height), (height, width))
    )


def takes_mat(style: StyleType | None, frame: Frame) -> bool:
    return style is not None and style.can_mat and frame.allow_matting


def takes_glazing(style: StyleType | None, frame: Frame) -> bool:
    return style is not None and style.can_glaze and frame.allow_glazing


def price_framing(
    client: FinerWorksClient, product: CatalogProduct, framing: Framing
) -> FrameBuild:
    return client.frame_builder(framing.config(product), product.product_code)


def framing_cost(price: Price) -> Decimal:
    """What the frame, mats and glazing add to one print."""
    return (
        price.add_frame_price
        + price.add_mat_1_price
        + price.add_mat_2_price
        + price.add_glazing_price
    )


def framed_rows(print_prices: list[Price], framing: Price) -> list[PriceRow]:
    """Each quantity's print price from get_prices, with the framing of every piece added."""
    extra = framing_cost(framing)
    return [
        PriceRow(p.product_qty, p.product_price + extra, p.total_price + extra * p.product_qty)
        for p in print_prices
    ]
