"""Orders as the API sees them: what we send to place one, and what comes back about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from fwdesk.api.fields import WHOLE_NUMBER, Model, request_fields

REQUIRED = {"required": True}


@dataclass(frozen=True)
class Address(Model):
    """A recipient (or billing) address, field names and limits as in API.md's `address`."""

    first_name: str = ""
    last_name: str = ""
    address_1: str = ""
    zip_postal_code: str = ""
    country_code: str = "us"
    company_name: str | None = None
    address_2: str | None = None
    address_3: str | None = None
    city: str | None = None
    state_code: str | None = None
    province: str | None = None
    phone: str | None = None
    email: str | None = None
    address_order_po: str | None = None

    def to_json(self) -> dict[str, Any]:
        # Upper-case ISO country codes, as FinerWorks' own app sends (API.md 9.7; the help
        # pages' samples use lower case, and both are read), upper-case USPS state codes, and
        # no state_code outside the US, which the API rejects.
        data = request_fields(self)
        data["country_code"] = self.country_code.strip().upper()
        if data["country_code"] != "US":
            data.pop("state_code", None)
        elif self.state_code:
            data["state_code"] = self.state_code.strip().upper()
        return data


@dataclass(frozen=True)
class AddressCheck:
    """The answer of validate_recipient_address: a refusal is an answer here, not an error."""

    ok: bool
    address: Address | None
    message: str


@dataclass(frozen=True)
class ProductImage(Model):
    """The print file of a product-code item; FinerWorks needs its pixel size to print it."""

    pixel_width: int | None = None
    pixel_height: int | None = None
    product_url_file: str | None = None
    product_url_thumbnail: str | None = None


@dataclass(frozen=True)
class OrderItem(Model):
    product_sku: str = field(default="", metadata=REQUIRED)
    product_qty: int = field(default=1, metadata=REQUIRED)
    product_title: str | None = None
    product_image: ProductImage | None = None
    product_order_po: str | None = None
    product_guid: str | None = None
    custom_data_1: str | None = None
    custom_data_2: str | None = None
    custom_data_3: str | None = None
    template: dict[str, Any] | None = None


@dataclass(frozen=True)
class Order(Model):
    """One `order_details`: a recipient, its items and how to ship them."""

    order_po: str = field(default="", metadata=REQUIRED)
    recipient: Address = field(default_factory=Address, metadata=REQUIRED)
    order_items: list[OrderItem] = field(default_factory=list, metadata=REQUIRED)
    shipping_code: str | None = None
    ship_by_date: str | None = None
    gift_message: str | None = None
    test_mode: bool = False
    webhook_order_status_url: str | None = None
    document_url: str | None = None
    acct_number_ups: str | None = None
    acct_number_fedex: str | None = None
    custom_data_1: str | None = None
    custom_data_2: str | None = None
    custom_data_3: str | None = None
    customs_tax_info: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        # A quote option's id goes as a JSON number, as FinerWorks' own app sends it at
        # checkout; a letter code ("SD") as text (API.md 9.2).
        data = request_fields(self)
        code = (self.shipping_code or "").strip()
        if WHOLE_NUMBER.fullmatch(code):
            data["shipping_code"] = int(code)
        return data


@dataclass(frozen=True)
class ReceivedOrder(Model):
    """The confirmation of one submitted order (`received_order`)."""

    order_po: str = field(default="", metadata=REQUIRED)
    order_id: int | None = None
    order_confirmation_id: int | None = None
    order_confirmation_datetime: str | None = None
    order_source: str | None = None
    order_guid: str | None = None
    order_email: str | None = None
    order_status: str | None = None

    @property
    def reference_id(self) -> int | None:
        """The id later calls take: API.md leaves order_id vs confirmation id open (see client)."""
        return self.order_id if self.order_id is not None else self.order_confirmation_id


@dataclass(frozen=True)
class ProductPricing(Model):
    product_sku: str | None = None
    product_code: str | None = None
    product_qty: int = 0
    total_price: Decimal = Decimal(0)


@dataclass(frozen=True)
class QuoteTotals(Model):
    """`order_totals`: what an order costs with one shipping option."""

    order_po: str = ""
    order_subtotal: Decimal = Decimal(0)
    order_shipping_rate: Decimal = Decimal(0)
    order_discount: Decimal = Decimal(0)
    order_sales_tax: Decimal = Decimal(0)
    order_sales_tax_rate: Decimal = Decimal(0)
    order_expedite_fee: Decimal = Decimal(0)
    order_credits_used: Decimal = Decimal(0)
    order_grand_total: Decimal = Decimal(0)
    product_pricing: list[ProductPricing] = field(default_factory=list)

    @property
    def adds_up(self) -> bool:
        """The arithmetic integrators check; a quote that fails it should not be trusted."""
        expected = (
            self.order_subtotal
            + self.order_shipping_rate
            + self.order_sales_tax
            + self.order_expedite_fee
            - self.order_discount
        )
        return abs(expected - self.order_grand_total) < Decimal("0.005")


@dataclass(frozen=True)
class Shipment(Model):
    carrier: str | None = None
    service: str | None = None
    tracking_number: str | None = None
    tracking_url: str | None = None
    creation_date: str | None = None
    shipment_date: str | None = None
    eta_date: str | None = None
    delivery_date: str | None = None
    weight: Decimal | None = None
    width: Decimal | None = None
    height: Decimal | None = None
    depth: Decimal | None = None
    history: Any = None


@dataclass(frozen=True)
class OrderStatus(Model):
    """Where an order is in production (`order_status`), and what has shipped."""

    order_po: str = ""
    order_status_id: int = field(default=0, metadata=REQUIRED)
    order_status_label: str = ""
    order_id: int | None = None
    order_confirmation_id: int | None = None
    shipments: list[Shipment] = field(default_factory=list)
    order_source: str | None = None
    processing: bool | None = None


@dataclass(frozen=True)
class StatusDefinition(Model):
    order_status_id: int = field(default=0, metadata=REQUIRED)
    order_status_label: str = ""


@dataclass(frozen=True)
class Receipt(Model):
    """One order in full, as get_order and list_orders return it.

    Only part of `receipt` is documented; the optional tail (items, status id, shipments) is read
    when a server sends it and left empty otherwise.
    """

    order_id: int | None = None
    order_po: str = ""
    order_guid: str | None = None
    date_time: str | None = None
    order_status: str | None = None
    transaction_id: str | None = None
    payment_type_name: str | None = None
    card_number: str | None = None
    shipping_method: str | None = None
    shipping_code: str | None = None
    billing: Address | None = None
    recipient: Address | None = None
    totals: QuoteTotals | None = None
    order_confirmation_id: int | None = None
    order_status_id: int | None = None
    order_status_label: str | None = None
    test_mode: bool | None = None
    order_items: list[OrderItem] = field(default_factory=list)
    shipments: list[Shipment] = field(default_factory=list)


@dataclass(frozen=True)
class PendingImport(Model):
    """One order save_pending_orders stored in FinerWorks' staging table."""

    id: int = field(default=0, metadata=REQUIRED)
    order_po: str = ""


@dataclass(frozen=True)
class PendingOrder(Model):
    """An order staged on FinerWorks for review (its dashboard, its spreadsheet import, or
    another desk), not yet placed; `fulfillment_id` is what list and delete take."""

    fulfillment_id: int = field(default=0, metadata=REQUIRED)
    order_po: str = ""
    recipient: Address | None = None
    order_items: list[OrderItem] = field(default_factory=list)
    shipping_code: str | None = None
    gift_message: str | None = None
    ship_by_date: str | None = None
    document_url: str | None = None
    acct_number_ups: str | None = None
    acct_number_fedex: str | None = None
    custom_data_1: str | None = None
    custom_data_2: str | None = None
    custom_data_3: str | None = None
    test_mode: bool = False
    source: str | None = None
    created_at: str | None = None
