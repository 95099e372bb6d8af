"""Shipping quotes: every way one order can travel, each with its full price."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from fwdesk.api.fields import Model
from fwdesk.api.orders import QuoteTotals


@dataclass(frozen=True)
class ShippingOption(Model):
    shipping_code: str = field(default="", metadata={"required": True})
    id: int | None = None
    rate: Decimal = Decimal(0)
    shipping_method: str = ""
    shipping_class_code: str | None = None
    carrier: str | None = None
    calculated_total: QuoteTotals | None = None


@dataclass(frozen=True)
class OrderQuote(Model):
    """The options for one order of a `list_shipping_options_multiple` call."""

    order_po: str = ""
    options: list[ShippingOption] = field(default_factory=list)
