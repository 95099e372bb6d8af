"""Shipping quotes: every way one order can travel, each with its full price."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from fwdesk.api.fields import Model
from fwdesk.api.orders import QuoteTotals


@dataclass(frozen=True)
class ShippingOption(Model):
    """One way an order can travel. FinerWorks' own app identifies it by `id` and does not
    rely on `shipping_code` being there (API.md 9.3); older answers have a code and no id."""

    shipping_code: str = ""
    id: int | None = None
    rate: Decimal = Decimal(0)
    shipping_method: str = ""
    shipping_class_code: str | None = None
    carrier: str | None = None
    transit_time: str | None = None
    calculated_total: QuoteTotals | None = None

    @property
    def choice(self) -> str:
        """What an order sends as its shipping_code to travel this way: the option's id,
        as FinerWorks' app does at checkout, or its letter code when it has no id."""
        return str(self.id) if self.id is not None else self.shipping_code

    def answers_to(self, shipping_code: str | None) -> bool:
        """Whether an order's shipping_code (an option id or a letter code) names this one."""
        wanted = (shipping_code or "").strip().upper()
        return bool(wanted) and wanted in (self.choice, self.shipping_code.upper())


@dataclass(frozen=True)
class OrderQuote(Model):
    """The options for one order of a `list_shipping_options_multiple` call, with the one
    the account's shipping preferences pick."""

    order_po: str = ""
    options: list[ShippingOption] = field(default_factory=list)
    preferred_option: ShippingOption | None = None


@dataclass(frozen=True)
class ShippingMethodId(Model):
    """An entry of get_shipping_options_ids: names only, no price."""

    id: int = field(default=0, metadata={"required": True})
    shipping_code: str = ""
    shipping_method: str = ""
