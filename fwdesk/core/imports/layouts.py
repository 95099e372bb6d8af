"""Which program wrote an order file, and its rows as orders the way that program means them.

Each layout names the columns a field may come from (a British Etsy export says "Delivery"
where others say "Ship") and which cells an order cannot do without. Reading a layout only
records what the file itself gets wrong or leaves unreadable, with the row and the column a
shop finds it under; whether an order may be sent is order_rules' question, asked later of
the draft, so a rule lives in one place.

Decisions the exports leave open:

* Rows sharing an order number are one order, wherever they stand; the order's first row gives
  the recipient and the order's own fields, and a later row that fills in a different
  recipient is a problem (an empty one continues the order, as Shopify's rows do).
* A row without an order number is an order of its own, called "Row N", with a problem.
* Outside the US the region goes in `province`, as order_rules and the API want; Canadian
  and Australian ones as their codes ("Ontario" -> "ON"). A US state fwdesk cannot read is
  kept as written, so the order check names it.
* A leading apostrophe (Excel's "keep as text" mark) is dropped from ZIP codes and phones.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from types import MappingProxyType

from fwdesk.api.orders import Address
from fwdesk.core.drafts import EXTRAS
from fwdesk.core.imports import geo
from fwdesk.core.imports.mapping import ColumnMapping, header_key
from fwdesk.core.imports.table_file import Row, Table

Problems = dict[str, str]


class Source(enum.Enum):
    """Where a file comes from; the value is what the shop is told."""

    FINERWORKS = "FinerWorks spreadsheet"
    ETSY_ORDERS = "Etsy Sold Orders"
    ETSY_ITEMS = "Etsy Sold Order Items"
    SHOPIFY = "Shopify orders export"
    FWDESK = "fwdesk CSV"
    MAPPED = "Your column mapping"


@dataclass(frozen=True)
class SourceItem:
    row: int
    quantity: int | None
    """None when the file's quantity cannot be read (the order then has a problem)."""
    title: str = ""
    source_sku: str = ""
    """The shop's own SKU (Etsy, Shopify); "" when the listing has none."""
    listing: str = ""
    """What names the item when it has no SKU: Etsy's Listing ID, Shopify's line item name."""
    variation: str = ""
    product_sku: str | None = None
    """A FinerWorks product code or inventory SKU, only from layouts that carry one."""
    image_url: str | None = None
    thumb_url: str | None = None
    pixel_width: int | None = None
    pixel_height: int | None = None
    sale_price: Decimal | None = None
    """The unit price the customer paid."""


@dataclass(frozen=True)
class SourceOrder:
    reference: str
    """The order number as the shop knows it in its source ("#1001", "3141592653")."""
    recipient: Address
    items: tuple[SourceItem, ...]
    rows: tuple[int, ...]
    """Every row of the order, including those whose items are left out."""
    shipping_code: str | None = None
    extras: Mapping[str, str] = field(default_factory=dict)
    """Filled optional order fields by their Draft names (gift_message, custom_data_1, ...),
    plus test_mode and webhook_order_status_url as written."""
    currency: str = ""
    sale_total: Decimal | None = None
    cancelled: bool = False
    problems: Mapping[str, str] = field(default_factory=dict)
    """"row 5, column Ship Zipcode" (or "row 5") -> what is wrong there."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "extras", MappingProxyType(dict(self.extras)))
        object.__setattr__(self, "problems", MappingProxyType(dict(self.problems)))


Requirement = tuple[str, ...]
"""Fields of which one must be filled (one column must exist to recognise the layout)."""


@dataclass(frozen=True)
class _Layout:
    columns: Mapping[str, tuple[str, ...]]
    """Field -> the headers it may have; the first the file has is read."""
    order_required: tuple[Requirement, ...]
    """Checked on an order's first row, the one whose recipient is used."""
    item_required: tuple[Requirement, ...]
    """Checked on every row."""
    items: Callable[[_Cells, Problems], list[SourceItem]]
    reference: Callable[[str], str] = str.strip

    def fits(self, headers: set[str]) -> bool:
        """Every required field has a column: the required columns tell the layouts apart."""
        return all(
            any(header_key(h) in headers for name in requirement for h in self.columns[name])
            for requirement in (*self.order_required, *self.item_required)
        )


REGION = ("state", "province")
"""FinerWorks wants a state in the US and a province elsewhere; either column is read."""
RECIPIENT_FIELDS = (
    "full_name",
    "first_name",
    "last_name",
    "company",
    "address_1",
    "address_2",
    "address_3",
    "city",
    "state",
    "province",
    "zip",
    "country",
    "phone",
    "email",
)
FWDESK_RECIPIENT_COLUMNS = (
    "first_name",
    "last_name",
    "company_name",
    "address_1",
    "address_2",
    "address_3",
    "city",
    "state_code",
    "province",
    "zip_postal_code",
    "country_code",
    "phone",
    "email",
)
FWDESK_ORDER_COLUMNS = ("shipping_code", *EXTRAS[:6], "test_mode")
"""fwdesk's sheet carries every extra but the shop's own carrier accounts."""
FWDESK_ITEM_COLUMNS = ("sku", "quantity", "title", "image_url", "pixel_width", "pixel_height")
FWDESK_REQUIRED_COLUMNS = (
    "order_ref",
    "first_name",
    "last_name",
    "address_1",
    "zip_postal_code",
    "country_code",
    "sku",
    "quantity",
)
FWDESK_COLUMNS = (
    "order_ref",
    *FWDESK_RECIPIENT_COLUMNS,
    *FWDESK_ORDER_COLUMNS,
    *FWDESK_ITEM_COLUMNS,
)
"""fwdesk's own layout, one row per line item (resources/sample-orders.csv)."""
EXTRA_FIELDS = (*FWDESK_ORDER_COLUMNS[1:], "webhook_order_status_url")
NEEDS = {
    "reference": "the order number",
    "full_name": "the recipient's name",
    "first_name": "the recipient's first name",
    "last_name": "the recipient's last name",
    "address_1": "the street address",
    "city": "the city",
    "state": "the state",
    "province": "the province or region",
    "zip": "the ZIP or postal code",
    "country": "the country",
    "phone": "the phone number",
    "quantity": "the quantity",
    "product_sku": "the product SKU",
    "source_sku": "the SKU",
}
NO_QUANTITIES = (
    "Etsy's Sold Orders export gives {count} items for {skus} SKUs, not how many of each: "
    "import the Sold Order Items export for this order instead."
)
NO_SKU = (
    "Etsy's Sold Orders export names no SKU for this order, so its items are unknown: "
    "import the Sold Order Items export for this order instead."
)
NO_SHIPPING = ("false", "no", "0")
"""Shopify's "Lineitem requires shipping" of a digital product: the item is left out, with no
problem, since the file is right and the rest of the order still ships."""


class _Cells:
    """One row's cells by field, and the row and column a problem with one is named by."""

    def __init__(self, row: Row, columns: Mapping[str, tuple[int | None, str]]) -> None:
        self.row = row
        self.columns = columns

    def __getitem__(self, name: str) -> str:
        index = self.columns.get(name, (None, ""))[0]
        return "" if index is None else self.row.cells[index].strip()

    def has(self, name: str) -> bool:
        return self.columns.get(name, (None, ""))[0] is not None

    def where(self, name: str) -> str:
        return f"row {self.row.number}, column {self.columns[name][1]}"


def recognise(headers: Sequence[str]) -> Source | None:
    """The one layout these headers are, or None for none or more than one."""
    present = {header_key(h) for h in headers}
    fitting = [source for source, layout in LAYOUTS.items() if layout.fits(present)]
    return fitting[0] if len(fitting) == 1 else None


def orders_from(
    table: Table, source: Source, mapping: ColumnMapping | None = None
) -> list[SourceOrder]:
    """The table's orders in the order of their first rows."""
    layout = _mapped_layout(mapping) if source is Source.MAPPED else LAYOUTS[source]
    columns = {name: _column(table, headers) for name, headers in layout.columns.items()}
    orders: dict[tuple[str, str | int], _Order] = {}
    for row in table.rows:
        cells = _Cells(row, columns)
        reference = layout.reference(cells["reference"])
        key: tuple[str, str | int] = ("order", reference) if reference else ("row", row.number)
        order = orders.get(key)
        if order is None:
            order = orders[key] = _Order(reference or f"Row {row.number}", cells)
            _check(cells, layout.order_required, order.problems)
        elif _recipient_of(cells) not in (None, order.recipient):
            order.problems[f"row {row.number}"] = (
                f"The recipient differs from this order's first row (row "
                f"{order.first.row.number}), whose recipient is used."
            )
        order.rows.append(row.number)
        if cells["requires_shipping"].casefold() in NO_SHIPPING:
            continue
        _check(cells, layout.item_required, order.problems)
        order.items.extend(layout.items(cells, order.problems))
    return [order.finish() for order in orders.values()]


class _Order:
    """An order while its rows are read."""

    def __init__(self, reference: str, first: _Cells) -> None:
        self.reference = reference
        self.first = first
        self.recipient, recipient_problems = _recipient(first)
        self.problems: Problems = dict(recipient_problems)
        self.rows: list[int] = []
        self.items: list[SourceItem] = []

    def finish(self) -> SourceOrder:
        first = self.first
        status = first["status"].casefold()
        return SourceOrder(
            reference=self.reference,
            recipient=self.recipient,
            items=tuple(self.items),
            rows=tuple(self.rows),
            shipping_code=first["shipping_code"] or None,
            extras={name: first[name] for name in EXTRA_FIELDS if first[name]},
            currency=first["currency"],
            sale_total=_money(first, "sale_total", self.problems),
            cancelled=bool(first["cancelled_at"]) or status in ("canceled", "cancelled"),
            problems=self.problems,
        )


def _column(table: Table, headers: tuple[str, ...]) -> tuple[int | None, str]:
    """(index, header as the file spells it) of the first header the table has; a missing
    column is named by its usual header."""
    for header in headers:
        index = table.column(header)
        if index is not None:
            return index, table.headers[index]
    return None, headers[0]


def _check(cells: _Cells, requirements: tuple[Requirement, ...], problems: Problems) -> None:
    for requirement in requirements:
        if any(cells[name] for name in requirement):
            continue
        name = requirement[0]
        if requirement == REGION and geo.country_code(cells["country"]) != "US":
            name = "province"
        if cells.has(name):
            problems[cells.where(name)] = f"This cell is empty; it must hold {NEEDS[name]}."
        else:
            problems[cells.where(name)] = f"The file has no column for {NEEDS[name]}."


def _recipient_of(cells: _Cells) -> Address | None:
    """A later row's recipient, or None when it leaves the recipient to the first row."""
    return _recipient(cells)[0] if any(cells[name] for name in RECIPIENT_FIELDS) else None


def _recipient(cells: _Cells) -> tuple[Address, Problems]:
    problems: Problems = {}
    first, last = cells["first_name"], cells["last_name"]
    if not (first or last):
        first, last = split_name(cells["full_name"])
    country_text = cells["country"]
    country = geo.country_code(country_text) or ""
    if country_text and not country:
        problems[cells.where("country")] = (
            f"“{country_text}” is not a country fwdesk knows: write its English name or its "
            "two-letter code."
        )
    state, province = _region(cells["state"], cells["province"], country)
    address = Address(
        first_name=first,
        last_name=last,
        address_1=cells["address_1"],
        zip_postal_code=_unquoted(cells["zip"]),
        country_code=country.lower(),
        company_name=cells["company"] or None,
        address_2=cells["address_2"] or None,
        address_3=cells["address_3"] or None,
        city=cells["city"] or None,
        state_code=state,
        province=province,
        phone=_unquoted(cells["phone"]) or None,
        email=cells["email"] or None,
    )
    return address, problems


def split_name(full_name: str) -> tuple[str, str]:
    """(first, last) of a name in one cell: the last word is the last name. A single word is
    a first name only; the order check then asks for the last name."""
    words = full_name.split()
    if len(words) < 2:
        return " ".join(words), ""
    return " ".join(words[:-1]), words[-1]


def _region(state: str, province: str, country: str) -> tuple[str | None, str | None]:
    """(state_code, province): codes for the US, Canada and Australia from either column (a
    code or a name), the province's text elsewhere."""
    if country in geo.SUBDIVIDED:
        text = state or province
        code = geo.state_code(text, country) or text or None
        return (code, None) if country == "US" else (None, code)
    return None, province or state or None


def _unquoted(text: str) -> str:
    return text[1:].lstrip() if text.startswith("'") else text


def _row_item(cells: _Cells, problems: Problems) -> list[SourceItem]:
    """The item of a layout with one row per item."""
    return [
        SourceItem(
            row=cells.row.number,
            quantity=_quantity(cells, problems),
            title=cells["title"],
            source_sku=cells["source_sku"],
            listing=cells["listing"],
            variation=cells["variation"],
            product_sku=cells["product_sku"] or None,
            image_url=cells["image_url"] or None,
            thumb_url=cells["thumb_url"] or None,
            pixel_width=_pixels(cells, "pixel_width", problems),
            pixel_height=_pixels(cells, "pixel_height", problems),
            sale_price=_money(cells, "sale_price", problems),
        )
    ]


def _etsy_order_items(cells: _Cells, problems: Problems) -> list[SourceItem]:
    """Etsy's Sold Orders has one row per order and lists its SKUs in one cell. One SKU gets
    all the order's items; several are one each when the count says so, and otherwise
    their quantities are unknown rather than guessed, since a guess prints the wrong number."""
    row = cells.row.number
    count = _quantity(cells, problems)
    skus = [sku.strip() for sku in cells["source_sku"].split(",") if sku.strip()]
    if len(skus) < 2:
        if not skus:
            problems[cells.where("source_sku")] = NO_SKU
        return [SourceItem(row, count, source_sku="".join(skus))]
    if count == len(skus):
        return [SourceItem(row, 1, source_sku=sku) for sku in skus]
    if count is not None:
        problems[cells.where("quantity")] = NO_QUANTITIES.format(count=count, skus=len(skus))
    return [SourceItem(row, None, source_sku=sku) for sku in skus]


_WHOLE = re.compile(r"[+-]?\d+(\.0*)?")


def _quantity(cells: _Cells, problems: Problems) -> int | None:
    """A whole number, also as a spreadsheet may write it ("2.0"); an empty cell is reported
    by the required check, anything else unreadable here."""
    text = cells["quantity"]
    if _WHOLE.fullmatch(text):
        return int(Decimal(text))
    if text:
        problems[cells.where("quantity")] = (
            f"“{text}” is not a quantity: write a whole number such as 1 or 2."
        )
    return None


def _pixels(cells: _Cells, name: str, problems: Problems) -> int | None:
    text = cells[name]
    if text and _WHOLE.fullmatch(text):
        return int(Decimal(text))
    if text:
        problems[cells.where(name)] = f"“{text}” is not a number of pixels."
    return None


def _money(cells: _Cells, name: str, problems: Problems) -> Decimal | None:
    text = cells[name]
    amount = parse_amount(text)
    if text and amount is None:
        problems[cells.where(name)] = f"“{text}” is not an amount of money."
    return amount


def parse_amount(text: str) -> Decimal | None:
    """An amount as exports write it: currency signs and codes, spaces and thousands marks
    are dropped. With both "," and "." the later one is the decimal mark; a lone "," is one
    too unless three digits follow it ("12,50" but "1,250"), as in English exports."""
    digits = re.sub(r"[^\d,.\-]", "", text)
    if not re.fullmatch(r"-?[\d.,]*\d[\d.,]*", digits):
        return None
    if "," in digits and "." in digits:
        thousands = "," if digits.rfind(".") > digits.rfind(",") else "."
        digits = digits.replace(thousands, "").replace(",", ".")
    elif "," in digits:
        decimal_comma = digits.count(",") == 1 and len(digits.rsplit(",", 1)[1]) != 3
        digits = digits.replace(",", "." if decimal_comma else "")
    elif digits.count(".") > 1:
        digits = digits.replace(".", "")
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def _etsy(header: str) -> tuple[str, ...]:
    """An Etsy "Ship ..." header and its British "Delivery ..." form."""
    return header, header.replace("Ship ", "Delivery ", 1)


def _fwdesk_layout() -> _Layout:
    """fwdesk's own sheet (its sku is a FinerWorks code)."""
    field_of = {
        "order_ref": "reference",
        "company_name": "company",
        "state_code": "state",
        "zip_postal_code": "zip",
        "country_code": "country",
        "sku": "product_sku",
    }
    required = [field_of.get(c, c) for c in FWDESK_REQUIRED_COLUMNS]
    item_fields = {field_of.get(c, c) for c in FWDESK_ITEM_COLUMNS}
    return _Layout(
        columns={field_of.get(c, c): (c,) for c in FWDESK_COLUMNS},
        order_required=tuple((f,) for f in required if f not in item_fields),
        item_required=tuple((f,) for f in required if f in item_fields),
        items=_row_item,
    )


LAYOUTS: dict[Source, _Layout] = {
    Source.FINERWORKS: _Layout(
        columns={
            "reference": ("order_po",),
            "first_name": ("ship_first_name",),
            "last_name": ("ship_last_name",),
            "company": ("ship_company_name",),
            "address_1": ("ship_address_1",),
            "address_2": ("ship_address_2",),
            "city": ("ship_city",),
            "state": ("ship_state_code",),
            "province": ("ship_province",),
            "zip": ("ship_zip",),
            "country": ("ship_country_code",),
            "phone": ("ship_phone",),
            "email": ("ship_email",),
            "quantity": ("product_qty",),
            "product_sku": ("product_sku",),
            "image_url": ("product_image_file_url",),
            "thumb_url": ("product_thumb_url",),
            "shipping_code": ("shipping_code",),
            "webhook_order_status_url": ("webhook_order_status_url",),
        },
        # API.md 9.8's required cells, and the country, which 9.8 leaves optional but without
        # which fwdesk would have to guess where the order goes.
        order_required=(
            ("reference",),
            ("first_name",),
            ("last_name",),
            ("address_1",),
            ("city",),
            REGION,
            ("zip",),
            ("country",),
            ("phone",),
        ),
        item_required=(("quantity",), ("product_sku",)),
        items=_row_item,
        reference=lambda text: text.strip().removeprefix("#").strip(),
    ),
    Source.ETSY_ITEMS: _Layout(
        columns={
            "reference": ("Order ID",),
            "full_name": _etsy("Ship Name"),
            "address_1": _etsy("Ship Address1"),
            "address_2": _etsy("Ship Address2"),
            "city": _etsy("Ship City"),
            "state": _etsy("Ship State"),
            "zip": _etsy("Ship Zipcode"),
            "country": _etsy("Ship Country"),
            "quantity": ("Quantity",),
            "title": ("Item Name",),
            "sale_price": ("Price",),
            "source_sku": ("SKU",),
            "listing": ("Listing ID",),
            "variation": ("Variations",),
            "currency": ("Currency",),
        },
        order_required=(
            ("reference",),
            ("full_name",),
            ("address_1",),
            ("city",),
            ("zip",),
            ("country",),
        ),
        item_required=(("quantity",),),
        items=_row_item,
    ),
    Source.ETSY_ORDERS: _Layout(
        columns={
            "reference": ("Order ID",),
            "full_name": ("Full Name",),
            "first_name": ("First Name",),
            "last_name": ("Last Name",),
            "address_1": ("Street 1",),
            "address_2": ("Street 2",),
            "city": _etsy("Ship City"),
            "state": _etsy("Ship State"),
            "zip": _etsy("Ship Zipcode"),
            "country": _etsy("Ship Country"),
            "quantity": ("Number of Items",),
            "source_sku": ("SKU",),
            "currency": ("Currency",),
            "sale_total": ("Order Total", "Order Value"),
            "status": ("Status",),
        },
        order_required=(
            ("reference",),
            ("full_name", "first_name"),
            ("address_1",),
            ("city",),
            ("zip",),
            ("country",),
        ),
        item_required=(("quantity",),),
        items=_etsy_order_items,
    ),
    Source.SHOPIFY: _Layout(
        columns={
            "reference": ("Name",),
            "email": ("Email",),
            "currency": ("Currency",),
            "sale_total": ("Total",),
            "cancelled_at": ("Cancelled at",),
            "quantity": ("Lineitem quantity",),
            "title": ("Lineitem name",),
            "listing": ("Lineitem name",),
            "sale_price": ("Lineitem price",),
            "source_sku": ("Lineitem sku",),
            "requires_shipping": ("Lineitem requires shipping",),
            "full_name": ("Shipping Name",),
            "company": ("Shipping Company",),
            "address_1": ("Shipping Address1",),
            "address_2": ("Shipping Address2",),
            "city": ("Shipping City",),
            "state": ("Shipping Province",),
            "province": ("Shipping Province Name",),
            "zip": ("Shipping Zip",),
            "country": ("Shipping Country",),
            "phone": ("Shipping Phone",),
        },
        order_required=(
            ("reference",),
            ("full_name",),
            ("address_1",),
            ("city",),
            ("zip",),
            ("country",),
        ),
        item_required=(("quantity",),),
        items=_row_item,
    ),
    Source.FWDESK: _fwdesk_layout(),
}


def _mapped_layout(mapping: ColumnMapping | None) -> _Layout:
    """The shop's mapping as a layout. Without an order number every row is an order; the
    name is read from whichever of full name and first name is filled."""
    if mapping is None or mapping.missing():
        raise ValueError("A column mapping with every required field is needed.")
    mapped = mapping.columns
    if "full_name" in mapped:
        names: tuple[Requirement, ...] = (
            tuple(n for n in ("full_name", "first_name") if n in mapped),
        )
    else:
        names = (("first_name",), ("last_name",))
    reference: tuple[Requirement, ...] = (("reference",),) if "reference" in mapped else ()
    skus = tuple(n for n in ("product_sku", "source_sku") if n in mapped)
    return _Layout(
        columns={name: (header,) for name, header in mapped.items()},
        order_required=(*reference, *names, ("address_1",), ("zip",), ("country",)),
        item_required=(("quantity",), skus),
        items=_row_item,
    )
