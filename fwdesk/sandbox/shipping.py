"""Shipping quotes for the simulator: the options list_shipping_options answers with.

Rates are invented but behave like a print lab's: they grow with the total area of print being
packed, with each extra line item (its own tube, box or sleeve), with pieces too long for a
standard carton, and with distance. Every tariff term grows from EC to SD to EX to ON, so the
faster service is always the dearer one. EC, SD and FS are documented codes; EX and ON are the
brief's unconfirmed extras (API.md section 5).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NamedTuple

from fwdesk.sandbox.catalog import Catalog, Product, json_money, to_cents


class Method(NamedTuple):
    name: str
    carrier: str
    class_code: str
    days_min: int
    days_max: int
    id: int


SHIPPING_METHODS = {
    "EC": Method("Ground Advantage", "USPS", "ECO", 3, 7, 1),
    "SD": Method("Ground", "UPS", "GND", 2, 5, 2),
    "EX": Method("2Day", "FedEx", "2DA", 2, 3, 3),
    "ON": Method("Standard Overnight", "FedEx", "1DA", 1, 2, 4),
    "FS": Method("Fastest available", "FedEx", "FST", 1, 2, 5),
}
"""Domestic services. FS names no service of its own: a quote prices it as the fastest option
the destination has, under that option's carrier."""

INTERNATIONAL_METHODS = {
    "EC": Method("Priority Mail International", "USPS", "IECO", 6, 10, 11),
    "SD": Method("Worldwide Expedited", "UPS", "IGND", 4, 7, 12),
    "EX": Method("International Priority", "FedEx", "IEXP", 2, 4, 13),
}
"""Outside the US nobody sells overnight delivery of a crated print, so there is no ON."""

FASTEST = "FS"


class Tariff(NamedTuple):
    base: Decimal
    per_sq_in: Decimal
    per_extra_line: Decimal
    per_oversize_piece: Decimal


TARIFFS = {
    "EC": Tariff(Decimal("6.95"), Decimal("0.004"), Decimal("1.00"), Decimal("12.00")),
    "SD": Tariff(Decimal("9.95"), Decimal("0.006"), Decimal("1.50"), Decimal("18.00")),
    "EX": Tariff(Decimal("21.50"), Decimal("0.012"), Decimal("2.75"), Decimal("30.00")),
    "ON": Tariff(Decimal("38.00"), Decimal("0.020"), Decimal("4.00"), Decimal("45.00")),
}
OVERSIZE_INCHES = Decimal(40)
"""A piece with a side longer than this needs a crate or a long tube, which carriers surcharge."""

ZONES = {
    "us": (1, Decimal("1.00")),
    "us_remote": (2, Decimal("1.65")),
    "canada": (3, Decimal("1.90")),
    "world": (4, Decimal("2.75")),
}
"""Zone -> (number used in option ids, multiplier on the domestic tariff)."""
REMOTE_US = frozenset({"AK", "HI", "PR", "VI", "GU", "AS", "MP"})
SALES_TAX_PERCENT = {"TX": Decimal("8.25")}
"""The demo lab is in Texas, so only Texan recipients pay its sales tax."""


def zone_of(recipient: dict[str, Any]) -> str:
    country = str(recipient.get("country_code") or "").strip().upper()
    state = str(recipient.get("state_code") or "").strip().upper()
    if country in REMOTE_US or (country == "US" and state in REMOTE_US):
        return "us_remote"
    if country == "US":
        return "us"
    return "canada" if country == "CA" else "world"


def _tax_percent(recipient: dict[str, Any]) -> Decimal:
    if str(recipient.get("country_code") or "").strip().upper() != "US":
        return Decimal(0)
    state = str(recipient.get("state_code") or "").strip().upper()
    return SALES_TAX_PERCENT.get(state, Decimal(0))


def _rate(code: str, zone: str, lines: list[tuple[Product, int]]) -> Decimal:
    tariff = TARIFFS[code]
    area = sum((p.width * p.height * qty for p, qty in lines), Decimal(0))
    oversize = sum(qty for p, qty in lines if max(p.width, p.height) > OVERSIZE_INCHES)
    extra_lines = max(len(lines) - 1, 0)
    domestic = (
        tariff.base
        + tariff.per_sq_in * area
        + tariff.per_extra_line * extra_lines
        + tariff.per_oversize_piece * oversize
    )
    return to_cents(domestic * ZONES[zone][1])


def _totals(
    order_po: str, lines: list[tuple[Product, int]], shipping: Decimal, tax_percent: Decimal
) -> dict[str, Any]:
    """The order_totals block; each line's total is rounded first so that the subtotal is
    exactly the sum of what the lines show."""
    line_totals = [to_cents(product.unit_price * qty) for product, qty in lines]
    subtotal = sum(line_totals, Decimal(0))
    tax = to_cents((subtotal + shipping) * tax_percent / 100)
    discount = expedite = credits = Decimal(0)
    return {
        "order_po": order_po,
        "order_subtotal": json_money(subtotal),
        "order_shipping_rate": json_money(shipping),
        "order_discount": json_money(discount),
        "order_sales_tax": json_money(tax),
        "order_sales_tax_rate": float(tax_percent),
        "order_expedite_fee": json_money(expedite),
        "order_credits_used": json_money(credits),
        "order_grand_total": json_money(subtotal + shipping + tax + expedite - discount),
        "product_pricing": [
            {
                "product_sku": product.sku,
                "product_code": product.product_code,
                "product_qty": qty,
                "total_price": json_money(total),
            }
            for (product, qty), total in zip(lines, line_totals, strict=True)
        ],
    }


def _as_fastest(method: Method) -> Method:
    """FS under its own code and id, carried by the service it stands for."""
    label = SHIPPING_METHODS[FASTEST]
    return method._replace(
        name=f"{label.name} ({method.name})", class_code=label.class_code, id=label.id
    )


def _fastest_code(methods: dict[str, Method]) -> str:
    real = [code for code in methods if code != FASTEST]
    return min(real, key=lambda code: (methods[code].days_min, methods[code].days_max))


def services(recipient: dict[str, Any]) -> dict[str, Method]:
    """The services a destination has, by code, FS standing for the fastest of them; the order
    book ships with the carrier and transit time the chosen one names."""
    return services_in(zone_of(recipient))


def services_in(zone: str) -> dict[str, Method]:
    methods = dict(SHIPPING_METHODS if zone in ("us", "us_remote") else INTERNATIONAL_METHODS)
    methods.pop(FASTEST, None)
    methods[FASTEST] = _as_fastest(methods[_fastest_code(methods)])
    return methods


def option_id(zone: str, method: Method) -> int:
    """Stable for one service to one zone, so a quote's id can be sent back as shipping_code."""
    return ZONES[zone][0] * 100 + method.id


def transit_time(method: Method) -> str:
    if method.days_min == method.days_max:
        days = str(method.days_max)
    else:
        days = f"{method.days_min}-{method.days_max}"
    return f"{days} business {'day' if method.days_max == 1 else 'days'}"


def shipping_option_ids(zone_number: int | None) -> list[dict[str, Any]]:
    """Every option id with its code and service, for cross-reference without rates; one zone
    when `zone_number` (the hundreds of the id) is given."""
    return [
        {
            "id": option_id(zone, method),
            "shipping_code": code,
            "shipping_method": method.name,
            "shipping_class_code": method.class_code,
            "carrier": method.carrier,
            "transit_time": transit_time(method),
            "is_international": zone not in ("us", "us_remote"),
        }
        for zone, (number, _) in ZONES.items()
        if zone_number in (None, number)
        for code, method in services_in(zone).items()
    ]


def preferred_option(
    options: list[dict[str, Any]], recipient: dict[str, Any], preferences: list[str]
) -> dict[str, Any]:
    """The option the account's ranked shipping preferences pick: "1" the cheapest, "4" the
    fastest. "2" and "3" (rolled or flat) choose packaging, not a service, so they pass the
    choice to the next preference; with none left, the cheapest wins."""
    methods = services(recipient)
    cheapest = min(options, key=lambda option: option["rate"])
    for preference in preferences:
        if preference == "1":
            return cheapest
        if preference == "4":
            return min(
                options,
                key=lambda option: (
                    methods[option["shipping_code"]].days_max,
                    methods[option["shipping_code"]].days_min,
                    option["rate"],
                ),
            )
    return cheapest


def quote_options(
    catalog: Catalog, items: list[tuple[str, int]], recipient: dict[str, Any], order_po: str
) -> list[dict[str, Any]]:
    """Every service the destination has, plus FS, cheapest first.

    Raises `UnknownProduct` for the first SKU the catalogue cannot sell.
    """
    lines = [(catalog.lookup(sku), qty) for sku, qty in items]
    zone = zone_of(recipient)
    tax_percent = _tax_percent(recipient)
    methods = services(recipient)
    rates = {code: _rate(code, zone, lines) for code in methods if code != FASTEST}
    rates[FASTEST] = rates[_fastest_code(methods)]
    quoted = [(code, methods[code], rates[code]) for code in methods]
    options = [
        {
            "id": option_id(zone, method),
            "rate": json_money(rate),
            "shipping_method": method.name,
            "shipping_code": code,
            "shipping_class_code": method.class_code,
            "carrier": method.carrier,
            "transit_time": transit_time(method),
            "calculated_total": _totals(order_po, lines, rate, tax_percent),
        }
        for code, method, rate in quoted
    ]
    return sorted(options, key=lambda option: option["rate"])
